import type { Types } from 'mongoose';

/** A plain object read with .lean(): the record plus its _id. */
export type LeanDoc<T> = T & { _id: Types.ObjectId; createdAt?: Date; updatedAt?: Date };
