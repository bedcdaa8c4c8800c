// The two cookies of browser sign-in, both HttpOnly (no page script can read them),
// SameSite=Lax and, when PUBLIC_URL is https, Secure with the __Host- prefix (only this
// exact origin can have set them):
// - the sign-in flow cookie: PKCE verifier, state, nonce and where to return, encrypted
//   (A256GCM), alive 10 minutes, between /auth/login and /auth/callback. Kept in the
//   browser rather than server memory so any instance can finish a sign-in;
// - the session cookie: a signed JWT naming the directory record and the person's subject,
//   alive SESSION_MAX_AGE. It says who signed in, never what they may do: each request reads
//   the directory record again, so removing the record ends the session at once.
// Their keys are derived from AUTH_JWT_SECRET with HKDF, one per purpose, so neither cookie
// can be passed off as the other or as a bearer token.
import { hkdfSync } from 'node:crypto';
import type { CookieOptions } from 'express';
import { EncryptJWT, jwtDecrypt, jwtVerify, SignJWT } from 'jose';

export const SIGN_IN_FLOW_SECONDS = 10 * 60;
const SESSION_ISSUER = 'school-support-matching/session';

export interface SignInFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export interface Session {
  directoryUserId: string;
  subject: string;
  /** When it was issued, in ms (compared with the record's sessionsNotBefore). */
  issuedAtMs: number;
}

function derivedKey(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'school-support-matching', purpose, 32));
}

export class SessionCookies {
  readonly sessionName: string;
  readonly flowName: string;
  private readonly secure: boolean;
  private readonly sessionKey: Uint8Array;
  private readonly flowKey: Uint8Array;

  constructor(
    secret: string,
    publicUrl: string,
    private readonly maxAgeSeconds: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.secure = publicUrl.startsWith('https:');
    // Named for this service: cookies are not kept apart by port, so on a developer's
    // localhost a plain "session" could be another program's.
    this.sessionName = this.secure ? '__Host-support-session' : 'support-session';
    this.flowName = this.secure ? '__Host-support-sign-in' : 'support-sign-in';
    this.sessionKey = derivedKey(secret, 'session cookie v1');
    this.flowKey = derivedKey(secret, 'sign-in flow cookie v1');
  }

  options(maxAgeSeconds: number): CookieOptions {
    return { httpOnly: true, secure: this.secure, sameSite: 'lax', path: '/', maxAge: maxAgeSeconds * 1000 };
  }

  clearOptions(): CookieOptions {
    return { httpOnly: true, secure: this.secure, sameSite: 'lax', path: '/' };
  }

  private now(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  currentTime(): Date {
    return this.clock();
  }

  sealFlow(flow: SignInFlow): Promise<string> {
    return new EncryptJWT({ ...flow })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt(this.now())
      .setExpirationTime(this.now() + SIGN_IN_FLOW_SECONDS)
      .encrypt(this.flowKey);
  }

  async openFlow(value: string | undefined): Promise<SignInFlow | null> {
    if (!value) return null;
    try {
      const { payload } = await jwtDecrypt(value, this.flowKey, { currentDate: this.clock() });
      const { state, nonce, codeVerifier, returnTo } = payload;
      if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof returnTo !== 'string') return null;
      return { state, nonce, codeVerifier, returnTo };
    } catch {
      return null;
    }
  }

  issueSession(session: Omit<Session, 'issuedAtMs'>): Promise<string> {
    return new SignJWT({ did: session.directoryUserId, ims: this.clock().getTime() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_ISSUER)
      .setSubject(session.subject)
      .setIssuedAt(this.now())
      .setExpirationTime(this.now() + this.maxAgeSeconds)
      .sign(this.sessionKey);
  }

  get sessionMaxAgeSeconds(): number {
    return this.maxAgeSeconds;
  }

  /** The session a cookie holds, or why it holds none (expired, tampered with). */
  async readSession(value: string): Promise<Session | { problem: string }> {
    try {
      const { payload } = await jwtVerify(value, this.sessionKey, {
        algorithms: ['HS256'],
        issuer: SESSION_ISSUER,
        audience: SESSION_ISSUER,
        requiredClaims: ['exp', 'sub'],
        currentDate: this.clock(),
      });
      if (typeof payload.did !== 'string' || typeof payload.ims !== 'number' || !payload.sub) return { problem: 'the session cookie is not valid: sign in again' };
      return { directoryUserId: payload.did, subject: payload.sub, issuedAtMs: payload.ims };
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      return { problem: expired ? 'the session has expired: sign in again' : 'the session cookie is not valid: sign in again' };
    }
  }
}
