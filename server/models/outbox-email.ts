import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { authorship } from './common';

/**
 * Where an email stands:
 * - PENDING: waiting to be sent, from `nextAttemptAt` on.
 * - SENDING: claimed by a sender until `leaseUntil` (then another may take it over).
 * - SENT: the mail server accepted it.
 * - FAILED: it kept failing (or was refused for good); an ADMIN sees it and may retry it.
 * - CAUGHT: development without SMTP_URL: logged and kept here instead of sent.
 * - HELD: waits for its recipient's daily digest.
 * - DIGESTED: went out inside a digest (named by `digestKey`).
 */
export const OUTBOX_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'CAUGHT', 'HELD', 'DIGESTED'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One email in the outbox. It is written in the same request as the change it tells about,
 * then delivered by server/notifications/sender.ts. FerretDB has no transactions, so the
 * entry carries `key`, derived from the event (kind, record, recipient): writing it again,
 * on a retry or by the repair sweep, is refused by the unique index and never duplicates it.
 */
const outboxEmailSchema = new Schema(
  {
    key: { type: String, required: true, unique: true, maxlength: 300 },
    /** What it tells about, e.g. RELEASE_WANTED, AGREED, REMINDER, DIGEST. */
    kind: { type: String, required: true, maxlength: 60 },
    to: { type: String, required: true, trim: true, maxlength: 254 },
    /** Lower-cased `to`: preferences and digests are per address, whatever its case. */
    toKey: { type: String, required: true, maxlength: 254 },
    subject: { type: String, required: true, maxlength: 300 },
    text: { type: String, required: true, maxlength: 20000 },
    /** An iCalendar invitation sent with it (an agreed deployment's dates), if any. */
    icalEvent: { type: String, maxlength: 20000, default: null },
    deploymentId: { type: Schema.Types.ObjectId, ref: 'Deployment', default: null },
    status: { type: String, required: true, enum: OUTBOX_STATUSES, default: 'PENDING' },
    /** Delivery attempts begun; also the claim's version (a claim is conditional on it). */
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    claimedBy: { type: String, default: null },
    lastError: { type: String, maxlength: 1000, default: null },
    sentAt: { type: Date, default: null },
    failedAt: { type: Date, default: null },
    /** For a HELD message: the digest it went out in. */
    digestKey: { type: String, default: null },
    /** For a digest: the HELD messages it lists. */
    includes: { type: [Schema.Types.ObjectId], default: [] },
    ...authorship,
  },
  { timestamps: true },
);
// The sender's question: what is due? (MongoDB; FerretDB scans, see docs/notifications.md.)
outboxEmailSchema.index({ status: 1, nextAttemptAt: 1 });
outboxEmailSchema.index({ toKey: 1, status: 1 });
outboxEmailSchema.pre('validate', function syncToKey() {
  this.toKey = this.to?.trim().toLowerCase();
});

export type OutboxEmailRecord = InferSchemaType<typeof outboxEmailSchema>;
export type OutboxEmailDoc = HydratedDocument<OutboxEmailRecord>;
export const OutboxEmail = model('OutboxEmail', outboxEmailSchema, 'outboxEmails');
