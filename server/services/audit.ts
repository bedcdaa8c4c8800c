// Append-only audit trail: who changed what, when.
import type { Types } from 'mongoose';
import { AuditEntry, type AuditedEntityType } from '../models/audit-entry';
import type { ActorRecord } from '../models/common';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export async function recordAudit(
  entityType: AuditedEntityType,
  entityId: Types.ObjectId | string,
  action: string,
  actor: ActorRecord,
  changes: FieldChanges = {},
): Promise<void> {
  await AuditEntry.create({ entityType, entityId, action, actor, at: new Date(), changes });
}

/** Field-by-field difference of the given keys, comparing by JSON form (dates, ids, arrays). */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>, keys: readonly string[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of keys) {
    const from = before ? normalise(before[key]) : null;
    const to = normalise(after[key]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
