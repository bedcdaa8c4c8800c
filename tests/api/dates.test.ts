// Strict calendar dates: a day that does not exist is refused with the reason (never moved into
// March), and a window or deployment that ended before today is refused where a mutation takes
// one, naming the field and writing nothing.
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let school: string;
let home: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  const trustId = await createTrust(api, admin, 'Calendar Trust');
  school = await createAcademy(api, admin, { name: 'Calendar School', trustId, fsmPercent: 40 });
  home = await createAcademy(api, admin, { name: 'Calendar Home', trustId, latitude: 50.41, longitude: -4.67 });
});
afterAll(() => api.close());

const RAISE = `mutation ($input: RaiseNeedInput!) { raiseNeed(input: $input) { need { id windowStart windowEnd } userErrors { field message code } } }`;
const UPDATE = `mutation ($input: UpdateNeedInput!) { updateNeed(input: $input) { need { id windowEnd } userErrors { field message code } } }`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field message code } } }`;
const needInput = (extra: Record<string, unknown>) => ({
  academyId: school,
  area: 'MATHS',
  phase: 'PRIMARY',
  severity: 'HIGH',
  description: 'Reasoning in KS2 maths is well below national',
  daysRequested: 4,
  ...extra,
});
const needCount = async () => (await api.gql(`query ($id: ID!) { node(id: $id) { ... on Academy { openNeeds { id } } } }`, { id: school })).data.node.openNeeds.length;

describe('the Date scalar', () => {
  it.each([
    ['2030-02-30', '2030-02 has days 01-28'],
    ['2027-02-29', '2027-02 has days 01-28'],
    ['2027-04-31', '2027-04 has days 01-30'],
    ['2027-13-01', 'there is no month 13'],
    ['2027-00-10', 'there is no month 00'],
    ['2027-01-00', '2027-01 has days 01-31'],
  ])('refuses %s as a variable, saying why, and writes nothing', async (date, why) => {
    const before = await needCount();
    const res = await api.gql(RAISE, { input: needInput({ windowEnd: date }) }, { token: admin });
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringContaining(`${date} is not a calendar date: ${why}`), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(res.errors![0]!.message).toContain('input.windowEnd');
    expect(await needCount()).toBe(before);
  });

  it('refuses an impossible date written into the query itself', async () => {
    const res = await api.gql(
      `mutation ($a: ID!) { raiseNeed(input: { academyId: $a, area: MATHS, phase: PRIMARY, severity: HIGH, description: "Reasoning is well below national", daysRequested: 2, windowEnd: "2030-02-30" }) { need { id } } }`,
      { a: school },
      { token: admin },
    );
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringContaining('2030-02-30 is not a calendar date'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('keeps 29 February in a leap year, and every date reads back as written', async () => {
    const need = await raiseNeed(api, admin, school, { windowStart: '2099-02-28', windowEnd: '2104-02-29' });
    const read = await api.gql(`query ($id: ID!) { node(id: $id) { ... on ImprovementNeed { windowStart windowEnd } } }`, { id: need.id });
    expect(read.data.node).toEqual({ windowStart: '2099-02-28', windowEnd: '2104-02-29' });
  });

  it('refuses 29 February 2100 (not a leap year) for a safeguarding check', async () => {
    const res = await api.gql(
      `mutation ($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { staffMember { id } } }`,
      { input: { name: 'Ada Leap', email: 'ada.leap@example.org.uk', role: 'TEACHER', homeAcademyId: home, capacityDays: 5, expertise: [], safeguardingCheckExpiresOn: '2100-02-29' } },
      { token: admin },
    );
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringContaining('2100-02-29 is not a calendar date'), extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('periods wholly in the past', () => {
  it('raiseNeed refuses a window that ended before today, naming windowEnd, and writes nothing', async () => {
    const before = await needCount();
    const res = await api.gql(RAISE, { input: needInput({ windowStart: '2020-01-06', windowEnd: '2020-03-27' }) }, { token: admin });
    expect(res.data.raiseNeed).toEqual({ need: null, userErrors: [{ field: ['windowEnd'], code: 'INVALID', message: expect.stringContaining('ends before today') }] });
    expect(await needCount()).toBe(before);
  });

  it('raiseNeed accepts a window that started in the past and has not ended', async () => {
    const res = await api.gql(RAISE, { input: needInput({ windowStart: '2020-01-06', windowEnd: '2099-07-20' }) }, { token: admin });
    expect(res.data.raiseNeed.userErrors).toEqual([]);
  });

  it('updateNeed refuses moving a window into the past, and leaves the need as it was', async () => {
    const need = await raiseNeed(api, admin, school, { windowEnd: '2099-07-20' });
    const res = await api.gql(UPDATE, { input: { id: need.id, windowEnd: '2021-07-20' } }, { token: admin });
    expect(res.data.updateNeed).toEqual({ need: null, userErrors: [{ field: ['windowEnd'], code: 'INVALID', message: expect.stringContaining('ends before today') }] });
    const read = await api.gql(`query ($id: ID!) { node(id: $id) { ... on ImprovementNeed { windowEnd } } }`, { id: need.id });
    expect(read.data.node.windowEnd).toBe('2099-07-20');
  });

  it('proposeDeployment refuses an endDate before today, reserving no days', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 4 });
    const res = await api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2, startDate: '2021-03-01', endDate: '2021-03-05' } }, { token: admin });
    expect(res.data.proposeDeployment).toEqual({ deployment: null, userErrors: [{ field: ['endDate'], code: 'INVALID', message: expect.stringContaining('ends before today') }] });
    const state = await api.gql(
      `query ($n: ID!, $s: ID!) { n: node(id: $n) { ... on ImprovementNeed { daysCovered } } s: node(id: $s) { ... on StaffMember { remainingDays } } }`,
      { n: need.id, s: person.id },
      { token: admin },
    );
    expect(state.data).toEqual({ n: { daysCovered: 0 }, s: { remainingDays: 10 } });
    const future = await api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2, startDate: '2099-03-01', endDate: '2099-03-05' } }, { token: admin });
    expect(future.data.proposeDeployment.userErrors).toEqual([]);
  });
});
