// Structured logs: one access-log line per request with its request id, and never a token or
// the signing secret, whatever the request carries and even at the most verbose level.
import { mintToken } from '../../server/auth/tokens';
import { createLogger } from '../../server/logger';
import { Trust } from '../../server/models/trust';
import { setReadCacheMode } from '../../server/db/read-cache';
import { startServer, TEST_JWT_SECRET, type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let server: Awaited<ReturnType<typeof startServer>>;
const lines: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  server = await startServer({ logger, config: { security: { rateLimitPerMinute: 100 } } });
});
afterEach(() => jest.restoreAllMocks());
afterAll(async () => {
  await server.close();
  await api.close();
});

const requestLines = () => lines.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.msg === 'request');

async function send(init: RequestInit & { path?: string }) {
  const response = await fetch(`${server.url}${init.path ?? ''}`, init);
  await response.text();
  // The access log is written when the response finishes; let that callback run.
  await new Promise((resolve) => setImmediate(resolve));
  return response;
}

it('writes one line per request: id, method, path, status, duration, operation and caller', async () => {
  const token = await mintToken({ sub: 'log-lead', role: 'IMPROVEMENT_LEAD' }, TEST_JWT_SECRET);
  const before = requestLines().length;
  const res = await send({
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'log-test-1' },
    body: JSON.stringify({ query: 'query Named { trusts(first: 1) { edges { node { id } } } }', operationName: 'Named' }),
  });
  expect(res.headers.get('x-request-id')).toBe('log-test-1');
  const logged = requestLines().slice(before);
  expect(logged).toEqual([
    expect.objectContaining({
      level: 30,
      requestId: 'log-test-1',
      method: 'POST',
      path: '/graphql',
      status: 200,
      durationMs: expect.any(Number),
      operationName: 'Named',
      operationType: 'query',
      viewer: { sub: 'log-lead', role: 'IMPROVEMENT_LEAD' },
    }),
  ]);
});

it('never logs a token or the secret: not from headers, query strings, variables or errors', async () => {
  const valid = await mintToken({ sub: 'log-admin', role: 'ADMIN' }, TEST_JWT_SECRET);
  const forged = await mintToken({ sub: 'log-forged', role: 'ADMIN' }, 'a-different-secret-0123456789abcdefghij');
  const json = { 'content-type': 'application/json' };
  await send({ method: 'POST', headers: { ...json, authorization: `Bearer ${valid}` }, body: JSON.stringify({ query: 'mutation { createTrust(input: { name: "Logged Trust" }) { trust { id } } }' }) });
  await send({ method: 'POST', headers: { ...json, authorization: `Bearer ${forged}` }, body: JSON.stringify({ query: '{ __typename }' }) });
  await send({ method: 'POST', headers: { ...json, authorization: `Basic ${valid}` }, body: JSON.stringify({ query: '{ __typename }' }) });
  await send({ method: 'GET', path: `?query=${encodeURIComponent('query ($t: String) { __typename }')}&variables=${encodeURIComponent(JSON.stringify({ t: valid }))}&token=${valid}` });
  await send({ method: 'POST', headers: json, body: JSON.stringify({ query: 'query ($t: String!) { academyByUrn(urn: $t) { id } }', variables: { t: valid, token: valid } }) });
  await send({ method: 'POST', headers: json, body: JSON.stringify({ query: `{ broken ${valid}` }) });
  // An unexpected error, logged with its stack, while a token rides along in the request.
  // (Read from the database, not the in-process copies, so the failing find is reached.)
  setReadCacheMode('off');
  jest.spyOn(Trust, 'find').mockImplementation((() => {
    throw new Error('boom');
  }) as never);
  const failed = await send({ method: 'POST', headers: { ...json, authorization: `Bearer ${valid}` }, body: JSON.stringify({ query: '{ trusts { edges { node { id } } } }', variables: { token: valid } }) });
  setReadCacheMode('auto');

  const all = lines.join('\n');
  expect(requestLines().length).toBeGreaterThanOrEqual(7);
  // The error was logged, with its stack and the request id the client was given...
  const fault = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unexpected error in a resolver');
  expect(fault).toMatchObject({ level: 50, requestId: failed.headers.get('x-request-id'), path: ['trusts'], err: { message: 'boom', stack: expect.stringContaining('Error: boom') } });
  for (const secret of [valid, forged, valid.split('.')[2]!, forged.split('.')[2]!, TEST_JWT_SECRET]) {
    expect(all.includes(secret)).toBe(false); // ...and no token, signature or secret with it
  }
});
