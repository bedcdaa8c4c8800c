// A school in an Ofsted category of concern keeps its own staff (docs/ofsted-inspections.md):
// the rankings never offer it as a whole and no deployment may be proposed from it, so
// setAcademySupportCapacity refuses to raise its offer, at the field, naming the inspection,
// and writes nothing. Days recorded before stay as they were: reserved days stay with their
// deployments, and the school may lower its offer (0 withdraws it), never below them.
import { decodeGlobalId } from '../../server/auth/global-id';
import { AuditEntry } from '../../server/models/audit-entry';
import { thisYear } from '../support/school-years';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let receiving: string;

const SUPPORT = `query ($id: ID!) {
  node(id: $id) { ... on Academy {
    supportCapacityDays supportRemainingDays
    supportCapacity { schoolYear daysOffered daysCommitted daysLeft }
    latestInspection { label mustNotLendStaff mustNotLendReason }
  } }
}`;
const SET = `mutation ($input: SetAcademySupportCapacityInput!) {
  setAcademySupportCapacity(input: $input) { academy { supportCapacityDays supportRemainingDays } userErrors { field message code } }
}`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) { deployment { id status days } userErrors { field message code } }
}`;
const DEPLOYMENT = `query ($id: ID!) { node(id: $id) { ... on Deployment { status days } } }`;
const RECORD_CARD = `mutation ($input: RecordOfstedReportCardInput!) {
  recordOfstedReportCard(input: $input) { academy { id } userErrors { field message code } }
}`;
const RANK = `query ($needId: ID!) {
  rankCandidates(needId: $needId, kind: ACADEMY, first: 100) { exclusions { reason count } candidates { candidate { ... on Academy { id } } } }
}`;
const AREAS = ['INCLUSION', 'CURRICULUM_AND_TEACHING', 'ACHIEVEMENT', 'ATTENDANCE_AND_BEHAVIOUR', 'PERSONAL_DEVELOPMENT_AND_WELLBEING', 'LEADERSHIP_AND_GOVERNANCE'];

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Concern Support Trust');
  receiving = await createAcademy(api, admin, { name: 'Concern Support Receiving', trustId });
});
afterAll(() => api.close());

async function supportOf(academyId: string) {
  const res = await api.gql(SUPPORT, { id: academyId }, { token: admin });
  expect(res.errors).toBeUndefined();
  return res.data.node;
}

async function capacitySets(academyId: string): Promise<number> {
  return AuditEntry.countDocuments({ entityId: decodeGlobalId(academyId)!.id, action: 'SUPPORT_CAPACITY_SET' });
}

/** A school of the trust with someone expert in SEND (its expertise is its staff's). */
async function school(name: string, ofstedRating = 'GOOD'): Promise<string> {
  const id = await createAcademy(api, admin, { name, trustId, ofstedRating });
  await createStaff(api, admin, id, { expertise: [{ area: 'SEND', level: 'EXPERT', phases: ['PRIMARY'] }] });
  return id;
}

describe('a school in an Ofsted category of concern offers no whole-school support days', () => {
  it('refuses its headteacher an offer, at the field, naming the inspection, and writes nothing', async () => {
    const inadequate = await school('Concern Inadequate', 'INADEQUATE');
    const head = await api.token('HEADTEACHER', { academyId: inadequate });
    const before = await capacitySets(inadequate);

    const res = await api.gql(SET, { input: { academyId: inadequate, supportCapacityDays: 5 } }, { token: head });
    expect(res.errors).toBeUndefined();
    expect(res.data.setAcademySupportCapacity.academy).toBeNull();
    expect(res.data.setAcademySupportCapacity.userErrors).toEqual([
      {
        field: ['supportCapacityDays'],
        code: 'CATEGORY_OF_CONCERN',
        message: expect.stringMatching(/^Concern Inadequate is in an Ofsted category of concern \(judged Inadequate; Ofsted judgement, date not recorded\): it keeps its own staff, so it cannot offer more days \(it offers 0\)/),
      },
    ]);
    expect(await supportOf(inadequate)).toMatchObject({ supportCapacityDays: 0, supportRemainingDays: 0 });
    expect(await capacitySets(inadequate)).toBe(before);

    // The ADMIN is held to the same rule: it is about the school, not who asks.
    const byAdmin = await api.gql(SET, { input: { academyId: inadequate, supportCapacityDays: 1 } }, { token: admin });
    expect(byAdmin.data.setAcademySupportCapacity.userErrors.map((e: { code: string }) => e.code)).toEqual(['CATEGORY_OF_CONCERN']);
    // Setting what it already offers (none) changes nothing and is not refused.
    await must(api, SET, { input: { academyId: inadequate, supportCapacityDays: 0 } }, head, 'setAcademySupportCapacity');
  });

  it('refuses for a report card with urgent improvement in one area, naming the area and the report card', async () => {
    const urgent = await school('Concern Urgent');
    const grades = AREAS.map((area) => ({ area, grade: area === 'ATTENDANCE_AND_BEHAVIOUR' ? 'URGENT_IMPROVEMENT' : 'EXPECTED_STANDARD' }));
    await must(api, RECORD_CARD, { input: { academyId: urgent, inspectedOn: '2026-03-12', safeguarding: 'MET', grades } }, admin, 'recordOfstedReportCard');
    const res = await api.gql(SET, { input: { academyId: urgent, supportCapacityDays: 4 } }, { token: admin });
    expect(res.data.setAcademySupportCapacity.userErrors).toEqual([
      {
        field: ['supportCapacityDays'],
        code: 'CATEGORY_OF_CONCERN',
        message: expect.stringContaining('(urgent improvement in attendance and behaviour; Ofsted report card, 12 Mar 2026)'),
      },
    ]);
    expect(await supportOf(urgent)).toMatchObject({ supportCapacityDays: 0, supportRemainingDays: 0 });
  });

  it('lets a school that may lend offer days as before (needs attention is not a category of concern)', async () => {
    const stretched = await school('Concern Needs Attention');
    const grades = AREAS.map((area) => ({ area, grade: area === 'ACHIEVEMENT' ? 'NEEDS_ATTENTION' : 'EXPECTED_STANDARD' }));
    await must(api, RECORD_CARD, { input: { academyId: stretched, inspectedOn: '2026-03-12', safeguarding: 'MET', grades } }, admin, 'recordOfstedReportCard');
    const set = await must(api, SET, { input: { academyId: stretched, supportCapacityDays: 4 } }, admin, 'setAcademySupportCapacity');
    expect(set.academy).toEqual({ supportCapacityDays: 4, supportRemainingDays: 4 });
  });

  it('keeps days recorded before: reserved days stay with their deployment, the rest lend to no one and may be withdrawn', async () => {
    const supporter = await school('Concern Former Supporter');
    await must(api, SET, { input: { academyId: supporter, supportCapacityDays: 10 } }, admin, 'setAcademySupportCapacity');
    const need = await raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 3 });
    const proposed = await must(api, PROPOSE, { input: { needId: need.id, supportingAcademyId: supporter, days: 3 } }, admin, 'proposeDeployment');

    // Then an inspection puts it in a category of concern.
    const grades = AREAS.map((area) => ({ area, grade: 'EXPECTED_STANDARD' }));
    await must(api, RECORD_CARD, { input: { academyId: supporter, inspectedOn: '2026-03-12', safeguarding: 'NOT_MET', grades } }, admin, 'recordOfstedReportCard');
    const after = await supportOf(supporter);
    expect(after.latestInspection).toEqual({ label: 'Ofsted report card, 12 Mar 2026', mustNotLendStaff: true, mustNotLendReason: 'safeguarding not met' });
    // Nothing recorded is changed by the inspection.
    expect(after.supportCapacity).toEqual({ schoolYear: thisYear.label, daysOffered: 10, daysCommitted: 3, daysLeft: 7 });
    expect((await api.gql(DEPLOYMENT, { id: proposed.deployment.id }, { token: admin })).data.node).toEqual({ status: 'PROPOSED', days: 3 });
    // Its 7 days left are offered to no one: the ranking excludes the school.
    const other = await raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 2 });
    const ranked = (await api.gql(RANK, { needId: other.id }, { token: admin })).data.rankCandidates;
    expect(ranked.candidates.map((c: { candidate: { id: string } }) => c.candidate.id)).not.toContain(supporter);
    expect(ranked.exclusions.find((e: { reason: string }) => e.reason === 'HOME_SCHOOL_INADEQUATE')?.count).toBeGreaterThanOrEqual(1);

    const raise = await api.gql(SET, { input: { academyId: supporter, supportCapacityDays: 11 } }, { token: admin });
    expect(raise.data.setAcademySupportCapacity.userErrors).toEqual([
      { field: ['supportCapacityDays'], code: 'CATEGORY_OF_CONCERN', message: expect.stringContaining('(safeguarding not met; Ofsted report card, 12 Mar 2026)') },
    ]);
    expect(raise.data.setAcademySupportCapacity.userErrors[0].message).toContain('(it offers 10)');

    // Lowering is allowed, down to the days reserved and no further.
    const below = await api.gql(SET, { input: { academyId: supporter, supportCapacityDays: 2 } }, { token: admin });
    expect(below.data.setAcademySupportCapacity.userErrors).toEqual([{ field: ['supportCapacityDays'], code: 'BELOW_COMMITTED', message: expect.stringContaining('3 days') }]);
    const sets = await capacitySets(supporter);
    const withdrawn = await must(api, SET, { input: { academyId: supporter, supportCapacityDays: 3 } }, admin, 'setAcademySupportCapacity');
    expect(withdrawn.academy).toEqual({ supportCapacityDays: 3, supportRemainingDays: 0 });
    expect(await capacitySets(supporter)).toBe(sets + 1);
    expect((await supportOf(supporter)).supportCapacity).toMatchObject({ daysOffered: 3, daysCommitted: 3, daysLeft: 0 });
  });
});
