// Reads of hubs: the list, members, and the hub figures built from its members.
import type { Viewer } from '../../auth/viewer';
import { isRecordId } from '../../domain/ids';
import { LIVE_NEED_STATUSES } from '../../domain/statuses';
import { compileSort } from '../../db/read-cache';
import { ImprovementNeed } from '../../models/improvement-need';
import { type AcademyDoc, type ClusterDoc, type NeedDoc, stores } from '../../db/store';
import { MATCH_NOTHING } from './filters';
import type { KeysetList } from './keyset-list';

export interface ClusterListFilter {
  /** A raw id (decoded at the schema boundary); one that names nothing matches nothing. */
  trustId?: string | null;
}

const BY_NAME = [{ field: 'name', direction: 1, kind: 'string' }] as const;
const NEED_ORDER = { priority: -1, _id: 1 } as const;
/** The most needs Cluster.openNeeds lists. */
export const HUB_OPEN_NEEDS_LIMIT = 200;

/** Hubs by name. Public records: any caller. */
export function listClusters(_viewer: Viewer | null, f: ClusterListFilter): KeysetList<ClusterDoc> {
  const filter = f.trustId == null ? {} : isRecordId(f.trustId) ? { trustId: f.trustId } : MATCH_NOTHING;
  return { sort: BY_NAME, fetch: (window) => stores.clusters.list(filter, BY_NAME, window) };
}

/** Each hub's member academies, by name. */
export function membersOfClusters(clusterIds: readonly string[]): Promise<AcademyDoc[][]> {
  return stores.academies.groupedBy('clusterId', clusterIds, {}, { name: 1 });
}

/** Each academy's live needs, in the hub order (priority, then id). */
export function hubNeedsOfAcademies(academyIds: readonly string[]): Promise<NeedDoc[][]> {
  return stores.needs.groupedBy('academyId', academyIds, { status: { $in: LIVE_NEED_STATUSES } }, NEED_ORDER);
}

/** Each academy's staff's remaining days, summed. */
export function spareDaysOfAcademies(academyIds: readonly string[]): Promise<number[]> {
  return stores.staff.sumBy('homeAcademyId', academyIds, 'remainingDays');
}

/** Merges the members' lists in the order the database gives for the hub order. */
const byPriority = compileSort(ImprovementNeed, NEED_ORDER)!;

/** A hub's live needs from its members' lists: highest priority first, at most HUB_OPEN_NEEDS_LIMIT. */
export function hubOpenNeeds(memberLists: readonly NeedDoc[][]): NeedDoc[] {
  return memberLists.flat().sort(byPriority).slice(0, HUB_OPEN_NEEDS_LIMIT);
}
