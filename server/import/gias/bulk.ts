// bulkWrite with ordered: false, reporting per-operation failures instead of throwing, so a
// batch's duplicates (a lost race with another writer) can be retried one by one while the
// rest of the batch stands. Inserts go in one command; updates in commands of at most
// UPDATES_PER_COMMAND, which FerretDB needs (see there).
import type { Types } from 'mongoose';
import { UPDATES_PER_COMMAND } from '../../db/ferretdb-limits';

export interface BulkOutcome {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  /** Operation index -> id of the document an upsert created. */
  upsertedIds: Map<number, Types.ObjectId>;
  /** Operation index -> server error code and message. */
  failed: Map<number, { code: number | undefined; message: string }>;
}

interface BulkResultLike {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  upsertedIds: Record<number, Types.ObjectId>;
}
interface WriteErrorLike {
  index: number;
  code?: number;
  errmsg?: string;
}

export interface BulkWritable {
  bulkWrite(ops: any[], options: { ordered: boolean }): Promise<unknown>;
}

/** Runs `ops` (each touching its own document, so in any order); indexes in the outcome are positions in `ops`. */
export async function tolerantBulkWrite(model: BulkWritable, ops: readonly object[]): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedIds: new Map(), failed: new Map() };
  for (const positions of commandsFor(ops)) {
    const part = await bulkWriteOnce(model, positions.map((position) => ops[position]!));
    outcome.insertedCount += part.insertedCount;
    outcome.matchedCount += part.matchedCount;
    outcome.modifiedCount += part.modifiedCount;
    for (const [index, id] of part.upsertedIds) outcome.upsertedIds.set(positions[index]!, id);
    for (const [index, failure] of part.failed) outcome.failed.set(positions[index]!, failure);
  }
  return outcome;
}

/** The positions of `ops` sent together: every insert at once, other writes in chunks. */
function commandsFor(ops: readonly object[]): number[][] {
  const inserts: number[] = [];
  const others: number[] = [];
  ops.forEach((op, position) => ('insertOne' in op ? inserts : others).push(position));
  const commands = inserts.length ? [inserts] : [];
  for (let i = 0; i < others.length; i += UPDATES_PER_COMMAND) commands.push(others.slice(i, i + UPDATES_PER_COMMAND));
  return commands;
}

async function bulkWriteOnce(model: BulkWritable, ops: readonly object[]): Promise<BulkOutcome> {
  let result: BulkResultLike;
  const failed = new Map<number, { code: number | undefined; message: string }>();
  try {
    result = (await model.bulkWrite([...ops], { ordered: false })) as BulkResultLike;
  } catch (error) {
    const bulk = error as { result?: BulkResultLike; writeErrors?: WriteErrorLike | WriteErrorLike[] };
    if (!bulk.result || !bulk.writeErrors) throw error;
    result = bulk.result;
    for (const writeError of ([] as WriteErrorLike[]).concat(bulk.writeErrors)) {
      failed.set(writeError.index, { code: writeError.code, message: writeError.errmsg ?? 'write failed' });
    }
  }
  const upsertedIds = new Map<number, Types.ObjectId>();
  for (const [index, id] of Object.entries(result.upsertedIds ?? {})) upsertedIds.set(Number(index), id);
  return { insertedCount: result.insertedCount, matchedCount: result.matchedCount, modifiedCount: result.modifiedCount, upsertedIds, failed };
}
