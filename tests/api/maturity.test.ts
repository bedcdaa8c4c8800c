// The maturity self-assessment through the API: the proposed stages of Steps 6, 8 and 9 on a
// trust built for each stage, recording (accepting and overriding) with the history kept, who
// may read and record, and bad input writing nothing.
import { encodeGlobalId, startTestApi, type TestApi } from '../support/test-api';
import { createAcademy, createTrust } from '../support/world';
import { type BuiltTrust, type Stage, trustAtStage } from '../support/maturity-world';

const MATURITY = `query ($trustId: ID!) {
  trustMaturity(trustId: $trustId) {
    trust { id name }
    schoolYear
    steps {
      step label title
      descriptors { stage label text }
      current { stage evidence proposedStage decision assessedBy { sub role } assessedAt proposalReasons { measure value detail } }
      previous { stage }
      history { stage decision }
      proposal { stage schoolYear reasons { measure value detail } criteria { stage requirement met } toReachNextStage }
    }
  }
}`;
const RECORD = `mutation ($input: RecordMaturityAssessmentInput!) {
  recordMaturityAssessment(input: $input) {
    assessment { step stage evidence proposedStage decision proposalSchoolYear assessedBy { sub role } }
    userErrors { field message code }
  }
}`;

let api: TestApi;
let admin: string;
const built = new Map<Stage, BuiltTrust>();

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  for (const stage of ['BEGINNING', 'DEVELOPING', 'EMBEDDING', 'LEADING'] as const) built.set(stage, await trustAtStage(api, admin, stage));
}, 300_000);
afterAll(() => api.close());

async function maturity(trustId: string, token: string) {
  const res = await api.gql(MATURITY, { trustId }, { token });
  return res;
}
const stepOf = (data: any, step: string) => data.trustMaturity.steps.find((s: any) => s.step === step);

describe('proposed stages from the records', () => {
  it.each(['BEGINNING', 'DEVELOPING', 'EMBEDDING', 'LEADING'] as const)('a trust built for %s is proposed that stage on Steps 6, 8 and 9, with reasons', async (stage) => {
    const t = built.get(stage)!;
    const res = await maturity(t.trustId, admin);
    expect(res.errors).toBeUndefined();
    for (const step of ['STEP_6', 'STEP_8', 'STEP_9']) {
      const row = stepOf(res.data, step);
      expect({ step, stage: row.proposal.stage }).toEqual({ step, stage });
      expect(row.proposal.reasons.length).toBeGreaterThanOrEqual(3);
      expect(row.proposal.toReachNextStage.length > 0).toBe(stage !== 'LEADING');
    }
  });

  it('names the measures with their counts (the Embedding trust)', async () => {
    const res = await maturity(built.get('EMBEDDING')!.trustId, admin);
    const step6 = stepOf(res.data, 'STEP_6').proposal;
    expect(step6.reasons.find((r: any) => r.measure === 'needsMetFromOwnSchoolsShare')).toMatchObject({ value: 1 });
    expect(step6.reasons.find((r: any) => r.measure === 'namedImpactShare')).toMatchObject({ value: 0.5 });
    const step9 = stepOf(res.data, 'STEP_9').proposal;
    expect(step9.reasons.find((r: any) => r.measure === 'daysGivenBeyond')).toMatchObject({ value: 10 });
    expect(step9.reasons.find((r: any) => r.measure === 'systemLeaders').detail).toBe('system leaders by designation: 0 NLE, 0 LLE, 1 SLE, 0 NLG');
  });

  it('lists the overall row and Steps 1-9 with the tool\'s descriptors; only Steps 6, 8, 9 carry a proposal', async () => {
    const res = await maturity(built.get('BEGINNING')!.trustId, admin);
    const steps = res.data.trustMaturity.steps;
    expect(steps.map((s: any) => s.step)).toEqual(['OVERALL', 'STEP_1', 'STEP_2', 'STEP_3', 'STEP_4', 'STEP_5', 'STEP_6', 'STEP_7', 'STEP_8', 'STEP_9']);
    expect(steps.filter((s: any) => s.proposal).map((s: any) => s.step)).toEqual(['STEP_6', 'STEP_8', 'STEP_9']);
    expect(stepOf(res.data, 'STEP_6').descriptors.find((d: any) => d.stage === 'LEADING').text).toContain('know the impact of their work and can name it');
    expect(res.data.trustMaturity.schoolYear).toMatch(/^\d{4}\/\d{2}$/);
  });
});

