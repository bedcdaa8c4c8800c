// The deployment agreement through HTTP: written, signed by both schools, changed after
// signing (both signatures cleared, both needed again), racing edits and signatures; and the
// receiving school's impact rating beside the supporter's, feeding the track record as
// documented in server/domain/impact.ts.
import { decodeIdOfType } from '../../server/auth/global-id';
import { AuditEntry } from '../../server/models/audit-entry';
import { Deployment } from '../../server/models/deployment';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';
import { type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
let lead: string;
let homeHead: string;
let receivingHead: string;
let otherHead: string;
const ids = {} as Record<'trust' | 'home' | 'receiving' | 'other', string>;

const AGREEMENT_FIELDS = `agreement { objectives sessions { date note } reviewDate finalReport version signedByBoth receivingSignature { by { sub role } } supportingSignature { by { sub role } } changedBy { sub } }`;
const UPDATE = `mutation ($input: UpdateDeploymentAgreementInput!) { updateDeploymentAgreement(input: $input) { deployment { id ${AGREEMENT_FIELDS} } userErrors { field message code } } }`;
const SIGN = `mutation ($input: SignDeploymentAgreementInput!) { signDeploymentAgreement(input: $input) { deployment { id ${AGREEMENT_FIELDS} } userErrors { field message code } } }`;
const RATE = `mutation ($input: RateDeploymentImpactInput!) { rateDeploymentImpact(input: $input) { deployment { id impactRating impactEvidence receivingImpact { rating evidence by { role } } impact { supporterRating supporterEvidence receivingRating receivingEvidence trackRecordRating } } userErrors { field message code } } }`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field message code } } }`;
const MOVE = (name: string, input = 'DeploymentIdInput') => `mutation ($input: ${input}!) { ${name}(input: $input) { deployment { id status } userErrors { field message code } } }`;

const plan = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  objectives: ['Pupils explain their reasoning in maths', 'Teachers plan for misconceptions'],
  sessions: [{ date: '2031-02-03', note: 'lesson study' }, { date: '2031-01-13', note: 'audit' }],
  reviewDate: '2031-03-03',
  ...extra,
});

async function proposeOne(days = 2): Promise<{ id: string; staffId: string }> {
  const supporter = await createStaff(api, admin, ids.home, { capacityDays: 20 });
  const need = await raiseNeed(api, admin, ids.receiving, { daysRequested: days });
  const { deployment } = await must(api, PROPOSE, { input: { needId: need.id, staffId: supporter.id, days } }, lead, 'proposeDeployment');
  return { id: deployment.id, staffId: supporter.id };
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-agreement' });
  ids.trust = await createTrust(api, admin, 'Agreement Trust');
  ids.home = await createAcademy(api, admin, { name: 'Home Primary', trustId: ids.trust });
  ids.receiving = await createAcademy(api, admin, { name: 'Receiving Primary', trustId: ids.trust });
  ids.other = await createAcademy(api, admin, { name: 'Other Primary', trustId: ids.trust });
  lead = await api.token('IMPROVEMENT_LEAD', { trustId: ids.trust, sub: 'lead-agreement' });
  homeHead = await api.token('HEADTEACHER', { academyId: ids.home, trustId: ids.trust, sub: 'head-home' });
  receivingHead = await api.token('HEADTEACHER', { academyId: ids.receiving, trustId: ids.trust, sub: 'head-receiving' });
  otherHead = await api.token('HEADTEACHER', { academyId: ids.other, trustId: ids.trust, sub: 'head-other' });
});
afterAll(async () => {
  await api.close();
});

describe('the deployment agreement', () => {
  it('is written, signed by both schools, and a change after signing clears both signatures until both sign again', async () => {
    const { id } = await proposeOne();
    // Nothing to sign before it is written; a school that is neither side may not write it.
    expect((await api.gql(SIGN, { input: { id, version: 1 } }, { token: receivingHead })).data.signDeploymentAgreement.userErrors).toEqual([expect.objectContaining({ code: 'NO_AGREEMENT' })]);
    expect((await api.gql(UPDATE, { input: plan(id) }, { token: otherHead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const written = (await must(api, UPDATE, { input: plan(id, { expectedVersion: 0 }) }, receivingHead, 'updateDeploymentAgreement')).deployment.agreement;
    expect(written).toMatchObject({
      version: 1,
      signedByBoth: false,
      receivingSignature: null,
      supportingSignature: null,
      reviewDate: '2031-03-03',
      // Sessions earliest first.
      sessions: [{ date: '2031-01-13', note: 'audit' }, { date: '2031-02-03', note: 'lesson study' }],
      changedBy: { sub: 'head-receiving' },
    });

    const byReceiving = (await must(api, SIGN, { input: { id, version: 1 } }, receivingHead, 'signDeploymentAgreement')).deployment.agreement;
    expect(byReceiving).toMatchObject({ signedByBoth: false, receivingSignature: { by: { sub: 'head-receiving' } }, supportingSignature: null });
    expect((await api.gql(SIGN, { input: { id, version: 1 } }, { token: receivingHead })).data.signDeploymentAgreement.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_SIGNED' })]);
    expect((await api.gql(SIGN, { input: { id, version: 1 } }, { token: otherHead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const both = (await must(api, SIGN, { input: { id, version: 1 } }, homeHead, 'signDeploymentAgreement')).deployment.agreement;
    expect(both).toMatchObject({ signedByBoth: true, supportingSignature: { by: { sub: 'head-home', role: 'HEADTEACHER' } } });

    // Saving the same words keeps the signatures.
    expect((await must(api, UPDATE, { input: plan(id) }, homeHead, 'updateDeploymentAgreement')).deployment.agreement).toMatchObject({ version: 1, signedByBoth: true });

    // Changed after signing: both signatures cleared, a new version.
    const changed = (await must(api, UPDATE, { input: plan(id, { reviewDate: '2031-03-10' }) }, homeHead, 'updateDeploymentAgreement')).deployment.agreement;
    expect(changed).toMatchObject({ version: 2, signedByBoth: false, receivingSignature: null, supportingSignature: null, reviewDate: '2031-03-10' });
    // A signature for the old version is refused: the signer has not read the new words.
    expect((await api.gql(SIGN, { input: { id, version: 1 } }, { token: receivingHead })).data.signDeploymentAgreement.userErrors).toEqual([
      expect.objectContaining({ field: ['version'], code: 'AGREEMENT_CHANGED' }),
    ]);
    // The lead signs for both sides of a deployment inside their trust, in one call.
    expect((await must(api, SIGN, { input: { id, version: 2 } }, lead, 'signDeploymentAgreement')).deployment.agreement).toMatchObject({ signedByBoth: true, receivingSignature: { by: { role: 'IMPROVEMENT_LEAD' } } });

    const audit = await AuditEntry.find({ entityType: 'Deployment', entityId: decodeIdOfType(id, 'Deployment'), action: /^AGREEMENT/ }).sort({ at: 1 }).lean();
    expect(audit.map((e) => e.action)).toEqual(['AGREEMENT_CHANGED', 'AGREEMENT_SIGNED', 'AGREEMENT_SIGNED', 'AGREEMENT_CHANGED', 'AGREEMENT_SIGNED']);
    expect(audit[3]!.changes.signaturesCleared).toEqual({ from: ['receiving', 'supporting'], to: [] });
  });

  it('names the field of bad input and writes nothing; refuses a stale edit; of racing edits one wins', async () => {
    const { id } = await proposeOne();
    const errorsOf = async (input: Record<string, unknown>) => (await api.gql(UPDATE, { input }, { token: lead })).data.updateDeploymentAgreement.userErrors;
    expect(await errorsOf(plan(id, { objectives: [] }))).toEqual([expect.objectContaining({ field: ['objectives'], code: 'INVALID' })]);
    expect(await errorsOf(plan(id, { objectives: ['ok', 'fine objective'] }))).toEqual([expect.objectContaining({ field: ['objectives', '0'] })]);
    expect(await errorsOf(plan(id, { finalReport: 'x'.repeat(8001) }))).toEqual([expect.objectContaining({ field: ['finalReport'] })]);
    expect(await errorsOf(plan('bad'))).toEqual([expect.objectContaining({ field: ['id'], code: 'INVALID_ID' })]);
    expect((await Deployment.findById(decodeIdOfType(id, 'Deployment')).lean())!.agreement).toBeNull();

    await must(api, UPDATE, { input: plan(id) }, lead, 'updateDeploymentAgreement');
    expect(await errorsOf(plan(id, { expectedVersion: 0, reviewDate: '2031-04-01' }))).toEqual([expect.objectContaining({ field: ['expectedVersion'], code: 'AGREEMENT_CHANGED' })]);

    const racing = await Promise.all(['2031-05-01', '2031-05-02', '2031-05-03'].map((reviewDate) => api.gql(UPDATE, { input: plan(id, { reviewDate, expectedVersion: 1 }) }, { token: lead })));
    const won = racing.filter((r) => r.data.updateDeploymentAgreement.deployment);
    expect(won).toHaveLength(1);
    const stored = (await Deployment.findById(decodeIdOfType(id, 'Deployment')).lean())!.agreement!;
    expect(stored.version).toBe(2);
    expect(stored.reviewDate!.toISOString().slice(0, 10)).toBe(won[0]!.data.updateDeploymentAgreement.deployment.agreement.reviewDate);
  });
});

describe('impact rated by both schools', () => {
  it('keeps the supporter’s rating, adds the receiving school’s, and the track record counts their mean (the school’s alone when only it rated)', async () => {
    const { id, staffId } = await proposeOne();
    for (const move of ['agreeDeployment', 'startDeployment']) await must(api, MOVE(move), { input: { id } }, admin, move);
    // Not before completion.
    expect((await api.gql(RATE, { input: { id, rating: 3, evidence: 'Reasoning is now heard in every class' } }, { token: receivingHead })).data.rateDeploymentImpact.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    ]);
    await must(api, MOVE('completeDeployment', 'CompleteDeploymentInput'), { input: { id, impactRating: 4, impactEvidence: 'Every class now uses reasoning prompts' } }, admin, 'completeDeployment');

    // Only the receiving side rates; bad input names its field.
    expect((await api.gql(RATE, { input: { id, rating: 3, evidence: 'Reasoning is now heard in every class' } }, { token: homeHead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(RATE, { input: { id, rating: 5, evidence: 'Reasoning is now heard in every class' } }, { token: receivingHead })).data.rateDeploymentImpact.userErrors).toEqual([expect.objectContaining({ field: ['rating'] })]);
    expect((await api.gql(RATE, { input: { id, rating: 3, evidence: 'short' } }, { token: receivingHead })).data.rateDeploymentImpact.userErrors).toEqual([expect.objectContaining({ field: ['evidence'] })]);

    const rated = (await must(api, RATE, { input: { id, rating: 3, evidence: 'Reasoning is now heard in every class' } }, receivingHead, 'rateDeploymentImpact')).deployment;
    // Existing clients still read the supporter's rating where it always was.
    expect(rated).toMatchObject({ impactRating: 4, impactEvidence: 'Every class now uses reasoning prompts', receivingImpact: { rating: 3, by: { role: 'HEADTEACHER' } } });
    expect(rated.impact).toEqual({ supporterRating: 4, supporterEvidence: 'Every class now uses reasoning prompts', receivingRating: 3, receivingEvidence: 'Reasoning is now heard in every class', trackRecordRating: 3.5 });

    // The ranking's track record: one completed deployment at 3.5 of 4.
    const need = await raiseNeed(api, admin, ids.other, { daysRequested: 2 });
    const ranking = await api.gql(`query ($id: ID!) { rankCandidates(needId: $id, first: 100) { candidates { candidate { ... on StaffMember { id } } factors { name detail } } } }`, { id: need.id }, { token: lead });
    const mine = ranking.data.rankCandidates.candidates.find((c: any) => c.candidate.id === staffId);
    expect(mine.factors.find((f: any) => f.name === 'trackRecord').detail).toMatch(/^1 completed deployment in .*, mean impact 3\.5\/4/);

    // Only the school's rating: it counts alone (a record the supporter never rated).
    await Deployment.updateOne({ _id: decodeIdOfType(id, 'Deployment') }, { $set: { impactRating: null } });
    const alone = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Deployment { impact { supporterRating receivingRating trackRecordRating } } } }`, { id }, { token: lead });
    expect(alone.data.node.impact).toEqual({ supporterRating: null, receivingRating: 3, trackRecordRating: 3 });
    const audit = await AuditEntry.find({ entityType: 'Deployment', entityId: decodeIdOfType(id, 'Deployment'), action: 'RECEIVING_IMPACT_RATED' }).lean();
    expect(audit).toHaveLength(1);
  });
});
