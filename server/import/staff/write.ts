// Writes a checked plan: new people in one insert per 1,000, changed people in commands of at
// most 20 updates (FerretDB, server/db/ferretdb-limits.ts, via the GIAS import's bulk.ts),
// flags on people a full-trust file no longer lists, and one audit entry per person changed,
// recorded as the import's actor. A running server is told (write-epoch.ts) so its
// in-process copies reload the staff.
import { Types } from 'mongoose';
import { AuditEntry } from '../../models/audit-entry';
import type { ActorRecord } from '../../models/common';
import { StaffMember } from '../../models/staff-member';
import { diffFields, type FieldChanges } from '../../services/audit';
import { rollStaffTo } from '../../services/staff-days';
import { schoolYearOf } from '../../domain/school-year';
import { recordExternalWrites } from '../../db/write-epoch';
import { tolerantBulkWrite } from '../gias/bulk';
import type { ImportPlan, StaffUpdate } from './compare';

const INSERTS_PER_COMMAND = 1000;
const CREATED_FIELDS = ['name', 'email', 'role', 'homeAcademyId', 'designations', 'expertise', 'capacityDays', 'maxTravelKm', 'safeguardingCheckExpiresOn', 'availability'] as const;

export interface WriteOutcome {
  notApplied: { line: number; email: string; reason: string }[];
  /** New people not inserted (someone added the email meanwhile). */
  insertsRefused: number;
  /** Updates that changed nothing in the end (only a capacity cut, undone). */
  updatesUndone: number;
}

interface AuditDoc {
  entityType: 'StaffMember';
  entityId: Types.ObjectId;
  action: string;
  actor: ActorRecord;
  at: Date;
  changes: FieldChanges;
}

export async function writePlan(plan: ImportPlan, actor: ActorRecord, now: Date): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { notApplied: [], insertsRefused: 0, updatesUndone: 0 };
  const audits: AuditDoc[] = [];
  const audit = (entityId: Types.ObjectId, action: string, changes: FieldChanges) => audits.push({ entityType: 'StaffMember', entityId, action, actor, at: now, changes });
  try {
    await insertPeople(plan, actor, now, outcome, audit);
    await updatePeople(plan.updates, actor, now, outcome, audit);
    await flagMissing(plan, actor, now, audit);
  } finally {
    // Whatever was written is audited and announced, even when a later step failed.
    for (let i = 0; i < audits.length; i += INSERTS_PER_COMMAND) await AuditEntry.collection.insertMany(audits.slice(i, i + INSERTS_PER_COMMAND), { ordered: false });
    // A failure here must not hide the one that stopped the writes (if any).
    await recordExternalWrites(['staffMembers']).catch(() => undefined);
  }
  return outcome;
}

async function insertPeople(plan: ImportPlan, actor: ActorRecord, now: Date, outcome: WriteOutcome, audit: (id: Types.ObjectId, action: string, changes: FieldChanges) => void) {
  // Written through the driver, so the model's defaults do not apply: the file's days are this school year's.
  const capacity = { capacityYear: schoolYearOf(now).label, otherYears: {}, capacityVersion: 0 };
  const docs = plan.inserts.map(({ doc }) => ({ _id: new Types.ObjectId(), ...doc, ...capacity, createdBy: actor, updatedBy: actor, createdAt: now, updatedAt: now }));
  // row.ts applies the model's rules; the first record guards the two against drifting apart
  // (every record has the same shape). Not each: a mongoose document costs 2.5 ms to validate
  // on the loaded bench machine, half the import's time.
  const invalid = docs[0] && new StaffMember(docs[0]).validateSync();
  if (invalid) throw new Error(`staff import produced a record the model refuses (${invalid.message}); this is a bug`);
  for (let start = 0; start < docs.length; start += INSERTS_PER_COMMAND) {
    const chunk = docs.slice(start, start + INSERTS_PER_COMMAND);
    const failed = new Set<number>();
    try {
      await StaffMember.collection.insertMany(chunk, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] | { index: number; code?: number } }).writeErrors;
      if (!writeErrors) throw error;
      for (const writeError of ([] as { index: number; code?: number }[]).concat(writeErrors)) {
        if (writeError.code !== 11000) throw error;
        failed.add(writeError.index);
      }
    }
    chunk.forEach((doc, index) => {
      const row = plan.inserts[start + index]!.row;
      if (failed.has(index)) {
        outcome.insertsRefused += 1;
        outcome.notApplied.push({ line: row.line, email: row.email, reason: 'someone added a person with this email while the import ran; re-run the import to update them' });
      } else audit(doc._id, 'IMPORTED', diffFields(null, doc, CREATED_FIELDS));
    });
  }
}

