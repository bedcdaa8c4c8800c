import { type InferSchemaType, Schema, model } from 'mongoose';

/**
 * National FSM quintile cut points (domain/fsm-bands.ts), computed from the schools of the
 * imported register after each GIAS import. One record per computation, kept: the latest is
 * in use, the earlier ones say which bands an older report used.
 */
const fsmBandingSchema = new Schema(
  {
    basis: { type: String, required: true, enum: ['NATIONAL_QUINTILES'] },
    cutPoints: { type: [Number], required: true },
    computedAt: { type: Date, required: true },
    /** Schools with a known FSM share the cut points were computed from. */
    schoolCount: { type: Number, required: true },
    /** What they were computed from, e.g. the register file's name. */
    source: { type: String, default: null },
  },
  { timestamps: false },
);

export type FsmBandingRecord = InferSchemaType<typeof fsmBandingSchema>;
export const FsmBandingModel = model('FsmBanding', fsmBandingSchema, 'fsmBandings');
