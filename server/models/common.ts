import { Schema } from 'mongoose';
import { ROLES } from '../domain/enums';

/** Who made a write: the token's subject and role at the time. */
export interface ActorRecord {
  sub: string;
  role: string;
}

export const actorSchema = new Schema<ActorRecord>(
  {
    sub: { type: String, required: true },
    role: { type: String, required: true, enum: [...ROLES, 'SYSTEM'] },
  },
  { _id: false },
);

export const SYSTEM_ACTOR: ActorRecord = { sub: 'system', role: 'SYSTEM' };

/** Fields every record carries: who created it and who last changed it. */
export const authorship = {
  createdBy: { type: actorSchema, required: true },
  updatedBy: { type: actorSchema, required: true },
} as const;

/** One factor of a score: weight times value gives its contribution; contributions sum to the score. */
export const scoreFactorSchema = new Schema(
  {
    name: { type: String, required: true },
    weight: { type: Number, required: true },
    value: { type: Number, required: true },
    contribution: { type: Number, required: true },
    detail: { type: String, default: null },
  },
  { _id: false },
);
