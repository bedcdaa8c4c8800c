// /exports/plan.csv takes planAllocation's whole input (PlanAllocationInput: trustId or
// clusterId/hubId, needIds, supportersFrom, budget, schoolYear) and its rows are
// planAllocation's assignments for the same input; a bad value is refused before any of the
// file is sent, naming the parameter. Real server over HTTP, real database.
import { schoolYearOf, schoolYearStarting } from '../../server/domain/school-year';
import { csvObjects } from '../support/csv';
import { startTestApi, type TestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let trustId: string;
let lead: string;
let thisYearNeed: string;
let nextYearNeed: string;
const current = schoolYearOf(new Date());
const next = schoolYearStarting(current.startYear + 1);

const SET_RATES = `mutation ($input: SetTrustDayRatesInput!) { setTrustDayRates(input: $input) { userErrors { field code message } } }`;
const PLAN = `query ($input: PlanAllocationInput!) {
  planAllocation(input: $input) { plan { assignments { need { id } staffMember { id } days fit priority } } userErrors { field message } }
}`;

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Plan Export Trust');
  const school = await createAcademy(api, admin, { name: 'Plan Export School', trustId, fsmPercent: 45 });
  const home = await createAcademy(api, admin, { name: 'Plan Export Home', trustId, latitude: 50.41, longitude: -4.67 });
  await must(api, SET_RATES, { input: { trustId, dayRates: [{ designation: 'NLE', dayRate: 600 }], undesignatedDayRate: 300, coverDayRate: 100 } }, admin, 'setTrustDayRates');
  await createStaff(api, admin, home, { name: 'Dear Leader', designations: ['NLE'], capacityDays: 5, expertise: [{ area: 'MATHS', level: 'SYSTEM_LEADER', phases: ['PRIMARY'] }] });
  await createStaff(api, admin, home, { name: 'Thrifty Teacher', capacityDays: 5, expertise: [{ area: 'MATHS', level: 'SECURE', phases: ['PRIMARY'] }] });
  thisYearNeed = (await raiseNeed(api, admin, school, { area: 'MATHS', daysRequested: 4 })).id;
  const nextStart = new Date(next.start.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  const nextEnd = new Date(next.start.getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
  nextYearNeed = (await raiseNeed(api, admin, school, { area: 'MATHS', daysRequested: 3, windowStart: nextStart, windowEnd: nextEnd })).id;
  lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'plan-export-lead' });
});
afterAll(() => api.close());

type Row = { needId: string; staffId: string; days: number; fit: number; priority: number };

async function planned(input: Record<string, unknown>): Promise<Row[]> {
  const res = await api.gql(PLAN, { input }, { token: lead });
  expect(res.errors).toBeUndefined();
  expect(res.data.planAllocation.userErrors).toEqual([]);
  return res.data.planAllocation.plan.assignments.map((a: any) => ({ needId: a.need.id, staffId: a.staffMember.id, days: a.days, fit: a.fit, priority: a.priority }));
}

