// A snapshot of the in-process copies on disk, so that a restart need not read every
// collection from FerretDB again (at national scale that read is ~30 s of FerretDB decoding
// its documents, BENCHMARKS.md "Ready from a snapshot"). Used only where copies are.
//
// Exactness: a snapshot may be used only if the database has not been written since it was
// taken. So:
// - This process's writes: the first write that may change a copied collection after the
//   snapshot was taken or restored (or after the process armed it, before any restore)
//   deletes the file, synchronously, before the write goes out (registry.ts tells us at
//   mongoose's operation-start). A graceful shutdown writes a new one.
// - Other processes' writes: the commands that write outside the server bump write-epoch.ts's
//   counters; the snapshot records them and is refused if they differ. Tools that write to
//   the database directly, bypassing those counters, are not seen: delete the file, or turn
//   the snapshot off (README, READ_COPIES_SNAPSHOT).
// - Another database: the file records the database name and where it is, and a random
//   token that is also stored in the database when the file is written; a different or
//   re-created database (a restored backup, a new data directory) does not hold that token.
// - The format: SNAPSHOT_FORMAT, to be bumped whenever what a copy holds changes.
// Anything in doubt (missing, unreadable, mismatched) means the normal load from the
// database, with the reason logged.
import { createHash, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import mongoose, { type Connection, type Model } from 'mongoose';
import { readWriteEpochs } from '../write-epoch';
import { openSnapshotFile, type SnapshotHeader, writeSnapshotFile } from './snapshot-file';
import { registryOfConnection, setCopiedWriteListener } from './registry';
import type { Doc } from './types';

/** Bump when what a copy holds (or the file layout) changes: older files are then refused. */
export const SNAPSHOT_FORMAT = 1;

const NOT_IN_USE = 'copies are not in use with this database';
const TOKEN_COLLECTION = 'readCopySnapshots';
const TOKEN_ID = 'token';

export interface SnapshotSettings {
  /** The snapshot file. */
  path: string;
  /** Where the database is, as a connection string; recorded without credentials. */
  source: string;
  log: (message: string) => void;
  /** The connection whose copies are kept (mongoose's default one otherwise). */
  connection?: Connection;
}

interface Active {
  settings: SnapshotSettings;
  connection: Connection;
  /**
   * 'unchecked': the file, if any, may be exact (not yet checked); 'current': this process
   * restored or wrote it, at `epochs`; either way the next write deletes it: 'written-since'.
   */
  state: 'unchecked' | 'current' | 'written-since';
  epochs?: Record<string, number>;
}

let active: Active | null = null;

/**
 * Turns the snapshot on for this process, from now: the first write to a copied collection
 * deletes the file. Call it right after connecting, before anything writes.
 */
export function enableReadCopySnapshot(settings: SnapshotSettings): void {
  const connection = settings.connection ?? mongoose.connection;
  registryOfConnection(connection); // its writes are tracked from now on
  active = { settings, connection, state: 'unchecked' };
  setCopiedWriteListener(noticeWrite);
}

/** Turns it off again (tests). The file is left as it is. */
export function disableReadCopySnapshot(): void {
  active = null;
  setCopiedWriteListener(null);
}

function noticeWrite(): void {
  if (!active || active.state === 'written-since') return;
  active.state = 'written-since';
  try {
    rmSync(active.settings.path, { force: true });
  } catch (error) {
    // The file could not be deleted: make sure it is refused anyway (its token no longer matches).
    active.settings.log(`read-copy snapshot: could not delete ${active.settings.path} (${message(error)}); invalidating its token`);
    void tokens(active.connection)
      ?.deleteOne({ _id: TOKEN_ID })
      .catch(() => undefined);
  }
}


export type RestoreOutcome =
  | { restored: true; collections: { name: string; count: number }[]; bytes: number; ms: number }
  | { restored: false; reason: string };

/**
 * Installs the copies from the snapshot when it is exact for this database now, before
 * they are loaded (warmReadCopies then loads only what the snapshot lacked). Logs why not.
 */
export async function restoreReadCopies(models: readonly Model<any>[]): Promise<RestoreOutcome> {
  const outcome = await tryRestore(models);
  if (!outcome.restored && active && outcome.reason !== NOT_IN_USE) active.settings.log(`read-copy snapshot not used: ${outcome.reason}; loading the copies from the database`);
  return outcome;
}

async function tryRestore(models: readonly Model<any>[]): Promise<RestoreOutcome> {
  const started = performance.now();
  if (!active) return { restored: false, reason: 'the snapshot is off' };
  const { settings, connection } = active;
  const registry = registryOfConnection(connection);
  if (!(await registry.inUse())) return { restored: false, reason: NOT_IN_USE };
  if (active.state === 'written-since') return { restored: false, reason: 'this process has written to the database since the snapshot' };
  let reader;
  try {
    reader = openSnapshotFile(settings.path);
  } catch (error) {
    return { restored: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no snapshot at ${settings.path}` : `the snapshot is unreadable (${message(error)})` };
  }
  try {
    const header = reader.header;
    const mismatch = await headerMismatch(header, connection, settings.source);
    if (mismatch) return { restored: false, reason: mismatch };
    const collections = new Map<string, Doc[]>();
    for (const { name, count } of header.collections) collections.set(name, reader.readCollection(count));
    // Nothing may have been written while the file was read and checked.
    const current = active;
    if (current?.state === 'written-since' || current?.connection !== connection) return { restored: false, reason: 'this process wrote to the database while the snapshot was read' };
    await registry.adoptSnapshot(header.epochs, collections, models);
    current.state = 'current';
    current.epochs = header.epochs;
    return { restored: true, collections: header.collections, bytes: reader.bytes, ms: performance.now() - started };
  } catch (error) {
    return { restored: false, reason: `the snapshot is unreadable (${message(error)})` };
  } finally {
    reader.close();
  }
}

/** Why the header does not describe this database as it is now, or null when it does. */
async function headerMismatch(header: SnapshotHeader, connection: Connection, source: string): Promise<string | null> {
  if (header.format !== SNAPSHOT_FORMAT) return `it is in format ${header.format}, this server reads format ${SNAPSHOT_FORMAT}`;
  if (header.database !== connection.name) return `it is of database "${header.database}", not "${connection.name}"`;
  if (header.source !== withoutCredentials(source)) return `it is of the database at ${header.source}, not ${withoutCredentials(source)}`;
  const stored = await tokens(connection)?.findOne({ _id: TOKEN_ID });
  if (stored?.token !== header.token) return 'the database does not hold its token (another or re-created database, or a newer snapshot was begun)';
  const epochs = await readWriteEpochs(connection);
  if (!sameCounters(epochs, header.epochs)) return `another process wrote to the database since (write epochs ${JSON.stringify(epochs)}, snapshot ${JSON.stringify(header.epochs)})`;
  return null;
}

export type SaveOutcome = { saved: true; collections: { name: string; count: number }[]; bytes: number; ms: number } | { saved: false; reason: string };

/**
 * Writes the copies to the snapshot file unless the one there is still exact. Blocks the
 * event loop while it encodes and writes (about a second per 50,000 staff, BENCHMARKS.md):
 * call it before serving or at shutdown, not while serving.
 */
export async function saveReadCopySnapshot(): Promise<SaveOutcome> {
  if (!active) return { saved: false, reason: 'the snapshot is off' };
  const current = active;
  const started = performance.now();
  // Restored or written by this process, nothing written since by it or (the counters say) by others.
  if (current.state === 'current' && sameCounters(await readWriteEpochs(current.connection), current.epochs ?? {})) return { saved: false, reason: 'the snapshot on disk is still exact' };
  const registry = registryOfConnection(current.connection);
  if (!(await registry.inUse())) return { saved: false, reason: NOT_IN_USE };
  const token = randomUUID();
  // The token first: from here an older file no longer matches the database.
  await tokens(current.connection)?.updateOne({ _id: TOKEN_ID }, { $set: { token, writtenAt: new Date() } }, { upsert: true });
  const view = await registry.snapshotView();
  if (!view) return { saved: false, reason: 'the copies could not be brought up to date exactly (a write running, or the write epochs unreadable)' };
  if (active !== current) return { saved: false, reason: 'the snapshot was turned off meanwhile' };
  if (!view.stillExact()) return { saved: false, reason: 'a write began while the copies were brought up to date' };
  // From here to the file's rename nothing awaits: the documents are those of this instant.
  const byName = new Map(view.copies.map((copy) => [copy.model.collection.collectionName, copy]));
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    database: view.database,
    source: withoutCredentials(current.settings.source),
    token,
    epochs: view.epochs,
    writtenAt: new Date().toISOString(),
    collections: [...byName].map(([name, copy]) => ({ name, count: copy.size })),
  };
  const bytes = writeSnapshotFile(current.settings.path, header, (name) => byName.get(name)!.all());
  current.state = 'current';
  current.epochs = view.epochs;
  return { saved: true, collections: header.collections, bytes, ms: performance.now() - started };
}

/** The file used when none is configured: under the repository's .data/, one per database and place. */
export function defaultSnapshotPath(source: string, database: string): string {
  const place = createHash('sha256').update(`${withoutCredentials(source)}\n${database}`).digest('hex').slice(0, 12);
  return join(resolve(__dirname, '../../..'), '.data', 'read-copies', `${database.replace(/[^\w.-]/g, '_')}-${place}.snapshot`);
}

function tokens(connection: Connection) {
  return connection.db?.collection<{ _id: string; token: string; writtenAt: Date }>(TOKEN_COLLECTION);
}

function sameCounters(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? 0) !== (b[key] ?? 0)) return false;
  return true;
}

/** A connection string without user and password, and without options (they may hold secrets). */
export function withoutCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//').replace(/\?.*$/, '');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
