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
import mongoose, { type Connection, type Model } from 'mongoose';
import { readWriteEpochs } from './write-epoch';

// ---------------------------------------------------------------------------------------
// Mode

export type ReadCacheMode = 'auto' | 'on' | 'off';
let mode: ReadCacheMode = 'auto';

/** `auto` (the default): copies with FerretDB, the database itself otherwise. For benchmarks and tests. */
export function setReadCacheMode(next: ReadCacheMode): void {
  mode = next;
  for (const registry of registries) registry.reset();
}

/** How often a read looks for writes announced by other processes (write-epoch.ts). */
let externalWriteCheckMs = 2_000;

/** For tests: look on every read (0), or at another interval. */
export function setExternalWriteCheckInterval(ms: number): void {
  externalWriteCheckMs = ms;
}

/** Collections copied when copies are on; others (audit entries) are always queried. */
const COPIED_COLLECTIONS = new Set(['trusts', 'academies', 'clusters', 'staffMembers', 'improvementNeeds', 'deployments']);

// Collection methods that never change documents; any other method counts as a write.
const READ_METHODS = new Set([
  'find',
  'findOne',
  'aggregate',
  'countDocuments',
  'estimatedDocumentCount',
  'count',
  'distinct',
  'listIndexes',
  'indexes',
  'indexExists',
  'indexInformation',
  'createIndex',
  'createIndexes',
  'dropIndex',
  'dropIndexes',
  'listSearchIndexes',
  'watch',
  'stats',
  'options',
  'isCapped',
]);

type Doc = { _id: unknown; [field: string]: unknown };
type Ids = Set<string> | 'all';

/** Refetching one document by `_id` costs ~4 ms on FerretDB; past this many, reload everything. */
function refetchLimit(size: number): number {
  return Math.max(8, Math.floor(size / 10));
}

// ---------------------------------------------------------------------------------------
// One collection's copy

export class CollectionCopy<T extends Doc = Doc> {
  private docs: Map<string, T> | null = null;
  private staleAll = true;
  private readonly staleIds = new Set<string>();
  private refreshing: Promise<void> | null = null;
  private derived = new Map<string, unknown>();
  private listMemo: T[] | null = null;
  /** Grows with every change of the copy; derived data is kept per version. */
  version = 0;

  constructor(readonly model: Model<any>) {}

  markStale(ids: Ids): void {
    if (ids === 'all') this.staleAll = true;
    else for (const id of ids) this.staleIds.add(id);
  }

  /** Resolves once every change made before the call is in the copy. */
  async fresh(): Promise<this> {
    for (;;) {
      // A refresh in flight has already taken marks off the stale list without applying
      // them yet (or, the first time, there are no documents at all): wait for it, then look again.
      if (this.refreshing) {
        await this.refreshing;
        continue;
      }
      if (!this.staleAll && this.staleIds.size === 0) return this;
      this.refreshing = this.refresh().finally(() => (this.refreshing = null));
    }
  }

