import { type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
});
afterAll(() => api.close());

const CREATE_TRUST = `mutation ($input: CreateTrustInput!) {
  createTrust(input: $input) { trust { id name region } userErrors { field message code } }
}`;

describe('createTrust', () => {
  it('records a trust that can be read back through node()', async () => {
    const res = await api.gql(CREATE_TRUST, { input: { name: 'Aspire Academy Trust', region: 'South West' } }, { token: admin });
    expect(res.errors).toBeUndefined();
    const { trust, userErrors } = res.data.createTrust;
    expect(userErrors).toEqual([]);
    expect(trust).toMatchObject({ name: 'Aspire Academy Trust', region: 'South West' });

    const read = await api.gql(`query ($id: ID!) { node(id: $id) { __typename id ... on Trust { name } } }`, { id: trust.id });
    expect(read.data.node).toEqual({ __typename: 'Trust', id: trust.id, name: 'Aspire Academy Trust' });
  });

  it('refuses a duplicate name regardless of case, writing nothing', async () => {
    const res = await api.gql(CREATE_TRUST, { input: { name: 'ASPIRE academy trust' } }, { token: admin });
    expect(res.data.createTrust).toEqual({ trust: null, userErrors: [{ field: ['name'], code: 'TAKEN', message: expect.stringContaining('already exists') }] });
    const list = await api.gql(`{ trusts(first: 10) { edges { node { name } } } }`);
    expect(list.data.trusts.edges).toHaveLength(1);
  });

  it('names the field when the name is too short', async () => {
    const res = await api.gql(CREATE_TRUST, { input: { name: ' x ' } }, { token: admin });
    expect(res.data.createTrust.userErrors).toEqual([{ field: ['name'], code: 'INVALID', message: expect.stringMatching(/^name: .*at least 2/) }]);
  });

  it('refuses without a token (UNAUTHENTICATED) and for a non-admin (FORBIDDEN)', async () => {
    const anonymous = await api.gql(CREATE_TRUST, { input: { name: 'Nobody Trust' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const lead = await api.token('IMPROVEMENT_LEAD');
    const forbidden = await api.gql(CREATE_TRUST, { input: { name: 'Lead Trust' } }, { token: lead });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await api.gql(`{ trusts(first: 10) { edges { node { name } } } }`);
    expect(list.data.trusts.edges.map((e: any) => e.node.name)).toEqual(['Aspire Academy Trust']);
  });
});
