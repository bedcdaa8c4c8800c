// A collection read from the database: MongoDB answers through the indexes the models
// declare (server/models/). One query per call; batches come from the callers' DataLoaders.
import { type Model, Types } from 'mongoose';
import { windowQuery } from './keyset';
import type { Filter, FindOptions, ListWindow, SortKey, SortSpec, Store } from './types';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export class MongoStore<T extends { _id: unknown }> implements Store<T> {
  constructor(readonly model: Model<any>) {}

  /** The database already: itself. */
  get fresh(): MongoStore<T> {
    return this;
  }

  async get(id: string): Promise<T | null> {
    if (!OBJECT_ID.test(id)) return null;
    return (await this.model.findById(id).lean()) as T | null;
  }

  getNow(): T | undefined {
    return undefined;
  }

  async getMany(ids: readonly string[]): Promise<(T | null)[]> {
    const valid = ids.filter((id) => OBJECT_ID.test(id));
    const docs = (await this.model.find({ _id: { $in: valid } }).lean()) as unknown as T[];
    const byId = new Map(docs.map((doc) => [String(doc._id), doc]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let query = this.model.find(filter, options.projection);
    if (options.sort) query = query.sort(options.sort);
    if (options.limit) query = query.limit(options.limit);
    return (await query.lean()) as unknown as T[];
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.model.findOne(filter).lean()) as T | null;
  }

  count(filter: Filter): Promise<number> {
    return this.model.countDocuments(filter);
  }

  distinct(field: string, filter: Filter): Promise<unknown[]> {
    return this.model.distinct(field, filter);
  }

  async idsWhere(field: string, values: readonly unknown[]): Promise<unknown[]> {
    return (await this.model.find({ [field]: { $in: values } }, { _id: 1 }).lean()).map((doc: { _id: unknown }) => doc._id);
  }

  async groupedBy(field: string, keys: readonly string[], filter: Filter, sort: SortSpec): Promise<T[][]> {
    const docs = (await this.model.find({ ...filter, [field]: { $in: keys } }).sort(sort).lean()) as unknown as T[];
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const doc of docs) groups.get(String((doc as Record<string, unknown>)[field]))?.push(doc);
    return keys.map((k) => groups.get(k) ?? []);
  }

  async sumBy(field: string, keys: readonly string[], summed: string): Promise<number[]> {
    // aggregate() does not cast: ids must be ObjectIds to match.
    const ids = keys.filter((k) => OBJECT_ID.test(k)).map((k) => new Types.ObjectId(k));
    const rows = await this.model.aggregate<{ _id: unknown; total: number }>([
      { $match: { [field]: { $in: ids } } },
      { $group: { _id: `$${field}`, total: { $sum: `$${summed}` } } },
    ]);
    const totals = new Map(rows.map((row) => [String(row._id), row.total]));
    return keys.map((k) => totals.get(k) ?? 0);
  }

  async list(filter: Filter, sort: readonly SortKey[], window: ListWindow): Promise<T[]> {
    const { query, sort: sortSpec } = windowQuery(filter, sort, window);
    return (await this.model.find(query).sort(sortSpec).limit(window.limit).lean()) as unknown as T[];
  }
}
