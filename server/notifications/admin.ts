// What an ADMIN may do with the outbox: list it (schema/types/email-outbox.ts) and send a
// FAILED message again.
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { actorOf, type Viewer } from '../auth/viewer';
import { stores } from '../db/store';
import { OutboxEmail, type OutboxEmailRecord } from '../models/outbox-email';
import { recordAudit } from '../services/audit';
import type { LeanDoc } from '../models/lean';
import { refInput } from '../services/references';
import { failed, fromZod, ok, type Outcome, userError } from '../services/user-errors';

export type OutboxEmailLean = LeanDoc<OutboxEmailRecord>;

export const mayReadOutbox = (viewer: Viewer) => viewer.role === 'ADMIN';

/** `id` decoded at the schema boundary (schema/types/email-outbox.ts). */
const retryInput = z.object({ id: refInput });

/** FAILED → PENDING, due now, with its attempts counted afresh. Audited. */
export async function retryEmail(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<OutboxEmailLean>> {
  if (!mayReadOutbox(viewer)) throw new ForbiddenError('only an ADMIN may retry emails');
  const parsed = retryInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const ref = parsed.data.id;
  if (!ref.ok) return failed(ref.error);
  const id = ref.id;
  const actor = actorOf(viewer);
  const after = (await OutboxEmail.findOneAndUpdate(
    { _id: id, status: 'FAILED' },
    { $set: { status: 'PENDING', attempts: 0, nextAttemptAt: now, failedAt: null, updatedBy: actor } },
    { new: true },
  ).lean()) as OutboxEmailLean | null;
  if (!after) {
    // Read from the database: the update just found nothing to change, and this says why.
    const exists = await stores.outboxEmails.fresh.get(id);
    return failed(exists ? userError('id', 'only a FAILED email can be retried', 'INVALID_TRANSITION') : userError('id', 'id: no OutboxEmail with this ID exists', 'NOT_FOUND'));
  }
  await recordAudit('OutboxEmail', after._id, 'RETRY', actor, { status: { from: 'FAILED', to: 'PENDING' } });
  return ok(after);
}
