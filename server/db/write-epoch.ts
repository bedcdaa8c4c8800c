// A counter per collection, bumped by the commands that write outside the server's process
// (npm run import:gias, seed, generate), so a server keeping in-process copies of the
// collections (read-cache/, with FerretDB) notices within seconds and reloads them.
// Writes the server makes itself need no counter: it sees them as they happen.
// One document, read by `_id`: the one lookup FerretDB answers without a collection scan.
import mongoose from 'mongoose';

const COLLECTION = 'writeEpochs';
const ID = 'collections';

type EpochDocument = { _id: string; byCollection?: Record<string, number> };

/** Tells running servers that these collections were written by another process. */
export async function recordExternalWrites(collections: readonly string[]): Promise<void> {
  if (!collections.length) return;
  const db = mongoose.connection.db;
  if (!db) return;
  const increments = Object.fromEntries(collections.map((name) => [`byCollection.${name}`, 1]));
  await db.collection<EpochDocument>(COLLECTION).updateOne({ _id: ID }, { $inc: increments }, { upsert: true });
}

/** The counters as they stand (empty before any external write). */
export async function readWriteEpochs(connection: mongoose.Connection = mongoose.connection): Promise<Record<string, number>> {
  const db = connection.db;
  if (!db) return {};
  const doc = await db.collection<EpochDocument>(COLLECTION).findOne({ _id: ID });
  return { ...(doc?.byCollection ?? {}) };
}
