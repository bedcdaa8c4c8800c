// Who is calling, from one request: a bearer token (HS256 service tokens as before, or an
// RS256/ES256 token from the OpenID Connect issuer) or, for the web app, the session cookie.
// People signed in with the issuer get their role and scopes from the user directory; one
// the directory does not know is refused as NOT_ENROLLED, never given a guessed role.
import { parse as parseCookies } from 'cookie';
import type { Request } from 'express';
import { decodeProtectedHeader } from 'jose';
import { findEnrolment, findEnrolmentById, viewerFromDirectory } from '../services/directory';
import type { OidcIssuer } from './oidc/issuer';
import { TokenRejected } from './oidc/issuer';
import type { SessionCookies } from './oidc/session';
import { type AuthOutcome, createBearerAuthenticator } from './tokens';

export const NOT_ENROLLED = 'NOT_ENROLLED';

export interface RequestAuthOptions {
  jwtSecret: string;
  /** Null when OIDC_ISSUER is unset: only HS256 tokens are accepted. */
  oidc: { issuer: OidcIssuer; sessions: SessionCookies; publicOrigin: string } | null;
}

export type RequestAuthenticator = (req: Request) => Promise<AuthOutcome>;

function notEnrolled(who: string): AuthOutcome {
  return {
    kind: 'rejected',
    code: NOT_ENROLLED,
    reason: `${who} signed in with the identity provider but is not enrolled in this service: ask your trust's improvement lead (or an administrator) to add you to the user directory`,
  };
}

export function createRequestAuthenticator({ jwtSecret, oidc }: RequestAuthOptions): RequestAuthenticator {
  // HS256 tokens, each remembered once verified until it expires (server/auth/tokens.ts).
  const authenticateBearer = createBearerAuthenticator(jwtSecret);
  return async (req) => {
    const authorization = req.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      if (!oidc || !match || signedWithSharedSecret(match[1]!)) return authenticateBearer(authorization);
      return authenticateIssuerToken(oidc.issuer, match[1]!);
    }
    if (!oidc) return { kind: 'anonymous' };
    const cookie = req.headers.cookie ? parseCookies(req.headers.cookie)[oidc.sessions.sessionName] : undefined;
    if (!cookie) return { kind: 'anonymous' };
    const forgery = crossSiteProblem(req, oidc.publicOrigin);
    if (forgery) return { kind: 'rejected', reason: forgery };
    const session = await oidc.sessions.readSession(cookie);
    if ('problem' in session) return { kind: 'rejected', reason: session.problem };
    const record = await findEnrolmentById(session.directoryUserId);
    // Removed from the directory since signing in: the session ends now.
    if (!record) return notEnrolled('this person');
    // Signed out since (a copy of the cookie kept elsewhere must not outlive the sign-out).
    if (record.sessionsNotBefore && session.issuedAtMs <= record.sessionsNotBefore.getTime()) {
      return { kind: 'rejected', reason: 'this session was signed out: sign in again' };
    }
    return { kind: 'authenticated', viewer: viewerFromDirectory(record, session.subject, 'OIDC_SESSION') };
  };
}

/** HS256 tokens are the service's own; anything else is the issuer's to vouch for. */
function signedWithSharedSecret(token: string): boolean {
  try {
    return decodeProtectedHeader(token).alg === 'HS256';
  } catch {
    return true; // not a JWS at all: the HS256 path explains what is wrong with it
  }
}

async function authenticateIssuerToken(issuer: OidcIssuer, token: string): Promise<AuthOutcome> {
  let identity;
  try {
    identity = await issuer.verify(token);
  } catch (error) {
    if (error instanceof TokenRejected) return { kind: 'rejected', reason: error.message };
    return { kind: 'rejected', reason: 'the identity provider could not be reached to check the token; try again shortly' };
  }
  const record = await findEnrolment(identity);
  if (!record) return notEnrolled(identity.email ?? `subject ${identity.subject}`);
  return { kind: 'authenticated', viewer: viewerFromDirectory(record, identity.subject, 'OIDC_BEARER') };
}

/**
 * CSRF defence for the session cookie (docs/security.md): a browser sends cookies with
 * requests that other sites start, so the cookie counts only on a POST whose body is JSON
 * (an HTML form cannot send that, and a script on another origin cannot without a CORS
 * preflight this service refuses) and whose Origin header is this service's own (browsers
 * set it on every POST and pages cannot forge it). SameSite=Lax already keeps the cookie off
 * cross-site POSTs in current browsers; this does not rely on it.
 */
export function crossSiteProblem(req: Request, publicOrigin: string): string | null {
  if (req.method !== 'POST') return 'the session cookie is accepted only on POST requests; send queries as POST with a JSON body';
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return 'the session cookie is accepted only with Content-Type: application/json';
  if (req.headers.origin !== publicOrigin) return `the session cookie is accepted only from pages of ${publicOrigin} (the request's Origin header must say so)`;
  return null;
}
