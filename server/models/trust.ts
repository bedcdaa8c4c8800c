import { type InferSchemaType, Schema, model, type HydratedDocument } from 'mongoose';
import { authorship } from './common';

const trustSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    /** The name in the form names are compared in (domain/names.ts: case, spacing, Unicode): unique. */
    nameKey: { type: String, required: true, unique: true },
    region: { type: String, trim: true, maxlength: 100, default: null },
    /** DfE trust code ("Trusts (code)" in GIAS), when known. */
    gias: {
      type: new Schema({ trustCode: { type: String, required: true } }, { _id: false }),
      default: null,
    },
    ...authorship,
  },
  { timestamps: true },
);
trustSchema.index({ 'gias.trustCode': 1 }, { sparse: true });

export type TrustRecord = InferSchemaType<typeof trustSchema>;
export type TrustDoc = HydratedDocument<TrustRecord>;
export const Trust = model('Trust', trustSchema, 'trusts');
