// Per-person email preferences (daily digest or each message as it happens) and each trust's
// reminder rule. Reads are by the caller's own address; writes are audited.
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { decodeIdOfType } from '../auth/global-id';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { parseCalendarDate } from '../domain/calendar';
import { DirectoryUser } from '../models/directory-user';
import { DEFAULT_REMINDER_SCHOOL_DAYS, EmailPreference, TrustReminderSettings } from '../models/email-settings';
import { Trust } from '../models/trust';
import { recordAudit } from '../services/audit';
import { failed, fromZod, ok, type Outcome, userError } from '../services/user-errors';
import { staffPerson } from './recipients';

/** Of these addresses, the ones whose owner takes a daily digest (lower-cased). */
export async function digestAddresses(emails: string[]): Promise<ReadonlySet<string>> {
  if (!emails.length) return new Set();
  const keys = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const found = await EmailPreference.find({ emailKey: { $in: keys }, dailyDigest: true }, { emailKey: 1 }).lean();
  return new Set(found.map((p) => p.emailKey));
}

/** The caller's own work email: from their staff record, else their user directory record. */
export async function ownEmail(viewer: Viewer): Promise<string | null> {
  if (viewer.staffId) {
    const staff = await staffPerson(viewer.staffId);
    if (staff) return staff.email;
  }
  if (viewer.directoryUserId) {
    const user = await DirectoryUser.findById(viewer.directoryUserId, { email: 1 }).lean();
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
  const found = await EmailPreference.findOne({ emailKey: email.toLowerCase() }).lean();
  return { email, dailyDigest: found?.dailyDigest ?? false };
}

const preferenceInput = z.object({ dailyDigest: z.boolean() });

export async function setEmailPreference(viewer: Viewer, input: unknown): Promise<Outcome<EmailPreferenceView>> {
  const parsed = preferenceInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const email = await ownEmail(viewer);
  if (!email) return failed(userError(null, 'no work email is on record for you (a staff record, or a user directory record)', 'NO_EMAIL'));
  const actor = actorOf(viewer);
  const emailKey = email.toLowerCase();
  const before = await EmailPreference.findOne({ emailKey }).lean();
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
  const found = trustId ? await TrustReminderSettings.findOne({ trustId }).lean() : null;
  return { reminderAfterSchoolDays: found?.reminderAfterSchoolDays ?? DEFAULT_REMINDER_SCHOOL_DAYS, closedDates: found?.closedDates ?? [] };
}

const ruleInput = z.object({
  trustId: z.string(),
  reminderAfterSchoolDays: z.number().int('must be a whole number of school days').min(1, 'must be at least 1 school day').max(60, 'must be at most 60 school days'),
  closedDates: z.array(z.string()).max(400, 'at most 400 dates').default([]),
});

/** ADMIN, or the trust's improvement lead. */
export async function setTrustReminderRule(viewer: Viewer, input: unknown): Promise<Outcome<ReminderRule & { trustId: string }>> {
  if (viewer.role !== 'ADMIN' && viewer.role !== 'IMPROVEMENT_LEAD') throw new ForbiddenError("reminder rules are set by ADMIN or the trust's improvement lead");
  const parsed = ruleInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const trustId = decodeIdOfType(parsed.data.trustId, 'Trust');
  if (!trustId) return failed(userError('trustId', 'trustId is not a valid Trust ID', 'INVALID_ID'));
  if (!(await Trust.exists({ _id: trustId }))) return failed(userError('trustId', 'trustId: no Trust with this ID exists', 'NOT_FOUND'));
  if (!policy.manageTrustRecords(viewer, trustId)) throw new ForbiddenError("only ADMIN or this trust's improvement lead may set its reminder rule");
  const problems = parsed.data.closedDates.flatMap((text, i) => {
    const date = parseCalendarDate(text);
    return date.ok ? [] : [userError(['closedDates', String(i)], date.problem, 'INVALID_DATE')];
  });
  if (problems.length) return failed(...problems);
  const closedDates = [...new Set(parsed.data.closedDates)].sort();
  const actor = actorOf(viewer);
  const before = await TrustReminderSettings.findOne({ trustId }).lean();
  const saved = await TrustReminderSettings.findOneAndUpdate(
    { trustId },
    { $set: { reminderAfterSchoolDays: parsed.data.reminderAfterSchoolDays, closedDates, updatedBy: actor }, $setOnInsert: { trustId, createdBy: actor } },
    { upsert: true, new: true },
  ).lean();
  await recordAudit('TrustReminderSettings', saved!._id, before ? 'UPDATED' : 'CREATED', actor, {
    reminderAfterSchoolDays: { from: before?.reminderAfterSchoolDays ?? DEFAULT_REMINDER_SCHOOL_DAYS, to: saved!.reminderAfterSchoolDays },
    closedDates: { from: before?.closedDates ?? [], to: closedDates },
  });
  return ok({ trustId: parsed.data.trustId, reminderAfterSchoolDays: saved!.reminderAfterSchoolDays, closedDates });
}
