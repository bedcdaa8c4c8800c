// Introspection and field suggestions off by default in production (configurable), and the
// execution timeout: a query still running at the limit is stopped with EXECUTION_TIMEOUT.
import { buildDemoDataset } from '../../seeds/demo';
import { loadDataset } from '../../seeds/load';
import { startServer, startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
const servers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  await loadDataset(buildDemoDataset());
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await api.close();
});

async function serve(options: Parameters<typeof startServer>[0]) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

async function post(url: string, query: string, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
}

const INTROSPECTION = `{ __schema { queryType { name } } }`;
const TYPE = `{ __type(name: "Trust") { fields { name } } }`;
const TYPO = `{ trust(first: 1) { edges { node { id } } } }`;

describe('introspection and field suggestions', () => {
  it('are off in production by default, with an error that says what to use instead', async () => {
    const production = await serve({ config: { nodeEnv: 'production' } });
    for (const query of [INTROSPECTION, TYPE]) {
      const res = await post(production.url, query);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'INTROSPECTION_DISABLED' }, message: expect.stringContaining('schema.graphql') });
    }
    expect((await post(production.url, `{ __typename }`)).data).toEqual({ __typename: 'Query' });
    const typo = await post(production.url, TYPO);
    expect(typo.errors?.[0]?.message).toMatch(/Cannot query field "trust"/);
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('can be turned on in production (GRAPHQL_INTROSPECTION, GRAPHQL_FIELD_SUGGESTIONS)', async () => {
    const open = await serve({ config: { nodeEnv: 'production', security: { introspection: true, fieldSuggestions: true } } });
    expect((await post(open.url, INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await post(open.url, TYPO)).errors?.[0]?.message).toMatch(/Did you mean "trusts"/);
  });

  it('are on outside production', async () => {
    expect((await api.gql(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

// Every staff member with their school, its trust and that trust's schools: some thousands of
// fields over several rounds of batched loading.
const SLOW = `{
  staffMembers(first: 100) { edges { node { name email homeAcademy { name trust { name academies(first: 50) { edges { node { name urn cluster { name leadAcademy { name } } } } } } } } } }
}`;

describe('execution timeout', () => {
  it('stops a query that runs past the limit with EXECUTION_TIMEOUT and no partial data', async () => {
    const roomy = await serve({ config: { security: { maxCost: 10_000_000, maxDepth: 20 } } });
    const full = await post(roomy.url, SLOW, admin);
    expect(full.errors).toBeUndefined();
    expect(full.data.staffMembers.edges).toHaveLength(100);

    const strict = await serve({ config: { security: { maxCost: 10_000_000, maxDepth: 20, executionTimeoutMs: 1 } } });
    const stopped = await post(strict.url, SLOW, admin);
    expect(stopped.status).toBe(503);
    expect(stopped.data ?? null).toBeNull();
    expect(stopped.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/ran longer than this server's limit of 1 ms and was stopped/), extensions: expect.objectContaining({ code: 'EXECUTION_TIMEOUT', limitMs: 1 }) }),
    ]);
    // Work that answers at once is not affected.
    expect((await post(strict.url, `{ __typename }`)).data).toEqual({ __typename: 'Query' });
  });

  it('lets mutations finish (stopping one half-way would leave some writes done)', async () => {
    const strict = await serve({ config: { security: { executionTimeoutMs: 1 } } });
    const res = await post(strict.url, `mutation { createTrust(input: { name: "Timed Trust" }) { trust { name } userErrors { message } } }`, admin);
    expect(res.data.createTrust).toEqual({ trust: { name: 'Timed Trust' }, userErrors: [] });
  });
});
