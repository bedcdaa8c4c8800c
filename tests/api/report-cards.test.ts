// recordOfstedReportCard: a report card recorded by hand, through the API. Bad input is
// refused naming the field, writing nothing; only a trust's own lead (or an ADMIN) may record;
// the rules follow the new card at once (priority with its explanation, the home-school rule).
import { AuditEntry } from '../../server/models/audit-entry';
import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

const RECORD = `mutation ($input: RecordOfstedReportCardInput!) {
  recordOfstedReportCard(input: $input) {
    academy { id ofstedRating ofstedReportCard { inspectedOn safeguarding grades { area grade } } latestInspection { framework label mustNotLendStaff mustNotLendReason } }
    userErrors { field message code }
  }
}`;
const NEED = `query ($id: ID!) { node(id: $id) { ... on ImprovementNeed { priorityFactors { name value detail } } } }`;
const RANK = `query ($needId: ID!) { rankCandidates(needId: $needId) { exclusions { reason count } candidates { candidate { ... on StaffMember { id } } } } }`;

const SIX = ['INCLUSION', 'CURRICULUM_AND_TEACHING', 'ACHIEVEMENT', 'ATTENDANCE_AND_BEHAVIOUR', 'PERSONAL_DEVELOPMENT_AND_WELLBEING', 'LEADERSHIP_AND_GOVERNANCE'];
const grades = (grade: string, overrides: Record<string, string> = {}) => SIX.map((area) => ({ area, grade: overrides[area] ?? grade }));

let api: TestApi;
let admin: string;
let lead: string;
let otherLead: string;
let school: string;
let other: string;
let teacher: string;
let needAtSchool: string;
let needElsewhere: string;
let trust: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trust = await createTrust(api, admin, 'Kernow Learning');
  const otherTrust = await createTrust(api, admin, 'Mendip Learning');
  lead = await api.token('IMPROVEMENT_LEAD', { trustId: trust });
  otherLead = await api.token('IMPROVEMENT_LEAD', { trustId: otherTrust });
  school = await createAcademy(api, admin, { trustId: trust, ofstedRating: 'OUTSTANDING' });
  other = await createAcademy(api, admin, { trustId: trust });
  teacher = (await createStaff(api, admin, school)).id;
  needAtSchool = (await raiseNeed(api, admin, school, { area: 'ENGLISH' })).id;
  needElsewhere = (await raiseNeed(api, admin, other)).id;
});
afterAll(() => api.close());

const record = (input: Record<string, unknown>, token = lead) => api.gql(RECORD, { input: { academyId: school, inspectedOn: '2026-03-12', safeguarding: 'MET', grades: grades('EXPECTED_STANDARD'), ...input } }, { token });
const audits = () => AuditEntry.countDocuments({ action: 'REPORT_CARD_RECORDED' });

describe('bad input: refused naming the field, nothing written', () => {
  it.each([
    ['an area missing', { grades: grades('EXPECTED_STANDARD').slice(1) }, ['grades'], 'REQUIRED', /inclusion \(INCLUSION\): it is missing/],
    ['an area twice', { grades: [...grades('EXPECTED_STANDARD'), { area: 'INCLUSION', grade: 'EXCEPTIONAL' }] }, ['grades', '6', 'area'], 'DUPLICATE', /graded twice \(also grades.0\)/],
    ['before report cards began', { inspectedOn: '2025-06-01' }, ['inspectedOn'], 'INVALID', /report cards began on 2025-11-10/],
    ['in the future', { inspectedOn: '2099-01-01' }, ['inspectedOn'], 'INVALID', /must not be in the future/],
  ])('%s', async (_what, input, field, code, message) => {
    const res = await record(input);
    expect(res.errors).toBeUndefined();
    expect(res.data.recordOfstedReportCard.academy).toBeNull();
    expect(res.data.recordOfstedReportCard.userErrors).toEqual([expect.objectContaining({ field, code, message: expect.stringMatching(message) })]);
    expect(await audits()).toBe(0);
  });

  it('an unknown grade is refused by the schema', async () => {
    const res = await record({ grades: grades('BRILLIANT') });
    expect(res.errors?.[0]?.message).toMatch(/ReportCardGrade/);
    expect(await audits()).toBe(0);
  });

  it("another trust's lead may not record it", async () => {
    const res = await record({}, otherLead);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await audits()).toBe(0);
  });
});

describe('recorded by the trust lead', () => {
  it('becomes the latest inspection; the judgement stays as history; audited', async () => {
    const res = await record({ grades: grades('EXPECTED_STANDARD', { ACHIEVEMENT: 'NEEDS_ATTENTION' }).reverse() });
    expect(res.data.recordOfstedReportCard.userErrors).toEqual([]);
    const a = res.data.recordOfstedReportCard.academy;
    expect(a.ofstedRating).toBe('OUTSTANDING');
    expect(a.ofstedReportCard.grades.map((g: { area: string }) => g.area)).toEqual(SIX); // in Ofsted's order
    expect(a.latestInspection).toEqual({ framework: 'REPORT_CARD', label: 'Ofsted report card, 12 Mar 2026', mustNotLendStaff: false, mustNotLendReason: null });
    expect(await audits()).toBe(1);
  });

  it("the need's priority follows at once, naming the report card", async () => {
    const res = await api.gql(NEED, { id: needAtSchool }, { token: admin });
    const f = res.data.node.priorityFactors.find((x: { name: string }) => x.name === 'ofstedRating');
    expect(f.value).toBeCloseTo((5 * 0.4 + 0.7) / 6, 9);
    expect(f.detail).toBe('Ofsted report card, 12 Mar 2026: safeguarding met; mean of 6 area grades (5 expected standard, 1 needs attention) = 0.45');
  });

  it('an older card than the one recorded is refused', async () => {
    const res = await record({ inspectedOn: '2026-01-05' });
    expect(res.data.recordOfstedReportCard.userErrors).toEqual([expect.objectContaining({ field: ['inspectedOn'], code: 'OLDER_THAN_RECORDED' })]);
  });

  it('safeguarding not met: the school keeps its staff (HOME_SCHOOL_INADEQUATE)', async () => {
    const before = await api.gql(RANK, { needId: needElsewhere }, { token: admin });
    expect(before.data.rankCandidates.candidates.map((c: any) => c.candidate.id)).toContain(teacher);
    const res = await record({ inspectedOn: '2026-04-20', safeguarding: 'NOT_MET' });
    expect(res.data.recordOfstedReportCard.academy.latestInspection).toMatchObject({ mustNotLendStaff: true, mustNotLendReason: 'safeguarding not met' });
    const after = await api.gql(RANK, { needId: needElsewhere }, { token: admin });
    expect(after.data.rankCandidates.candidates.map((c: any) => c.candidate.id)).not.toContain(teacher);
    expect(after.data.rankCandidates.exclusions.find((e: any) => e.reason === 'HOME_SCHOOL_INADEQUATE').count).toBe(1);
  });

  it('a hub led by it is warned of the report card, on its own terms', async () => {
    const name = (await api.gql('query ($id: ID!) { node(id: $id) { ... on Academy { name } } }', { id: school }, { token: admin })).data.node.name;
    const payload = await must(api, CREATE_CLUSTER, { input: { name: 'Bodmin Hub', trustId: trust, leadAcademyId: school, memberAcademyIds: [school, other] } }, admin, 'createCluster');
    expect(payload.warnings).toContain(
      `The lead academy ${name}'s latest inspection (Ofsted report card, 20 Apr 2026) has safeguarding not met; a lead academy is normally strong across its report card.`,
    );
  });
});
