// Availability windows through the real API: people state when they are free, needs when
// they must be met, and rankings, proposals and allocation plans keep the two together.
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let home: string;
let receiving: string;
let lead: string;

const AUTUMN = { windowStart: '2027-09-01', windowEnd: '2027-12-17' };
const SUMMER_TERM = [{ from: '2027-04-12', to: '2027-07-21' }];

const UPDATE = `mutation ($input: UpdateStaffMemberInput!) {
  updateStaffMember(input: $input) { staffMember { id availability { from to } } userErrors { field message code } }
}`;
const CREATE = `mutation ($input: CreateStaffMemberInput!) {
  createStaffMember(input: $input) { staffMember { id availability { from to } } userErrors { field message code } }
}`;
const RANK = `query ($needId: ID!) {
  rankCandidates(needId: $needId, first: 50) {
    eligibleCount consideredCount exclusions { reason count }
    candidates { candidate { ... on StaffMember { id } } }
  }
}`;
const RANK_NEEDS = `query ($staffId: ID!) { rankNeedsForStaff(staffId: $staffId, first: 50) { need { id } } }`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) { deployment { id status } userErrors { field message code } }
}`;
const PLAN = `query ($input: PlanAllocationInput!) {
  planAllocation(input: $input) { plan { assignments { need { id } staffMember { id } } } userErrors { code } }
}`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Windows Trust');
  home = await createAcademy(api, admin, { name: 'Home', trustId });
  receiving = await createAcademy(api, admin, { name: 'Receiving', trustId });
  lead = await api.token('IMPROVEMENT_LEAD', { trustId });
});
afterAll(() => api.close());

async function ranking(needId: string) {
  const res = await api.gql(RANK, { needId }, { token: admin });
  expect(res.errors).toBeUndefined();
  const r = res.data.rankCandidates;
  return {
    ids: r.candidates.map((c: { candidate: { id: string } }) => c.candidate.id) as string[],
    notAvailable: r.exclusions.find((e: { reason: string }) => e.reason === 'NOT_AVAILABLE_IN_WINDOW').count as number,
    reasons: r.exclusions.map((e: { reason: string }) => e.reason) as string[],
  };
}

describe('stating availability', () => {
  it('createStaffMember and updateStaffMember take stretches of dates; empty means always', async () => {
    const created = await must(api, CREATE, { input: { name: 'Summer Only', email: 'summer.only@example.org.uk', role: 'TEACHER', homeAcademyId: home, capacityDays: 10, availability: SUMMER_TERM } }, admin, 'createStaffMember');
    expect(created.staffMember.availability).toEqual(SUMMER_TERM);
    // A teacher may change their own availability.
    const self = await api.token('TEACHER', { staffId: created.staffMember.id });
    const both = [...SUMMER_TERM, { from: '2027-09-06', to: '2027-10-22' }];
    expect((await must(api, UPDATE, { input: { id: created.staffMember.id, availability: both } }, self, 'updateStaffMember')).staffMember.availability).toEqual(both);
    expect((await must(api, UPDATE, { input: { id: created.staffMember.id, availability: [] } }, self, 'updateStaffMember')).staffMember.availability).toEqual([]);
  });

  it('a stretch ending before it starts is a user error naming it, and nothing is written', async () => {
    const person = await createStaff(api, admin, home, { availability: SUMMER_TERM });
    const res = await api.gql(UPDATE, { input: { id: person.id, availability: [SUMMER_TERM[0], { from: '2027-10-01', to: '2027-09-01' }] } }, { token: admin });
    expect(res.data.updateStaffMember).toMatchObject({ staffMember: null, userErrors: [{ field: ['availability', '1', 'to'], code: 'INVALID' }] });
    const bad = await api.gql(UPDATE, { input: { id: person.id, availability: [{ from: '2027-13-01', to: '2027-12-01' }] } }, { token: admin });
    expect(bad.errors?.[0]?.message).toMatch(/input\.availability\[0\]\.from.*2027-13-01 is not a calendar date: there is no month 13/);
    const now = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { availability { from to } } } }`, { id: person.id }, { token: admin });
    expect(now.data.node.availability).toEqual(SUMMER_TERM);
  });

  it('a stretch wholly in the past is refused at its end, on create and update, and nothing is written', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const past = { from: day(-30), to: day(-1) };
    const refusedCreate = await api.gql(CREATE, { input: { name: 'Past Only', email: 'past.only@example.org.uk', role: 'TEACHER', homeAcademyId: home, capacityDays: 5, availability: [past] } }, { token: admin });
    expect(refusedCreate.data.createStaffMember).toMatchObject({ staffMember: null, userErrors: [{ field: ['availability', '0', 'to'], code: 'IN_THE_PAST' }] });
    expect(refusedCreate.data.createStaffMember.userErrors[0].message).toContain(past.to);

    const person = await createStaff(api, admin, home, { availability: SUMMER_TERM });
    const self = await api.token('TEACHER', { staffId: person.id });
    const refused = await api.gql(UPDATE, { input: { id: person.id, availability: [SUMMER_TERM[0], past] } }, { token: self });
    expect(refused.data.updateStaffMember).toMatchObject({ staffMember: null, userErrors: [{ field: ['availability', '1', 'to'], code: 'IN_THE_PAST' }] });
    const now = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { availability { from to } } } }`, { id: person.id }, { token: admin });
    expect(now.data.node.availability).toEqual(SUMMER_TERM);
    // A stretch that started in the past but ends today is still current.
    const current = [{ from: day(-30), to: day(0) }];
    expect((await must(api, UPDATE, { input: { id: person.id, availability: current } }, self, 'updateStaffMember')).staffMember.availability).toEqual(current);
  });
});

describe("a need's window against people's availability", () => {
  it('ranks only people free during the window, counting the others under NOT_AVAILABLE_IN_WINDOW, the last reason', async () => {
    const always = await createStaff(api, admin, home);
    const autumnToo = await createStaff(api, admin, home, { availability: [...SUMMER_TERM, { from: '2027-12-17', to: '2028-01-10' }] });
    const need = await raiseNeed(api, admin, receiving, { ...AUTUMN, daysRequested: 4 });
    const before = await ranking(need.id);
    const summer = await createStaff(api, admin, home, { availability: SUMMER_TERM });
    const r = await ranking(need.id);
    expect(r.ids).toEqual(expect.arrayContaining([always.id, autumnToo.id]));
    expect(r.ids).not.toContain(summer.id);
    expect(r.notAvailable).toBe(before.notAvailable + 1);
    // Added after the first contract, right after ALREADY_SUPPORTING (HOME_SCHOOL_CLOSED came later still).
    expect(r.reasons.indexOf('NOT_AVAILABLE_IN_WINDOW')).toBe(r.reasons.indexOf('ALREADY_SUPPORTING') + 1);

    // A need without a window: everyone free at some time will do.
    const open = await raiseNeed(api, admin, receiving, { daysRequested: 4 });
    expect((await ranking(open.id)).ids).toEqual(expect.arrayContaining([always.id, summer.id, autumnToo.id]));

    // "Where could I help?" leaves out needs outside the person's availability.
    const offered = (await api.gql(RANK_NEEDS, { staffId: summer.id }, { token: admin })).data.rankNeedsForStaff.map((n: { need: { id: string } }) => n.need.id);
    expect(offered).toContain(open.id);
    expect(offered).not.toContain(need.id);

    // Changing the window (updateNeed) or the availability changes the answer at once.
    await must(api, `mutation ($input: UpdateNeedInput!) { updateNeed(input: $input) { need { id } userErrors { field message code } } }`,
      { input: { id: need.id, windowStart: '2027-06-01', windowEnd: '2027-12-17' } }, admin, 'updateNeed');
    expect((await ranking(need.id)).ids).toContain(summer.id);
  });

  it('proposeDeployment refuses a person not free in the window, reserving nothing', async () => {
    const summer = await createStaff(api, admin, home, { availability: SUMMER_TERM, capacityDays: 10 });
    const need = await raiseNeed(api, admin, receiving, { ...AUTUMN, daysRequested: 4 });
    const res = await api.gql(PROPOSE, { input: { needId: need.id, staffId: summer.id, days: 2 } }, { token: lead });
    expect(res.data.proposeDeployment).toMatchObject({ deployment: null, userErrors: [{ field: ['staffId'], code: 'NOT_AVAILABLE_IN_WINDOW' }] });
    const days = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { remainingDays } } }`, { id: summer.id }, { token: admin });
    expect(days.data.node.remainingDays).toBe(10);
  });

  it('allocation plans only pair people with needs inside their availability', async () => {
    const planTrust = await createTrust(api, admin, 'Window Planning Trust');
    const from = await createAcademy(api, admin, { name: 'Plan Home', trustId: planTrust });
    const to = await createAcademy(api, admin, { name: 'Plan Receiving', trustId: planTrust });
    const summer = await createStaff(api, admin, from, { availability: SUMMER_TERM, capacityDays: 20 });
    const autumnNeed = await raiseNeed(api, admin, to, { ...AUTUMN, daysRequested: 4, severity: 'CRITICAL' });
    const summerNeed = await raiseNeed(api, admin, to, { windowStart: '2027-05-01', windowEnd: '2027-06-30', daysRequested: 4, severity: 'LOW' });
    const res = await api.gql(PLAN, { input: { trustId: planTrust } }, { token: admin });
    expect(res.data.planAllocation.userErrors).toEqual([]);
    const pairs = res.data.planAllocation.plan.assignments.map((a: { need: { id: string }; staffMember: { id: string } }) => `${a.need.id}:${a.staffMember.id}`);
    expect(pairs).toEqual([`${summerNeed.id}:${summer.id}`]);
    expect(pairs).not.toContain(`${autumnNeed.id}:${summer.id}`);
  });
});
