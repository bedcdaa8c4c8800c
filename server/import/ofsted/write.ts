// Writes a checked plan: one update per school in commands of at most 20 (FerretDB,
// server/db/ferretdb-limits.ts, via the GIAS import's bulk.ts), one audit entry per school
// changed, then the
// priority of those schools' live needs recomputed and running servers told
// (write-epoch.ts) so their in-process copies reload.
import { recordExternalWrites } from '../../db/write-epoch';
import { Academy } from '../../models/academy';
import { AuditEntry } from '../../models/audit-entry';
import type { ActorRecord } from '../../models/common';
import { refreshAllPriorities, refreshPrioritiesForAcademy } from '../../services/need-priority';
import { tolerantBulkWrite } from '../gias/bulk';
import type { AcademyUpdate } from './plan';

const PER_SCHOOL_REFRESH_LIMIT = 20;

export interface WriteOutcome {
  notApplied: { line: number; urn: string }[];
  prioritiesRefreshed: number;
}

export async function writePlan(updates: readonly AcademyUpdate[], actor: ActorRecord, now: Date): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { notApplied: [], prioritiesRefreshed: 0 };
  if (!updates.length) return outcome;
  const applied: AcademyUpdate[] = [];
  try {
    // By _id alone: FerretDB 1.x uses its _id index only for a filter holding nothing else
    // (BENCHMARKS.md, staff import). Only the inspection fields are set, so a concurrent edit
    // of anything else is never lost; a concurrent change of the rating itself is audited too.
    const ops = updates.map((u) => ({ updateOne: { filter: { _id: u.academy._id }, update: { $set: { ...u.set, updatedBy: actor } } } }));
    const result = await tolerantBulkWrite(Academy, ops);
    updates.forEach((u, i) => (result.failed.has(i) ? outcome.notApplied.push({ line: u.line, urn: u.urn }) : applied.push(u)));
  } finally {
    const audits = applied.map((u) => ({ entityType: 'Academy', entityId: u.academy._id, action: 'OFSTED_IMPORTED', actor, at: now, changes: u.changes }));
    for (let i = 0; i < audits.length; i += 1000) await AuditEntry.collection.insertMany(audits.slice(i, i + 1000), { ordered: false });
    // A few schools: their needs only. Many (a national file on a national database): one pass
    // over every live need beats a filtered read per school, which FerretDB answers by a scan.
    if (applied.length > PER_SCHOOL_REFRESH_LIMIT) outcome.prioritiesRefreshed = await refreshAllPriorities(now);
    else for (const u of applied) outcome.prioritiesRefreshed += await refreshPrioritiesForAcademy(u.academy._id.toString(), now);
    await recordExternalWrites(['academies', 'improvementNeeds']).catch(() => undefined);
  }
  return outcome;
}
