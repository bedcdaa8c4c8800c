// HS256 bearer tokens (jose: a vetted JOSE implementation rather than hand-rolled crypto).
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
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

export async function authenticate(authorization: string | null | undefined, secret: string): Promise<AuthOutcome> {
  if (!authorization) return { kind: 'anonymous' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return { kind: 'rejected', reason: 'the Authorization header must be "Bearer <token>"' };
  try {
    // `exp` is required: a token without one would be valid forever, and nothing can revoke it.
    const { payload } = await jwtVerify(match[1]!, keyOf(secret), { algorithms: ['HS256'], requiredClaims: ['exp'] });
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
    return { kind: 'authenticated', viewer };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { kind: 'rejected', reason: 'the token has expired' };
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp') {
      return { kind: 'rejected', reason: 'the token has no expiry (exp): mint tokens with a lifetime' };
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { kind: 'rejected', reason: 'the token signature is not valid' };
    return { kind: 'rejected', reason: 'the token is malformed or not signed with HS256' };
  }
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
