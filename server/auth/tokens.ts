// HS256 bearer tokens (jose: a vetted JOSE implementation rather than hand-rolled crypto).
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { ROLES, type Role } from '../domain/enums';
import { decodeIdOfType } from './global-id';
import type { Viewer } from './viewer';

export type AuthOutcome =
  | { kind: 'anonymous' }
  | { kind: 'authenticated'; viewer: Viewer }
  | { kind: 'rejected'; reason: string; /** Set for refusals clients act on, e.g. NOT_ENROLLED. */ code?: string };

const SCOPE_CLAIMS = [
  ['staffId', 'StaffMember'],
  ['academyId', 'Academy'],
  ['clusterId', 'Cluster'],
  ['trustId', 'Trust'],
] as const;

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

const BEARER = /^Bearer\s+(\S+)$/i;

export async function authenticate(authorization: string | null | undefined, secret: string): Promise<AuthOutcome> {
  return (await verifyBearer(authorization, secret, Date.now())).outcome;
}

interface Verified {
  outcome: AuthOutcome;
  /** For an accepted token: the token and when it stops being valid (its `exp`, in ms). */
  accepted?: { token: string; expiresAtMs: number };
}

async function verifyBearer(authorization: string | null | undefined, secret: string, nowMs: number): Promise<Verified> {
  if (!authorization) return { outcome: { kind: 'anonymous' } };
  const match = BEARER.exec(authorization.trim());
  if (!match) return { outcome: { kind: 'rejected', reason: 'the Authorization header must be "Bearer <token>"' } };
  const token = match[1]!;
  const outcome = await verifyToken(token, secret, nowMs);
  return outcome.kind === 'authenticated' ? { outcome: { kind: 'authenticated', viewer: outcome.viewer }, accepted: { token, expiresAtMs: outcome.exp * 1000 } } : { outcome };
}

async function verifyToken(token: string, secret: string, nowMs: number): Promise<Exclude<AuthOutcome, { kind: 'authenticated' }> | { kind: 'authenticated'; viewer: Viewer; exp: number }> {
  try {
    // `exp` is required: a token without one would be valid forever, and nothing can revoke it.
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'], requiredClaims: ['exp'], currentDate: new Date(nowMs) });
    if (typeof payload.sub !== 'string' || !payload.sub) return { kind: 'rejected', reason: 'the token has no subject (sub)' };
    const role = payload.role;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      return { kind: 'rejected', reason: `the token's role must be one of ${ROLES.join(', ')}` };
    }
    const viewer: Viewer = { sub: payload.sub, role: role as Role, staffId: null, academyId: null, clusterId: null, trustId: null };
    for (const [claim, typename] of SCOPE_CLAIMS) {
      const value = payload[claim];
      if (value === undefined || value === null) continue;
      const id = typeof value === 'string' ? decodeIdOfType(value, typename) : null;
      if (!id) return { kind: 'rejected', reason: `the token's ${claim} is not a ${typename} ID` };
      viewer[claim] = id;
    }
    const staffProblem = staffSubjectProblem(payload.sub, payload.staffId);
    if (staffProblem) return { kind: 'rejected', reason: staffProblem };
    return { kind: 'authenticated', viewer, exp: payload.exp! };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { kind: 'rejected', reason: 'the token has expired' };
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp') {
      return { kind: 'rejected', reason: 'the token has no expiry (exp): mint tokens with a lifetime' };
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { kind: 'rejected', reason: 'the token signature is not valid' };
    return { kind: 'rejected', reason: 'the token is malformed or not signed with HS256' };
  }
}

/** Accepted tokens remembered by one authenticator, at most (the least recently used go). */
export const REMEMBERED_TOKENS = 10_000;

export type BearerAuthenticator = (authorization: string | null | undefined) => Promise<AuthOutcome>;

/**
 * authenticate() for one secret, remembering each accepted token until its `exp`: a client
 * sends the same token with every request, and verifying it (an HMAC over the token, JSON
 * and base64 decoding, the claims) was about a twentieth of a small request's CPU. Exact:
 * - only the exact token string verified and accepted is remembered (a key per token, so a
 *   token that differs in any character is verified afresh), with the viewer its claims gave;
 * - at or after its `exp` it is verified again, which refuses it as expired, as jose does
 *   (jose accepts while the current second is before `exp`: until exp × 1000 ms);
 * - nothing refused is remembered, and nothing is unknown but time: an HS256 token carries
 *   everything it is checked against, and there is no revocation list (docs/security.md);
 *   tokens from the identity provider and session cookies, which the directory can end,
 *   are not checked here (server/auth/request-auth.ts).
 * `now` is for tests (jose is given the same time).
 */
export function createBearerAuthenticator(secret: string, options: { now?: () => number; maxTokens?: number } = {}): BearerAuthenticator {
  const now = options.now ?? Date.now;
  const accepted = new LRUCache<string, { viewer: Viewer; expiresAtMs: number }>({ max: options.maxTokens ?? REMEMBERED_TOKENS });
  return async (authorization) => {
    const nowMs = now();
    const token = authorization ? BEARER.exec(authorization.trim())?.[1] : undefined;
    const known = token === undefined ? undefined : accepted.get(token);
    if (known) {
      // A copy: nothing downstream may change what the next request gets.
      if (nowMs < known.expiresAtMs) return { kind: 'authenticated', viewer: { ...known.viewer } };
      accepted.delete(token!);
    }
    const verified = await verifyBearer(authorization, secret, nowMs);
    if (verified.accepted && verified.outcome.kind === 'authenticated') {
      accepted.set(verified.accepted.token, { viewer: { ...verified.outcome.viewer }, expiresAtMs: verified.accepted.expiresAtMs });
    }
    return verified.outcome;
  };
}

/**
 * A token acting for a staff member names that person as its subject: `sub` is the staff
 * member's global ID, the same value as `staffId`. So the audit trail's `actor.sub` says who
 * acted, and one subject can never act as several people (or be re-pointed to someone else by
 * a second token). Tokens without `staffId` keep any non-empty subject.
 */
export function staffSubjectProblem(sub: string, staffId: unknown): string | null {
  if (staffId === undefined || staffId === null || sub === staffId) return null;
  return "the token's staffId must equal its subject (sub): a staff member's token has their StaffMember ID as sub";
}

/**
 * The staff member a token's subject names, or null: a staff member's token has their
 * StaffMember ID as its subject (`staffSubjectProblem`). For code holding a recorded actor
 * (`createdBy.sub`) rather than a viewer, so the subject's format is read here, with the token's.
 */
export function staffIdOfSubject(sub: string): string | null {
  return decodeIdOfType(sub, 'StaffMember');
}

export interface TokenClaims {
  sub: string;
  role: Role;
  staffId?: string;
  academyId?: string;
  clusterId?: string;
  trustId?: string;
}

/** Mints a token; scope claims are global IDs, as the API contract says. */
export async function mintToken(claims: TokenClaims, secret: string, expiresIn: string | number = '12h'): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keyOf(secret));
}
