import { type InferSchemaType, Schema, model } from 'mongoose';
import { COST_PAYERS } from '../domain/cost';
import { authorship } from './common';

/**
 * A trust's cost rules (domain/cost.ts): day rates by designation, for staff without one,
 * the cover day rate, and who pays. Absent: the published defaults. Money in whole pounds.
 */
const rate = { type: Number, required: true, min: 0 };
const trustCostSettingsSchema = new Schema(
  {
    trustId: { type: Schema.Types.ObjectId, ref: 'Trust', required: true, unique: true },
    dayRates: {
      type: new Schema({ NLE: rate, LLE: rate, SLE: rate, NLG: rate }, { _id: false }),
      required: true,
    },
    undesignatedDayRate: rate,
    coverDayRate: rate,
    paidBy: { type: String, required: true, enum: COST_PAYERS },
    ...authorship,
  },
  { timestamps: true },
);

export type TrustCostSettingsRecord = InferSchemaType<typeof trustCostSettingsSchema>;
export const TrustCostSettings = model('TrustCostSettings', trustCostSettingsSchema, 'trustCostSettings');
