// Reads of staff: the list. Personal data: the schema requires a token for it.
import type { Viewer } from '../../auth/viewer';
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
}

const BY_NAME = [{ field: 'name', direction: 1, kind: 'string' }] as const;

/** Staff by name. */
export function listStaff(_viewer: Viewer | null, f: StaffListFilter): KeysetList<StaffDoc> {
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
      return stores.staff.list(allOf(clauses), BY_NAME, window);
    },
  };
}
