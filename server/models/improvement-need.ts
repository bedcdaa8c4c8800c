import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { NEED_SEVERITIES, NEED_STATUSES, PHASES } from '../domain/enums';
import { EXPERTISE_AREAS } from '../domain/taxonomy';
import { authorship, scoreFactorSchema } from './common';

const improvementNeedSchema = new Schema(
  {
    academyId: { type: Schema.Types.ObjectId, ref: 'Academy', required: true },
    area: { type: String, required: true, enum: EXPERTISE_AREAS },
    phase: { type: String, required: true, enum: PHASES },
    severity: { type: String, required: true, enum: NEED_SEVERITIES },
    description: { type: String, required: true, trim: true, maxlength: 4000 },
    daysRequested: { type: Number, required: true, min: 1, max: 200 },
    /** Days reserved by live deployments (proposed, agreed, active, completed). */
    daysCovered: { type: Number, required: true, min: 0, default: 0 },
    windowStart: { type: Date, default: null },
    windowEnd: { type: Date, default: null },
    status: { type: String, required: true, enum: NEED_STATUSES, default: 'OPEN' },
    raisedAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    /** Why the service closed the need without it being met (e.g. the school closed); null otherwise. */
    withdrawnReason: { type: String, default: null, maxlength: 500 },
    /**
     * Priority snapshot used to order and page needs in the database. Recomputed whenever
     * the need or its academy changes, and refreshed periodically as waiting time grows.
     */
    priority: { type: Number, required: true, min: 0, max: 1, default: 0 },
    /** The factors of that snapshot, so its explanation always adds up to it. */
    priorityFactors: { type: [scoreFactorSchema], default: [] },
    priorityComputedAt: { type: Date, default: null },
    ...authorship,
  },
  { timestamps: true },
);
improvementNeedSchema.index({ academyId: 1, status: 1 });
improvementNeedSchema.index({ status: 1, area: 1, phase: 1 });
improvementNeedSchema.index({ priority: -1, _id: 1 });

export type ImprovementNeedRecord = InferSchemaType<typeof improvementNeedSchema>;
export type ImprovementNeedDoc = HydratedDocument<ImprovementNeedRecord>;
export const ImprovementNeed = model('ImprovementNeed', improvementNeedSchema, 'improvementNeeds');
