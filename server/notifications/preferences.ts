// Per-person email preferences (daily digest or each message as it happens) and each trust's
// reminder rule. Reads are by the caller's own address, through the stores (../db/store);
// writes go through the models and are audited.
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { parseCalendarDate } from '../domain/calendar';
import { databaseStores, type Stores, stores } from '../db/store';
import { DEFAULT_REMINDER_SCHOOL_DAYS, EmailPreference, TrustReminderSettings } from '../models/email-settings';
import { recordAudit } from '../services/audit';
import { refInput, resolveRef } from '../services/references';
import { failed, fromZod, ok, type Outcome, userError } from '../services/user-errors';
import { staffPerson } from './recipients';

/**
 * Of these addresses, the ones whose owner takes a daily digest (lower-cased). Read `fresh`:
 * it decides whether a message is written HELD for the digest or PENDING.
 */
export async function digestAddresses(emails: string[]): Promise<ReadonlySet<string>> {
  if (!emails.length) return new Set();
  const keys = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const found = await stores.emailPreferences.fresh.find({ emailKey: { $in: keys }, dailyDigest: true }, { projection: { emailKey: 1 } });
  return new Set(found.map((p) => p.emailKey));
}

/**
 * The caller's own work email: from their staff record, else their user directory record.
 * `from`: the stores to read (`databaseStores` when the address decides a write).
 */
export async function ownEmail(viewer: Viewer, from: Pick<Stores, 'staff' | 'directoryUsers'> = stores): Promise<string | null> {
  if (viewer.staffId) {
    const staff = await staffPerson(viewer.staffId, from);
    if (staff) return staff.email;
  }
  if (viewer.directoryUserId) {
    const user = await from.directoryUsers.get(viewer.directoryUserId);
    if (user) return user.email;
  }
  return null;
}

export interface EmailPreferenceView {
  email: string;
  dailyDigest: boolean;
}

export async function myEmailPreference(viewer: Viewer): Promise<EmailPreferenceView | null> {
  const email = await ownEmail(viewer);
  if (!email) return null;
  const found = await stores.emailPreferences.findOne({ emailKey: email.toLowerCase() });
  return { email, dailyDigest: found?.dailyDigest ?? false };
}

const preferenceInput = z.object({ dailyDigest: z.boolean() });

export async function setEmailPreference(viewer: Viewer, input: unknown): Promise<Outcome<EmailPreferenceView>> {
  const parsed = preferenceInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const email = await ownEmail(viewer, databaseStores);
  if (!email) return failed(userError(null, 'no work email is on record for you (a staff record, or a user directory record)', 'NO_EMAIL'));
  const actor = actorOf(viewer);
  const emailKey = email.toLowerCase();
  const before = await stores.emailPreferences.fresh.findOne({ emailKey });
  const saved = await EmailPreference.findOneAndUpdate(
    { emailKey },
    { $set: { dailyDigest: parsed.data.dailyDigest, updatedBy: actor }, $setOnInsert: { email, emailKey, createdBy: actor } },
    { upsert: true, new: true },
  ).lean();
  await recordAudit('EmailPreference', saved!._id, before ? 'UPDATED' : 'CREATED', actor, { dailyDigest: { from: before?.dailyDigest ?? false, to: parsed.data.dailyDigest } });
  return ok({ email, dailyDigest: saved!.dailyDigest });
}

export interface ReminderRule {
  reminderAfterSchoolDays: number;
  closedDates: string[];
}

export async function reminderRuleOf(trustId: unknown): Promise<ReminderRule> {
  const found = trustId ? await stores.trustReminderSettings.findOne({ trustId }) : null;
  return { reminderAfterSchoolDays: found?.reminderAfterSchoolDays ?? DEFAULT_REMINDER_SCHOOL_DAYS, closedDates: found?.closedDates ?? [] };
}

const ruleInput = z.object({
  /** Decoded at the schema boundary (schema/types/email-preferences.ts). */
  trustId: refInput,
  reminderAfterSchoolDays: z.number().int('must be a whole number of school days').min(1, 'must be at least 1 school day').max(60, 'must be at most 60 school days'),
  closedDates: z.array(z.string()).max(400, 'at most 400 dates').default([]),
});

/** ADMIN, or the trust's improvement lead. */
export async function setTrustReminderRule(viewer: Viewer, input: unknown): Promise<Outcome<ReminderRule & { trustId: string }>> {
  if (viewer.role !== 'ADMIN' && viewer.role !== 'IMPROVEMENT_LEAD') throw new ForbiddenError("reminder rules are set by ADMIN or the trust's improvement lead");
  const parsed = ruleInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const trust = await resolveRef(stores.trusts, parsed.data.trustId);
  if (!trust.ok) return failed(trust.error);
  const trustId = String(trust.doc._id);
  if (!policy.manageTrustRecords(viewer, trustId)) throw new ForbiddenError("only ADMIN or this trust's improvement lead may set its reminder rule");
  const problems = parsed.data.closedDates.flatMap((text, i) => {
    const date = parseCalendarDate(text);
    return date.ok ? [] : [userError(['closedDates', String(i)], date.problem, 'INVALID_DATE')];
  });
  if (problems.length) return failed(...problems);
  const closedDates = [...new Set(parsed.data.closedDates)].sort();
  const actor = actorOf(viewer);
  const before = await stores.trustReminderSettings.fresh.findOne({ trustId });
  const saved = await TrustReminderSettings.findOneAndUpdate(
    { trustId },
    { $set: { reminderAfterSchoolDays: parsed.data.reminderAfterSchoolDays, closedDates, updatedBy: actor }, $setOnInsert: { trustId, createdBy: actor } },
    { upsert: true, new: true },
  ).lean();
  await recordAudit('TrustReminderSettings', saved!._id, before ? 'UPDATED' : 'CREATED', actor, {
    reminderAfterSchoolDays: { from: before?.reminderAfterSchoolDays ?? DEFAULT_REMINDER_SCHOOL_DAYS, to: saved!.reminderAfterSchoolDays },
    closedDates: { from: before?.closedDates ?? [], to: closedDates },
  });
  return ok({ trustId, reminderAfterSchoolDays: saved!.reminderAfterSchoolDays, closedDates });
}
