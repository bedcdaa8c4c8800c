// A hub is whole when its lead academy is one of its members, and a school leads one hub at
// most. Every path that moves a school keeps it so, with the same rule and the same words:
// moveAcademyToCluster (between hubs), upsertAcademy and the GIAS import (between trusts,
// which also takes a school out of its hub), and createCluster (a school that already leads
// a hub cannot lead a second). The lead itself can only leave once the hub has another lead.
import { stores } from '../db/store';

export interface LedHub {
  id: string;
  name: string;
}

// Both read from the database (`fresh`): what they find decides whether a school may move.

/** The hubs led by each of these academies (academy id -> hub), one query for all. */
export async function hubsLedBy(academyIds: readonly string[]): Promise<Map<string, LedHub>> {
  if (!academyIds.length) return new Map();
  const hubs = await stores.clusters.fresh.find({ leadAcademyId: { $in: academyIds } }, { projection: { leadAcademyId: 1, name: 1 } });
  return new Map(hubs.map((hub) => [hub.leadAcademyId.toString(), { id: hub._id.toString(), name: hub.name }]));
}

/** Every hub's lead, for a job that checks many schools (the GIAS import). */
export async function allHubLeads(): Promise<Map<string, LedHub>> {
  const hubs = await stores.clusters.fresh.find({}, { projection: { leadAcademyId: 1, name: 1 } });
  return new Map(hubs.map((hub) => [hub.leadAcademyId.toString(), { id: hub._id.toString(), name: hub.name }]));
}

/** Why a hub's lead academy may not leave its hub (to another hub or another trust). */
export function leadCannotLeave(academyName: string, hub: LedHub, move: 'to another trust' | 'out of the hub'): string {
  return `${academyName} leads the hub "${hub.name}", and a hub's lead academy must be one of its members: give the hub another lead academy before moving it ${move}`;
}

/** Why an academy that already leads a hub may not lead a new one. */
export function alreadyLeads(academyName: string, hub: LedHub): string {
  return `${academyName} already leads the hub "${hub.name}"; a school leads one hub at most`;
}
