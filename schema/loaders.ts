// Batch loading by id: one `$in` query per type per tick of the event loop, whatever the
// number of objects a nested query touches. With FerretDB the collections' in-process copies
// answer instead (server/db/read-cache/), with no database round trip at all.
import type { Model } from 'mongoose';
import { compileFilter, compileSort, documentNow, readCopy, type SortSpec } from '../server/db/read-cache';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export function loadByIds<T extends { _id: { toString(): string } }>(model: Model<any>, typename: string) {
  return async (ids: readonly string[]): Promise<(T | Error)[]> => {
    const copy = await readCopy<T & { _id: unknown }>(model);
    if (copy) {
      // Shallow copies: the copy's documents are frozen, and GraphQL layers tag what they resolve.
      return ids.map((id) => {
        const doc = copy.byId(id);
        return doc ? ({ ...doc } as T) : new Error(`${typename} ${id} not found`);
      });
    }
    const valid = ids.filter((id) => OBJECT_ID.test(id));
    const docs = (await model.find({ _id: { $in: valid } }).lean()) as unknown as T[];
    const byId = new Map(docs.map((doc) => [doc._id.toString(), doc]));
    return ids.map((id) => byId.get(id) ?? new Error(`${typename} ${id} not found`));
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
 * What a field pointing at another record returns: the record itself when the in-process
 * copies can give it at once (no promise for GraphQL to wait on), else its id for the
 * type's dataloader to load (batched). Either way the same record, as loaded.
 */
export function recordOrId<T extends { _id: unknown }>(model: Model<any>, id: { toString(): string }): T | string {
  const key = id.toString();
  return documentNow<T & { _id: unknown; [field: string]: unknown }>(model, key) ?? key;
}
