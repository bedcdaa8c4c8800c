import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { DESIGNATIONS, EXPERTISE_LEVELS, PHASES, STAFF_ROLES } from '../domain/enums';
import { EXPERTISE_AREAS } from '../domain/taxonomy';
import { schoolYearOf } from '../domain/school-year';
import { authorship } from './common';

const expertiseSchema = new Schema(
  {
    area: { type: String, required: true, enum: EXPERTISE_AREAS },
    level: { type: String, required: true, enum: EXPERTISE_LEVELS },
    phases: { type: [{ type: String, enum: PHASES }], default: [] },
    evidence: { type: String, trim: true, maxlength: 2000, default: null },
  },
  { _id: false },
);

/** A stretch of dates (inclusive, stored as UTC midnights) the person is free to support. */
const availabilityWindowSchema = new Schema(
  {
    from: { type: Date, required: true },
    to: { type: Date, required: true },
  },
  { _id: false },
);

const staffMemberSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    email: { type: String, required: true, trim: true, maxlength: 254 },
    /** Lower-cased email: the unique index ignores case without collations (FerretDB has none). */
    emailKey: { type: String, required: true, unique: true },
    role: { type: String, required: true, enum: STAFF_ROLES },
    homeAcademyId: { type: Schema.Types.ObjectId, ref: 'Academy', required: true },
    designations: { type: [{ type: String, enum: DESIGNATIONS }], default: [] },
    expertise: { type: [expertiseSchema], default: [] },
    /** Areas of the expertise entries, kept beside them for an index-backed pre-filter. */
    expertiseAreas: { type: [String], default: [] },
    /** Offered in the open school year (`capacityYear`), and the standing offer for later years. */
    capacityDays: { type: Number, required: true, min: 0, max: 200 },
    /** Left in the open school year. Invariant: remainingDays + days committed in it = capacityDays; reserved with one conditional update. */
    remainingDays: { type: Number, required: true, min: 0 },
    /**
     * The school year ("2026/27") capacityDays and remainingDays are about: the open year
     * (server/domain/year-capacity.ts). Never later than the current school year; moved on
     * by a rollover (services/school-year.ts), which archives the old pair in otherYears.
     */
    capacityYear: { type: String, required: true, default: () => schoolYearOf(new Date()).label },
    /** Other school years by key ("y2027"): { committed, offered? } (domain/year-capacity.ts). */
    otherYears: { type: Schema.Types.Mixed, default: () => ({}) },
    /** Bumped by every capacity write outside the open year's $inc, which checks it (compare and set). */
    capacityVersion: { type: Number, default: 0 },
    maxTravelKm: { type: Number, min: 0, max: 1000, default: null },
    safeguardingCheckExpiresOn: { type: Date, default: null },
    /** When the person's personal data was erased (a leaver); never ranked or planned again. */
    erasedAt: { type: Date, default: null },
    /** When they are free to support; empty means always (server/ranking/availability.ts). */
    availability: { type: [availabilityWindowSchema], default: [] },
    /** When they were marked as having left; a leaver is never ranked or planned again. */
    leftAt: { type: Date, default: null },
    /**
     * Set when a full-trust staff import did not list this person (still at a school of that
     * trust): flagged for the lead to check, never deleted. Cleared when a file lists them again.
     */
    missingFromImportSince: { type: Date, default: null },
    ...authorship,
  },
  { timestamps: true },
);
staffMemberSchema.index({ homeAcademyId: 1 });
staffMemberSchema.index({ expertiseAreas: 1, remainingDays: 1 });
staffMemberSchema.index({ name: 1, _id: 1 });
staffMemberSchema.pre('validate', function syncDerivedFields() {
  this.emailKey = this.email?.trim().toLowerCase();
  this.expertiseAreas = [...new Set(this.expertise.map((e) => e.area))];
});

export type StaffMemberRecord = InferSchemaType<typeof staffMemberSchema>;
export type StaffMemberDoc = HydratedDocument<StaffMemberRecord>;
export const StaffMember = model('StaffMember', staffMemberSchema, 'staffMembers');
