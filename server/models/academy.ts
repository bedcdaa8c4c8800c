import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { ACADEMY_STATUSES, OFSTED_RATINGS, PHASES } from '../domain/enums';
import { REPORT_CARD_AREAS, REPORT_CARD_GRADES, SAFEGUARDING_OUTCOMES } from '../domain/inspection';
import { authorship } from './common';
import { schoolYearOf } from '../domain/school-year';

/** The latest report-card inspection (from November 2025): one grade per evaluation area. */
const reportCardSchema = new Schema(
  {
    inspectedOn: { type: Date, required: true },
    safeguarding: { type: String, required: true, enum: SAFEGUARDING_OUTCOMES },
    grades: {
      type: [
        new Schema(
          { area: { type: String, required: true, enum: REPORT_CARD_AREAS }, grade: { type: String, required: true, enum: REPORT_CARD_GRADES } },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { _id: false },
);

const academySchema = new Schema(
  {
    /** Unique Reference Number from GIAS, the DfE register. */
    urn: { type: String, required: true, unique: true, match: /^\d{5,7}$/ },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    phase: { type: String, required: true, enum: PHASES },
    /** The last single-word judgement (history once a report card is newer: domain/inspection.ts). */
    ofstedRating: { type: String, required: true, enum: OFSTED_RATINGS, default: 'NOT_INSPECTED' },
    /** When that judgement was made; null when not recorded. */
    ofstedJudgedOn: { type: Date, default: null },
    ofstedReportCard: { type: reportCardSchema, default: null },
    /** CLOSED once the register (GIAS import) lists the school as closed: kept, as staff, needs and history refer to it. */
    status: { type: String, required: true, enum: ACADEMY_STATUSES, default: 'OPEN' },
    /** The register's close date; null while open (or when the register gives none). */
    closedOn: { type: Date, default: null },
    /** Percentage of pupils eligible for free school meals; null when unknown (never 0 for unknown). */
    fsmPercent: { type: Number, min: 0, max: 100, default: null },
    pupils: { type: Number, min: 0, default: null },
    postcode: { type: String, trim: true, maxlength: 10, default: null },
    latitude: { type: Number, min: 49, max: 61, default: null },
    longitude: { type: Number, min: -9, max: 3, default: null },
    trustId: { type: Schema.Types.ObjectId, ref: 'Trust', default: null },
    clusterId: { type: Schema.Types.ObjectId, ref: 'Cluster', default: null },
    /**
     * Days the school as a whole offers to support others (academy-to-academy support) in its
     * open school year (`supportCapacityYear`), and its standing offer for later years.
     */
    supportCapacityDays: { type: Number, min: 0, default: 0 },
    /** Left in the open school year. Invariant: supportRemainingDays + committed in it = supportCapacityDays; reserved atomically. */
    supportRemainingDays: { type: Number, min: 0, default: 0 },
    /**
     * The school year supportCapacityDays/supportRemainingDays are about (its open year),
     * moved on by a rollover (services/school-year.ts) like a person's; records from before
     * get one at start-up (backfillCapacityYears).
     */
    supportCapacityYear: { type: String, default: () => schoolYearOf(new Date()).label },
    /** Other school years by key ("y2027"): { committed, offered? } (domain/year-capacity.ts). */
    supportOtherYears: { type: Schema.Types.Mixed, default: () => ({}) },
    /** Bumped by every support-days write outside the open year's $inc, which checks it (compare and set). */
    supportCapacityVersion: { type: Number, default: 0 },
    ...authorship,
  },
  { timestamps: true },
);
academySchema.index({ trustId: 1 });
academySchema.index({ clusterId: 1 });
academySchema.index({ name: 1, _id: 1 });

export type AcademyRecord = InferSchemaType<typeof academySchema>;
export type AcademyDoc = HydratedDocument<AcademyRecord>;
export const Academy = model('Academy', academySchema, 'academies');
