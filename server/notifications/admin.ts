// What an ADMIN may do with the outbox: list it (schema/types/email-outbox.ts) and send a
// FAILED message again.
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { decodeIdOfType } from '../auth/global-id';
import { actorOf, type Viewer } from '../auth/viewer';
import { OutboxEmail, type OutboxEmailRecord } from '../models/outbox-email';
import { recordAudit } from '../services/audit';
import type { LeanDoc } from '../models/lean';
import { failed, fromZod, ok, type Outcome, userError } from '../services/user-errors';

export type OutboxEmailLean = LeanDoc<OutboxEmailRecord>;

export const mayReadOutbox = (viewer: Viewer) => viewer.role === 'ADMIN';

const retryInput = z.object({ id: z.string() });

/** FAILED → PENDING, due now, with its attempts counted afresh. Audited. */
export async function retryEmail(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<OutboxEmailLean>> {
  if (!mayReadOutbox(viewer)) throw new ForbiddenError('only an ADMIN may retry emails');
  const parsed = retryInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const id = decodeIdOfType(parsed.data.id, 'OutboxEmail');
  if (!id) return failed(userError('id', 'id is not a valid OutboxEmail ID', 'INVALID_ID'));
  const actor = actorOf(viewer);
  const after = (await OutboxEmail.findOneAndUpdate(
    { _id: id, status: 'FAILED' },
    { $set: { status: 'PENDING', attempts: 0, nextAttemptAt: now, failedAt: null, updatedBy: actor } },
    { new: true },
  ).lean()) as OutboxEmailLean | null;
  if (!after) {
    const exists = await OutboxEmail.exists({ _id: id });
    return failed(exists ? userError('id', 'only a FAILED email can be retried', 'INVALID_TRANSITION') : userError('id', 'id: no OutboxEmail with this ID exists', 'NOT_FOUND'));
  }
  await recordAudit('OutboxEmail', after._id, 'RETRY', actor, { status: { from: 'FAILED', to: 'PENDING' } });
  return ok(after);
}
