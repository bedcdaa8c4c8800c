// Reads of academies: the list, by URN, a trust's academies, and what hangs off an academy
// (its staff, its live needs).
import type { Viewer } from '../../auth/viewer';
import { isRecordId } from '../../domain/ids';
import { type AcademyDoc, type NeedDoc, type StaffDoc, stores } from '../../db/store';
import { LIVE_NEED_STATUSES } from '../../domain/statuses';
import { containsPattern, idClause, MATCH_NOTHING } from './filters';
import type { KeysetList } from './keyset-list';

export interface AcademyListFilter {
  /** Raw ids (decoded at the schema boundary); one that names nothing matches nothing. */
  trustId?: string | null;
  clusterId?: string | null;
  /** true: only schools outside any trust; false: only trust academies (overrides trustId). */
  standalone?: boolean | null;
  phase?: string | null;
  ofstedRating?: string | null;
  nameContains?: string | null;
  minFsmPercent?: number | null;
}

const BY_NAME = [{ field: 'name', direction: 1, kind: 'string' }] as const;

/** Academies and standalone schools by name. Public records: any caller. */
export function listAcademies(_viewer: Viewer | null, f: AcademyListFilter): KeysetList<AcademyDoc> {
  const filter: Record<string, unknown> = {};
  const clauses: Record<string, unknown>[] = [];
  for (const key of ['trustId', 'clusterId'] as const) {
    const id = f[key];
    if (id == null) continue;
    if (isRecordId(id)) filter[key] = id;
    else clauses.push(MATCH_NOTHING);
  }
  if (f.standalone != null) filter.trustId = f.standalone ? null : { $ne: null };
  if (f.phase) filter.phase = f.phase;
  if (f.ofstedRating) filter.ofstedRating = f.ofstedRating;
  if (f.nameContains) filter.name = containsPattern(f.nameContains);
  if (f.minFsmPercent != null) filter.fsmPercent = { $gte: f.minFsmPercent };
  const query = clauses.length ? { $and: [filter, ...clauses] } : filter;
  return { sort: BY_NAME, fetch: (window) => stores.academies.list(query, BY_NAME, window) };
}

/** One trust's academies, by name. */
export function academiesOfTrust(trustId: string): KeysetList<AcademyDoc> {
  const filter = idClause('trustId', trustId);
  return { sort: BY_NAME, fetch: (window) => stores.academies.list(filter, BY_NAME, window) };
}

export function academyByUrn(urn: string): Promise<AcademyDoc | null> {
  return stores.academies.findOne({ urn });
}

/** Each academy's staff (home school), by name. */
export function staffOfAcademies(academyIds: readonly string[]): Promise<StaffDoc[][]> {
  return stores.staff.groupedBy('homeAcademyId', academyIds, {}, { name: 1 });
}

/** Each academy's needs still wanting or receiving support, highest priority first. */
export function liveNeedsOfAcademies(academyIds: readonly string[]): Promise<NeedDoc[][]> {
  return stores.needs.groupedBy('academyId', academyIds, { status: { $in: LIVE_NEED_STATUSES } }, { priority: -1 });
}
