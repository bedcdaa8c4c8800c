import mongoose from 'mongoose';
import * as models from '../models';
import { backfillNameKeys } from './name-keys';

/** The database name in a connection string's path, if it names one. */
export function databaseNameIn(uri: string): string | null {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export const DEFAULT_DATABASE_NAME = 'school_support';

export interface ConnectOptions {
  monitorCommands?: boolean;
  /**
   * Serialise every command through one connection. Needed for embedded FerretDB 1.x: its
   * SQLite backend does not apply a conditional update atomically against updates arriving
   * on other connections (measured: 50 racing 2-day reservations against 10 days let 10
   * through), whereas one connection's commands run one at a time. MongoDB needs no such
   * thing: its single-document conditional updates are atomic. FerretDB is detected and
   * given one connection even when this is not set.
   */
  singleConnection?: boolean;
}

export async function connectDatabase(uri: string, dbName?: string, options: ConnectOptions = {}): Promise<typeof mongoose> {
  const connection = await mongoose.connect(uri, {
    dbName: dbName ?? databaseNameIn(uri) ?? DEFAULT_DATABASE_NAME,
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
    // Command monitoring lets tests and benchmarks count database round trips per request.
    monitorCommands: options.monitorCommands ?? false,
    ...(options.singleConnection ? { maxPoolSize: 1 } : {}),
  });
  // FerretDB behind MONGODB_URI needs the one connection as much as the embedded one does.
  if (!options.singleConnection && (await runsOnFerretDb())) {
    await mongoose.disconnect();
    return connectDatabase(uri, dbName, { ...options, singleConnection: true });
  }
  const lookAlikes = await backfillNameKeys();
  for (const l of lookAlikes) {
    // Rare, and a data problem to fix by hand: said once at start-up, the service still runs.
    process.emitWarning(`${l.collection} ${l.id} ("${l.name}") has the same normalised name as ${l.sameAs}; rename or merge one of them`, 'LookAlikeName');
  }
  await ensureIndexes();
  return connection;
}

/** Whether the connected server is FerretDB (it says so in buildInfo). */
export async function runsOnFerretDb(): Promise<boolean> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}

/**
 * Creates every model's indexes (unique URN and email among them) before serving. On a
 * server that cannot use secondary indexes to answer queries (FerretDB 1.x on SQLite), only
 * the unique ones are created: they still enforce their rule, while the others would only
 * slow every write (measured: a third off bulk inserts of academies) and never serve a read.
 */
export async function ensureIndexes(): Promise<void> {
  const all = Object.values(models).filter((value): value is mongoose.Model<any> => typeof value === 'function' && 'createIndexes' in value);
  const onlyUnique = !(await secondaryIndexesServeQueries());
  for (const model of all) {
    if (!onlyUnique) {
      await model.createIndexes();
      continue;
    }
    for (const [fields, options] of model.schema.indexes()) {
      if (options?.unique) await model.collection.createIndex(fields as mongoose.mongo.IndexSpecification, options as mongoose.mongo.CreateIndexesOptions);
    }
  }
}

/**
 * Whether the server can answer a filter on a field other than _id from storage. FerretDB
 * says so in explain's `filterPushdown`: false on its SQLite backend, which filters every
 * such query in memory after reading the whole collection. MongoDB does not report the
 * field (and always can).
 */
export async function secondaryIndexesServeQueries(): Promise<boolean> {
  const explained = await mongoose.connection.db!.command({ explain: { find: 'academies', filter: { urn: '100000' } } });
  return explained.filterPushdown !== false;
}

/**
 * Whether the database answers a ping within `timeoutMs`. Bounded, because a health probe
 * must answer quickly: without a bound an unreachable server holds the ping for the whole
 * server-selection timeout (10 s), longer than probes usually wait.
 */
export async function pingDatabase(timeoutMs = 2_000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      db.admin().command({ ping: 1 }).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
