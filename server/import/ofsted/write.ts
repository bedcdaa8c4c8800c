// Writes a checked plan: one update per school in commands of at most 20 (FerretDB,
// server/db/ferretdb-limits.ts, via the GIAS import's bulk.ts), each only if the school is
// unchanged since it was read (its updatedAt), one audit entry per school changed, then the
// priority of those schools' live needs recomputed and running servers told
// (write-epoch.ts) so their in-process copies reload.
import { recordExternalWrites } from '../../db/write-epoch';
import { Academy } from '../../models/academy';
import { AuditEntry } from '../../models/audit-entry';
import type { ActorRecord } from '../../models/common';
import { refreshPrioritiesForAcademy } from '../../services/need-priority';
import { tolerantBulkWrite } from '../gias/bulk';
import type { AcademyUpdate } from './plan';

export interface WriteOutcome {
  notApplied: { line: number; urn: string }[];
  prioritiesRefreshed: number;
}

export async function writePlan(updates: readonly AcademyUpdate[], actor: ActorRecord, now: Date): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { notApplied: [], prioritiesRefreshed: 0 };
  if (!updates.length) return outcome;
  const applied: AcademyUpdate[] = [];
  try {
    const ops = updates.map((u) => ({
      // timestamps: false, or mongoose stamps its own updatedAt over `now`, which tells this run's writes apart below.
      updateOne: { filter: { _id: u.academy._id, updatedAt: u.academy.updatedAt }, update: { $set: { ...u.set, updatedBy: actor, updatedAt: now } }, timestamps: false },
    }));
    const result = await tolerantBulkWrite(Academy, ops);
    // An update matching nothing: the school changed (or went) since it was read.
    const matched = await Academy.find({ _id: { $in: updates.map((u) => u.academy._id) } }, { updatedAt: 1 }).lean();
    const writtenNow = new Set(matched.filter((a) => a.updatedAt?.getTime() === now.getTime()).map((a) => a._id.toString()));
    updates.forEach((u, i) => {
      if (!result.failed.has(i) && writtenNow.has(u.academy._id.toString())) applied.push(u);
      else outcome.notApplied.push({ line: u.line, urn: u.urn });
    });
  } finally {
    const audits = applied.map((u) => ({ entityType: 'Academy', entityId: u.academy._id, action: 'OFSTED_IMPORTED', actor, at: now, changes: u.changes }));
    for (let i = 0; i < audits.length; i += 1000) await AuditEntry.collection.insertMany(audits.slice(i, i + 1000), { ordered: false });
    for (const u of applied) outcome.prioritiesRefreshed += await refreshPrioritiesForAcademy(u.academy._id.toString(), now);
    await recordExternalWrites(['academies', 'improvementNeeds']).catch(() => undefined);
  }
  return outcome;
}
