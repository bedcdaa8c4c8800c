import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { authorship } from './common';

/**
 * A private iCalendar feed of a person's or a school's agreed deployments. Its URL holds a
 * random secret; only the secret's SHA-256 is stored, so the database alone does not give
 * the URLs away. Revoked feeds answer 404.
 */
const calendarFeedSchema = new Schema(
  {
    ownerType: { type: String, required: true, enum: ['StaffMember', 'Academy'] },
    ownerId: { type: Schema.Types.ObjectId, required: true },
    secretHash: { type: String, required: true, unique: true },
    revokedAt: { type: Date, default: null },
    ...authorship,
  },
  { timestamps: true },
);
calendarFeedSchema.index({ ownerId: 1 });

export type CalendarFeedRecord = InferSchemaType<typeof calendarFeedSchema>;
export type CalendarFeedDoc = HydratedDocument<CalendarFeedRecord>;
export const CalendarFeed = model('CalendarFeed', calendarFeedSchema, 'calendarFeeds');
