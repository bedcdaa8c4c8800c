// Operations run compiled by graphql-jit (the default). These tests hold the compiled
// execution to graphql-js's own executor on the demo data: same answers, same errors. A
// document is compiled on its second execution (server/compiled-execution.ts), so each is
// sent twice to the compiled server: first interpreted, then compiled.
import { buildDemoDataset } from '../../seeds/demo';
import { loadDataset } from '../../seeds/load';
import { startServer, startTestApi, TEST_JWT_SECRET, type TestApi } from '../support/test-api';
import { mintToken } from '../../server/auth/tokens';

let api: TestApi;
let interpreted: Awaited<ReturnType<typeof startServer>>;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  interpreted = await startServer({ config: { compileQueries: false } });
  await loadDataset(buildDemoDataset());
  admin = await mintToken({ sub: 'jit-admin', role: 'ADMIN' }, TEST_JWT_SECRET);
});
afterAll(async () => {
  await interpreted.close();
  await api.close();
});

async function post(url: string, body: unknown, token: string | null = admin): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const NESTED = `query NestedPage { needs(first: 50) { edges { cursor node { id area severity priority daysRequested academy { id name fsmPercent ofstedRating isHubLead cluster { id name leadAcademy { id name } trust { id name } } trust { id name } } } } pageInfo { hasNextPage endCursor } } }`;

describe('compiled operations', () => {
  it('give the answers graphql-js gives: nested pages, rankings, errors and partial data', async () => {
    const needId = (await post(api.url, { query: '{ needs(first: 1) { edges { node { id } } } }' })).json.data.needs.edges[0].node.id;
    const requests: { body: unknown; token?: string | null }[] = [
      { body: { query: NESTED } },
      { body: { query: NESTED }, token: null },
      { body: { query: `query ($id: ID!) { rankCandidates(needId: $id, kind: STAFF, first: 5) { eligibleCount exclusions { reason count } candidates { rank score distanceKm factors { name contribution detail } candidate { ... on StaffMember { id name } } } } }`, variables: { id: needId } } },
      { body: { query: `query ($id: ID!) { node(id: $id) { id ... on ImprovementNeed { area academy { name } } } }`, variables: { id: needId } } },
      { body: { query: `{ rankCandidates(needId: "nonsense", kind: STAFF, first: 5) { eligibleCount } }` } },
      { body: { query: `{ needs(first: 500) { edges { node { id } } } }` } },
      { body: { query: `query ($first: Int!) { trusts(first: $first) { edges { node { name } } } }`, variables: { first: 'two' } } },
    ];
    for (const { body, token } of requests) {
      const firstRun = await post(api.url, body, token === undefined ? admin : token);
      const compiled = await post(api.url, body, token === undefined ? admin : token);
      const reference = await post(interpreted.url, body, token === undefined ? admin : token);
      expect({ body, ...firstRun }).toEqual({ body, ...reference });
      expect({ body, ...compiled }).toEqual({ body, ...reference });
    }
  });

  it('run the operation asked for in a document holding several', async () => {
    const document = `query Trusts { trusts(first: 1) { edges { node { name } } } } query Typename { __typename }`;
    await post(api.url, { query: document, operationName: 'Trusts' });
    const first = await post(api.url, { query: document, operationName: 'Trusts' });
    const second = await post(api.url, { query: document, operationName: 'Typename' });
    expect(first.json.data).toEqual({ trusts: { edges: [{ node: { name: expect.any(String) } }] } });
    expect(second.json).toEqual({ data: { __typename: 'Query' } });
  });
});
