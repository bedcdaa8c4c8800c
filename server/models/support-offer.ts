import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { EXPERTISE_AREAS } from '../domain/taxonomy';
import { actorSchema, authorship } from './common';

/**
 * Where an offer stands:
 * - OPEN: waits on whoever may propose for the need (the trust's lead, the hub's executive head).
 * - ACCEPTED: turned into a proposal (`deploymentId`).
 * - DECLINED: refused, with a reason the offerer sees.
 * - WITHDRAWN: the offerer took it back.
 * - CLOSED: the need was met or closed meanwhile (the reason says which).
 */
export const OFFER_STATUSES = ['OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'CLOSED'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

const decisionSchema = new Schema(
  {
    by: { type: actorSchema, required: true },
    at: { type: Date, required: true },
    reason: { type: String, trim: true, maxlength: 1000, default: null },
  },
  { _id: false },
);

/**
 * A teacher (or a headteacher, for their whole school) saying "I could help with this need".
 * The lead turns it into a proposal through the ordinary propose path, or declines it.
 */
const supportOfferSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, ref: 'ImprovementNeed', required: true },
    /** Denormalised from the need: who may consider the offer is decided by this school's scope. */
    receivingAcademyId: { type: Schema.Types.ObjectId, ref: 'Academy', required: true },
    area: { type: String, required: true, enum: EXPERTISE_AREAS },
    /** The person offering themself, or (supportingAcademyId) a school offering itself. */
    staffId: { type: Schema.Types.ObjectId, ref: 'StaffMember', default: null },
    supportingAcademyId: { type: Schema.Types.ObjectId, ref: 'Academy', default: null },
    note: { type: String, trim: true, maxlength: 2000, default: null },
    /** Days offered; null: as many as the need still wants. */
    days: { type: Number, min: 1, max: 200, default: null },
    status: { type: String, required: true, enum: OFFER_STATUSES, default: 'OPEN' },
    statusSince: { type: Date, required: true },
    /** Who decided (accepted, declined, withdrew, closed), when, and why. */
    decision: { type: decisionSchema, default: null },
    deploymentId: { type: Schema.Types.ObjectId, ref: 'Deployment', default: null },
    /**
     * Set while a request is turning the offer into a proposal (acceptOffer), so a decline or a
     * second accept cannot act on it meanwhile; a claim older than two minutes has lapsed.
     */
    claimedAt: { type: Date, default: null },
    /**
     * "need:supporter" while OPEN, suffixed with the offer's own id once it is decided. A plain
     * unique index on it refuses a second open offer of one supporter for one need, racing
     * requests included, on MongoDB and FerretDB alike (as Deployment.liveKey does).
     */
    openKey: { type: String, required: true },
    ...authorship,
  },
  { timestamps: true },
);
supportOfferSchema.index({ openKey: 1 }, { unique: true });
supportOfferSchema.index({ needId: 1, status: 1 });
supportOfferSchema.index({ staffId: 1, status: 1 });
supportOfferSchema.index({ supportingAcademyId: 1, status: 1 });
supportOfferSchema.index({ receivingAcademyId: 1, status: 1 });

export type SupportOfferRecord = InferSchemaType<typeof supportOfferSchema>;
export type SupportOfferDoc = HydratedDocument<SupportOfferRecord>;
export const SupportOffer = model('SupportOffer', supportOfferSchema, 'supportOffers');
