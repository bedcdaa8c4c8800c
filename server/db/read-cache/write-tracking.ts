// Which documents a write may touch, from the collection method and its arguments that
// mongoose announces (operation-start).
import type { CollectionCopy } from './collection-copy';
import { idString, pinnedIds } from './pinned-ids';
import type { Doc, Ids } from './types';

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
