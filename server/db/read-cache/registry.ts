// Per connection: whether copies are in use, the copies themselves, and the write tracking
// (mongoose's operation events; write-epoch.ts for other processes) that keeps them exact.
import mongoose, { type Connection, type Model } from 'mongoose';
import { readWriteEpochs } from '../write-epoch';
import { CollectionCopy, WHOLE_READ_BATCH, type WholeRead } from './collection-copy';
import type { Doc, Ids } from './types';
import { touchedIds } from './write-tracking';

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
const COPIED_COLLECTIONS = new Set(['trusts', 'academies', 'clusters', 'staffMembers', 'improvementNeeds', 'deployments', 'supportOffers']);

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

const registries = new Set<Registry>();

/**
 * Told of every write this process makes that may change a copied collection (ids touched, or
 * 'all'), synchronously at its start, before it goes out: the snapshot (snapshot.ts) deletes
 * its file then. A write the copy proves touches nothing (an empty set) is not told.
 */
let writeListener: ((collection: string, ids: Ids) => void) | null = null;

export function setCopiedWriteListener(listener: ((collection: string, ids: Ids) => void) | null): void {
  writeListener = listener;
}
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
    if (writeListener && (ids === 'all' || ids.size > 0)) writeListener(collection, ids);
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

  copyOf<T extends Doc>(model: Model<any>, readWhole?: WholeRead): Promise<CollectionCopy<T> | null> {
    // The common case answered without awaiting three steps (whether copies are in use, the
    // other processes' writes, the copy's freshness), each of which has nothing to do then:
    // copies known in use, the write epochs looked at within the interval, this copy up to date.
    const ready = this.copyIfUpToDate<T>(model);
    if (ready && this.epochs !== null && Date.now() - this.epochsCheckedAt < externalWriteCheckMs && COPIED_COLLECTIONS.has(model.collection.collectionName)) return Promise.resolve(ready);
    return this.copyOfAfterChecks<T>(model, readWhole);
  }

  private async copyOfAfterChecks<T extends Doc>(model: Model<any>, readWhole?: WholeRead): Promise<CollectionCopy<T> | null> {
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
    return (copy as CollectionCopy<T>).fresh(readWhole);
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

  private noticeExternalWrites(force = false): Promise<void> {
    if (!force && this.epochs !== null && Date.now() - this.epochsCheckedAt < externalWriteCheckMs) return Promise.resolve();
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
        // Unreachable for the moment: keep answering from the copies; the next read looks again.
        .catch(() => undefined)
        .finally(() => (this.epochCheck = null));
    }
    return this.epochCheck;
  }

  /** Whether copies are in use on this connection (FerretDB, or the mode says so). */
  inUse(): Promise<boolean> {
    return this.isEnabled();
  }

  /**
   * For a snapshot (snapshot.ts): every copy brought up to date, with the write-epoch
   * counters read before they were (so a later external write shows as a different count),
   * or null when that cannot be had exactly (copies not in use, a write of this process
   * still running, the counters unreadable). `stillExact` says whether that still holds:
   * the caller asks it right before it takes the documents, without awaiting in between.
   */
  async snapshotView(): Promise<{ database: string; epochs: Record<string, number>; copies: CollectionCopy<any>[]; stillExact: () => boolean } | null> {
    if (!(await this.isEnabled()) || this.connection.name !== this.dbName) return null;
    const asked = Date.now();
    await this.noticeExternalWrites(true);
    if (this.epochsCheckedAt < asked) await this.noticeExternalWrites(true); // joined a look begun earlier
    if (this.epochs === null || this.epochsCheckedAt < asked) return null;
    const epochs = { ...this.epochs };
    for (const copy of this.copies.values()) await copy.fresh();
    const held = this.copies;
    const copies = [...held.values()];
    const database = this.dbName;
    // A write may have started while the last ones refreshed (or since): then they are not exact.
    const stillExact = () => this.inFlight.size === 0 && this.connection.name === database && this.copies === held && held.size === copies.length && copies.every((copy) => copy.upToDate);
    if (!stillExact()) return null;
    return { database, epochs, copies, stillExact };
  }

  /**
   * Installs copies read from a snapshot that snapshot.ts has checked against the database,
   * with the write-epoch counters it was taken at (equal to the database's, just read).
   * Collections that already have a copy keep it. Synchronous once copies are known in use.
   */
  async adoptSnapshot(epochs: Record<string, number>, collections: Map<string, Doc[]>, models: readonly Model<any>[]): Promise<string[]> {
    if (!(await this.isEnabled())) return [];
    if (this.connection.name !== this.dbName) {
      this.dbName = this.connection.name;
      this.copies = new Map();
    }
    this.epochs = { ...epochs };
    this.epochsCheckedAt = Date.now();
    const adopted: string[] = [];
    for (const [name, docs] of collections) {
      const model = models.find((m) => m.collection.collectionName === name);
      if (!model || !COPIED_COLLECTIONS.has(name) || this.copies.has(name)) continue;
      const copy = new CollectionCopy<Doc>(model);
      copy.restore(docs);
      this.copies.set(name, copy);
      adopted.push(name);
    }
    return adopted;
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
 * A document from its collection's copy at once (the copy's own, frozen, as the store gives),
 * or undefined when the copy cannot answer this instant (not in use, not loaded, or a write
 * not yet applied; then load it the usual way). Lets GraphQL resolve a nested object without
 * a promise, which is most of what a nested page costs once its data is in memory.
 */
