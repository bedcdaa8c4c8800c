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
}

export function actorOf(viewer: Viewer): ActorRecord {
  return { sub: viewer.sub, role: viewer.role };
}
