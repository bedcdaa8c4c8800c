// One collection's copy: its documents by id, what is stale, and data derived from it.
import type { Model } from 'mongoose';
import { compileFilter, getPath } from './query';
import { deepFreeze, idString, newLoadScope } from './shared-values';
import type { Doc, Ids } from './types';
import { pinnedIds } from './pinned-ids';

/** Refetching one document by `_id` costs ~4 ms on FerretDB; past this many, reload everything. */
function refetchLimit(size: number): number {
  return Math.max(8, Math.floor(size / 10));
}

/**
 * Documents per batch when a whole collection is read. FerretDB 1.24 answers a getMore
 * without a batch size with 250 documents; a round trip each 250 staff records was 200 of
 * them for 50,000, each a wait for both processes to be scheduled again on a busy machine
 * (BENCHMARKS.md, issue 20, "session 7: cold start"). Larger batches only hold more in
 * FerretDB's memory at once (one of 100,000 was slower).
 */
export const WHOLE_READ_BATCH = 1_000;

/**
 * How a whole collection is read: in the database's order, as `model.find({}).lean()` gives
 * it. The default uses the model's own connection; warmReadCopies may read on others.
 */
export type WholeRead = (model: Model<any>) => Promise<Doc[]>;

const readOnOwnConnection: WholeRead = (model) => model.find({}).batchSize(WHOLE_READ_BATCH).lean() as unknown as Promise<Doc[]>;


export class CollectionCopy<T extends Doc = Doc> {
  private docs: Map<string, T> | null = null;
  private staleAll = true;
  private readonly staleIds = new Set<string>();
  private refreshing: Promise<void> | null = null;
  /** A whole load is being read: the documents held may be older than the database's. */
  private reloading = false;
  /** Taken off the stale list by the refresh in flight, not yet replaced. */
  private readonly refetching = new Set<string>();
  private derived = new Map<string, unknown>();
  private listMemo: T[] | null = null;
  /** Grows with every change of the copy; derived data is kept per version. */
  version = 0;

  constructor(readonly model: Model<any>) {}

  markStale(ids: Ids): void {
    if (ids === 'all') this.staleAll = true;
    else for (const id of ids) this.staleIds.add(id);
  }

  /**
   * Resolves once every change made before the call is in the copy. `readWhole` reads the
   * collection if it has to be read whole (the default: on the model's own connection).
   */
  async fresh(readWhole: WholeRead = readOnOwnConnection): Promise<this> {
    for (;;) {
      // A refresh in flight has already taken marks off the stale list without applying
      // them yet (or, the first time, there are no documents at all): wait for it, then look again.
      if (this.refreshing) {
        await this.refreshing;
        continue;
      }
      if (!this.staleAll && this.staleIds.size === 0) return this;
      this.refreshing = this.refresh(readWhole).finally(() => (this.refreshing = null));
    }
  }

  private async refresh(readWhole: WholeRead): Promise<void> {
    if (this.staleAll || !this.docs || this.staleIds.size > refetchLimit(this.docs.size)) {
      // Marks made while the load runs stay, so the loop in fresh() picks them up after it.
      this.staleAll = false;
      this.staleIds.clear();
      this.reloading = true;
      let docs: T[];
      try {
        docs = (await readWhole(this.model)) as T[];
      } catch (error) {
        this.staleAll = true;
        throw error;
      } finally {
        this.reloading = false;
      }
      this.docs = frozenById(docs);
    } else {
      const ids = [...this.staleIds];
      this.staleIds.clear();
      for (const id of ids) this.refetching.add(id);
      let docs: (T | null)[];
      try {
        docs = await Promise.all(ids.map((id) => this.model.findById(id).lean() as unknown as Promise<T | null>));
      } catch (error) {
        for (const id of ids) this.staleIds.add(id);
        throw error;
      } finally {
        for (const id of ids) this.refetching.delete(id);
      }
      ids.forEach((id, i) => {
        const doc = docs[i];
        if (doc) this.docs!.set(id, deepFreeze(doc));
        else this.docs!.delete(id);
      });
    }
    this.version += 1;
    this.derived = new Map();
    this.listMemo = null;
  }

