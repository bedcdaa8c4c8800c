// Reads of deployments: the list a caller may see (deployment-scope.ts), in waiting order.
import type { Viewer } from '../../auth/viewer';
import { type DeploymentDoc, type SortKey, stores } from '../../db/store';
import { type DeploymentListFilter, deploymentListFilter } from '../deployment-scope';
import type { KeysetList } from './keyset-list';

export type DeploymentOrder = 'WAITING_LONGEST' | 'RECENTLY_CHANGED';

const ORDERS: Record<DeploymentOrder, readonly SortKey[]> = {
  WAITING_LONGEST: [{ field: 'statusSince', direction: 1, kind: 'date' }],
  RECENTLY_CHANGED: [{ field: 'statusSince', direction: -1, kind: 'date' }],
};

/** The deployments the viewer may see, narrowed by the filter (raw ids), in the order asked for. */
export function listDeployments(viewer: Viewer, filter: DeploymentListFilter, order: DeploymentOrder): KeysetList<DeploymentDoc> {
  const sort = ORDERS[order];
  let query: Promise<Record<string, unknown>> | null = null;
  return {
    sort,
    fetch: async (window) => stores.deployments.list(await (query ??= deploymentListFilter(viewer, filter)), sort, window),
  };
}
