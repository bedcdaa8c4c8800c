// Accepted HS256 tokens are remembered until they expire (server/auth/tokens.ts,
// createBearerAuthenticator). Remembering must not change a single answer: each outcome here
// is compared with a fresh verification (authenticate, nothing remembered) at the same time.
import { authenticate, createBearerAuthenticator, mintToken } from '../../../server/auth/tokens';

const SECRET = 'bearer-cache-secret-0123456789abcdef0123456789abcdef';
const START_MS = Date.UTC(2026, 10, 29, 9, 0, 0);
const LIFETIME_S = 600;

/** An authenticator on a clock the test moves, and a fresh verification at the same time. */
function onClock() {
  let nowMs = START_MS;
  const remembered = createBearerAuthenticator(SECRET, { now: () => nowMs });
  const fresh = (authorization: string) => createBearerAuthenticator(SECRET, { now: () => nowMs })(authorization);
  return { remembered, fresh, setNow: (ms: number) => void (nowMs = ms) };
}

const mint = (claims: { sub?: string } = {}) => mintToken({ sub: claims.sub ?? 'lead', role: 'IMPROVEMENT_LEAD' }, SECRET, START_MS / 1000 + LIFETIME_S);

test('a remembered token answers as a fresh verification does, request after request', async () => {
  const { remembered, fresh } = onClock();
  const authorization = `Bearer ${await mint()}`;
  const first = await remembered(authorization);
  expect(first).toEqual({ kind: 'authenticated', viewer: { sub: 'lead', role: 'IMPROVEMENT_LEAD', staffId: null, academyId: null, clusterId: null, trustId: null } });
  for (let i = 0; i < 3; i++) expect(await remembered(authorization)).toEqual(await fresh(authorization));
});

test('a remembered token is refused as expired from its exp on, as jose refuses it', async () => {
  const { remembered, fresh, setNow } = onClock();
  const authorization = `Bearer ${await mint()}`;
  expect((await remembered(authorization)).kind).toBe('authenticated');
  const expMs = (START_MS / 1000 + LIFETIME_S) * 1000;
  setNow(expMs - 1);
  expect((await remembered(authorization)).kind).toBe('authenticated');
  expect(await remembered(authorization)).toEqual(await fresh(authorization));
  setNow(expMs);
  const expired = await remembered(authorization);
  expect(expired).toEqual({ kind: 'rejected', reason: 'the token has expired' });
  expect(expired).toEqual(await fresh(authorization));
  // Once expired it stays refused, even if a clock were set back to before exp afterwards: it is forgotten, and verified again.
  setNow(expMs + 1000);
  expect((await remembered(authorization)).kind).toBe('rejected');
});

test('only the exact token is remembered: a token differing in its signature is verified and refused', async () => {
  const { remembered } = onClock();
  const token = await mint();
  expect((await remembered(`Bearer ${token}`)).kind).toBe('authenticated');
  // Change the signature's first character: the last one also carries two padding bits, so
  // some changes to it (A to B, say) decode to the very same signature bytes.
  const signatureStart = token.lastIndexOf('.') + 1;
  const changed = token[signatureStart] === 'A' ? 'B' : 'A';
  const tampered = `${token.slice(0, signatureStart)}${changed}${token.slice(signatureStart + 1)}`;
  expect(await remembered(`Bearer ${tampered}`)).toEqual({ kind: 'rejected', reason: 'the token signature is not valid' });
  // Other header forms answer as before.
  expect(await remembered(`Token ${token}`)).toEqual({ kind: 'rejected', reason: 'the Authorization header must be "Bearer <token>"' });
  expect(await remembered(undefined)).toEqual({ kind: 'anonymous' });
});

test('a token signed with another secret is refused by this authenticator even once accepted by its own', async () => {
  const { remembered } = onClock();
  const other = createBearerAuthenticator(`${SECRET}-other`, { now: () => START_MS });
  const foreign = `Bearer ${await mintToken({ sub: 'x', role: 'ADMIN' }, `${SECRET}-other`, START_MS / 1000 + LIFETIME_S)}`;
  expect((await other(foreign)).kind).toBe('authenticated');
  expect((await remembered(foreign)).kind).toBe('rejected');
});

test('changing a viewer handed out does not change what the next request gets', async () => {
  const { remembered } = onClock();
  const authorization = `Bearer ${await mint()}`;
  const first = await remembered(authorization);
  if (first.kind !== 'authenticated') throw new Error('expected an accepted token');
  first.viewer.role = 'ADMIN';
  first.viewer.trustId = 'someone else';
  expect(await remembered(authorization)).toMatchObject({ kind: 'authenticated', viewer: { role: 'IMPROVEMENT_LEAD', trustId: null } });
});

test('past its bound the least recently used tokens are forgotten and verified again, with the same answers', async () => {
  let nowMs = START_MS;
  const small = createBearerAuthenticator(SECRET, { now: () => nowMs, maxTokens: 2 });
  const tokens = await Promise.all(['a', 'b', 'c', 'd'].map((sub) => mint({ sub })));
  for (let round = 0; round < 2; round++) {
    for (const [i, token] of tokens.entries()) expect(await small(`Bearer ${token}`)).toMatchObject({ kind: 'authenticated', viewer: { sub: ['a', 'b', 'c', 'd'][i] } });
  }
  nowMs = (START_MS / 1000 + LIFETIME_S) * 1000;
  for (const token of tokens) expect(await small(`Bearer ${token}`)).toEqual({ kind: 'rejected', reason: 'the token has expired' });
});

test('authenticate (nothing remembered) still verifies with the real clock', async () => {
  const live = await mintToken({ sub: 'lead', role: 'IMPROVEMENT_LEAD' }, SECRET, '5m');
  expect((await authenticate(`Bearer ${live}`, SECRET)).kind).toBe('authenticated');
});
