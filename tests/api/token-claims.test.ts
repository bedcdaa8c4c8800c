// Tokens that must not be accepted even when correctly signed: one without an expiry (it
// would be valid forever), and one whose staffId is not its subject (one subject acting as
// another person). Both are refused as UNAUTHENTICATED, with the reason, writing nothing.
import { SignJWT } from 'jose';
import { mintToken } from '../../server/auth/tokens';
import { demoTokens } from '../../server/demo-tokens';
import { TEST_JWT_SECRET, type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust } from '../support/world';

let api: TestApi;
let admin: string;
let me: { id: string };
let colleague: { id: string };

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  const trustId = await createTrust(api, admin, 'Token Trust');
  const school = await createAcademy(api, admin, { trustId });
  me = await createStaff(api, admin, school, { capacityDays: 10 });
  colleague = await createStaff(api, admin, school, { capacityDays: 10 });
});
afterAll(() => api.close());

const UPDATE = `mutation ($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { staffMember { capacityDays } userErrors { field code } } }`;
const capacityOf = async (id: string) => (await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { capacityDays } } }`, { id }, { token: admin })).data.node.capacityDays;
const key = new TextEncoder().encode(TEST_JWT_SECRET);

it('refuses a correctly signed token that has no exp, writing nothing', async () => {
  const forever = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('forever').setIssuedAt().sign(key);
  const res = await api.gql(`mutation { createTrust(input: { name: "Forever Trust" }) { trust { id } } }`, {}, { token: forever });
  expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('no expiry (exp)') });
  const trusts = await api.gql(`{ trusts(first: 10) { edges { node { name } } } }`);
  expect(trusts.data.trusts.edges.map((e: any) => e.node.name)).toEqual(['Token Trust']);

  const read = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { name } } }`, { id: me.id }, { token: forever });
  expect(read.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('refuses a token whose staffId is not its subject, writing nothing', async () => {
  for (const sub of ['someone-else', colleague.id]) {
    const token = await mintToken({ sub, role: 'TEACHER', staffId: me.id }, TEST_JWT_SECRET);
    const res = await api.gql(UPDATE, { input: { id: me.id, capacityDays: 2 } }, { token });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining("staffId must equal its subject") });
  }
  expect(await capacityOf(me.id)).toBe(10);
});

it('accepts a staff member whose subject is their StaffMember ID, and audits that subject', async () => {
  const token = await mintToken({ sub: me.id, role: 'TEACHER', staffId: me.id }, TEST_JWT_SECRET);
  const res = await api.gql(UPDATE, { input: { id: me.id, capacityDays: 8 } }, { token });
  expect(res.data.updateStaffMember).toEqual({ staffMember: { capacityDays: 8 }, userErrors: [] });
  const history = await api.gql(`query ($id: ID!) { history(id: $id, first: 1) { actor { sub role } } }`, { id: me.id }, { token: admin });
  expect(history.data.history).toEqual([{ actor: { sub: me.id, role: 'TEACHER' } }]);
});

it('mints demo tokens the server accepts, staff ones with the StaffMember ID as subject', async () => {
  const seededLike = await demoTokens(TEST_JWT_SECRET);
  expect(seededLike.length).toBeGreaterThan(1);
  for (const { claims, token } of seededLike) {
    if (claims.staffId) expect(claims.sub).toBe(claims.staffId);
    const res = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { name } } }`, { id: me.id }, { token });
    expect({ role: claims.role, errors: res.errors }).toEqual({ role: claims.role, errors: undefined });
  }
});
