// A collection read from its in-process copy (FerretDB; see ../read-cache/ for why and how it
// stays exact), falling back to the database for what the copy cannot answer: a filter or
// sort outside the subset it evaluates, or no copy at all (copies not in use on this
// connection, or switched off). Records handed out are the copy's own, deeply frozen: nothing
// that reads them may write into them (a write throws in strict mode), so no copy is made per
// read (two thirds of a nested page's garbage was those copies; BENCHMARKS.md, issue 20,
// session 7). Whoever needs a changed record builds a new one ({ ...record, ... }).
import type { Model } from 'mongoose';
import { compileFilter, compileSort, documentNow, findInCopy, readCopy } from '../read-cache';
import type { Doc } from '../read-cache/types';
import { cursorPosition, windowQuery } from './keyset';
import { MongoStore } from './mongo-store';
import type { Filter, FindOptions, ListWindow, SortKey, SortSpec, Store } from './types';

export class CopyStore<T extends Doc> implements Store<T> {
  private readonly database: MongoStore<T>;

  constructor(readonly model: Model<any>) {
    this.database = new MongoStore<T>(model);
  }

  /** The collection in the database, past the copy. */
  get fresh(): MongoStore<T> {
    return this.database;
  }

  async get(id: string): Promise<T | null> {
    const copy = await readCopy<T>(this.model);
    if (!copy) return this.database.get(id);
    return copy.byId(id) ?? null;
  }

  getNow(id: string): T | undefined {
    return documentNow<T>(this.model, id);
  }

  async getMany(ids: readonly string[]): Promise<(T | null)[]> {
    const copy = await readCopy<T>(this.model);
    if (!copy) return this.database.getMany(ids);
    return ids.map((id) => copy.byId(id) ?? null);
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return (await findInCopy<T>(this.model, filter, options)) ?? this.database.find(filter, options);
  }

  async findOne(filter: Filter): Promise<T | null> {
    const found = await findInCopy<T>(this.model, filter, { limit: 1 });
    return found ? (found[0] ?? null) : this.database.findOne(filter);
  }

  async count(filter: Filter): Promise<number> {
    const match = compileFilter(this.model, filter);
    const copy = match ? await readCopy<T>(this.model) : null;
    if (!copy || !match) return this.database.count(filter);
    if (Object.keys(filter).length === 0) return copy.size;
    let n = 0;
    for (const doc of copy.all()) if (match(doc)) n += 1;
    return n;
  }

  distinct(field: string, filter: Filter): Promise<unknown[]> {
    return this.database.distinct(field, filter);
  }

  async idsWhere(field: string, values: readonly unknown[]): Promise<unknown[]> {
    // From the copy's documents grouped by that field: no scan (a trust's lead asks for its
    // schools' staff among 50,000).
    const copy = await readCopy<T>(this.model);
    if (!copy) return this.database.idsWhere(field, values);
    const groups = copy.groupedBy(field);
    return values.flatMap((value) => (groups.get(String(value)) ?? []).map((doc) => doc._id));
  }

  async groupedBy(field: string, keys: readonly string[], filter: Filter, sort: SortSpec): Promise<T[][]> {
    const match = compileFilter(this.model, filter);
    const comparator = compileSort(this.model, sort);
    const copy = match && comparator ? await readCopy<T>(this.model) : null;
    if (!copy || !match || !comparator) return this.database.groupedBy(field, keys, filter, sort);
    const groups = copy.groupedBy(field);
    return keys.map((k) => (groups.get(k) ?? []).filter(match).sort(comparator));
  }

  async sumBy(field: string, keys: readonly string[], summed: string): Promise<number[]> {
    const copy = await readCopy<T>(this.model);
    if (!copy) return this.database.sumBy(field, keys, summed);
    const groups = copy.groupedBy(field);
    return keys.map((k) => (groups.get(k) ?? []).reduce((total, doc) => total + (typeof doc[summed] === 'number' ? (doc[summed] as number) : 0), 0));
  }

  async list(filter: Filter, sort: readonly SortKey[], window: ListWindow): Promise<T[]> {
    const { query, sort: sortSpec } = windowQuery(filter, sort, window);
    // Forward windows after a cursor start their walk at the cursor (the query still holds the cursor's condition).
    const startAfter = window.after && !window.inverted && !window.before ? (cursorPosition(window.after, sort) ?? undefined) : undefined;
    const fromCopy = await findInCopy<T>(this.model, query, { sort: sortSpec, limit: window.limit, ...(startAfter ? { startAfter: startAfter as T } : {}) });
    return fromCopy ?? this.database.list(filter, sort, window);
  }
}
