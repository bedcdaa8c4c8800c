// Reads of staff: the list. Personal data: the schema requires a token for it.
import { CAPACITY_FILTER_RULE, mayFilterOnCapacity } from '../../auth/personal-data';
import type { Viewer } from '../../auth/viewer';
import { ForbiddenError } from '../../domain/errors';
import { isRecordId } from '../../domain/ids';
import { type StaffDoc, stores } from '../../db/store';
import { allOf, containsPattern, idClause } from './filters';
import type { KeysetList } from './keyset-list';
import { academyIdsIn } from './scope';

export interface StaffListFilter {
  /** Raw ids (decoded at the schema boundary); one that names nothing matches nothing. */
  homeAcademyId?: string | null;
  trustId?: string | null;
  clusterId?: string | null;
  area?: string | null;
  role?: string | null;
  designation?: string | null;
  minRemainingDays?: number | null;
  nameContains?: string | null;
  /** true: only leavers; false: only people still in post. */
  hasLeft?: boolean | null;
  /** true: only people a full-trust staff import did not list; false: only those it did. */
  missingFromImport?: boolean | null;
}

const BY_NAME = [{ field: 'name', direction: 1, kind: 'string' }] as const;

const named = (id: string | null | undefined) => (id != null && isRecordId(id) ? id : null);

/**
 * Staff by name. Filtering on capacity (minRemainingDays) reads personal data, so it is
 * allowed only within the caller's own trust, hub or school (FORBIDDEN otherwise).
 */
export function listStaff(viewer: Viewer, f: StaffListFilter): KeysetList<StaffDoc> {
  if (f.minRemainingDays != null) {
    const scope = { trustId: named(f.trustId), clusterId: named(f.clusterId), academyId: named(f.homeAcademyId) };
    if (!mayFilterOnCapacity(viewer, scope)) throw new ForbiddenError(CAPACITY_FILTER_RULE);
  }
  return {
    sort: BY_NAME,
    fetch: async (window) => {
      const clauses: Record<string, unknown>[] = [];
      if (f.homeAcademyId != null) clauses.push(idClause('homeAcademyId', f.homeAcademyId));
      clauses.push(...(await academyIdsIn('homeAcademyId', f)));
      if (f.area) clauses.push({ expertiseAreas: f.area });
      if (f.role) clauses.push({ role: f.role });
      if (f.designation) clauses.push({ designations: f.designation });
      if (f.minRemainingDays != null) clauses.push({ remainingDays: { $gte: f.minRemainingDays } });
      if (f.nameContains) clauses.push({ name: containsPattern(f.nameContains) });
      if (f.hasLeft != null) clauses.push({ leftAt: f.hasLeft ? { $ne: null } : null });
      if (f.missingFromImport != null) clauses.push({ missingFromImportSince: f.missingFromImport ? { $ne: null } : null });
      return stores.staff.list(allOf(clauses), BY_NAME, window);
    },
  };
}
