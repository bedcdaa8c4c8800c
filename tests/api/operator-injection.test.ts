// No operator injection: MongoDB query operators sent as values ({"$gt": ""} in place of a
// string or ID, "$where" as an input field, operators smuggled into a cursor) are refused
// with a clear error or matched literally, never obeyed. They cannot reach a filter because
// every input is a typed GraphQL scalar, enum or input object (an object is not a String or
// an ID), strings that feed a regex are escaped (schema/pagination.ts containsPattern), IDs
// are decoded against a strict pattern (server/auth/global-id.ts), and cursors are
// type-checked field by field.
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { type GraphQLResponse, type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust } from '../support/world';

let api: TestApi;
let admin: string;
let academyId: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  const trustId = await createTrust(api, admin, 'Injection Trust');
  academyId = await createAcademy(api, admin, { trustId, name: 'Injection Academy' });
  await createStaff(api, admin, academyId);
});
afterAll(() => api.close());

async function digest(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of ['academies', 'trusts', 'staffmembers', 'improvementneeds', 'auditentries']) {
    hash.update(JSON.stringify(await mongoose.connection.db!.collection(name).find({}).sort({ _id: 1 }).toArray()));
  }
  return hash.digest('hex');
}

function expectRefused(res: GraphQLResponse, pattern: RegExp) {
  expect(res.errors?.length).toBeGreaterThan(0);
  expect(res.errors![0]!.message).toMatch(pattern);
  // Nothing found, nothing listed: a refused operator returns no data at all.
  expect(JSON.stringify(res.data ?? null)).not.toMatch(/Injection Academy|Injection Trust|@example/);
}

const OPERATORS = [{ $gt: '' }, { $ne: null }, { $regex: '.*' }, { $exists: true }, { $where: 'true' }];

describe('operators where a string or ID belongs', () => {
  it.each(OPERATORS)('refuses %j as a URN, a name filter, an ID and a filter ID', async (operator) => {
    expectRefused(await api.gql(`query ($u: String!) { academyByUrn(urn: $u) { name } }`, { u: operator }), /String cannot represent a non string value/);
    expectRefused(await api.gql(`query ($n: String) { academies(first: 5, filter: { nameContains: $n }) { edges { node { name } } } }`, { n: operator }), /String cannot represent/);
    expectRefused(await api.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: operator }, { token: admin }), /ID cannot represent/);
    expectRefused(
      await api.gql(`query ($a: ID) { staffMembers(first: 5, filter: { homeAcademyId: $a }) { edges { node { email } } } }`, { a: operator }, { token: admin }),
      /ID cannot represent/,
    );
  });

  it('matches operator-looking strings literally', async () => {
    for (const text of ['.*', '{"$gt": ""}', '$where', '^', 'Injection|.*']) {
      const list = await api.gql(`query ($n: String) { academies(first: 5, filter: { nameContains: $n }) { edges { node { name } } } }`, { n: text });
      expect(list.errors).toBeUndefined();
      expect(list.data.academies.edges).toEqual([]);
      const byUrn = await api.gql(`query ($u: String!) { academyByUrn(urn: $u) { name } }`, { u: text });
      expect(byUrn.data.academyByUrn).toBeNull();
      const region = await api.gql(`query ($r: String) { trusts(first: 5, filter: { region: $r }) { edges { node { name } } } }`, { r: text });
      expect(region.data.trusts.edges).toEqual([]);
    }
    const nodeByText = await api.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: '{"$ne": null}' });
    expect(nodeByText.data.node).toBeNull();
    const forgedId = await api.gql(`query ($id: ID!) { history(id: $id) { action } }`, { id: Buffer.from('Academy:{"$ne":null}').toString('base64') }, { token: admin });
    expect(forgedId.data.history).toEqual([]);
  });
});

describe('operators in mutation input', () => {
  it('refuses operators as values and as field names, writing nothing', async () => {
    const before = await digest();
    const upsert = `mutation ($input: UpsertAcademyInput!) { upsertAcademy(input: $input) { academy { id } userErrors { code } } }`;
    expectRefused(await api.gql(upsert, { input: { urn: { $gt: '' }, name: 'Everything' } }, { token: admin }), /String cannot represent/);
    expectRefused(await api.gql(upsert, { input: { urn: '123456', name: 'Where', $where: 'sleep(1000)' } }, { token: admin }), /"\$where" is not defined/);
    const update = `mutation ($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { staffMember { id } userErrors { code } } }`;
    expectRefused(await api.gql(update, { input: { id: { $ne: null }, capacityDays: 0 } }, { token: admin }), /ID cannot represent/);
    const byText = await api.gql(update, { input: { id: '{"$ne": null}', capacityDays: 0 } }, { token: admin });
    expect(byText.data.updateStaffMember.userErrors).toEqual([{ code: 'INVALID_ID' }]);
    expect(await digest()).toBe(before);
  });

  it('stores operator-looking text as plain text', async () => {
    const res = await api.gql(`mutation { createTrust(input: { name: "$where: {$gt: ''}" }) { trust { id name } } }`, {}, { token: admin });
    expect(res.data.createTrust.trust.name).toBe("$where: {$gt: ''}");
  });
});

describe('operators smuggled into a cursor', () => {
  it('refuses a cursor whose values are operators', async () => {
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const after of [cursor([{ $gt: '' }, '000000000000000000000000']), cursor(['A', { $ne: null }]), cursor([{ $where: 'true' }])]) {
      const res = await api.gql(`query ($after: String) { academies(first: 5, after: $after) { edges { node { name } } } }`, { after });
      expectRefused(res, /cursor is not valid/);
      expect(res.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // A well-formed cursor still works.
    const ok = await api.gql(`query ($after: String) { academies(first: 5, after: $after) { edges { node { name } } } }`, { after: cursor(['A', '000000000000000000000000']) });
    expect(ok.errors).toBeUndefined();
  });
});
