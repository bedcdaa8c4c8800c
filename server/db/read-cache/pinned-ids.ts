// The documents a filter names by `_id`: what a write touches without evaluating its filter,
// shared by the copy (collection-copy.ts) and the write tracking (write-tracking.ts).
import mongoose from 'mongoose';

export function idString(value: unknown): string | null {
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
