// A hub's figures, Cluster.spareCapacityDays and Cluster.openNeeds (issue 14, finding 2): the
// database's own answer, whether the in-process copies answer (FerretDB) or the database does
// (MongoDB), batched across the hubs of a page rather than one scan per hub, and priced by
// the cost limit as the work they are.
import { generateNationalDataset } from '../../seeds/national';
import { loadDataset } from '../../seeds/load';
import { Academy } from '../../server/models/academy';
import { Cluster } from '../../server/models/cluster';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { setExternalWriteCheckInterval, setReadCacheMode } from '../../server/db/read-cache';
import { encodeGlobalId, startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
/** spareCapacityDays sums personal data (tests/api/hub-capacity-privacy.test.ts): read as ADMIN. */
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  await loadDataset(generateNationalDataset({ academies: 160, staff: 700, needs: 220, seed: 14 }));
});
afterAll(async () => {
  setReadCacheMode('auto');
  setExternalWriteCheckInterval(2_000);
  await api.close();
});

const HUB_PAGE = `query ($first: Int!, $after: String) {
  clusters(first: $first, after: $after) {
    edges { node { name spareCapacityDays openNeeds { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface HubFigures {
  name: string;
  spareCapacityDays: number;
  openNeeds: string[];
}

/** Every hub's figures through the API, page by page. */
async function hubsThroughApi(first = 5): Promise<HubFigures[]> {
  const out: HubFigures[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await api.gql(HUB_PAGE, { first, after }, { token: admin });
    expect(page.errors).toBeUndefined();
    for (const { node } of page.data.clusters.edges) out.push({ name: node.name, spareCapacityDays: node.spareCapacityDays, openNeeds: node.openNeeds.map((n: any) => n.id) });
    if (!page.data.clusters.pageInfo.hasNextPage) return out;
    after = page.data.clusters.pageInfo.endCursor;
  }
}

/** The same figures asked of the database directly, one hub at a time, as the old resolvers did. */
async function hubsFromDatabase(): Promise<HubFigures[]> {
  const clusters = await Cluster.find({}).sort({ name: 1, _id: 1 }).lean();
  const out: HubFigures[] = [];
  for (const cluster of clusters) {
    const members = (await Academy.find({ clusterId: cluster._id }, { _id: 1 }).lean()).map((a) => a._id);
    const [row] = await StaffMember.aggregate<{ total: number }>([{ $match: { homeAcademyId: { $in: members } } }, { $group: { _id: null, total: { $sum: '$remainingDays' } } }]);
    const needs = await ImprovementNeed.find({ academyId: { $in: members }, status: { $in: ['OPEN', 'MATCHED', 'IN_PROGRESS'] } }, { _id: 1 })
      .sort({ priority: -1, _id: 1 })
      .limit(200)
      .lean();
    out.push({ name: cluster.name, spareCapacityDays: row?.total ?? 0, openNeeds: needs.map((n) => encodeGlobalId('ImprovementNeed', String(n._id))) });
  }
  return out;
}

describe.each([
  ['from the in-process copies', 'on'],
  ['from the database', 'off'],
] as const)('hub figures %s', (_label, mode) => {
  beforeAll(() => setReadCacheMode(mode));
  afterAll(() => setReadCacheMode('auto'));

  it("are the database's own answer for every hub", async () => {
    const expected = await hubsFromDatabase();
    // Not vacuous: several pages of hubs, with spare days and with live needs.
    expect(expected.length).toBeGreaterThan(15);
    expect(expected.filter((h) => h.spareCapacityDays > 0).length).toBeGreaterThan(10);
    expect(expected.filter((h) => h.openNeeds.length > 1).length).toBeGreaterThan(3);
    expect(await hubsThroughApi()).toEqual(expected);
  });

  it('cost the same database round trips for a page of 15 hubs as for a page of 2', async () => {
    setExternalWriteCheckInterval(600_000); // no look for other processes' writes mid-test
    try {
      const page = (first: number) => api.countCommands(() => api.gql(HUB_PAGE, { first, after: null }, { token: admin }));
      await page(2); // copies loaded
      const small = await page(2);
      const large = await page(15);
      expect(large).toEqual(small);
      if (mode === 'on') expect(large).toEqual([]);
      else expect(large.filter((c) => c === 'aggregate')).toEqual(['aggregate']);
    } finally {
      setExternalWriteCheckInterval(2_000);
    }
  });
});

describe('the cost limit', () => {
  const costOf = async (query: string) => (await api.gql(query, {}, { token: admin })).errors?.[0];

  it("counts spareCapacityDays as reading the hub's staff, not as one scalar", async () => {
    // As one scalar, 100 hubs cost 1,288: far below the limit. As the staff it reads: over.
    const refused = await costOf('{ clusters(first: 100) { edges { node { spareCapacityDays } } } }');
    expect(refused?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    expect(await costOf('{ clusters(first: 5) { edges { node { spareCapacityDays } } } }')).toBeUndefined();
  });

  it('counts openNeeds as a list of needs, whose selection it multiplies', async () => {
    const refused = await costOf('{ clusters(first: 100) { edges { node { openNeeds { id area severity priority academy { name } } } } } }');
    expect(refused?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    expect(refused?.message).toMatch(/Cost limit of 20000 exceeded, found \d+/);
    expect(await costOf('{ clusters(first: 5) { edges { node { spareCapacityDays openNeeds { id area severity priority } } } } }')).toBeUndefined();
  });
});
