// The read side of one collection, whatever answers it: the database through its indexes
// (MongoDB), or the collection's in-process copy (FerretDB, see ../read-cache/). Services
// read only through these; which implementation serves a collection is settled in
// ./index.ts, once, from the connection.
//
// Filters are MongoDB query documents. The copy evaluates a subset of the language and hands
// anything else to the database, so every implementation gives the database's answer.
//
// Records handed out are read-only: the copy hands out its own frozen records (a write into
// one throws), the database fresh objects. Code that needs a changed record builds a new one.

export type Filter = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  /** At most this many (none or 0: all). */
  limit?: number;
  projection?: Record<string, 0 | 1>;
}

/** A key of a keyset (cursor) order; `_id` always follows as the tie-breaker. */
export interface SortKey {
  field: string;
  direction: 1 | -1;
  kind: 'string' | 'number' | 'date';
}

/** One window of a keyset list, as a Relay connection asks for it. */
export interface ListWindow {
  /** Opaque cursors from ./keyset.ts, from the same list. */
  after?: string | null;
  before?: string | null;
  limit: number;
  /** Walk the order backwards (a `last` page); the caller reverses the result. */
  inverted: boolean;
}

export interface Store<T> {
  /**
   * The same collection read from the database itself, whatever serves this store (for a
   * database store, the store itself). For reads that decide a write, and for reading back
   * what was just written: they must see the database as it is now, not a copy that another
   * process's write, or a write still being applied, may not have reached
   * (docs/architecture.md, "Which read: the store or `fresh`").
   */
  readonly fresh: Store<T>;
  /** The record with this id, or null (also for an id that is not one). */
  get(id: string): Promise<Readonly<T> | null>;
  /**
   * The record at once when it is in memory and up to date (the copy's own, frozen), else
   * undefined: the caller then loads it with get/getMany. Lets GraphQL resolve a nested object
   * without a promise.
   */
  getNow(id: string): Readonly<T> | undefined;
  /** The records with these ids, in their order; null where none exists. */
  getMany(ids: readonly string[]): Promise<(Readonly<T> | null)[]>;
  find(filter: Filter, options?: FindOptions): Promise<Readonly<T>[]>;
  findOne(filter: Filter): Promise<Readonly<T> | null>;
  count(filter: Filter): Promise<number>;
  /** Distinct values of a field over the matching records. */
  distinct(field: string, filter: Filter): Promise<unknown[]>;
  /** The ids of the records whose `field` holds one of `values` (a set lookup, not a scan, in the copy). */
  idsWhere(field: string, values: readonly unknown[]): Promise<unknown[]>;
  /** For each key, the records whose `field` holds it, matching `filter`, in `sort` order. */
  groupedBy(field: string, keys: readonly string[], filter: Filter, sort: SortSpec): Promise<Readonly<T>[][]>;
  /** For each key, the sum of `summed` over the records whose `field` holds it (0 for none). */
  sumBy(field: string, keys: readonly string[], summed: string): Promise<number[]>;
  /** One window of the records matching `filter` in the keyset order `sort`, then `_id`. */
  list(filter: Filter, sort: readonly SortKey[], window: ListWindow): Promise<Readonly<T>[]>;
}
