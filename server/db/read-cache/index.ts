// In-process copies of whole collections, used where the database cannot use its indexes.
//
// Why: FerretDB 1.24 on SQLite (the embedded database) pushes only a filter of exactly
// `{ _id: <value> }` down to SQLite; any other query reads and decodes every document of the
// collection in Go, and sorts in Go (FerretDB issue #3235, "Implement filter pushdown for
// SQLite", was put on hold). The indexes the models declare exist in SQLite but only enforce
// uniqueness. On the national dataset that makes one `countDocuments` over 50,000 staff take
// ~16 s and a 50-id `$in` over 22,000 academies ~4 s, while a lookup by `_id` takes ~4 ms
// (BENCHMARKS.md). So with FerretDB the service keeps a copy of the collections the hot read
// paths use (trusts, academies, hubs, staff, needs, deployments) and answers those reads from
// memory. With MongoDB it queries the database, whose indexes answer in milliseconds.
//
// Exactness: every write this process makes goes through a mongoose collection method, and
// mongoose emits `operation-start` and `operation-end` for each call. A write marks the
// documents it can touch as stale — by `_id` when its filter pins them or when the copy can
// evaluate its filter, otherwise the whole collection — at its start and again at its end, and
// the next read refetches them (by `_id`, pushed down, a few ms each; or the whole collection
// when many changed) before answering. So a read that starts after a write has finished sees
// it, as with the database. Writes from other processes are seen only when announced
// (write-epoch.ts: the import, seed and generate commands do), within a couple of seconds:
// that is why copies are used only with FerretDB, where one instance serves a database
// (README, "Concurrency on FerretDB"). Copies are frozen: a caller mutating one would throw
// rather than corrupt it.
//
// Restarts: snapshot.ts keeps the copies in a file and restores them at the next start when
// the database cannot have changed since (snapshot-file.ts holds the file's layout).
import type { Model } from 'mongoose';
import { compileFilter, compileSort, project, projectionSupported, type SortSpec } from './query';
import { readCopy } from './registry';
import type { Doc } from './types';

export type { CollectionCopy } from './collection-copy';
export { compareStrings, compileFilter, compileSort, getPath, type SortSpec } from './query';
export { idString } from './shared-values';
export { defaultSnapshotPath, disableReadCopySnapshot, enableReadCopySnapshot, restoreReadCopies, type RestoreOutcome, saveReadCopySnapshot, type SaveOutcome, SNAPSHOT_FORMAT, type SnapshotSettings } from './snapshot';
export { documentNow, readCopy, type ReadCacheMode, setExternalWriteCheckInterval, setReadCacheMode, warmReadCopies } from './registry';

/**
 * `model.find(filter, projection).sort(sort).limit(limit)` answered from the copy, or
 * undefined when there is no copy or the query is beyond what the copy can evaluate.
 */
export async function findInCopy<T extends Doc>(
  model: Model<any>,
  filter: Record<string, unknown>,
  options: {
    sort?: SortSpec;
    limit?: number;
    projection?: Record<string, unknown>;
    /**
     * A keyset cursor's position (its sort fields and `_id`) when `filter` already holds only
     * records after it: the walk then starts there (binary search of the ordered copy)
     * instead of testing every record before it, so a window costs its own size, not its
     * position. The filter is still tested on every record walked.
     */
    startAfter?: Doc;
  } = {},
): Promise<T[] | undefined> {
  const match = compileFilter(model, filter);
  if (!match || !projectionSupported(options.projection)) return undefined;
  const sort = options.sort ?? {};
  const comparator = compileSort(model, sort);
  if (!comparator) return undefined;
  const copy = await readCopy<T>(model);
  if (!copy) return undefined;
  const ordered = Object.keys(sort).length ? copy.derive(`sort:${JSON.stringify(sort)}`, (docs) => [...docs].sort(comparator)) : copy.all();
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const out: T[] = [];
  const start = options.startAfter && Object.keys(sort).length ? firstAfter(ordered, options.startAfter as T, comparator) : 0;
  for (let i = start; i < ordered.length; i += 1) {
    if (out.length >= limit) break;
    const doc = ordered[i]!;
    if (match(doc)) out.push(project(doc, options.projection));
  }
  return out;
}

/** The index of the first record strictly after `cursor` in an array ordered by `comparator`. */
function firstAfter<T>(ordered: readonly T[], cursor: T, comparator: (a: T, b: T) => number): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comparator(ordered[mid]!, cursor) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
