// Delivers the outbox. Each `tick(now)` takes the messages that are due, claims each with one
// atomic conditional update (so of two senders, in one process or many, exactly one gets a
// message), sends it, and records the outcome: SENT (or CAUGHT), or a retry after an
// exponential backoff, or FAILED once it keeps failing. The clock is a parameter: the
// service ticks with the time of day, tests with the time they choose.
import { createHash, randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../models/common';
import { OutboxEmail, type OutboxEmailRecord } from '../models/outbox-email';
import type { LeanDoc } from '../models/lean';
import { stores } from '../db/store';
import { retryDelayMs } from './backoff';
import { isPermanentFailure, type MailTransport } from './transport';

type OutboxLean = LeanDoc<OutboxEmailRecord>;

export interface SenderOptions {
  transport: MailTransport;
  from: string;
  maxAttempts: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /**
   * How long a claim lasts. A sender that dies mid-send leaves its message SENDING; once the
   * lease is over another sender takes it over. Longer than any send can take (the SMTP
   * timeouts are well inside it), so a live sender never loses a message it is sending.
   */
  leaseMs?: number;
  /** Messages taken per tick. */
  batchSize?: number;
  /** Names this sender in `claimedBy` (different for each process). */
  instanceId?: string;
}

export interface TickReport {
  sent: number;
  caught: number;
  retrying: number;
  failed: number;
  /** Due messages another sender claimed first. */
  skipped: number;
}

export interface OutboxSender {
  tick(now: Date): Promise<TickReport>;
  close(): void;
}

const DEFAULT_LEASE_MS = 5 * 60 * 1000;
const DEFAULT_BATCH = 20;

export function createSender(options: SenderOptions): OutboxSender {
  const instanceId = options.instanceId ?? randomUUID();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'localhost';

  async function due(now: Date): Promise<OutboxLean[]> {
    const filter = { $or: [{ status: 'PENDING', nextAttemptAt: { $lte: now } }, { status: 'SENDING', leaseUntil: { $lte: now } }] };
    // From the database (`fresh`): each message read is then claimed by a conditional update.
    return (await stores.outboxEmails.fresh.find(filter, { sort: { nextAttemptAt: 1, _id: 1 }, limit: batchSize })) as OutboxLean[];
  }

  /** The one conditional update that makes a message this sender's: null when another was first. */
  async function claim(message: OutboxLean, now: Date): Promise<OutboxLean | null> {
    return (await OutboxEmail.findOneAndUpdate(
      // `attempts` is the claim's version: every claim raises it, so a second claim of the
      // same state finds nothing to update.
      { _id: message._id, status: message.status, attempts: message.attempts },
      { $set: { status: 'SENDING', leaseUntil: new Date(now.getTime() + leaseMs), claimedBy: instanceId, updatedBy: SYSTEM_ACTOR }, $inc: { attempts: 1 } },
      { new: true },
    ).lean()) as OutboxLean | null;
  }

  /** Records the outcome, only while the claim is still ours. */
  const settle = (message: OutboxLean, set: Record<string, unknown>) =>
    OutboxEmail.updateOne({ _id: message._id, status: 'SENDING', claimedBy: instanceId, attempts: message.attempts }, { $set: { ...set, leaseUntil: null, updatedBy: SYSTEM_ACTOR } });

  async function deliver(message: OutboxLean, now: Date, report: TickReport): Promise<void> {
    try {
      await options.transport.send({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.icalEvent ? { icalEvent: message.icalEvent } : {}),
        messageId: `<${createHash('sha256').update(message.key).digest('hex').slice(0, 32)}@${domain}>`,
      });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      if (isPermanentFailure(error) || message.attempts >= options.maxAttempts) {
        await settle(message, { status: 'FAILED', failedAt: now, lastError: reason });
        report.failed += 1;
      } else {
        const retryAt = new Date(now.getTime() + retryDelayMs(message.attempts, options.retryBaseSeconds, options.retryMaxSeconds));
        await settle(message, { status: 'PENDING', nextAttemptAt: retryAt, lastError: reason });
        report.retrying += 1;
      }
      return;
    }
    const caught = options.transport.kind === 'catch';
    await settle(message, { status: caught ? 'CAUGHT' : 'SENT', sentAt: now, lastError: null });
    if (caught) report.caught += 1;
    else report.sent += 1;
  }

  return {
    async tick(now) {
      const report: TickReport = { sent: 0, caught: 0, retrying: 0, failed: 0, skipped: 0 };
      for (const message of await due(now)) {
        const claimed = await claim(message, now);
        if (!claimed) {
          report.skipped += 1;
          continue;
        }
        await deliver(claimed, now, report);
      }
      return report;
    },
    close: () => options.transport.close(),
  };
}
