// Reads of improvement needs: the list in its three orders, and a need's deployments.
import type { Viewer } from '../../auth/viewer';
import { type DeploymentDoc, type NeedDoc, type SortKey, stores } from '../../db/store';
import { allOf, idClause } from './filters';
import type { KeysetList } from './keyset-list';
import { academyIdsIn } from './scope';

export type NeedOrder = 'PRIORITY' | 'RAISED_AT' | 'NEWEST';

export interface NeedListFilter {
  /** Raw ids (decoded at the schema boundary); one that names nothing matches nothing. */
  academyId?: string | null;
  trustId?: string | null;
  clusterId?: string | null;
  statuses?: readonly string[] | null;
  area?: string | null;
  phase?: string | null;
  severity?: string | null;
}

const ORDERS: Record<NeedOrder, readonly SortKey[]> = {
  PRIORITY: [{ field: 'priority', direction: -1, kind: 'number' }],
  RAISED_AT: [{ field: 'raisedAt', direction: 1, kind: 'date' }],
  NEWEST: [{ field: 'raisedAt', direction: -1, kind: 'date' }],
};

/** Needs in the order asked for. Public records: any caller. */
export function listNeeds(_viewer: Viewer | null, f: NeedListFilter, order: NeedOrder): KeysetList<NeedDoc> {
  const sort = ORDERS[order];
  return {
    sort,
    fetch: async (window) => {
      const clauses: Record<string, unknown>[] = [];
      if (f.academyId != null) clauses.push(idClause('academyId', f.academyId));
      clauses.push(...(await academyIdsIn('academyId', f)));
      if (f.statuses?.length) clauses.push({ status: { $in: f.statuses } });
      if (f.area) clauses.push({ area: f.area });
      if (f.phase) clauses.push({ phase: f.phase });
      if (f.severity) clauses.push({ severity: f.severity });
      return stores.needs.list(allOf(clauses), sort, window);
    },
  };
}

/** Each need's deployments, oldest first. */
export function deploymentsOfNeeds(needIds: readonly string[]): Promise<DeploymentDoc[][]> {
  return stores.deployments.groupedBy('needId', needIds, {}, { createdAt: 1 });
}
