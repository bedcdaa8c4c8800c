// Rate limit of mutations, rankings and new documents per client (server/security/rate-limit.ts):
// a low limit set through createApp's options, a fresh server (and so a fresh count and an
// empty document cache) per test.
import { mintToken } from '../../server/auth/tokens';
import { startServer, TEST_JWT_SECRET, type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createTrust, raiseNeed } from '../support/world';

const LIMIT = 3;
let api: TestApi;
let admin: string;
let needId: string;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'rate-setup' });
  const trustId = await createTrust(api, admin, 'Rate Trust');
  needId = (await raiseNeed(api, admin, await createAcademy(api, admin, { trustId }))).id;
});
beforeEach(async () => {
  server = await startServer({ config: { security: { rateLimitPerMinute: LIMIT } } });
});
afterEach(() => server.close());
afterAll(() => api.close());

async function call(query: string, options: { token?: string | null; variables?: Record<string, unknown>; operationName?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables ?? {}, operationName: options.operationName }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

const trustCount = async () => (await api.gql(`{ trusts(first: 100) { edges { node { id } } } }`)).data.trusts.edges.length;
const createTrustMutation = (name: string) => `mutation { createTrust(input: { name: "${name}" }) { trust { id } userErrors { code } } }`;
const RANK = `query ($n: ID!) { rankCandidates(needId: $n, first: 1) { eligibleCount } }`;

it('lets a client make its mutations up to the limit, then answers 429 RATE_LIMITED and runs nothing', async () => {
  const token = await mintToken({ sub: 'rate-admin', role: 'ADMIN' }, TEST_JWT_SECRET);
  const before = await trustCount();
  for (let i = 0; i < LIMIT; i += 1) expect((await call(createTrustMutation(`Rate Limited ${i}`), { token })).status).toBe(200);
  const refused = await call(createTrustMutation('Rate Limited Over'), { token });
  expect(refused.status).toBe(429);
  expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  expect(await trustCount()).toBe(before + LIMIT);
});

/** Sends documents once from another client, so they are known to the server. */
async function known(...queries: string[]) {
  const other = await mintToken({ sub: 'rate-primer', role: 'TEACHER' }, TEST_JWT_SECRET);
  for (const query of queries) expect((await call(query, { token: other })).status).toBe(200);
}

it('counts rankings with mutations, refused ones too, and never reads of known documents', async () => {
  const token = await mintToken({ sub: 'rate-teacher', role: 'TEACHER' }, TEST_JWT_SECRET);
  await known(`{ academies(first: 5) { edges { node { name } } } }`, `{ trusts(first: 1) { edges { node { name } } } }`);
  for (let i = 0; i < 10; i += 1) expect((await call(`{ academies(first: 5) { edges { node { name } } } }`, { token })).status).toBe(200);
  expect((await call(RANK, { token, variables: { n: needId } })).status).toBe(200);
  expect((await call(createTrustMutation('Not Allowed'), { token })).body.errors[0].extensions.code).toBe('FORBIDDEN');
  // A ranking tucked into a fragment still counts.
  expect((await call(`query ($n: ID!) { ...R } fragment R on Query { rankNeedsForAcademy(academyId: $n) { rank } }`, { token, variables: { n: 'x' } })).status).toBe(200);
  expect((await call(RANK, { token, variables: { n: needId } })).status).toBe(429);
  expect((await call(`{ trusts(first: 1) { edges { node { name } } } }`, { token })).status).toBe(200);
});

it('keeps one count per token subject, and one per address without a valid token', async () => {
  const first = await mintToken({ sub: 'rate-one', role: 'ADMIN' }, TEST_JWT_SECRET);
  const second = await mintToken({ sub: 'rate-two', role: 'ADMIN' }, TEST_JWT_SECRET);
  for (let i = 0; i < LIMIT; i += 1) await call(RANK, { token: first, variables: { n: needId } });
  expect((await call(RANK, { token: first, variables: { n: needId } })).status).toBe(429);
  expect((await call(RANK, { token: second, variables: { n: needId } })).status).toBe(200);

  for (let i = 0; i < LIMIT; i += 1) expect((await call(createTrustMutation('Anonymous'))).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect((await call(createTrustMutation('Anonymous'))).status).toBe(429);
  // A forged token naming a fresh subject is not a fresh count: it is keyed by address.
  const forged = await mintToken({ sub: 'rate-forged', role: 'ADMIN' }, 'not-the-server-secret-0123456789abcdef');
  expect((await call(createTrustMutation('Forged'), { token: forged })).status).toBe(429);
});

it('counts a request whose operation it cannot read with certainty (fails closed)', async () => {
  const token = await mintToken({ sub: 'rate-odd', role: 'ADMIN' }, TEST_JWT_SECRET);
  await known(`{ __typename }`);
  for (let i = 0; i < LIMIT; i += 1) {
    await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` }, body: createTrustMutation('Odd') });
  }
  expect((await call(`{ __typename }`, { token })).status).toBe(200);
  expect((await call(RANK, { token, variables: { n: needId } })).status).toBe(429);
});

describe('documents the server has not seen', () => {
  const distinct = (i: number) => `{ a${i}: academies(first: 1) { edges { node { name trust { name } } } } }`;

  it('count for anonymous clients too: distinct documents are refused past the limit while known ones keep working', async () => {
    const familiar = `{ trusts(first: 2) { edges { node { name } } } }`;
    await known(familiar);
    for (let i = 0; i < LIMIT; i += 1) expect((await call(distinct(i))).status).toBe(200);
    const refused = await call(distinct(LIMIT));
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused.body.errors[0].message).toMatch(/new query documents: at most 3 a minute per client/);
    // Documents the server already holds are not new, whoever sent them first.
    for (let i = 0; i < 5; i += 1) {
      const again = await call(i % 2 ? familiar : distinct(0));
      expect(again.status).toBe(200);
      expect(again.body.errors).toBeUndefined();
    }
    // Another client has its own count.
    const other = await mintToken({ sub: 'rate-other', role: 'TEACHER' }, TEST_JWT_SECRET);
    expect((await call(distinct(LIMIT + 1), { token: other })).status).toBe(200);
  });
});
