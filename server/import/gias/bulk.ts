// bulkWrite with ordered: false, reporting per-operation failures instead of throwing, so a
// batch's duplicates (a lost race with another writer) can be retried one by one while the
// rest of the batch stands.
import type { Types } from 'mongoose';

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

export async function tolerantBulkWrite(model: BulkWritable, ops: readonly object[]): Promise<BulkOutcome> {
  if (!ops.length) return { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedIds: new Map(), failed: new Map() };
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
