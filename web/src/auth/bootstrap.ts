// Talking to the server about signing in: which ways it offers (GET /auth/options), who its
// session cookie signs in (the `viewer` query, asked once when the app loads: a reload stays
// signed in without the app keeping anything), and signing out (POST /auth/logout).
import { ApiError, gqlRequest } from '../api/client';
import { graphql } from '../api/graphql';
import { label } from '../format';
import { currentSession, endSession, type Role, settleOrganisationSession } from './session';

export interface SignInOptions {
  /** Signing in with the organisation's identity provider; null when the server has none. */
  openIdConnect: { loginPath: string; logoutPath: string } | null;
  developmentSignIn: boolean;
}

let options: Promise<SignInOptions> | null = null;

/** What the server offers (asked once; a failure is asked again next time). */
export function signInOptions(): Promise<SignInOptions> {
  options ??= fetch('/auth/options', { headers: { accept: 'application/json' } }).then(async (response) => {
    if (!response.ok) throw new Error(`The server could not say how to sign in (${response.status}). Try again in a moment.`);
    return (await response.json()) as SignInOptions;
  });
  options.catch(() => {
    options = null;
  });
  return options;
}

/** Where the organisation's sign-in starts, coming back to `returnTo` (a path of this app). */
export function loginUrl(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo.startsWith('/') ? returnTo : '/')}`;
}

const ViewerQuery = graphql(`
  query SignedInViewer {
    viewer {
      subject
      role
      signedInWith
      directoryUser {
        name
        email
      }
      staffMember {
        id
        name
      }
      academy {
        id
        name
      }
      cluster {
        id
        name
      }
      trust {
        id
        name
      }
    }
  }
`);

/** Asks the server who the session cookie signs in, unless a development token already says. */
export async function resumeSession(): Promise<void> {
  if (currentSession()?.method === 'development') return;
  let offered: SignInOptions;
  try {
    offered = await signInOptions();
  } catch {
    return settleOrganisationSession(null); // the sign-in page says the server cannot be reached
  }
  if (!offered.openIdConnect) return settleOrganisationSession(null);
  try {
    const { viewer } = await gqlRequest(ViewerQuery, {});
    if (!viewer || viewer.signedInWith !== 'OIDC_SESSION') return settleOrganisationSession(null);
    const place = viewer.academy?.name ?? viewer.cluster?.name ?? viewer.trust?.name ?? null;
    settleOrganisationSession({
      name: viewer.directoryUser?.name ?? viewer.staffMember?.name ?? viewer.directoryUser?.email ?? viewer.subject,
      label: place ? `${label(viewer.role)}, ${place}` : label(viewer.role),
      role: viewer.role as Role,
      sub: viewer.subject,
      staffId: viewer.staffMember?.id ?? null,
      academyId: viewer.academy?.id ?? null,
      clusterId: viewer.cluster?.id ?? null,
      trustId: viewer.trust?.id ?? null,
    });
  } catch (error) {
    // Not enrolled: gqlRequest has said so already. An expired or signed-out cookie: sign in.
    if (error instanceof ApiError && error.reason === 'NOT_ENROLLED') return;
    settleOrganisationSession(null);
  }
}

/**
 * Signs out here and, for an organisation session, at the server (which ends the cookie and
 * every copy of it). Answers where to go next: the provider's sign-out page when it has one
 * (the browser goes there), else the sign-in page.
 */
export async function signOut(): Promise<{ external: string } | { path: string }> {
  const session = currentSession();
  if (session?.method === 'development') {
    endSession();
    return { path: '/sign-in' };
  }
  const offered = await signInOptions().catch(() => null);
  let external: string | null = null;
  if (offered?.openIdConnect) {
    const response = await fetch(offered.openIdConnect.logoutPath, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`Signing out failed (${response.status}). Try again.`);
    external = ((await response.json()) as { endSessionUrl: string | null }).endSessionUrl;
  }
  endSession();
  return external ? { external } : { path: '/sign-in' };
}
