// Days per school year, written safely under concurrency (no transactions), for any record
// that keeps them as an open year's pair plus other years (a person's capacity, a school's
// whole-school support days):
// - the open year through its pair, one conditional $inc (as ever: never overdrawn however
//   many race), conditional on the open year being the one meant;
// - any other year, and moving the open year on, by compare-and-set on the version field
//   (and the pair as read), retried from a fresh read when someone else wrote first.
// The arithmetic is the pure server/domain/year-capacity.ts; a holder only names the fields.
import type { Store } from '../db/store';
import type { Model, Types } from 'mongoose';
import type { ActorRecord } from '../models/common';
import type { AuditedEntityType } from '../models/audit-entry';
import { type SchoolYear, parseSchoolYearLabel, schoolYearOf } from '../domain/school-year';
import { type CapacityRecord, commitInOtherYear, type DaysInYear, releaseInOtherYear, rollOverTo } from '../domain/year-capacity';
import { recordAudit } from './audit';

/** Attempts at a compare-and-set before giving up (each loses only to a write that succeeded). */
const CAS_ATTEMPTS = 8;

/** Where a kind of record keeps its days per year. */
export interface YearDaysHolder {
  /** Writes go to the model; reads, which decide them, to the store's `fresh` (the database). */
  model: Model<any>;
  store: Store<any>;
  auditType: AuditedEntityType;
  /** For messages ("staff", "academy"). */
  what: string;
  fields: { year: string; offered: string; left: string; others: string; version: string };
  /** Days may be taken only while the record matches this too (staff: in post). */
  takeOnlyIf?: Record<string, unknown>;
  /** The same condition, on a record as read. */
  mayTake?: (doc: Record<string, unknown>) => boolean;
  /** Extra fields to read for mayTake. */
  extraProjection?: Record<string, 1>;
}

type Stored = Record<string, unknown> & { _id: Types.ObjectId };

function recordOf(holder: YearDaysHolder, doc: Stored): CapacityRecord {
  const f = holder.fields;
  return {
    capacityYear: (doc[f.year] as string | null | undefined) ?? schoolYearOf(new Date()).label,
    capacityDays: (doc[f.offered] as number | undefined) ?? 0,
    remainingDays: (doc[f.left] as number | undefined) ?? 0,
    otherYears: (doc[f.others] as CapacityRecord['otherYears']) ?? {},
  };
}

async function read(holder: YearDaysHolder, id: Types.ObjectId | string): Promise<Stored | null> {
  const f = holder.fields;
  const projection: Record<string, 1> = { [f.year]: 1, [f.offered]: 1, [f.left]: 1, [f.others]: 1, [f.version]: 1, ...holder.extraProjection };
  const [doc] = await holder.store.fresh.find({ _id: id }, { projection, limit: 1 });
  return (doc as Stored | undefined) ?? null;
}

/** The filter matching the record exactly as read: open year, pair and version. */
function asRead(holder: YearDaysHolder, doc: Stored): Record<string, unknown> {
  const f = holder.fields;
  return {
    _id: doc._id,
    [f.year]: doc[f.year] ?? null,
    [f.offered]: doc[f.offered] ?? 0,
    [f.left]: doc[f.left] ?? 0,
    [f.version]: doc[f.version] ?? { $in: [null, 0] },
  };
}

function setOf(holder: YearDaysHolder, next: CapacityRecord, doc: Stored): Record<string, unknown> {
  const f = holder.fields;
  return {
    [f.year]: next.capacityYear,
    [f.offered]: next.capacityDays,
    [f.left]: next.remainingDays,
    [f.others]: next.otherYears ?? {},
    [f.version]: ((doc[f.version] as number | null | undefined) ?? 0) + 1,
  };
}

export type RollResult = { rolled: true; from: string; to: string } | { rolled: false };

/**
 * Moves a record's open year on to `year` (archiving the old one; no year's figures change).
 * Idempotent: a record already there, or later, is left as it is. Audited as SCHOOL_YEAR_OPENED.
 */
