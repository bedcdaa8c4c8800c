// The audit trail of one record.
import type { Viewer } from '../../auth/viewer';
import { type AuditDoc, stores } from '../../db/store';
import { isRecordId } from '../../domain/ids';

/** The most recent `first` entries about the record, newest first (none for an id that names nothing). */
export async function historyOf(_viewer: Viewer, entityId: string, first: number): Promise<AuditDoc[]> {
  if (!isRecordId(entityId)) return [];
  return stores.auditEntries.find({ entityId }, { sort: { at: -1, _id: -1 }, limit: first });
}
