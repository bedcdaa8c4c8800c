import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { MATURITY_STAGES, MATURITY_STEPS } from '../domain/maturity-tool';
import { actorSchema } from './common';

const reasonSchema = new Schema(
  {
    measure: { type: String, required: true },
    value: { type: Number, required: true },
    detail: { type: String, required: true },
  },
  { _id: false },
);

/**
 * One self-assessment of one step (or the overall row) of the maturity tool by a trust.
 * Append-only: a new judgement is a new record, so the history shows the trust's progress.
 * For the steps the service measures, the proposal it made at that moment is kept beside the
 * stage recorded, so "accepted" and "overridden" stay visible.
 */
const maturityAssessmentSchema = new Schema({
  trustId: { type: Schema.Types.ObjectId, ref: 'Trust', required: true },
  step: { type: String, required: true, enum: MATURITY_STEPS },
  stage: { type: String, required: true, enum: MATURITY_STAGES },
  evidence: { type: String, required: true, trim: true, maxlength: 4000 },
  proposedStage: { type: String, enum: [...MATURITY_STAGES, null], default: null },
  proposalReasons: { type: [reasonSchema], default: [] },
  /** School year of the facts behind the proposal ("2026/27"); null without a proposal. */
  proposalSchoolYear: { type: String, default: null },
  assessedBy: { type: actorSchema, required: true },
  assessedAt: { type: Date, required: true },
});
maturityAssessmentSchema.index({ trustId: 1, step: 1, assessedAt: -1 });

export type MaturityAssessmentRecord = InferSchemaType<typeof maturityAssessmentSchema>;
export type MaturityAssessmentDoc = HydratedDocument<MaturityAssessmentRecord>;
export const MaturityAssessment = model('MaturityAssessment', maturityAssessmentSchema, 'maturityAssessments');