export async function rollTo(holder: YearDaysHolder, id: Types.ObjectId | string, year: SchoolYear, actor: ActorRecord): Promise<RollResult> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const doc = await read(holder, id);
    if (!doc) return { rolled: false };
    const record = recordOf(holder, doc);
    const next = rollOverTo(record, year);
    if (!next) return { rolled: false };
    const written = await holder.model.updateOne(asRead(holder, doc), { $set: { ...setOf(holder, next, doc), updatedBy: actor } });
    if (written.modifiedCount === 1) {
      await recordAudit(holder.auditType, doc._id, 'SCHOOL_YEAR_OPENED', actor, { [holder.fields.year]: { from: record.capacityYear, to: year.label } });
      return { rolled: true, from: record.capacityYear, to: year.label };
    }
  }
  throw new Error(`${holder.what} ${String(id)}: the school year could not be moved on (the record kept changing)`);
}

/** Takes days in one year; false when the record lacks them there (or may not give them). */
async function takeIn(holder: YearDaysHolder, id: Types.ObjectId | string, year: SchoolYear, days: number): Promise<boolean> {
  const f = holder.fields;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const doc = await read(holder, id);
    if (!doc || (holder.mayTake && !holder.mayTake(doc))) return false;
    const record = recordOf(holder, doc);
    if (record.capacityYear === year.label) {
      // The open year: one conditional $inc, as before school years. Its year as stored
      // (absent on records from before school years).
      const taken = await holder.model.updateOne({ _id: doc._id, [f.year]: doc[f.year] ?? null, [f.left]: { $gte: days }, ...holder.takeOnlyIf }, { $inc: { [f.left]: -days } });
      if (taken.modifiedCount === 1) return true;
      if (record.remainingDays < days) return false;
      continue; // the open year moved meanwhile, or someone took days first: read again
    }
    const next = commitInOtherYear(record, year, days);
    if (!next) return false;
    const written = await holder.model.updateOne({ ...asRead(holder, doc), ...holder.takeOnlyIf }, { $set: setOf(holder, next, doc) });
    if (written.modifiedCount === 1) return true;
  }
  return false;
}

/** Gives days back in one year (the open year's pair, or the year's entry). */
async function giveBackIn(holder: YearDaysHolder, id: Types.ObjectId | string, year: SchoolYear, days: number): Promise<void> {
  const f = holder.fields;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const doc = await read(holder, id);
    if (!doc) return;
    const record = recordOf(holder, doc);
    if (record.capacityYear === year.label) {
      const given = await holder.model.updateOne({ _id: doc._id, [f.year]: doc[f.year] ?? null }, { $inc: { [f.left]: days } });
      if (given.modifiedCount === 1) return;
      continue; // the open year moved on meanwhile: read again
    }
    const written = await holder.model.updateOne(asRead(holder, doc), { $set: setOf(holder, releaseInOtherYear(record, year, days), doc) });
    if (written.modifiedCount === 1) return;
  }
  throw new Error(`${holder.what} ${String(id)}: days could not be given back to ${year.label} (the record kept changing)`);
}

function yearOf(label: string): SchoolYear {
  const year = parseSchoolYearLabel(label);
  if (!year) throw new RangeError(`not a school year: ${label}`);
  return year;
}

/**
 * Takes a deployment's days from each year they fall in, all or none: a part that cannot be
 * taken gives back the parts already taken. The record's open year is first moved on to
 * today's (one not yet rolled over), so the open year's fast path serves this year.
 */
export async function reserveDays(holder: YearDaysHolder, id: Types.ObjectId | string, parts: readonly DaysInYear[], actor: ActorRecord, now = new Date()): Promise<boolean> {
  await rollTo(holder, id, schoolYearOf(now), actor);
  const taken: DaysInYear[] = [];
  for (const part of parts) {
    if (!(await takeIn(holder, id, yearOf(part.schoolYear), part.days))) {
      for (const back of taken) await giveBackIn(holder, id, yearOf(back.schoolYear), back.days);
      return false;
    }
    taken.push(part);
  }
  return true;
}

/** Gives a deployment's days back to the years they were taken from. */
export async function releaseDays(holder: YearDaysHolder, id: Types.ObjectId | string, parts: readonly DaysInYear[]): Promise<void> {
  for (const part of parts) await giveBackIn(holder, id, yearOf(part.schoolYear), part.days);
}
