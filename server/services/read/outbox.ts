// Reads of the email outbox (ADMIN only; the schema checks the role), newest first.
import { type OutboxEmailDoc, stores } from '../../db/store';
import type { KeysetList } from './keyset-list';

export interface OutboxFilter {
  statuses?: readonly string[] | null;
  /** An address, compared without regard to case or surrounding spaces. */
  to?: string | null;
}

const NEWEST_FIRST = [{ field: 'createdAt', direction: -1, kind: 'date' }] as const;

export function listOutbox(f: OutboxFilter): KeysetList<OutboxEmailDoc> {
  const filter: Record<string, unknown> = {};
  if (f.statuses?.length) filter.status = { $in: f.statuses };
  if (f.to) filter.toKey = f.to.trim().toLowerCase();
  return { sort: NEWEST_FIRST, fetch: (window) => stores.outboxEmails.list(filter, NEWEST_FIRST, window) };
}
export { OUTBOX_STATUSES, type OutboxStatus } from '../../models/outbox-email';
