// The deployments list's date filters (school year, from/to) and the CSV exports, through
// real HTTP: for each caller and filter the export's rows are exactly the connection's, in
// its order; the header names the documented columns; bad parameters are refused naming the
// parameter before any file is sent; the needs and plan exports match their GraphQL twins.
import { listDeployments } from '../../server/services/read/deployments';
import { pagesOf } from '../../server/services/read/pages';
import { decodeGlobalId } from '../../server/auth/global-id';
import { csvObjects } from '../support/csv';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';
import { type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
type Key = 'trust' | 'other' | 'A' | 'B' | 'C' | 'D' | 'sA' | 'sC' | 'sD';
const ids = {} as Record<Key, string>;
/** Deployment ids by what makes them differ. */
const d: Record<string, string> = {};

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field message code } } }`;
const LIST = `query ($filter: DeploymentFilter, $orderBy: DeploymentOrder, $first: Int, $after: String) {
  deployments(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { node { id status days need { id } staffMember { id } startDate } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The whole connection, page by page, as GraphQL gives it. */
async function listAll(token: string, filter: Record<string, unknown> = {}, orderBy = 'WAITING_LONGEST') {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const response: any = await api.gql(LIST, { filter, orderBy, first: 3, after }, { token });
    expect(response.errors).toBeUndefined();
    nodes.push(...response.data.deployments.edges.map((e: any) => e.node));
    if (!response.data.deployments.pageInfo.hasNextPage) return nodes;
    after = response.data.deployments.pageInfo.endCursor;
  }
}

const origin = () => api.url.replace(/\/graphql$/, '');

async function download(path: string, token: string | null, query = '') {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${origin()}${path}${query ? `?${query}` : ''}`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-exports' });
  ids.trust = await createTrust(api, admin, 'Export Trust');
  ids.other = await createTrust(api, admin, 'Other Trust');
  ids.A = await createAcademy(api, admin, { name: 'Alpha, "the first" Academy', trustId: ids.trust, fsmPercent: 12 });
  ids.B = await createAcademy(api, admin, { name: '=HYPERLINK("x") Primary', trustId: ids.trust, fsmPercent: 41 });
  ids.C = await createAcademy(api, admin, { name: 'Charlie School', trustId: ids.other, fsmPercent: 25 });
  ids.D = await createAcademy(api, admin, { name: 'Delta School', trustId: ids.other, fsmPercent: 30 });
  ids.sA = (await createStaff(api, admin, ids.A, { capacityDays: 40 })).id;
  ids.sC = (await createStaff(api, admin, ids.C, { capacityDays: 40 })).id;
  ids.sD = (await createStaff(api, admin, ids.D, { capacityDays: 40 })).id;

  const propose = async (key: string, at: string, staffId: string, extra: Record<string, unknown> = {}) => {
    const need = await raiseNeed(api, admin, at, { daysRequested: 3 });
    d[key] = (await must(api, PROPOSE, { input: { needId: need.id, staffId, days: 2, ...extra } }, admin, 'proposeDeployment')).deployment.id;
  };
  // Dated by startDate when set, else by when proposed (the tests run on today's date).
  await propose('laterYear', ids.B, ids.sA, { startDate: '2028-10-02' }); // 2028/29 (a year over has no days left to take)
  await propose('nextYear', ids.B, ids.sA, { startDate: '2027-10-04' }); // 2027/28
  await propose('yearEnd', ids.B, ids.sA, { startDate: '2027-08-31' }); // last day of 2026/27
  await propose('yearStart', ids.B, ids.sA, { startDate: '2027-09-01' }); // first day of 2027/28
  await propose('undated', ids.A, ids.sC); // dated today
  await propose('fromOther', ids.B, ids.sC); // Other Trust's teacher into B, dated today
  await propose('atOther', ids.C, ids.sD); // nothing to do with Export Trust
});
afterAll(() => api.close());

const sorted = (keys: string[]) => keys.map((k) => d[k]!).sort();
const today = new Date();
const currentYearLabel = (() => {
  const start = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
})();

describe('school year and date range filters', () => {
  it('a school year holds the deployments starting in it (1 September to 31 August), or proposed in it when undated', async () => {
    const ids2026 = (await listAll(admin, { schoolYear: '2026/27' })).map((n) => n.id).sort();
    const expected2026 = ['yearEnd', ...(currentYearLabel === '2026/27' ? ['undated', 'fromOther', 'atOther'] : [])];
    expect(ids2026).toEqual(sorted(expected2026));
    expect((await listAll(admin, { schoolYear: '2028/29' })).map((n) => n.id).sort()).toEqual(sorted(['laterYear']));
    expect((await listAll(admin, { schoolYear: '2027/28' })).map((n) => n.id).sort()).toEqual(sorted(['nextYear', 'yearStart']));
  });

  it('from and to are inclusive days, and combine with the other filters', async () => {
    const between = await listAll(admin, { from: '2027-08-31', to: '2027-09-01' });
    expect(between.map((n) => n.id).sort()).toEqual(sorted(['yearEnd', 'yearStart']));
    const fromOnly = await listAll(admin, { from: '2027-09-01', receivingAcademyId: ids.B });
    expect(fromOnly.map((n) => n.id).sort()).toEqual(sorted(['yearStart', 'nextYear', 'laterYear']));
  });

  it('refuses a school year that is not one, and a range ending before it starts, naming the field', async () => {
    for (const [filter, field, message] of [
      [{ schoolYear: '2026-27' }, 'filter.schoolYear', /"2026-27" is not a school year/],
      [{ schoolYear: '2026/28' }, 'filter.schoolYear', /is not a school year/],
      [{ from: '2027-01-02', to: '2027-01-01' }, 'filter.to', /before filter.from/],
    ] as const) {
      const response = await api.gql(LIST, { filter, first: 5 }, { token: admin });
      expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', argument: field } });
    }
  });
});

describe('GET /exports/deployments.csv', () => {
  const callers: [string, () => Promise<string>][] = [
    ['ADMIN', () => Promise.resolve(admin)],
    ["Export Trust's improvement lead", () => api.token('IMPROVEMENT_LEAD', { trustId: ids.trust, sub: 'lead-export' })],
    ["B's headteacher", () => api.token('HEADTEACHER', { academyId: ids.B, sub: 'head-b' })],
    ['the teacher sC', () => api.token('TEACHER', { staffId: ids.sC, academyId: ids.C })],
  ];
  const filters: [string, Record<string, unknown>, string][] = [
    ['no filter', {}, ''],
    ['a trust and two statuses (repeated)', { trustId: 'TRUST', status: ['PROPOSED', 'AGREED'] }, 'trustId=TRUST&status=PROPOSED&status=AGREED'],
    ['statuses as a comma list, a person', { status: ['PROPOSED', 'ACTIVE'], staffId: 'SC' }, 'status=PROPOSED,ACTIVE&staffId=SC'],
    ['a school year', { schoolYear: '2027/28' }, 'schoolYear=2027%2F28'],
    ['a date range, most recent first', { from: '2027-08-31', to: '2027-12-31' }, 'from=2027-08-31&to=2027-12-31&orderBy=RECENTLY_CHANGED'],
  ];

  it.each(callers.flatMap(([who, token]) => filters.map(([name, filter, query]) => [who, name, token, filter, query] as const)))(
    '%s, %s: the rows are the connection’s, in its order',
    async (_who, _name, tokenOf, filter, query) => {
      const token = await tokenOf();
      const fill = (s: string) => s.replace('TRUST', ids.trust!).replace('SC', ids.sC!);
      const gqlFilter = Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, typeof v === 'string' ? fill(v) : v]));
      const orderBy = query.includes('orderBy=RECENTLY_CHANGED') ? 'RECENTLY_CHANGED' : 'WAITING_LONGEST';
      const listed = await listAll(token, gqlFilter, orderBy);
      const file = await download('/exports/deployments.csv', token, fill(query));
      expect(file.status).toBe(200);
      expect(file.type).toMatch(/^text\/csv; charset=utf-8/);
      expect(file.disposition).toBe('attachment; filename="deployments.csv"');
      const { header, rows } = csvObjects(file.text);
      expect(header.slice(0, 5)).toEqual(['id', 'status', 'days', 'needId', 'staffId']);
      expect(rows.map((r) => [r.id, r.status, Number(r.days), r.needId, r.staffId, r.startDate])).toEqual(
        listed.map((n) => [n.id, n.status, n.days, n.need.id, n.staffMember?.id ?? '', n.startDate ?? '']),
      );
    },
  );

  it('writes names with commas and quotes quoted, and a name starting with = as text', async () => {
    const { rows } = csvObjects((await download('/exports/deployments.csv', admin)).text);
    expect(rows.find((r) => r.id === d.undated)!.receivingAcademyName).toBe('Alpha, "the first" Academy');
    expect(rows.find((r) => r.id === d.laterYear)!.receivingAcademyName).toBe(`'=HYPERLINK("x") Primary`);
  });

  it('a teacher gets only their own, whatever the filter asks for', async () => {
    const teacher = await api.token('TEACHER', { staffId: ids.sA, academyId: ids.A });
    const { rows } = csvObjects((await download('/exports/deployments.csv', teacher, `staffId=${ids.sC}`)).text);
    expect(rows).toEqual([]);
  });

  it.each([
    ['status=LOST', 'status', /status "LOST" is not one of PROPOSED/],
    ['colour=red', 'colour', /unknown parameter "colour"/],
    ['schoolYear=2026', 'filter.schoolYear', /not a school year/],
    ['from=2027-02-30', 'from', /"2027-02-30" is not a date/],
    ['trustId=a&trustId=b', 'trustId', /given 2 times/],
  ])('refuses %s naming %s, sending no file', async (query, argument, message) => {
    const file = await download('/exports/deployments.csv', admin, query);
    expect(file.status).toBe(400);
    expect(JSON.parse(file.text).errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', argument } });
  });

  it('a POST with the parameters as a JSON body gives the same file as the GET', async () => {
    const query = `trustId=${ids.trust}&status=PROPOSED`;
    const viaGet = await download('/exports/deployments.csv', admin, query);
    const response = await fetch(`${origin()}/exports/deployments.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trustId: ids.trust, status: ['PROPOSED'] }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(csvObjects(text).rows.length).toBeGreaterThan(0);
    expect(text).toBe(viaGet.text);
    const bad = await fetch(`${origin()}/exports/deployments.csv`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: '["not", "an object"]' });
    expect(bad.status).toBe(400);
  });

  it('needs a token', async () => {
    const file = await download('/exports/deployments.csv', null);
    expect(file.status).toBe(401);
    expect(JSON.parse(file.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an ID of another type matches nothing, as in the connection', async () => {
    const { rows } = csvObjects((await download('/exports/deployments.csv', admin, `trustId=${ids.A}`)).text);
    expect(rows).toEqual([]);
  });

  it('reads the list in pages that join up exactly (page size 2 against the connection)', async () => {
    const viewer = { role: 'ADMIN', sub: 'admin-exports', scopes: [] } as never;
    const ids2: string[] = [];
    for await (const page of pagesOf(listDeployments(viewer, {}, 'WAITING_LONGEST'), 2)) {
      expect(page.length).toBeLessThanOrEqual(2);
      ids2.push(...page.map((p) => p._id.toString()));
    }
    const listed = (await listAll(admin)).map((n) => decodeGlobalId(n.id)!.id);
    expect(ids2).toEqual(listed);
    // And both as one window with no cursor at all (no walk started at a cursor).
    const whole = await listDeployments(viewer, {}, 'WAITING_LONGEST').fetch({ limit: 1000, inverted: false });
    expect(whole.map((d) => d._id.toString())).toEqual(ids2);
    expect(ids2.length).toBeGreaterThan(4);
  });
});

describe('GET /exports/needs.csv and /exports/plan.csv', () => {
  it('the needs file is the needs connection for the same filter, in priority order', async () => {
    const response = await api.gql(`query ($f: NeedFilter) { needs(filter: $f, first: 100) { edges { node { id status area daysRequested academy { id } } } } }`, { f: { trustId: ids.trust } }, { token: admin });
    const listed = response.data.needs.edges.map((e: any) => e.node);
    const { header, rows } = csvObjects((await download('/exports/needs.csv', admin, `trustId=${ids.trust}`)).text);
    expect(header).toContain('daysRequested');
    expect(header).not.toContain('description');
    expect(rows.map((r) => [r.id, r.status, r.area, Number(r.daysRequested), r.academyId])).toEqual(listed.map((n: any) => [n.id, n.status, n.area, n.daysRequested, n.academy.id]));
    expect(rows.length).toBe(6);
  });

  it('the plan file is planAllocation’s assignments for the same input, and refused to whom planning is refused', async () => {
    await raiseNeed(api, admin, ids.B, { daysRequested: 4 });
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId: ids.trust, sub: 'lead-plan' });
    const response = await api.gql(`query ($input: PlanAllocationInput!) { planAllocation(input: $input) { plan { assignments { need { id } staffMember { id } days } } userErrors { message } } }`, { input: { trustId: ids.trust } }, { token: lead });
    const assignments = response.data.planAllocation.plan.assignments;
    expect(assignments.length).toBeGreaterThan(0);
    const { header, rows } = csvObjects((await download('/exports/plan.csv', lead, `trustId=${ids.trust}`)).text);
    expect(header.slice(0, 3)).toEqual(['needId', 'staffId', 'days']);
    expect(rows.map((r) => [r.needId, r.staffId, Number(r.days)])).toEqual(assignments.map((a: any) => [a.need.id, a.staffMember.id, a.days]));
    const teacher = await api.token('TEACHER', { staffId: ids.sA, academyId: ids.A });
    expect((await download('/exports/plan.csv', teacher, `trustId=${ids.trust}`)).status).toBe(403);
    expect((await download('/exports/plan.csv', lead, '')).status).toBe(400);
  });
});
