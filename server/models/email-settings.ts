import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { authorship } from './common';

/** A person's choice of how to get email, by address (staff and directory people alike). */
const emailPreferenceSchema = new Schema(
  {
    email: { type: String, required: true, trim: true, maxlength: 254 },
    emailKey: { type: String, required: true, unique: true },
    /** True: one message a day listing everything, instead of each as it happens. */
    dailyDigest: { type: Boolean, required: true, default: false },
    ...authorship,
  },
  { timestamps: true },
);
emailPreferenceSchema.pre('validate', function syncKey() {
  this.emailKey = this.email?.trim().toLowerCase();
});

export type EmailPreferenceRecord = InferSchemaType<typeof emailPreferenceSchema>;
export type EmailPreferenceDoc = HydratedDocument<EmailPreferenceRecord>;
export const EmailPreference = model('EmailPreference', emailPreferenceSchema, 'emailPreferences');

export const DEFAULT_REMINDER_SCHOOL_DAYS = 3;

/** A trust's reminder rule: after how many school days a waiting step is chased, and its closure dates. */
const trustReminderSettingsSchema = new Schema(
  {
    trustId: { type: Schema.Types.ObjectId, ref: 'Trust', required: true, unique: true },
    reminderAfterSchoolDays: { type: Number, required: true, min: 1, max: 60, default: DEFAULT_REMINDER_SCHOOL_DAYS },
    /** Weekdays that are not school days (holidays, INSET, bank holidays), as YYYY-MM-DD. */
    closedDates: { type: [String], default: [] },
    ...authorship,
  },
  { timestamps: true },
);

export type TrustReminderSettingsRecord = InferSchemaType<typeof trustReminderSettingsSchema>;
export const TrustReminderSettings = model('TrustReminderSettings', trustReminderSettingsSchema, 'trustReminderSettings');