  private async refresh(): Promise<void> {
    if (this.staleAll || !this.docs || this.staleIds.size > refetchLimit(this.docs.size)) {
      // Marks made while the load runs stay, so the loop in fresh() picks them up after it.
      this.staleAll = false;
      this.staleIds.clear();
      let docs: T[];
      try {
        docs = (await this.model.find({}).batchSize(100_000).lean()) as unknown as T[];
      } catch (error) {
        this.staleAll = true;
        throw error;
      }
      this.docs = new Map(docs.map((doc) => [String(doc._id), deepFreeze(doc)]));
    } else {
      const ids = [...this.staleIds];
      this.staleIds.clear();
      let docs: (T | null)[];
      try {
        docs = await Promise.all(ids.map((id) => this.model.findById(id).lean() as unknown as Promise<T | null>));
      } catch (error) {
        for (const id of ids) this.staleIds.add(id);
        throw error;
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

  /** Only after fresh() (or while upToDate). */
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
      const keyOf = (v: unknown) => (v == null ? 'null' : String(v));
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

  /** The documents matching ids a write may touch, or 'all' when the filter is beyond the copy. */
  idsTouchedBy(filter: unknown): Ids {
    const pinned = pinnedIds(filter);
    if (pinned) return pinned;
    if (!this.docs) return 'all';
    const match = compileFilter(this.model, filter);
    if (!match) return 'all';
    const ids = new Set<string>();
    for (const [id, doc] of this.docs) if (match(doc)) ids.add(id);
    return ids;
  }
}

// Documents are frozen (a caller mutating one would throw rather than corrupt the copy) and
// their repeated small values shared: enum-style strings ("SECONDARY", "MATHS"), arrays of
// them, and small records of short strings (createdBy / updatedBy). The national dataset's
// 50,000 staff repeat these on every document; sharing them takes about a third off the
// copies' memory. Sharing is invisible to readers because everything shared is immutable.
const ENUM_LIKE = /^[A-Z][A-Z0-9_]{0,39}$/;
const sharedStrings = new Map<string, string>();
const sharedValues = new Map<string, unknown>();
const MAX_SHARED_VALUES = 10_000; // a bound, in case some field holds many distinct small records

function shareString(value: string): string {
  if (!ENUM_LIKE.test(value)) return value;
  const known = sharedStrings.get(value);
  if (known !== undefined) return known;
  sharedStrings.set(value, value);
  return value;
}

function shareValue<T>(key: string, value: T): T {
  const known = sharedValues.get(key);
  if (known !== undefined) return known as T;
  if (sharedValues.size < MAX_SHARED_VALUES) sharedValues.set(key, value);
  return value;
}

/** The value frozen, with its repeated parts shared (see above). */
function canonical<T>(value: T): T {
  if (typeof value === 'string') return shareString(value) as T;
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    let allEnums = value.length <= 8;
    for (let i = 0; i < value.length; i += 1) {
      const item = canonical(value[i]);
      value[i] = item;
      if (typeof item !== 'string' || !ENUM_LIKE.test(item)) allEnums = false;
    }
    Object.freeze(value);
    return allEnums ? shareValue(`a${JSON.stringify(value)}`, value) : value;
  }
  if (proto !== Object.prototype && proto !== null) return value; // ObjectId, Date, Buffer: left as they are
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let smallStrings = keys.length <= 4;
  for (const key of keys) {
    const item = canonical(record[key]);
    record[key] = item;
    if (typeof item !== 'string' || item.length > 64) smallStrings = false;
  }
  Object.freeze(value);
  return smallStrings ? shareValue(`o${JSON.stringify(record)}`, value) : value;
}

function deepFreeze<T extends Doc>(doc: T): T {
  // The document itself is never shared: its identity keys per-document memos.
  for (const key of Object.keys(doc)) (doc as Record<string, unknown>)[key] = canonical(doc[key]);
  return Object.freeze(doc);
}

// ---------------------------------------------------------------------------------------
// Per connection: the copies, and the write tracking that keeps them exact

const registries = new Set<Registry>();
const registryOf = new WeakMap<Connection, Registry>();

interface OperationEvent {
  _id?: unknown;
  collectionName?: string;
  method?: string;
  params?: unknown[];
}

class Registry {
  private copies = new Map<string, CollectionCopy<any>>();
  private enabled: Promise<boolean> | null = null;
  private dbName: string | undefined;
  /** What each write in flight may touch, to mark again when it ends. */
  private readonly inFlight = new Map<string, { collection: string; ids: Ids }>();

  constructor(private readonly connection: Connection) {
    connection.on('operation-start', (event: OperationEvent) => this.onStart(event));
    connection.on('operation-end', (event: OperationEvent) => this.onEnd(event));
    connection.on('connected', () => this.reset());
    connection.on('disconnected', () => this.reset());
  }

  reset(): void {
    this.copies = new Map();
    this.enabled = null;
    this.enabledNow = null;
    this.epochs = null;
  }

  private onStart(event: OperationEvent): void {
    const collection = event.collectionName;
    if (!collection || !COPIED_COLLECTIONS.has(collection) || READ_METHODS.has(event.method ?? '')) return;
    const copy = this.copies.get(collection);
    // Without a copy yet there is nothing to mark now; but one may be loaded while the write
    // runs, possibly without it, so the write's end marks it all.
    const ids = copy ? touchedIds(copy, event.method ?? '', event.params ?? []) : 'all';
    copy?.markStale(ids);
    if (event._id != null) this.inFlight.set(String(event._id), { collection, ids });
  }

  private onEnd(event: OperationEvent): void {
    if (event._id == null) return;
    const key = String(event._id);
    const pending = this.inFlight.get(key);
    if (!pending) return;
    this.inFlight.delete(key);
    this.copies.get(pending.collection)?.markStale(pending.ids);
  }

  async copyOf<T extends Doc>(model: Model<any>): Promise<CollectionCopy<T> | null> {
    const name = model.collection.collectionName;
    if (!COPIED_COLLECTIONS.has(name) || !(await this.isEnabled())) return null;
    if (this.connection.name !== this.dbName) {
      this.dbName = this.connection.name;
      this.copies = new Map();
      this.epochs = null;
    }
    await this.noticeExternalWrites();
    let copy = this.copies.get(name);
    if (!copy) {
      copy = new CollectionCopy<T>(model);
      this.copies.set(name, copy);
    }
    return (copy as CollectionCopy<T>).fresh();
  }

  private isEnabled(): Promise<boolean> {
    if (mode !== 'auto') return Promise.resolve(mode === 'on');
    if (!this.enabled) {
      this.enabled = isFerretDb(this.connection).then(
        (ferret) => (this.enabledNow = ferret),
        () => {
          this.enabled = null;
          return false;
        },
      );
    }
    return this.enabled;
  }

  // Writes by other processes (import:gias, seed, generate) are announced through
  // write-epoch.ts; looked at no more than once per interval, a lookup by _id.
  private epochs: Record<string, number> | null = null;
  private epochsCheckedAt = 0;
  private epochCheck: Promise<void> | null = null;

  private noticeExternalWrites(): Promise<void> {
    if (this.epochs !== null && Date.now() - this.epochsCheckedAt < externalWriteCheckMs) return Promise.resolve();
    if (!this.epochCheck) {
      this.epochCheck = readWriteEpochs(this.connection)
        .then((current) => {
          const previous = this.epochs;
          this.epochs = current;
          this.epochsCheckedAt = Date.now();
          if (previous === null) return; // the first look: copies loaded from now on include everything so far
          for (const [collection, count] of Object.entries(current)) {
            if (previous[collection] !== count) this.copies.get(collection)?.markStale('all');
          }
        })
        .finally(() => (this.epochCheck = null));
    }
    return this.epochCheck;
  }

  /** Whether copies are in use, when already known (null before the first read has found out). */
  private enabledNow: boolean | null = null;

  /** The copy, if it can answer this instant: copies in use, this collection loaded and up to date. */
  copyIfUpToDate<T extends Doc>(model: Model<any>): CollectionCopy<T> | null {
    const enabled = mode === 'auto' ? this.enabledNow === true && this.enabled !== null : mode === 'on';
    if (!enabled || this.connection.name !== this.dbName) return null;
    const copy = this.copies.get(model.collection.collectionName) as CollectionCopy<T> | undefined;
    return copy?.upToDate ? copy : null;
  }
}

async function isFerretDb(connection: Connection): Promise<boolean> {
  const db = connection.db;
  if (!db) return false;
  const info = await db.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}

function registryFor(connection: Connection): Registry {
  let registry = registryOf.get(connection);
  if (!registry) {
    registry = new Registry(connection);
    registryOf.set(connection, registry);
    registries.add(registry);
  }
  return registry;
}

/**
 * The up-to-date copy of a model's collection, or null when reads should go to the database
 * (MongoDB, a collection that is not copied, or copies switched off).
 */
export function readCopy<T extends Doc = Doc>(model: Model<any>): Promise<CollectionCopy<T> | null> {
  const connection = model.db ?? mongoose.connection;
  if (connection.readyState !== 1) return Promise.resolve(null);
  return registryFor(connection).copyOf<T>(model);
}

/**
 * A document from its collection's copy at once (an unfrozen shallow copy, as loaders give),
 * or undefined when the copy cannot answer this instant (not in use, not loaded, or a write
 * not yet applied; then load it the usual way). Lets GraphQL resolve a nested object without
 * a promise, which is most of what a nested page costs once its data is in memory.
 */
export function documentNow<T extends Doc>(model: Model<any>, id: string): T | undefined {
  const connection = model.db ?? mongoose.connection;
  if (connection.readyState !== 1) return undefined;
  const copy = registryOf.get(connection)?.copyIfUpToDate<T>(model);
  const doc = copy?.get(id.toLowerCase());
  return doc ? ({ ...doc } as T) : undefined;
}

/** Loads the copies ahead of the first request (they take a while on large FerretDB data); false when copies are not in use. */
export async function warmReadCopies(models: Model<any>[]): Promise<boolean> {
  let used = false;
  for (const model of models) used = (await readCopy(model)) !== null || used;
  return used;
}

// Which documents a write may touch.

function idString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof mongoose.Types.ObjectId) return value.toHexString();
  return null;
}

