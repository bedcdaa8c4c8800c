import { type TestApi, startTestApi } from '../support/test-api';
import { UPSERT_ACADEMY, createTrust, must } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let otherTrustId: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Kernow Learning');
  otherTrustId = await createTrust(api, admin, 'Pennine Trust');
});
afterAll(() => api.close());

const bodmin = {
  urn: '136512',
  name: 'Bodmin Primary Academy',
  phase: 'PRIMARY',
  ofstedRating: 'REQUIRES_IMPROVEMENT',
  fsmPercent: 38.5,
  pupils: 412,
  postcode: 'pl31 1ez',
  latitude: 50.4717,
  longitude: -4.7243,
};

describe('upsertAcademy', () => {
  it('inserts by URN, normalising the postcode, and reads back by academyByUrn', async () => {
    const payload = await must(api, UPSERT_ACADEMY, { input: { ...bodmin, trustId } }, admin, 'upsertAcademy');
    expect(payload.academy).toMatchObject({ urn: '136512', name: 'Bodmin Primary Academy', postcode: 'PL31 1EZ', fsmPercent: 38.5, trust: { id: trustId } });
    const read = await api.gql(`{ academyByUrn(urn: "136512") { id name ofstedRating trust { id } } }`);
    expect(read.data.academyByUrn).toMatchObject({ id: payload.academy.id, ofstedRating: 'REQUIRES_IMPROVEMENT' });
  });

  it('updates the same academy on a second upsert, keeping omitted fields', async () => {
    const payload = await must(api, UPSERT_ACADEMY, { input: { urn: '136512', ofstedRating: 'GOOD' } }, admin, 'upsertAcademy');
    expect(payload.academy).toMatchObject({ ofstedRating: 'GOOD', fsmPercent: 38.5, name: 'Bodmin Primary Academy' });
    const list = await api.gql(`{ academies(first: 10) { edges { node { urn } } } }`);
    expect(list.data.academies.edges).toHaveLength(1);
  });

  it('names each invalid field and writes nothing', async () => {
    const res = await api.gql(
      UPSERT_ACADEMY,
      { input: { urn: '12ab', name: 'X', phase: 'PRIMARY', fsmPercent: 140, postcode: 'not a postcode', latitude: 20, longitude: -4 } },
      { token: admin },
    );
    const errors = res.data.upsertAcademy.userErrors as { field: string[]; code: string }[];
    expect(errors.map((e) => e.field[0]).sort()).toEqual(['fsmPercent', 'latitude', 'name', 'postcode', 'urn']);
    expect(res.data.upsertAcademy.academy).toBeNull();
    expect((await api.gql(`{ academyByUrn(urn: "12ab") { id } }`)).data.academyByUrn).toBeNull();
  });

  it('requires name and phase for a new academy', async () => {
    const res = await api.gql(UPSERT_ACADEMY, { input: { urn: '999999' } }, { token: admin });
    expect(res.data.upsertAcademy.userErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: ['name'], code: 'REQUIRED' }), expect.objectContaining({ field: ['phase'], code: 'REQUIRED' })]),
    );
  });

  it('rejects a trustId that is not a Trust ID', async () => {
    const academy = (await api.gql(`{ academyByUrn(urn: "136512") { id } }`)).data.academyByUrn.id;
    const res = await api.gql(UPSERT_ACADEMY, { input: { urn: '136513', name: 'Other', phase: 'PRIMARY', trustId: academy } }, { token: admin });
    expect(res.data.upsertAcademy.userErrors).toEqual([expect.objectContaining({ field: ['trustId'], code: 'INVALID_ID' })]);
  });

  it('lets an improvement lead record academies of their own trust only', async () => {
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId });
    const own = await api.gql(UPSERT_ACADEMY, { input: { urn: '136600', name: 'Truro Academy', phase: 'SECONDARY', trustId } }, { token: lead });
    expect(own.data.upsertAcademy.userErrors).toEqual([]);
    const other = await api.gql(UPSERT_ACADEMY, { input: { urn: '136601', name: 'Bolton Academy', phase: 'PRIMARY', trustId: otherTrustId } }, { token: lead });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherLead = await api.token('IMPROVEMENT_LEAD', { trustId: otherTrustId });
    const takeover = await api.gql(UPSERT_ACADEMY, { input: { urn: '136512', name: 'Renamed', trustId: otherTrustId } }, { token: otherLead });
    expect(takeover.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(`{ academyByUrn(urn: "136512") { name } }`)).data.academyByUrn.name).toBe('Bodmin Primary Academy');
    expect((await api.gql(`{ academyByUrn(urn: "136601") { name } }`)).data.academyByUrn).toBeNull();
  });
});

describe('academies connection', () => {
  beforeAll(async () => {
    for (let i = 0; i < 25; i += 1) {
      await must(api, UPSERT_ACADEMY, { input: { urn: String(140000 + i), name: `Page School ${String(i).padStart(2, '0')}`, phase: 'PRIMARY', trustId: otherTrustId } }, admin, 'upsertAcademy');
    }
  });

  it('pages forward with cursors, in name order, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await api.gql(
        `query ($after: String, $filter: AcademyFilter) { academies(first: 10, after: $after, filter: $filter) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`,
        { after, filter: { trustId: otherTrustId } },
      );
      const page = res.data.academies;
      seen.push(...page.edges.map((e: any) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `Page School ${String(i).padStart(2, '0')}`));
  });

  it('filters by name without treating the text as a pattern', async () => {
    const res = await api.gql(`{ academies(first: 50, filter: { nameContains: "school 1" }) { edges { node { name } } } }`);
    expect(res.data.academies.edges).toHaveLength(10);
    const injected = await api.gql(`{ academies(first: 50, filter: { nameContains: ".*" }) { edges { node { name } } } }`);
    expect(injected.data.academies.edges).toHaveLength(0);
  });

  it('refuses a page size above 100 or below 1 with a clear error', async () => {
    for (const first of [0, 101]) {
      const res = await api.gql(`query ($first: Int) { academies(first: $first) { edges { node { id } } } }`, { first });
      expect(res.errors?.[0]?.message).toMatch(/"first" must be between 1 and 100/);
    }
  });

  it('rejects a forged cursor clearly', async () => {
    const res = await api.gql(`{ academies(first: 5, after: "not-a-cursor") { edges { node { id } } } }`);
    expect(res.errors?.[0]?.message).toMatch(/cursor is not valid/);
  });
});
