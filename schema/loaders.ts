// Batch loading by id: one `$in` query per type per tick of the event loop, whatever the
// number of objects a nested query touches. With FerretDB the collections' in-process copies
// answer instead (server/db/read-cache/), with no database round trip at all.
import DataLoader from 'dataloader';
import { type Model, Types } from 'mongoose';
import { compileFilter, compileSort, documentNow, readCopy, type SortSpec } from '../server/db/read-cache';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** What a loader answers for an id that names no stored record (see schema/node-query.ts). */
export class RecordNotFoundError extends Error {
  constructor(typename: string, id: string) {
    super(`${typename} ${id} not found`);
    this.name = 'RecordNotFoundError';
  }
}

export function loadByIds<T extends { _id: { toString(): string } }>(model: Model<any>, typename: string) {
  return async (ids: readonly string[]): Promise<(T | Error)[]> => {
    const copy = await readCopy<T & { _id: unknown }>(model);
    if (copy) {
      // Shallow copies: the copy's documents are frozen, and GraphQL layers tag what they resolve.
      return ids.map((id) => {
        const doc = copy.byId(id);
        return doc ? ({ ...doc } as T) : new RecordNotFoundError(typename, id);
      });
    }
    const valid = ids.filter((id) => OBJECT_ID.test(id));
    const docs = (await model.find({ _id: { $in: valid } }).lean()) as unknown as T[];
    const byId = new Map(docs.map((doc) => [doc._id.toString(), doc]));
    return ids.map((id) => byId.get(id) ?? new RecordNotFoundError(typename, id));
  };
}

/** Groups documents found by a foreign key into one list per requested key. */
export function loadGroupedBy<T extends Record<string, unknown>>(
  model: Model<any>,
  foreignKey: string,
  extraFilter: Record<string, unknown> = {},
  sort: SortSpec = { _id: 1 },
) {
  const match = compileFilter(model, extraFilter);
  const comparator = compileSort(model, sort);
  return async (keys: readonly string[]): Promise<T[][]> => {
    const copy = match && comparator ? await readCopy<T & { _id: unknown }>(model) : null;
    if (copy) {
      const groups = copy.groupedBy(foreignKey);
      return keys.map((k) => (groups.get(k) ?? []).filter(match!).sort(comparator!).map((doc) => ({ ...doc }) as T));
    }
    const docs = (await model.find({ ...extraFilter, [foreignKey]: { $in: keys } }).sort(sort).lean()) as unknown as T[];
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const doc of docs) groups.get(String(doc[foreignKey]))?.push(doc);
    return keys.map((k) => groups.get(k) ?? []);
  };
}

/**
 * The sum of a numeric field over the documents with each foreign key (0 for none): from the
 * copy's groups, else one `$group` over an indexed `$in` for the whole batch.
 */
export function loadSumBy(model: Model<any>, foreignKey: string, field: string) {
  return async (keys: readonly string[]): Promise<number[]> => {
    const copy = await readCopy<Record<string, unknown> & { _id: unknown }>(model);
    if (copy) {
      const groups = copy.groupedBy(foreignKey);
      return keys.map((k) => (groups.get(k) ?? []).reduce((total, doc) => total + (typeof doc[field] === 'number' ? doc[field] : 0), 0));
    }
    // aggregate() does not cast: ids must be ObjectIds to match.
    const ids = keys.filter((k) => OBJECT_ID.test(k)).map((k) => new Types.ObjectId(k));
    const rows = await model.aggregate<{ _id: unknown; total: number }>([
      { $match: { [foreignKey]: { $in: ids } } },
      { $group: { _id: `$${foreignKey}`, total: { $sum: `$${field}` } } },
    ]);
    const totals = new Map(rows.map((row) => [String(row._id), row.total]));
    return keys.map((k) => totals.get(k) ?? 0);
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
 * What a field pointing at another record returns: the record itself when the in-process
 * copies can give it at once (no promise for GraphQL to wait on), else its id for the
 * type's dataloader to load (batched). Either way the same record, as loaded.
 */
export function recordOrId<T extends { _id: unknown }>(model: Model<any>, id: { toString(): string }): T | string {
  const key = id.toString();
  return documentNow<T & { _id: unknown; [field: string]: unknown }>(model, key) ?? key;
}
