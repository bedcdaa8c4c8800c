// Need priority is stored as a snapshot so that needs can be ordered and paged by it in the
// database. It changes when the need or its academy changes (recomputed on those writes) and
// as waiting time grows (refreshed hourly by refreshAllPriorities; at start-up, those more than
// an hour old by refreshStalePriorities).
import { stores } from '../db/store';
import { UPDATES_PER_COMMAND } from '../db/ferretdb-limits';
import type { AcademyRecord } from '../models/academy';
import { ImprovementNeed, type ImprovementNeedRecord } from '../models/improvement-need';
import { needPriority } from '../ranking/priority';
import type { LeanDoc } from '../models/lean';
import { academyProfile, needProfile } from '../db/ranking-facts/profiles';

const LIVE_STATUSES = ['OPEN', 'MATCHED', 'IN_PROGRESS'];

/** The priority snapshot fields to store on a need. */
export function priorityOf(need: LeanDoc<ImprovementNeedRecord>, academy: LeanDoc<AcademyRecord>, now = new Date()) {
  const { score, factors } = needPriority(needProfile(need, academyProfile(academy)), now);
  return { priority: score, priorityFactors: factors, priorityComputedAt: now };
}

/**
 * Where the needs and schools are read: 'database' for another process (an import command,
 * whose copies would be a whole load of each collection); 'store' in the server, whose copies
 * are current with its own writes and notice other processes' (write-epoch.ts) — on FerretDB
 * that spares a read of every need and school at every start and every hour.
 */
export type PriorityReads = 'database' | 'store';

async function refresh(filter: Record<string, unknown>, now: Date, reads: PriorityReads = 'database'): Promise<number> {
  const needStore = reads === 'store' ? stores.needs : stores.needs.fresh;
  const academyStore = reads === 'store' ? stores.academies : stores.academies.fresh;
  const needs = await needStore.find({ ...filter, status: { $in: LIVE_STATUSES } });
  if (!needs.length) return 0;
  const academyIds = [...new Set(needs.map((n) => n.academyId.toString()))];
  const academies = await academyStore.getMany(academyIds);
  const byId = new Map(academies.flatMap((a) => (a ? [[a._id.toString(), a] as const] : [])));
  const ops = needs.flatMap((need) => {
    const academy = byId.get(need.academyId.toString());
    if (!academy) return [];
    const snapshot = priorityOf(need, academy, now);
    return Math.abs(snapshot.priority - (need.priority ?? 0)) < 1e-9 && sameDetails(snapshot.priorityFactors, need.priorityFactors)
      ? []
      : [{ updateOne: { filter: { _id: need._id }, update: { $set: snapshot } } }];
  });
  // In chunks, or FerretDB stalls (see UPDATES_PER_COMMAND).
  for (let i = 0; i < ops.length; i += UPDATES_PER_COMMAND) {
    await ImprovementNeed.bulkWrite(ops.slice(i, i + UPDATES_PER_COMMAND) as never, { ordered: false });
  }
  return ops.length;
}

/** The explanation changes without the score (a newer inspection of the same value): stored anew too. */
function sameDetails(fresh: readonly { detail: string | null }[], stored: readonly { detail?: string | null }[] | undefined): boolean {
  return !!stored && stored.length === fresh.length && fresh.every((f, i) => (stored[i]?.detail ?? null) === f.detail);
}

export function refreshPrioritiesForAcademy(academyId: string, now = new Date()): Promise<number> {
  return refresh({ academyId }, now);
}

export function refreshAllPriorities(now = new Date(), reads: PriorityReads = 'database'): Promise<number> {
  return refresh({}, now, reads);
}

/**
 * Only the live needs whose stored priority is older than `maxAgeMs` (or was never computed):
 * what start-up needs to catch up after the server was down. A restart within the hour then
 * writes nothing, so the copies' snapshot it restored stays exact (snapshot.ts is deleted at
 * the first write); the hourly refresh brings the rest up to date as before.
 */
export function refreshStalePriorities(maxAgeMs: number, now = new Date(), reads: PriorityReads = 'database'): Promise<number> {
  const before = new Date(now.getTime() - maxAgeMs);
  return refresh({ $or: [{ priorityComputedAt: null }, { priorityComputedAt: { $lt: before } }] }, now, reads);
}