async function updatePeople(updates: readonly StaffUpdate[], actor: ActorRecord, now: Date, outcome: WriteOutcome, audit: (id: Types.ObjectId, action: string, changes: FieldChanges) => void) {
  if (!updates.length) return;
  // Filters on _id alone: FerretDB 1.x looks a document up by its _id index only when the
  // filter holds nothing else, and scans the whole collection otherwise (measured: 210 ms an
  // update at 1,000 staff under load, against 1-2 ms). So capacity is not compared-and-set
  // but moved by an increment of both fields, which commutes with reservations made meanwhile.
  // A file's capacityDays is this school year's offer: anyone whose record is still in an
  // earlier year is moved on first (their last year archived as it stood; staff-days.ts).
  const thisYear = schoolYearOf(now);
  for (const u of updates) if (u.capacityDelta) await rollStaffTo(u.id, thisYear, actor);
  const ops = updates.map((u) => ({
    updateOne: {
      filter: { _id: u.id },
      update: { $set: { ...u.set, updatedBy: actor, updatedAt: now }, ...(u.capacityDelta ? { $inc: { capacityDays: u.capacityDelta, remainingDays: u.capacityDelta } } : {}) },
    },
  }));
  await tolerantBulkWrite(StaffMember.collection, ops);
  // A cut in capacity that days reserved since the comparison no longer leave room for would
  // overcommit the person: put those capacities back (the other fields stand) and report them.
  const cuts = updates.filter((u) => u.capacityDelta < 0);
  const overcommitted = new Set<string>();
  if (cuts.length) {
    const current = await StaffMember.collection.find({ _id: { $in: cuts.map((u) => u.id) } }, { projection: { remainingDays: 1 } }).toArray();
    for (const doc of current) if ((doc.remainingDays as number) < 0) overcommitted.add(String(doc._id));
    const undo = cuts.filter((u) => overcommitted.has(u.id.toString()));
    await tolerantBulkWrite(StaffMember.collection, undo.map((u) => ({ updateOne: { filter: { _id: u.id }, update: { $inc: { capacityDays: -u.capacityDelta, remainingDays: -u.capacityDelta } } } })));
  }
  for (const u of updates) {
    if (!overcommitted.has(u.id.toString())) {
      audit(u.id, 'UPDATED', u.changes);
      continue;
    }
    const { capacityDays: _kept, ...applied } = u.changes;
    if (Object.keys(applied).length) audit(u.id, 'UPDATED', applied);
    else outcome.updatesUndone += 1;
    outcome.notApplied.push({ line: u.row.line, email: u.row.email, reason: 'capacityDays not changed: days were reserved for deployments while the import ran (the other fields were updated); re-run the import' });
  }
}

async function flagMissing(plan: ImportPlan, actor: ActorRecord, now: Date, audit: (id: Types.ObjectId, action: string, changes: FieldChanges) => void) {
  const toFlag = plan.missing.filter((m) => !m.alreadyFlagged);
  if (!toFlag.length) return;
  // One statement for all of them: FerretDB's limit is on statements per command, not documents.
  await StaffMember.collection.updateMany(
    { _id: { $in: toFlag.map((m) => m.id) }, missingFromImportSince: null },
    { $set: { missingFromImportSince: now, updatedBy: actor, updatedAt: now } },
  );
  for (const person of toFlag) audit(person.id, 'FLAGGED_MISSING_FROM_IMPORT', { missingFromImportSince: { from: null, to: now.toISOString() } });
}