  /** Whether reads may use the copy now, without waiting: loaded, nothing stale, no refresh under way. */
  get upToDate(): boolean {
    return this.docs !== null && !this.staleAll && this.staleIds.size === 0 && this.refreshing === null;
  }

  /** By an id as a client may write it (hex in either case; anything else finds nothing). Only after fresh(). */
  byId(id: string): T | undefined {
    return this.docs?.get(id.toLowerCase());
  }

  /** By the id as the copy keys it (lower-case hex). Only after fresh() (or while upToDate). */
  get(id: string): T | undefined {
    return this.docs?.get(id);
  }

  get size(): number {
    return this.docs?.size ?? 0;
  }

  /** Every document, in no particular order. Only after fresh(). */
  all(): readonly T[] {
    if (!this.listMemo) this.listMemo = [...(this.docs?.values() ?? [])];
    return this.listMemo;
  }

  /** Data computed from the documents, rebuilt only when they change. */
  derive<R>(key: string, build: (docs: readonly T[]) => R): R {
    if (this.derived.has(key)) return this.derived.get(key) as R;
    const value = build(this.all());
    this.derived.set(key, value);
    return value;
  }

  /** Documents grouped by the string form of a field (ObjectIds as hex); array fields by element. */
  groupedBy(field: string): Map<string, T[]> {
    return this.derive(`group:${field}`, (docs) => {
      const groups = new Map<string, T[]>();
      const keyOf = (v: unknown) => (v == null ? 'null' : idString(v));
      for (const doc of docs) {
        const value = getPath(doc, field);
        for (const key of Array.isArray(value) ? new Set(value.map(keyOf)) : [keyOf(value)]) {
          const list = groups.get(key);
          if (list) list.push(doc);
          else groups.set(key, [doc]);
        }
      }
      return groups;
    });
  }

  /**
   * Takes documents read back from a snapshot (snapshot.ts), in the order the copy listed
   * them, as refresh() takes a whole collection from the database: frozen the same way.
   */
  restore(docs: T[]): void {
    this.docs = frozenById(docs);
    this.staleAll = false;
    this.staleIds.clear();
    this.version += 1;
    this.derived = new Map();
    this.listMemo = null;
  }

  /** The documents matching ids a write may touch, or 'all' when the filter is beyond the copy. */
  idsTouchedBy(filter: unknown): Ids {
    const pinned = pinnedIds(filter);
    if (pinned) return pinned;
    // The filter is matched against the documents held; where those may be older than the
    // database's (a whole load under way, or all marked stale), any document may match there.
    if (!this.docs || this.staleAll || this.reloading) return 'all';
    const match = compileFilter(this.model, filter);
    if (!match) return 'all';
    const ids = new Set<string>();
    for (const [id, doc] of this.docs) if (match(doc)) ids.add(id);
    // Documents already known to be out of date (stale, or being refetched by a read that may
    // see the database before this write) may match in the database but not here: marked too,
    // or a refetch that read them before this write would leave them wrong for good.
    for (const id of this.staleIds) ids.add(id);
    for (const id of this.refetching) ids.add(id);
    return ids;
  }
}

/**
 * A whole collection's documents frozen and keyed by id, as a full load and a snapshot's
 * restore both hold them. One scope for the whole collection: repeated strings, dates and
 * ids are shared across its documents (shared-values.ts).
 */
function frozenById<T extends Doc>(docs: readonly T[]): Map<string, T> {
  const scope = newLoadScope();
  const byId = new Map<string, T>();
  for (const doc of docs) {
    const frozen = deepFreeze(doc, scope);
    byId.set(idString(frozen._id), frozen);
  }
  return byId;
}
