// Periodic work over the outbox: reminders for steps that have waited too long, and the
// daily digests. Each writes messages under keys derived from what they are about, so any
// number of runs, by any number of instances, writes each message once.
import { SYSTEM_ACTOR } from '../models/common';
import { OutboxEmail, type OutboxEmailRecord } from '../models/outbox-email';
import type { LeanDoc } from '../models/lean';
import { stores } from '../db/store';
import { isDuplicateKey } from '../services/user-errors';
import { remindersOf } from './events';
import { messagesFor } from './notify';
import { enqueue } from './outbox';
import { digestAddresses, type ReminderRule, reminderRuleOf } from './preferences';
import { englandDate, englandHour, schoolDaysBetween } from './school-days';

type OutboxLean = LeanDoc<OutboxEmailRecord>;

/**
 * Reminds the headteachers of releases and acceptances that have waited the trust's number
 * of school days (and again after each further period). Returns how many were written.
 */
export async function sendReminders(now: Date): Promise<number> {
  const filter = { status: 'PROPOSED' };
  const waiting = await stores.deployments.find(filter);
  const rules = new Map<string, ReminderRule>();
  let added = 0;
  for (const d of waiting) {
    const proposedAt = d.statusHistory.find((h) => h.status === 'PROPOSED')?.at;
    if (!proposedAt) continue;
    const receiving = await stores.academies.get(String(d.receivingAcademyId));
    const trustKey = String(receiving?.trustId ?? '');
    if (!rules.has(trustKey)) rules.set(trustKey, await reminderRuleOf(receiving?.trustId ?? null));
    const rule = rules.get(trustKey)!;
    const days = schoolDaysBetween(proposedAt, now, new Set(rule.closedDates));
    const events = remindersOf(d, days, rule.reminderAfterSchoolDays);
    if (!events.length) continue;
    const emails = await messagesFor(d, events);
    added += await enqueue(emails, SYSTEM_ACTOR, now, await digestAddresses(emails.map((e) => e.to)));
  }
  return added;
}

function digestText(items: OutboxLean[], day: string): string {
  const parts = items.map((m, i) => `${i + 1}. ${m.subject}\n\n${m.text.replace(/^Dear [^\n]*\n\n/, '')}`);
  return [`Your daily summary from the school support service, ${day}: ${items.length} item${items.length === 1 ? '' : 's'}.`, '', ...parts].join('\n\n');
}

/**
 * From `digestHour` (England) each day, one message per person holding everything HELD for
 * them. The digest is written first, under a key of address and date; then its items are
 * marked DIGESTED. Were a run to stop between the two, the next finds the digest already
 * written and marks exactly the items it lists; anything held since waits for tomorrow's.
 */
export async function buildDigests(now: Date, digestHour: number): Promise<number> {
  if (englandHour(now) < digestHour) return 0;
  const day = englandDate(now);
  // From the database (`fresh`): what is held decides the digest written and the items marked.
  const held = (await stores.outboxEmails.fresh.find({ status: 'HELD' }, { sort: { createdAt: 1, _id: 1 } })) as OutboxLean[];
  const byAddress = new Map<string, OutboxLean[]>();
  for (const m of held) byAddress.set(m.toKey, [...(byAddress.get(m.toKey) ?? []), m]);
  let added = 0;
  for (const [toKey, items] of byAddress) {
    const key = `DIGEST:${toKey}:${day}`;
    let includes = items.map((m) => m._id);
    try {
      await OutboxEmail.create({
        key,
        kind: 'DIGEST',
        to: items[0]!.to,
        subject: `Your daily summary: ${items.length} item${items.length === 1 ? '' : 's'} from the school support service`,
        text: digestText(items, day),
        status: 'PENDING',
        nextAttemptAt: now,
        includes,
        createdBy: SYSTEM_ACTOR,
        updatedBy: SYSTEM_ACTOR,
      });
      added += 1;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      includes = ((await stores.outboxEmails.fresh.findOne({ key }))?.includes ?? []) as typeof includes;
    }
    await OutboxEmail.updateMany({ _id: { $in: includes }, status: 'HELD' }, { $set: { status: 'DIGESTED', digestKey: key, updatedBy: SYSTEM_ACTOR } });
  }
  return added;
}

/**
 * Deletes SENT messages sent more than `keepDays` days before `now`: nothing refers to them
 * once delivered, and on FerretDB each sender tick reads the outbox whole. Other statuses stay
 * (PENDING and SENDING are still to go, FAILED waits for an ADMIN, HELD and DIGESTED belong to
 * digests). Returns how many were deleted.
 */
export async function pruneSentEmails(now: Date, keepDays: number): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 24 * 60 * 60 * 1000);
  const deleted = await OutboxEmail.deleteMany({ status: 'SENT', sentAt: { $lt: before } });
  return deleted.deletedCount ?? 0;
}
