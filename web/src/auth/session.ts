// The one place that knows how the app is signed in. Two ways:
// - organisation (production): the server's backend-for-frontend signed the person in with
//   the trust's identity provider (/auth/login, Authorization Code + PKCE) and holds the
//   session in an HttpOnly cookie no script here can read. The app keeps only who the
//   server says is signed in (the `viewer` query, asked by bootstrap.ts), in memory: a
//   reload asks again.
// - development: the development sign-in page's bearer token (devSignIn), kept in
//   localStorage as before, with the role and scopes read from its claims.
import { useSyncExternalStore } from 'react';

export type Role = 'ADMIN' | 'IMPROVEMENT_LEAD' | 'EXECUTIVE_HEAD' | 'HEADTEACHER' | 'TEACHER';

export interface Session {
  method: 'organisation' | 'development';
  /** Who signed in, for the header ("Signed in as ..."). */
  name: string;
  label: string;
  role: Role;
  sub: string;
  staffId: string | null;
  academyId: string | null;
  clusterId: string | null;
  trustId: string | null;
  /** Epoch milliseconds, from a development token's exp claim; null when the server alone knows. */
  expiresAt: number | null;
  /** Set when the server refused the token or session cookie (expired, signed out elsewhere). */
  rejected: string | null;
}

interface DevelopmentSession extends Session {
  token: string;
}

export interface SignInState {
  /** False until the server has been asked whether a session cookie signs someone in. */
  checked: boolean;
  session: Session | null;
  /** The server's words when the person signed in at the provider is not in the user directory. */
  notEnrolled: string | null;
}

const STORAGE_KEY = 'school-support.session';
const listeners = new Set<() => void>();
let development: { raw: string | null; session: DevelopmentSession | null } = { raw: null, session: null };
let organisation: Session | null = null;
let checked = false;
let notEnrolled: string | null = null;
let snapshot: SignInState = { checked: false, session: null, notEnrolled: null };

function readDevelopment(): DevelopmentSession | null {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  if (raw !== development.raw) {
    let session: DevelopmentSession | null = null;
    try {
      session = raw ? (JSON.parse(raw) as DevelopmentSession) : null;
      // Written by an older build (before the method existed): a development token all the same.
      if (session && !session.method) session = { ...session, method: 'development' };
    } catch {
      session = null;
    }
    development = { raw, session };
  }
  return development.session;
}

function read(): SignInState {
  const dev = readDevelopment();
  // A development token, when present, is what requests carry (see authorizationHeader).
  const session: Session | null = dev ?? organisation;
  const isChecked = checked || !!dev;
  if (snapshot.session !== session || snapshot.checked !== isChecked || snapshot.notEnrolled !== notEnrolled) {
    snapshot = { checked: isChecked, session, notEnrolled };
  }
  return snapshot;
}

function changed(): void {
  for (const listener of listeners) listener();
}

function writeDevelopment(session: DevelopmentSession | null): void {
  if (session) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else window.localStorage.removeItem(STORAGE_KEY);
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signing in or out with a development token changes this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The claims of a JWT, unverified: the server verifies; the app only needs to know its role. */
function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(json) as Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** Development sign-in: keeps the token devSignIn answered. */
export function startSession(token: string, who: { name: string; label: string }): Session {
  const claims = claimsOf(token);
  const session: DevelopmentSession = {
    method: 'development',
    token,
    name: who.name,
    label: who.label,
    role: claims.role as Role,
    sub: text(claims.sub) ?? '',
    staffId: text(claims.staffId),
    academyId: text(claims.academyId),
    clusterId: text(claims.clusterId),
    trustId: text(claims.trustId),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
    rejected: null,
  };
  writeDevelopment(session);
  return session;
}

/** Who the session cookie signs in, as the server answered (bootstrap.ts); null: nobody. */
export function settleOrganisationSession(session: Omit<Session, 'method' | 'rejected' | 'expiresAt'> | null): void {
  organisation = session ? { ...session, method: 'organisation', expiresAt: null, rejected: null } : null;
  notEnrolled = null;
  checked = true;
  changed();
}

/** Signed in at the identity provider, but unknown to the user directory. */
export function markNotEnrolled(message: string): void {
  organisation = null;
  notEnrolled = message;
  checked = true;
  changed();
}

/** Forgets whoever is signed in here (the server side of an organisation session is ended by bootstrap.ts's signOut). */
export function endSession(): void {
  organisation = null;
  notEnrolled = null;
  checked = true;
  writeDevelopment(null);
}

/** The server said the token or cookie is no good: keep the page (and what was typed), say so. */
export function markSessionRejected(reason: string): void {
  const dev = readDevelopment();
  if (dev) {
    if (dev.rejected !== reason) writeDevelopment({ ...dev, rejected: reason });
  } else if (organisation && organisation.rejected !== reason) {
    organisation = { ...organisation, rejected: reason };
    changed();
  }
}

/** A request went through again (signed in again in another tab: the cookie is shared). */
export function markSessionAccepted(): void {
  if (organisation?.rejected && !readDevelopment()) {
    organisation = { ...organisation, rejected: null };
    changed();
  }
}

export function currentSession(): Session | null {
  return read().session;
}

/** A development token as a bearer header; nothing for an organisation session (the browser sends its cookie). */
export function authorizationHeader(): Record<string, string> {
  const dev = readDevelopment();
  return dev ? { authorization: `Bearer ${dev.token}` } : {};
}

const serverSnapshot: SignInState = { checked: false, session: null, notEnrolled: null };

export function useSignInState(): SignInState {
  return useSyncExternalStore(subscribe, read, () => serverSnapshot);
}

export function useSession(): Session | null {
  return useSignInState().session;
}
