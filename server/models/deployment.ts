import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { COST_PAYERS } from '../domain/cost';
import { DEPLOYMENT_STATUSES } from '../domain/enums';
import { EXPERTISE_AREAS } from '../domain/taxonomy';
import { actorSchema, authorship, scoreFactorSchema } from './common';

/** The ranking as it stood when the deployment was proposed: "why this person". */
const explanationSchema = new Schema(
  {
    score: { type: Number, required: true },
    rank: { type: Number, default: null },
    eligibleCount: { type: Number, default: null },
    distanceKm: { type: Number, default: null },
    factors: { type: [scoreFactorSchema], default: [] },
    rankedAt: { type: Date, required: true },
  },
  { _id: false },
);

const statusChangeSchema = new Schema(
  {
    status: { type: String, required: true, enum: DEPLOYMENT_STATUSES },
    by: { type: actorSchema, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const signOffSchema = new Schema({ by: { type: actorSchema, required: true }, at: { type: Date, required: true } }, { _id: false });

const sessionSchema = new Schema(
  {
    date: { type: Date, required: true },
    note: { type: String, trim: true, maxlength: 500, default: null },
  },
  { _id: false },
);

/**
 * The deployment agreement between the two schools: what the support is for, when it happens,
 * when it is reviewed, and (at the end) the final report. Signed by both schools, for the
 * receiving school and for the supporter's home school; any change after a signature clears
 * both signatures (`version` counts the changes, and a signature is for one version).
 */
const agreementSchema = new Schema(
  {
    objectives: { type: [String], default: [] },
    sessions: { type: [sessionSchema], default: [] },
    reviewDate: { type: Date, default: null },
    finalReport: { type: String, trim: true, maxlength: 8000, default: null },
    version: { type: Number, required: true, min: 1 },
    receivingSignature: { type: signOffSchema, default: null },
    supportingSignature: { type: signOffSchema, default: null },
    changedBy: { type: actorSchema, required: true },
    changedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** The supporter's day rate, the releasing school's cover day rate and the trust's rule on who pays, as at proposal. */
const pricingSchema = new Schema(
  {
    dayRate: { type: Number, required: true, min: 0 },
    coverDayRate: { type: Number, required: true, min: 0 },
    paidBy: { type: String, required: true, enum: COST_PAYERS },
    pricedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** The receiving school's own rating of the impact (the supporter's is impactRating). */
const receivingImpactSchema = new Schema(
  {
    rating: { type: Number, required: true, min: 1, max: 4 },
    evidence: { type: String, trim: true, maxlength: 4000, required: true },
    by: { type: actorSchema, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const deploymentSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, ref: 'ImprovementNeed', required: true },
    /** Denormalised from the need so track record can be counted per area without a join. */
    area: { type: String, required: true, enum: EXPERTISE_AREAS },
    receivingAcademyId: { type: Schema.Types.ObjectId, ref: 'Academy', required: true },
    staffId: { type: Schema.Types.ObjectId, ref: 'StaffMember', default: null },
    supportingAcademyId: { type: Schema.Types.ObjectId, ref: 'Academy', default: null },
    days: { type: Number, required: true, min: 1 },
    /**
     * The school years its days were taken from (server/domain/year-capacity.ts,
     * deploymentDaysByYear): given back to the same years when it is declined or cancelled.
     * Absent on older records: all in the supporter's open year.
     */
    daysByYear: { type: [new Schema({ schoolYear: { type: String, required: true }, days: { type: Number, required: true, min: 1 } }, { _id: false })], default: undefined },
    startDate: { type: Date, default: null },
    endDate: { type: Date, default: null },
    status: { type: String, required: true, enum: DEPLOYMENT_STATUSES, default: 'PROPOSED' },
    explanation: { type: explanationSchema, default: null },
    /** The supporter's home school released them. */
    release: { type: signOffSchema, default: null },
    /** The receiving school accepted the support. */
    acceptance: { type: signOffSchema, default: null },
    /** The supporter's rating of their impact, on completion (completeDeployment). */
    impactRating: { type: Number, min: 1, max: 4, default: null },
    impactEvidence: { type: String, trim: true, maxlength: 4000, default: null },
    receivingImpact: { type: receivingImpactSchema, default: null },
    agreement: { type: agreementSchema, default: null },
    statusHistory: { type: [statusChangeSchema], default: [] },
    /**
     * When the current status began (the last statusHistory entry's time), kept beside it so
     * lists can be ordered by how long each deployment has waited in its status, with an index.
     */
    statusSince: { type: Date, default: null },
    /**
     * Whether the supporter's days are reserved for it. A proposal inside the supporter's own
     * trust reserves them at once; one from another trust (or to or from a school in no
     * trust) only when the supporter's home school releases them (docs/security.md,
     * "Cross-trust proposals"). Absent on older records: held.
     */
    daysHeld: { type: Boolean, default: true },
    /**
     * "need:supporter" while the deployment is live, suffixed with its own id once it ends.
     * A plain unique index on it stops two live deployments of one supporter for one need
     * (racing proposals included) on MongoDB and FerretDB alike, without partial indexes.
     */
    liveKey: { type: String, required: true },
    /** Who pays for this deployment's support, overriding the trust's rule (domain/cost.ts); null: the trust's rule. */
    paidBy: { type: String, enum: [...COST_PAYERS, null], default: null },
    /**
     * The rates it was proposed at (services/cost.ts, pricedAtProposal), so changing a
     * trust's rates later does not rewrite what it costs. Absent on older records: priced at
     * the current rates.
     */
    pricing: { type: pricingSchema, default: null },
    ...authorship,
  },
  { timestamps: true },
);
deploymentSchema.index({ needId: 1, status: 1 });
deploymentSchema.index({ liveKey: 1 }, { unique: true });
deploymentSchema.index({ staffId: 1, status: 1 });
deploymentSchema.index({ supportingAcademyId: 1, status: 1 });
// The deployments list (schema/types/deployment-list.ts): either side of a school, hub or
// trust, in the order of how long each has waited in its status.
deploymentSchema.index({ receivingAcademyId: 1, statusSince: 1 });
deploymentSchema.index({ supportingAcademyId: 1, statusSince: 1 });
deploymentSchema.index({ staffId: 1, statusSince: 1 });
deploymentSchema.index({ status: 1, statusSince: 1 });

export type DeploymentRecord = InferSchemaType<typeof deploymentSchema>;
export type DeploymentDoc = HydratedDocument<DeploymentRecord>;
export const Deployment = model('Deployment', deploymentSchema, 'deployments');