export function documentNow<T extends Doc>(model: Model<any>, id: string): T | undefined {
  const connection = model.db ?? mongoose.connection;
  if (connection.readyState !== 1) return undefined;
  const copy = registryOf.get(connection)?.copyIfUpToDate<T>(model);
  return copy?.byId(id);
}

/** This connection's registry, created now so that its writes are tracked from here on (snapshot.ts). */
export function registryOfConnection(connection: Connection): Pick<Registry, 'inUse' | 'snapshotView' | 'adoptSnapshot'> {
  return registryFor(connection);
}

export interface WarmOptions {
  /**
   * Where the database is (a connection string), to read the collections at once, each on a
   * connection of its own, closed once they are in. FerretDB 1.x must have one connection
   * for writes (connection.ts), but reads on other connections are safe, and on separate
   * connections FerretDB reads them in parallel; on the one connection it reads one command
   * at a time. Without it, every collection is read on the model's own connection.
   */
  readersUri?: string;
}

/**
 * Loads the copies ahead of the first request (they take a while on large FerretDB data),
 * all collections at once; false when copies are not in use. Each copy is read and kept
 * exactly as one loaded on its own (same documents, same order; a write while it loads
 * marks it as any other load).
 */
export async function warmReadCopies(models: Model<any>[], options: WarmOptions = {}): Promise<boolean> {
  const first = models[0];
  if (!first) return false;
  const connection = first.db ?? mongoose.connection;
  if (connection.readyState !== 1) return false;
  const registry = registryFor(connection);
  if (!(await registry.inUse())) return false;
  const readers = options.readersUri ? await openReaders(options.readersUri, connection.name, models.length) : null;
  try {
    // The readers are on this connection's database: a model of another connection reads on its own.
    const copies = await Promise.all(models.map((model) => ((model.db ?? mongoose.connection) === connection ? registry.copyOf(model, readers?.readWhole) : readCopy(model))));
    return copies.some((copy) => copy !== null);
  } finally {
    await readers?.close();
  }
}

/** Connections for reads only (one per collection read at once), and a whole read on them. */
async function openReaders(uri: string, dbName: string, count: number): Promise<{ readWhole: WholeRead; close: () => Promise<void> }> {
  // autoCreate and autoIndex off: the models compiled on it must never write (create a
  // collection or an index) from a connection other than the writer's.
  const readers = mongoose.createConnection(uri, { dbName, maxPoolSize: count, serverSelectionTimeoutMS: 10_000, autoCreate: false, autoIndex: false });
  await readers.asPromise();
  const modelOn = (model: Model<any>): Model<any> => readers.models[model.modelName] ?? readers.model(model.modelName, model.schema, model.collection.collectionName);
  return {
    // The same mongoose query as the copy's own (collection-copy.ts), on another connection.
    readWhole: (model) => modelOn(model).find({}).batchSize(WHOLE_READ_BATCH).lean() as unknown as Promise<Doc[]>,
    close: () => readers.close(),
  };
}
