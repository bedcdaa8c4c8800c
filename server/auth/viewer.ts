import type { Role } from '../domain/enums';
import type { ActorRecord } from '../models/common';

/** The authenticated caller, with scope IDs decoded from their global IDs. */
export interface Viewer {
  sub: string;
  role: Role;
  staffId: string | null;
  academyId: string | null;
  clusterId: string | null;
  trustId: string | null;
  /**
   * How the caller proved who they are: a service token (HS256, its claims are its scopes),
   * or the OpenID Connect issuer (a bearer token or a browser session), whose people get
   * their role and scopes from the user directory record named here.
   */
  signedInWith?: 'SERVICE_TOKEN' | 'OIDC_BEARER' | 'OIDC_SESSION';
  directoryUserId?: string;
}

export function actorOf(viewer: Viewer): ActorRecord {
  return { sub: viewer.sub, role: viewer.role };
}