async function exported(params: Record<string, string | number>, method: 'GET' | 'POST' = 'GET'): Promise<Row[]> {
  const url = `${api.url.replace(/\/graphql$/, '')}/exports/plan.csv`;
  const res =
    method === 'GET'
      ? await fetch(`${url}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`, { headers: { authorization: `Bearer ${lead}` } })
      : await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${lead}`, 'content-type': 'application/json' }, body: JSON.stringify(params) });
  const text = await res.text();
  expect({ status: res.status, text: res.status === 200 ? 'file' : text }).toEqual({ status: 200, text: 'file' });
  return csvObjects(text).rows.map((r) => ({ needId: r.needId!, staffId: r.staffId!, days: Number(r.days), fit: Number(r.fit), priority: Number(r.priority) }));
}

function expectSamePlan(csv: Row[], api: Row[]) {
  expect(csv.map(({ needId, staffId, days }) => ({ needId, staffId, days }))).toEqual(api.map(({ needId, staffId, days }) => ({ needId, staffId, days })));
  csv.forEach((row, i) => {
    expect(row.fit).toBeCloseTo(api[i]!.fit, 4);
    expect(row.priority).toBeCloseTo(api[i]!.priority, 4);
  });
}

const daysOf = (rows: Row[]) => rows.reduce((sum, r) => sum + r.days, 0);

describe('/exports/plan.csv takes planAllocation’s input', () => {
  it('with a budget: the rows are planAllocation’s assignments under the same budget, fewer days than without', async () => {
    const unlimited = await planned({ trustId });
    expectSamePlan(await exported({ trustId }), unlimited);
    expect(daysOf(unlimited)).toBe(4);
    // £1,500 pays for at most 3 days of the cheaper supporter (£400 a day with cover).
    const underBudget = await planned({ trustId, budget: 1500 });
    expectSamePlan(await exported({ trustId, budget: 1500 }), underBudget);
    expect(daysOf(underBudget)).toBeLessThan(4);
    expectSamePlan(await exported({ trustId, budget: 1500 }, 'POST'), underBudget);
    expect(await exported({ trustId, budget: 0 })).toEqual([]);
  });

  it('with a school year: next year’s plan has next year’s need, this year’s this year’s', async () => {
    const nextYear = await planned({ trustId, schoolYear: next.label });
    expect(nextYear.map((r) => r.needId)).toContain(nextYearNeed);
    expect(nextYear.map((r) => r.needId)).not.toContain(thisYearNeed);
    expectSamePlan(await exported({ trustId, schoolYear: next.label }), nextYear);
    const thisYear = await planned({ trustId, schoolYear: current.label, budget: 1500, supportersFrom: 'ANYWHERE' });
    expect(thisYear.map((r) => r.needId)).not.toContain(nextYearNeed);
    expectSamePlan(await exported({ trustId, schoolYear: current.label, budget: 1500, supportersFrom: 'ANYWHERE' }), thisYear);
    expectSamePlan(await exported({ trustId, schoolYear: next.label, needIds: nextYearNeed }, 'POST'), await planned({ trustId, schoolYear: next.label, needIds: [nextYearNeed] }));
  });

  it.each([
    ['budget', { budget: 'lots' }, /budget "lots" is not a whole number/],
    ['budget', { budget: '1.5' }, /budget "1.5" is not a whole number/],
    ['budget', { budget: '-10' }, /budget: must not be negative/],
    ['budget', { budget: '1000000000' }, /budget: must be at most/],
    ['schoolYear', { schoolYear: '2026-27' }, /schoolYear must name a school year as YYYY\/YY/],
    ['schoolYear', { schoolYear: schoolYearStarting(current.startYear - 1).label }, /is over/],
    ['needIds', { needIds: 'not-an-id' }, /needIds\.0 is not a valid ImprovementNeed ID/],
    ['supportersFrom', { supportersFrom: 'MOON' }, /supportersFrom "MOON" is not one of SAME_TRUST, ANYWHERE/],
  ])('refuses a bad %s with 400 naming it (%j)', async (argument, params, message) => {
    const res = await fetch(`${api.url.replace(/\/graphql$/, '')}/exports/plan.csv?${new URLSearchParams({ trustId, ...params })}`, { headers: { authorization: `Bearer ${lead}` } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).not.toMatch(/csv/);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(body.errors[0].message).toMatch(message);
  });

  it('refuses a budget in a JSON body that is not a whole number, and clusterId with hubId', async () => {
    const post = (body: unknown) => fetch(`${api.url.replace(/\/graphql$/, '')}/exports/plan.csv`, { method: 'POST', headers: { authorization: `Bearer ${lead}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const fraction = (await (await post({ trustId, budget: 2.5 })).json()) as any;
    expect(fraction.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'budget' });
    const both = await post({ clusterId: 'x', hubId: 'y' });
    expect(both.status).toBe(400);
    expect(((await both.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'hubId' });
  });
});
