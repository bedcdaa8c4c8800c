// Which documents a write may touch, from the collection method and its arguments that
// mongoose announces (operation-start).
import mongoose from 'mongoose';
import type { CollectionCopy } from './collection-copy';
import type { Doc, Ids } from './types';

function idString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof mongoose.Types.ObjectId) return value.toHexString();
  return null;
}

/** The ids a filter pins `_id` to (`{ _id: v }` or `{ _id: { $in: [...] } }`, alone or among other conditions). */
export function pinnedIds(filter: unknown): Set<string> | null {
  if (!filter || typeof filter !== 'object') return null;
  const id = (filter as Record<string, unknown>)._id;
  const single = idString(id);
  if (single !== null) return new Set([single]);
  if (id && typeof id === 'object' && !Array.isArray(id)) {
    const ops = id as Record<string, unknown>;
    if (Object.keys(ops).length === 1 && Array.isArray(ops.$in)) {
      const ids = ops.$in.map(idString);
      if (ids.every((x): x is string => x !== null)) return new Set(ids);
    }
    if (Object.keys(ops).length === 1 && ops.$eq !== undefined) {
      const eq = idString(ops.$eq);
      if (eq !== null) return new Set([eq]);
    }
  }
  return null;
}

function union(a: Ids, b: Ids): Ids {
  if (a === 'all' || b === 'all') return 'all';
  for (const id of b) a.add(id);
  return a;
}

function touchedByFilter(copy: CollectionCopy<any>, filter: unknown, upsert: boolean): Ids {
  if (upsert && !pinnedIds(filter)) return 'all'; // the new document's id is not known here
  return copy.idsTouchedBy(filter);
}

function insertedIds(docs: unknown[]): Ids {
  const ids = new Set<string>();
  for (const doc of docs) {
    const id = idString((doc as Doc | null)?._id);
    if (id === null) return 'all';
    ids.add(id);
  }
  return ids;
}

export function touchedIds(copy: CollectionCopy<any>, method: string, params: unknown[]): Ids {
  const [first, second, third] = params;
  const upsert = (options: unknown) => Boolean((options as { upsert?: boolean } | undefined)?.upsert);
  switch (method) {
    case 'insertOne':
      return insertedIds([first]);
    case 'insertMany':
      return Array.isArray(first) ? insertedIds(first) : 'all';
    case 'updateOne':
    case 'updateMany':
    case 'replaceOne':
    case 'findOneAndUpdate':
    case 'findOneAndReplace':
      return touchedByFilter(copy, first, upsert(third));
    case 'deleteOne':
    case 'deleteMany':
    case 'findOneAndDelete':
      return touchedByFilter(copy, first, false);
    case 'bulkWrite': {
      if (!Array.isArray(first)) return 'all';
      let ids: Ids = new Set();
      for (const op of first as Record<string, any>[]) {
        const [kind, body] = Object.entries(op ?? {})[0] ?? [];
        if (kind === 'insertOne') ids = union(ids, insertedIds([body?.document]));
        else if (kind === 'updateOne' || kind === 'updateMany' || kind === 'replaceOne') ids = union(ids, touchedByFilter(copy, body?.filter, Boolean(body?.upsert)));
        else if (kind === 'deleteOne' || kind === 'deleteMany') ids = union(ids, touchedByFilter(copy, body?.filter, false));
        else return 'all';
        if (ids === 'all') return 'all';
      }
      return ids;
    }
    default:
      void second;
      return 'all';
  }
}
