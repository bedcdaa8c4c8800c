// Batch loading by id: one `$in` query per type per tick of the event loop, whatever the
// number of objects a nested query touches.
import type { Model } from 'mongoose';

export function loadByIds<T extends { _id: { toString(): string } }>(model: Model<any>, typename: string) {
  return async (ids: readonly string[]): Promise<(T | Error)[]> => {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id));
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
  sort: Record<string, 1 | -1> = { _id: 1 },
) {
  return async (keys: readonly string[]): Promise<T[][]> => {
    const docs = (await model.find({ ...extraFilter, [foreignKey]: { $in: keys } }).sort(sort).lean()) as unknown as T[];
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const doc of docs) groups.get(String(doc[foreignKey]))?.push(doc);
    return keys.map((k) => groups.get(k) ?? []);
  };
}
