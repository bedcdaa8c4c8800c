// The one place that knows how the app is signed in: it keeps the bearer token, reads the
// role and scope claims from it, and says when it has expired. The development sign-in page
// fills it; production sign-in (OpenID Connect, the next issue) replaces this module and keeps
// its exports: useSession, currentSession, authorizationHeader, startSession, endSession,
// markSessionRejected.
import { useSyncExternalStore } from 'react';

export type Role = 'ADMIN' | 'IMPROVEMENT_LEAD' | 'EXECUTIVE_HEAD' | 'HEADTEACHER' | 'TEACHER';

export interface Session {
  token: string;
  /** Who signed in, for the header ("Signed in as ..."). */
  name: string;
  label: string;
  role: Role;
  sub: string;
  staffId: string | null;
  academyId: string | null;
  clusterId: string | null;
  trustId: string | null;
  /** Epoch milliseconds, from the token's exp claim. */
  expiresAt: number | null;
  /** Set when the server refused the token (expired, or signed with another key). */
  rejected: string | null;
}

const STORAGE_KEY = 'school-support.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function read(): Session | null {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  if (raw !== cached.raw) {
    let session: Session | null = null;
    try {
      session = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      session = null;
    }
    cached = { raw, session };
  }
  return cached.session;
}

function write(session: Session | null): void {
  if (session) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else window.localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signing in or out changes this one too.
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

export function startSession(token: string, who: { name: string; label: string }): Session {
  const claims = claimsOf(token);
  const session: Session = {
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
  write(session);
  return session;
}

export function endSession(): void {
  write(null);
}

/** The server said the token is no good: keep the page (and what was typed), say so. */
export function markSessionRejected(reason: string): void {
  const session = read();
  if (session && session.rejected !== reason) write({ ...session, rejected: reason });
}

export function currentSession(): Session | null {
  return read();
}

export function authorizationHeader(): Record<string, string> {
  const session = read();
  return session ? { authorization: `Bearer ${session.token}` } : {};
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
