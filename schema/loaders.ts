// Batch loading: one lookup per type per tick of the event loop, whatever the number of
// objects a nested query touches (the read services decide where records come from).
import DataLoader from 'dataloader';
import { type RecordKind, recordKey, recordNow, recordsByIds } from '../server/services/read/records';

/** What a loader answers for an id that names no stored record (see schema/node-query.ts). */
export class RecordNotFoundError extends Error {
  constructor(typename: string, id: string) {
    super(`${typename} ${id} not found`);
    this.name = 'RecordNotFoundError';
  }
}

export function loadByIds<T>(kind: RecordKind, typename: string) {
  return async (ids: readonly string[]): Promise<(T | Error)[]> => {
    const docs = await recordsByIds(kind, ids);
    return ids.map((id, i) => (docs[i] as T | null) ?? new RecordNotFoundError(typename, id));
  };
}

/**
 * One DataLoader per request (per GraphQL context) for a batch function, so every field of
 * every object on a page shares one batch, and nothing is cached beyond the request.
 */
export function perRequest<K, V>(batch: (keys: readonly K[]) => Promise<(V | Error)[]>): (context: object) => DataLoader<K, V> {
  const loaders = new WeakMap<object, DataLoader<K, V>>();
  return (context) => {
    let loader = loaders.get(context);
    if (!loader) loaders.set(context, (loader = new DataLoader(batch)));
    return loader;
  };
}

/**
 * What a field pointing at another record returns: the record itself when it is in memory
 * and up to date (no promise for GraphQL to wait on), else its id for the type's dataloader
 * to load (batched). Either way the same record, as loaded.
 */
export function recordOrId<T>(kind: RecordKind, id: { toString(): string }): T | string {
  const key = recordKey(id);
  return (recordNow(kind, key) as T | undefined) ?? key;
}