/** The ids a filter pins `_id` to (`{ _id: v }` or `{ _id: { $in: [...] } }`, alone or among other conditions). */
function pinnedIds(filter: unknown): Set<string> | null {
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

function touchedIds(copy: CollectionCopy<any>, method: string, params: unknown[]): Ids {
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

// ---------------------------------------------------------------------------------------
// Evaluating queries against a copy: a subset of MongoDB's filter language, with mongoose's
// casting by schema type. Anything outside it compiles to null, and the caller then asks
// the database, so an answer from a copy is always the database's answer.

type Matcher = (doc: Doc) => boolean;
type Kind = 'objectId' | 'string' | 'number' | 'date' | 'boolean';

const NOT_SIMPLE = Symbol('array inside a dotted path');

export function getPath(doc: unknown, path: string): unknown {
  if (!path.includes('.')) return (doc as Record<string, unknown> | null | undefined)?.[path];
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value == null || typeof value !== 'object' || Array.isArray(value)) return Array.isArray(value) ? NOT_SIMPLE : undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The scalar kind a schema path holds (for arrays, their elements'), or null when unsupported. */
function kindOf(model: Model<any>, path: string): { kind: Kind; array: boolean } | null {
  // A dotted path through an array (or a document array) matches element-wise: not handled here.
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i += 1) {
    const prefix = model.schema.path(parts.slice(0, i).join('.')) as unknown as { instance?: string } | undefined;
    if (prefix?.instance === 'Array' || prefix?.instance === 'DocumentArray') return null;
  }
  const schemaType = model.schema.path(path) as unknown as { instance?: string; caster?: { instance?: string }; embeddedSchemaType?: { instance?: string } } | undefined;
  if (!schemaType) return null;
  const scalar = (instance: string | undefined): Kind | null => {
    switch (instance) {
      case 'ObjectId':
      case 'ObjectID':
        return 'objectId';
      case 'String':
        return 'string';
      case 'Number':
        return 'number';
      case 'Date':
        return 'date';
      case 'Boolean':
        return 'boolean';
      default:
        return null;
    }
  };
  if (schemaType.instance === 'Array') {
    const element = scalar(schemaType.embeddedSchemaType?.instance ?? schemaType.caster?.instance);
    return element ? { kind: element, array: true } : null;
  }
  const kind = scalar(schemaType.instance);
  return kind ? { kind, array: false } : null;
}

const HEX24 = /^[0-9a-f]{24}$/i;

/** A query operand cast as mongoose would, to a comparable key; undefined when not castable here. */
function castOperand(kind: Kind, value: unknown): { key: string; sort: number | string } | null | undefined {
  if (value === null) return null;
  switch (kind) {
    case 'objectId': {
      if (value instanceof mongoose.Types.ObjectId) return { key: `o${value.toHexString()}`, sort: value.toHexString() };
      if (typeof value === 'string' && HEX24.test(value)) return { key: `o${value.toLowerCase()}`, sort: value.toLowerCase() };
      return undefined;
    }
    case 'string':
      return typeof value === 'string' ? { key: `s${value}`, sort: value } : undefined;
    case 'number':
      return typeof value === 'number' && !Number.isNaN(value) ? { key: `n${value}`, sort: value } : undefined;
    case 'date':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? { key: `d${value.getTime()}`, sort: value.getTime() } : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? { key: `b${value}`, sort: value ? 1 : 0 } : undefined;
  }
}

/** A stored value's comparable key, in BSON type terms. */
function storedKey(value: unknown): { key: string; type: string; sort: number | string } | null {
  if (value === null || value === undefined) return null;
  if (value instanceof mongoose.Types.ObjectId) return { key: `o${value.toHexString()}`, type: 'o', sort: value.toHexString() };
  if (typeof value === 'string') return { key: `s${value}`, type: 's', sort: value };
  if (typeof value === 'number') return { key: `n${value}`, type: 'n', sort: value };
  if (value instanceof Date) return { key: `d${value.getTime()}`, type: 'd', sort: value.getTime() };
  if (typeof value === 'boolean') return { key: `b${value}`, type: 'b', sort: value ? 1 : 0 };
  return { key: '?', type: '?', sort: 0 };
}

/** MongoDB compares strings by their UTF-8 bytes; UTF-16 code units agree below the surrogates. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (/[\ud800-\uffff]/.test(a) || /[\ud800-\uffff]/.test(b)) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return a < b ? -1 : 1;
}

function compareSortable(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareStrings(String(a), String(b));
}

const COMPARISONS: Record<string, (c: number) => boolean> = {
  $gt: (c) => c > 0,
  $gte: (c) => c >= 0,
  $lt: (c) => c < 0,
  $lte: (c) => c <= 0,
};

function regexMatcher(pattern: unknown, options?: unknown): RegExp | null {
  if (pattern instanceof RegExp) {
    return /^[ims]*$/.test(pattern.flags) ? pattern : null;
  }
  if (typeof pattern === 'string' && (options === undefined || (typeof options === 'string' && /^[ims]*$/.test(options)))) {
    try {
      return new RegExp(pattern, (options as string | undefined) ?? '');
    } catch {
      return null;
    }
  }
  return null;
}

/** The values to test for a field: the value itself, and for an array, each element. */
function candidates(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function compileField(model: Model<any>, path: string, condition: unknown): Matcher | null {
  const schema = kindOf(model, path);
  if (!schema) return null;
  const { kind } = schema;
  const read = (doc: Doc) => getPath(doc, path);

  const equality = (operand: unknown): ((value: unknown) => boolean) | null => {
    if (operand instanceof RegExp) {
      if (kind !== 'string') return null;
      const re = regexMatcher(operand);
      if (!re) return null;
      return (value) => candidates(value).some((v) => typeof v === 'string' && re.test(v));
    }
    const cast = castOperand(kind, operand);
    if (cast === undefined) return null;
    if (cast === null) return (value) => value == null || (Array.isArray(value) && value.some((v) => v == null));
    return (value) => candidates(value).some((v) => storedKey(v)?.key === cast.key);
  };

  if (condition === null || typeof condition !== 'object' || condition instanceof RegExp || condition instanceof Date || condition instanceof mongoose.Types.ObjectId) {
    const eq = equality(condition);
    return eq ? (doc) => { const v = read(doc); return v !== NOT_SIMPLE && eq(v); } : null;
  }
  if (Array.isArray(condition)) return null;

  const ops = condition as Record<string, unknown>;
  const keys = Object.keys(ops);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return null; // embedded-document equality
  const tests: ((value: unknown) => boolean)[] = [];
  for (const op of keys) {
    const operand = ops[op];
    if (op === '$eq' || op === '$ne') {
      const eq = equality(operand);
      if (!eq) return null;
      tests.push(op === '$eq' ? eq : (value) => !eq(value));
    } else if (op === '$in' || op === '$nin') {
      if (!Array.isArray(operand)) return null;
      const eqs = operand.map(equality);
      if (eqs.some((e) => e === null)) return null;
      const any = (value: unknown) => eqs.some((e) => e!(value));
      tests.push(op === '$in' ? any : (value) => !any(value));
    } else if (op in COMPARISONS) {
      const cast = castOperand(kind, operand);
      if (!cast) return null; // null or not castable: leave it to the database
      const holds = COMPARISONS[op]!;
      const type = cast.key[0];
      tests.push((value) =>
        candidates(value).some((v) => {
          const stored = storedKey(v);
          return stored !== null && stored.type === type && holds(compareSortable(stored.sort, cast.sort));
        }),
      );
    } else if (op === '$exists') {
      if (typeof operand !== 'boolean') return null;
      tests.push((value) => (value !== undefined) === operand);
    } else if (op === '$regex') {
      if (kind !== 'string') return null;
      const re = regexMatcher(operand, ops.$options);
      if (!re) return null;
      tests.push((value) => candidates(value).some((v) => typeof v === 'string' && re.test(v)));
    } else if (op === '$options') {
      if (ops.$regex === undefined) return null;
    } else {
      return null;
    }
  }
  return (doc) => {
    const value = read(doc);
    return value !== NOT_SIMPLE && tests.every((t) => t(value));
  };
}

/** A predicate equivalent to the filter, or null when the filter is beyond this subset. */
export function compileFilter(model: Model<any>, filter: unknown): Matcher | null {
  if (filter == null) return () => true;
  if (typeof filter !== 'object' || Array.isArray(filter)) return null;
  const parts: Matcher[] = [];
  for (const [key, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (condition === undefined) continue; // mongoose drops undefined conditions
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition) || condition.length === 0) return null;
      const subs = condition.map((c) => compileFilter(model, c));
      if (subs.some((s) => s === null)) return null;
      parts.push(key === '$and' ? (doc) => subs.every((s) => s!(doc)) : (doc) => subs.some((s) => s!(doc)));
    } else if (key.startsWith('$')) {
      return null;
    } else {
      const field = compileField(model, key, condition);
      if (!field) return null;
      parts.push(field);
    }
  }
  return (doc) => parts.every((p) => p(doc));
}

// Sorting as MongoDB does: missing and null first, then by BSON type, then by value.
const TYPE_ORDER: Record<string, number> = { n: 1, s: 2, o: 3, b: 4, d: 5 };

export type SortSpec = Record<string, 1 | -1>;
type Comparator = (a: Doc, b: Doc) => number;

export function compileSort(model: Model<any>, sort: SortSpec): Comparator | null {
  const keys = Object.entries(sort);
  for (const [path] of keys) {
    const schema = kindOf(model, path);
    if (!schema || schema.array) return null;
  }
  return (a, b) => {
    for (const [path, direction] of keys) {
      const x = storedKey(getPath(a, path));
      const y = storedKey(getPath(b, path));
      let c: number;
      if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
      else if (x.type !== y.type) c = (TYPE_ORDER[x.type] ?? 9) - (TYPE_ORDER[y.type] ?? 9);
      else c = compareSortable(x.sort, y.sort);
      if (c !== 0) return c * direction;
    }
    return 0;
  };
}

/** The document as the database would return it: an unfrozen shallow copy, projected. */
function project<T extends Doc>(doc: T, projection: Record<string, unknown> | undefined): T {
  if (!projection || Object.keys(projection).length === 0) return { ...doc };
  const entries = Object.entries(projection);
  const including = entries.some(([k, v]) => k !== '_id' && (v === 1 || v === true));
  if (including) {
    const out: Record<string, unknown> = {};
    if (projection._id !== 0 && projection._id !== false) out._id = doc._id;
    for (const [k, v] of entries) if (k !== '_id' && (v === 1 || v === true) && k in doc) out[k] = doc[k];
    return out as T;
  }
  const out: Record<string, unknown> = { ...doc };
  for (const [k, v] of entries) if (v === 0 || v === false) delete out[k];
  return out as T;
}

function projectionSupported(projection: Record<string, unknown> | undefined): boolean {
  if (!projection) return true;
  return Object.entries(projection).every(([k, v]) => !k.includes('.') && !k.startsWith('$') && (v === 0 || v === 1 || v === true || v === false));
}

/**
 * `model.find(filter, projection).sort(sort).limit(limit)` answered from the copy, or
 * undefined when there is no copy or the query is beyond what the copy can evaluate.
 */
export async function findInCopy<T extends Doc>(
  model: Model<any>,
  filter: Record<string, unknown>,
  options: { sort?: SortSpec; limit?: number; projection?: Record<string, unknown> } = {},
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
  for (const doc of ordered) {
    if (out.length >= limit) break;
    if (match(doc)) out.push(project(doc, options.projection));
  }
  return out;
}
