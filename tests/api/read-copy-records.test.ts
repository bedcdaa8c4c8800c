// The copies hand out their own records (server/db/store/copy-store.ts): frozen, shared by
// every reader, never a copy per read (BENCHMARKS.md, issue 20, session 7). These tests hold
// the store to that, and hold the API to never writing into a record it resolved: a write
// into a frozen record throws here (the tests run in strict mode), so a resolver, a loader or
// a Pothos plugin that tagged a record would fail the page, and the copies would differ from
// the database afterwards.
import { generateNationalDataset } from '../../seeds/national';
import { loadDataset } from '../../seeds/load';
import { encodeGlobalId } from '../../server/auth/global-id';
import { type Doc } from '../../server/db/read-cache/types';
import { readCopy } from '../../server/db/read-cache';
import { stores, type Store } from '../../server/db/store';
import { Academy } from '../../server/models/academy';
import { Cluster } from '../../server/models/cluster';
import { Deployment } from '../../server/models/deployment';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { Trust } from '../../server/models/trust';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  await loadDataset(generateNationalDataset({ academies: 60, staff: 150, needs: 30, seed: 7 }));
});
afterAll(async () => {
  await api.close();
});

const COPIED: [string, Store<Doc>, string][] = [
  ['trusts', stores.trusts as unknown as Store<Doc>, 'name'],
  ['academies', stores.academies as unknown as Store<Doc>, 'trustId'],
  ['clusters', stores.clusters as unknown as Store<Doc>, 'trustId'],
  ['staff', stores.staff as unknown as Store<Doc>, 'homeAcademyId'],
  ['needs', stores.needs as unknown as Store<Doc>, 'academyId'],
  ['deployments', stores.deployments as unknown as Store<Doc>, 'needId'],
];

/** Every way a store hands out records, for the first few records of the collection. */
async function handedOut(store: Store<Doc>, groupField: string): Promise<{ how: string; record: Doc }[]> {
  const all = await store.find({}, { sort: { _id: 1 } });
  expect(all.length).toBeGreaterThan(0);
  const ids = all.slice(0, 3).map((doc) => String(doc._id));
  const out: { how: string; record: Doc }[] = all.slice(0, 3).map((record) => ({ how: 'find', record }));
  for (const id of ids) {
    out.push({ how: 'get', record: (await store.get(id))! });
    out.push({ how: 'getNow', record: store.getNow(id)! });
    out.push({ how: 'findOne', record: (await store.findOne({ _id: id }))! });
  }
  for (const record of await store.getMany(ids)) out.push({ how: 'getMany', record: record! });
  for (const record of await store.list({}, [], { limit: 3, inverted: false })) out.push({ how: 'list', record });
  const keys = [...new Set(all.slice(0, 3).map((doc) => String(doc[groupField])))];
  for (const group of await store.groupedBy(groupField, keys, {}, { _id: 1 })) for (const record of group) out.push({ how: 'groupedBy', record });
  return out;
}

describe('records handed out by the copies', () => {
  it.each(COPIED)('%s: are the copy’s own frozen records, whichever read gives them, and refuse a write', async (_name, store, groupField) => {
    const records = await handedOut(store, groupField);
    for (const { how, record } of records) {
      expect([how, record !== undefined && record !== null && Object.isFrozen(record)]).toEqual([how, true]);
      // The same object every time: no copy is made per read.
      expect([how, record === store.getNow(String(record._id))]).toEqual([how, true]);
    }
    const record = records[0]!.record;
    const before = JSON.stringify(record);
    expect(() => {
      (record as Record<string, unknown>).name = 'written by a reader';
    }).toThrow(TypeError);
    expect(() => {
      delete (record as Record<string, unknown>)._id;
    }).toThrow(TypeError);
    expect(JSON.stringify(store.getNow(String(record._id)))).toBe(before);
  });

  it('a projected read still gives a record of its own, holding only the fields asked for', async () => {
    const [full] = await stores.academies.find({}, { sort: { _id: 1 }, limit: 1 });
    const [projected] = await stores.academies.find({ _id: full!._id }, { projection: { name: 1 } });
    expect(projected).toEqual({ _id: full!._id, name: full!.name });
    expect(projected).not.toBe(full);
  });
});

describe('the API reading records', () => {
  const NESTED = `{ needs(first: 50) { edges { cursor node { id area severity priority daysRequested
    academy { id name fsmPercent ofstedRating cluster { id name leadAcademy { id name } trust { id name } } trust { id name } } } }
    pageInfo { hasNextPage endCursor } } }`;

  it('resolves pages, nodes and rankings without writing into any record, and the copies still equal the database', async () => {
    const page = await api.gql(NESTED, {}, { token: admin });
    expect(page.errors).toBeUndefined();
    expect(page.data.needs.edges.length).toBe(Math.min(50, await ImprovementNeed.countDocuments({})));
    const next = await api.gql(`query ($after: String) { needs(first: 10, after: $after) { edges { node { id } } } }`, { after: page.data.needs.edges[4].cursor }, { token: admin });
    expect(next.errors).toBeUndefined();
    expect(next.data.needs.edges[0].node.id).toBe(page.data.needs.edges[5].node.id);

    // node(id:) brands what it loads with its type: on a copy of the record, never the record.
    const kinds: [string, typeof Trust][] = [['Trust', Trust], ['Academy', Academy], ['Cluster', Cluster], ['StaffMember', StaffMember], ['ImprovementNeed', ImprovementNeed], ['Deployment', Deployment]] as never;
    for (const [typename, model] of kinds) {
      const doc = (await (model as any).findOne({}).sort({ _id: 1 }).lean()) as { _id: unknown };
      const id = encodeGlobalId(typename, String(doc._id));
      for (let i = 0; i < 2; i++) {
        const answer = await api.gql(`query ($id: ID!) { node(id: $id) { __typename id } nodes(ids: [$id]) { __typename id } }`, { id }, { token: admin });
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual({ node: { __typename: typename, id }, nodes: [{ __typename: typename, id }] });
      }
    }

    const need = page.data.needs.edges[0].node.id;
    const ranking = await api.gql(`query ($id: ID!) { rankCandidates(needId: $id, kind: STAFF, first: 5) { candidates { candidate { __typename ... on StaffMember { id name homeAcademy { id name } } } } } }`, { id: need }, { token: admin });
    expect(ranking.errors).toBeUndefined();

    // What the copies hold is still what the database holds, record for record.
    for (const model of [Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment] as unknown as (typeof Trust)[]) {
      const copy = await readCopy(model);
      expect(copy).not.toBeNull();
      const fromDatabase = await (model as any).find({}).sort({ _id: 1 }).lean();
      const fromCopy = [...copy!.all()].sort((a, b) => String(a._id).localeCompare(String(b._id)));
      expect(fromCopy).toEqual(fromDatabase);
    }
  });
});