describe('recording', () => {
  it('accepting and then overriding keep both, newest first, with the proposal beside each', async () => {
    const t = built.get('EMBEDDING')!;
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId: t.trustId, sub: 'lead-embedding' });
    const accepted = await api.gql(RECORD, { input: { trustId: t.trustId, step: 'STEP_6', stage: 'EMBEDDING', evidence: 'Coaching groups in maths across both schools' } }, { token: lead });
    expect(accepted.data.recordMaturityAssessment).toMatchObject({
      userErrors: [],
      assessment: { step: 'STEP_6', stage: 'EMBEDDING', proposedStage: 'EMBEDDING', decision: 'ACCEPTED', assessedBy: { sub: 'lead-embedding', role: 'IMPROVEMENT_LEAD' } },
    });
    const overridden = await api.gql(RECORD, { input: { trustId: t.trustId, step: 'STEP_6', stage: 'DEVELOPING', evidence: 'Impact is not yet named in most classrooms' } }, { token: lead });
    expect(overridden.data.recordMaturityAssessment.assessment).toMatchObject({ stage: 'DEVELOPING', proposedStage: 'EMBEDDING', decision: 'OVERRIDDEN' });

    const row = stepOf((await maturity(t.trustId, lead)).data, 'STEP_6');
    expect(row.history).toEqual([{ stage: 'DEVELOPING', decision: 'OVERRIDDEN' }, { stage: 'EMBEDDING', decision: 'ACCEPTED' }]);
    expect(row.current).toMatchObject({ stage: 'DEVELOPING', evidence: 'Impact is not yet named in most classrooms', proposedStage: 'EMBEDDING' });
    expect(row.current.proposalReasons.map((r: any) => r.measure)).toEqual(['needsMetFromOwnSchoolsShare', 'namedImpactShare', 'supporters']);
    expect(row.previous).toEqual({ stage: 'EMBEDDING' });
  });

  it('a step without data is recorded with no proposal', async () => {
    const t = built.get('LEADING')!;
    const res = await api.gql(RECORD, { input: { trustId: t.trustId, step: 'OVERALL', stage: 'DEVELOPING', evidence: 'Progress in line with national averages in both academies' } }, { token: admin });
    expect(res.data.recordMaturityAssessment.assessment).toMatchObject({ step: 'OVERALL', proposedStage: null, decision: 'NO_PROPOSAL', proposalSchoolYear: null });
  });

  it('simultaneous assessments are all kept', async () => {
    const t = built.get('DEVELOPING')!;
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) => api.gql(RECORD, { input: { trustId: t.trustId, step: 'STEP_3', stage: 'BEGINNING', evidence: `Review ${i}` } }, { token: admin })),
    );
    const row = stepOf((await maturity(t.trustId, admin)).data, 'STEP_3');
    expect(row.history).toHaveLength(5);
  });

  it('bad input is named field by field and writes nothing', async () => {
    const t = built.get('BEGINNING')!;
    const blank = await api.gql(RECORD, { input: { trustId: t.trustId, step: 'STEP_1', stage: 'LEADING', evidence: '   ' } }, { token: admin });
    expect(blank.data.recordMaturityAssessment).toEqual({ assessment: null, userErrors: [{ field: ['evidence'], message: 'evidence: give the evidence for this stage', code: 'INVALID' }] });
    const wrongId = await api.gql(RECORD, { input: { trustId: encodeGlobalId('Academy', '0123456789abcdef01234567'), step: 'STEP_1', stage: 'LEADING', evidence: 'x' } }, { token: admin });
    expect(wrongId.data.recordMaturityAssessment.userErrors).toEqual([{ field: ['trustId'], message: 'trustId is not a valid Trust ID', code: 'INVALID_ID' }]);
    const missing = await api.gql(RECORD, { input: { trustId: encodeGlobalId('Trust', '0123456789abcdef01234567'), step: 'STEP_1', stage: 'LEADING', evidence: 'x' } }, { token: admin });
    expect(missing.data.recordMaturityAssessment.userErrors).toEqual([{ field: ['trustId'], message: 'trustId: no Trust with this ID exists', code: 'NOT_FOUND' }]);
    const badStage = await api.gql(RECORD, { input: { trustId: t.trustId, step: 'STEP_1', stage: 'EXCELLENT', evidence: 'x' } }, { token: admin });
    expect(badStage.errors?.[0]?.message).toContain('EXCELLENT');
    expect(stepOf((await maturity(t.trustId, admin)).data, 'STEP_1').history).toEqual([]);
  });
});

describe('who may', () => {
  it("the trust's headteachers and executive heads read; they, teachers and other trusts' leads may not record", async () => {
    const t = built.get('LEADING')!;
    const head = await api.token('HEADTEACHER', { academyId: t.academies.B });
    const exec = await api.token('EXECUTIVE_HEAD', { clusterId: t.hubId });
    for (const token of [head, exec]) {
      const read = await maturity(t.trustId, token);
      expect(read.errors).toBeUndefined();
      const write = await api.gql(RECORD, { input: { trustId: t.trustId, step: 'STEP_2', stage: 'LEADING', evidence: 'x' } }, { token });
      expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const otherTrust = await createTrust(api, admin, 'Elsewhere Trust');
    const otherSchool = await createAcademy(api, admin, { trustId: otherTrust });
    const otherLead = await api.token('IMPROVEMENT_LEAD', { trustId: otherTrust });
    const otherHead = await api.token('HEADTEACHER', { academyId: otherSchool });
    const teacher = await api.token('TEACHER');
    for (const token of [otherLead, otherHead, teacher]) expect((await maturity(t.trustId, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const write = await api.gql(RECORD, { input: { trustId: t.trustId, step: 'STEP_2', stage: 'LEADING', evidence: 'x' } }, { token: otherLead });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(stepOf((await maturity(t.trustId, admin)).data, 'STEP_2').history).toEqual([]);
    expect((await maturity(t.trustId, '')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
