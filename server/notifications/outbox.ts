// Writing to the outbox: each message once, whatever retries or sweeps write it again.
import type { Types } from 'mongoose';
import type { ActorRecord } from '../models/common';
import { OutboxEmail, type OutboxStatus } from '../models/outbox-email';
import { isDuplicateKey } from '../services/user-errors';

export interface NewEmail {
  /** Idempotency key derived from the event (events.ts, eventKey). */
  key: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  deploymentId?: Types.ObjectId | string | null;
  icalEvent?: string | null;
}

/**
 * Adds messages to the outbox, due now. A message whose key is already there is left as it
 * is (the unique index refuses the copy), so writing the same event twice sends it once.
 * `held` gives the addresses that take a daily digest: theirs wait as HELD for it.
 * Returns how many were new.
 */
export async function enqueue(emails: NewEmail[], actor: ActorRecord, now: Date, held: ReadonlySet<string> = new Set()): Promise<number> {
  let added = 0;
  for (const email of emails) {
    const status: OutboxStatus = held.has(email.to.trim().toLowerCase()) ? 'HELD' : 'PENDING';
    try {
      await OutboxEmail.create({ ...email, deploymentId: email.deploymentId ?? null, status, nextAttemptAt: now, createdBy: actor, updatedBy: actor });
      added += 1;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return added;
}
