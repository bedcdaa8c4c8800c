// Rate-limit counts in the database (server/security/rate-limit-store.ts): two app instances
// on one database, as behind a load balancer, give a client one budget between them, not
// one each; concurrent hits on both are all counted. Real servers over HTTP, on the suite's
// database.
import mongoose from 'mongoose';
import { mintToken } from '../../server/auth/tokens';
import { DatabaseRateLimitStore, RATE_LIMIT_COLLECTION } from '../../server/security/rate-limit-store';
import { startServer, TEST_JWT_SECRET, type TestApi, startTestApi } from '../support/test-api';

const LIMIT = 6;
let api: TestApi;
let instances: Awaited<ReturnType<typeof startServer>>[] = [];
// Both instances read one clock, set inside a window that has not begun, so the test never
// straddles two windows and the window's document outlives it.
const WINDOW_MS = 60_000;
const windowStart = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + WINDOW_MS;

beforeAll(async () => {
  api = await startTestApi();
});
beforeEach(async () => {
  await mongoose.connection.db!.collection(RATE_LIMIT_COLLECTION).deleteMany({});
  instances = [];
  for (let i = 0; i < 2; i += 1) {
    instances.push(
      await startServer({
        config: { security: { rateLimitPerMinute: LIMIT } },
        rateLimitStore: new DatabaseRateLimitStore(mongoose.connection, { now: () => windowStart + 1 }),
      }),
    );
  }
});
afterEach(async () => {
  for (const instance of instances) await instance.close();
});
afterAll(() => api.close());

async function mutate(url: string, token: string, name: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: `mutation { createTrust(input: { name: "${name}" }) { trust { id } userErrors { code } } }` }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

it('gives a client one budget across two instances: alternating between them, the request after the limit is refused on either', async () => {
  const token = await mintToken({ sub: 'shared-admin', role: 'ADMIN' }, TEST_JWT_SECRET);
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT + 2; i += 1) statuses.push((await mutate(instances[i % 2]!.url, token, `Shared Budget ${i}`)).status);
  expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429]);
  const refused = await mutate(instances[0]!.url, token, 'Shared Budget Over');
  expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  // Another client still has its own budget.
  const other = await mintToken({ sub: 'shared-other', role: 'ADMIN' }, TEST_JWT_SECRET);
  expect((await mutate(instances[1]!.url, other, 'Shared Other Client')).status).toBe(200);
});

it('counts every one of 40 simultaneous requests spread over both instances, and lets exactly the limit through', async () => {
  const token = await mintToken({ sub: 'shared-burst', role: 'ADMIN' }, TEST_JWT_SECRET);
  const answers = await Promise.all(Array.from({ length: 40 }, (_unused, i) => mutate(instances[i % 2]!.url, token, `Shared Burst ${i}`)));
  expect(answers.filter((a) => a.status === 200)).toHaveLength(LIMIT);
  expect(answers.filter((a) => a.status === 429)).toHaveLength(40 - LIMIT);
  const counters = await mongoose.connection.db!.collection(RATE_LIMIT_COLLECTION).find({}).toArray();
  expect(counters.map((c) => [c._id, c.hits])).toEqual([[`graphql:sub:shared-burst|${windowStart}`, 40]]);
  expect(counters[0]!.expiresAt).toEqual(new Date(windowStart + WINDOW_MS));
});
