// Reads of trusts: the list, and a trust's hubs.
import type { Viewer } from '../../auth/viewer';
import { type ClusterDoc, stores, type TrustDoc } from '../../db/store';
import { allOf, containsPattern } from './filters';
import type { KeysetList } from './keyset-list';

export interface TrustListFilter {
  nameContains?: string | null;
  region?: string | null;
}

const BY_NAME = [{ field: 'name', direction: 1, kind: 'string' }] as const;

/** Trusts by name. Public records: any caller. */
export function listTrusts(_viewer: Viewer | null, f: TrustListFilter): KeysetList<TrustDoc> {
  const filter: Record<string, unknown> = {};
  if (f.nameContains) filter.name = containsPattern(f.nameContains);
  if (f.region) filter.region = f.region;
  return { sort: BY_NAME, fetch: (window) => stores.trusts.list(allOf([filter]), BY_NAME, window) };
}

/** Each trust's hubs, by name. */
export function clustersOfTrusts(trustIds: readonly string[]): Promise<ClusterDoc[][]> {
  return stores.clusters.groupedBy('trustId', trustIds, {}, { name: 1 });
}
