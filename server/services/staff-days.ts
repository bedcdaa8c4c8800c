// A staff member's days per school year, written safely under concurrency (no transactions):
// - the open year through its pair, one conditional $inc (as ever: never overdrawn however
//   many race), conditional on the open year being the one meant;
// - any other year, and moving the open year on, by compare-and-set on `capacityVersion`
//   (and the pair as read), retried from a fresh read when someone else wrote first.
// The arithmetic is the pure server/domain/year-capacity.ts.
import type { Types } from 'mongoose';
import type { ActorRecord } from '../models/common';
import { type SchoolYear, parseSchoolYearLabel, schoolYearOf } from '../domain/school-year';
import {
  type CapacityRecord,
  capacityIn,
  capacityRecordOf,
  commitInOtherYear,
  type DaysInYear,
  releaseInOtherYear,
  rollOverTo,
  type YearCapacity,
} from '../domain/year-capacity';
import { StaffMember } from '../models/staff-member';

export { capacityRecordOf };
import { recordAudit } from './audit';

/** Attempts at a compare-and-set before giving up (each loses only to a write that succeeded). */
const CAS_ATTEMPTS = 8;

type CapacityFields = {
  _id: Types.ObjectId;
  capacityYear?: string | null;
  capacityDays: number;
  remainingDays: number;
  otherYears?: unknown;
  capacityVersion?: number | null;
  createdAt?: Date | null;
};

const CAPACITY_PROJECTION = { capacityYear: 1, capacityDays: 1, remainingDays: 1, otherYears: 1, capacityVersion: 1, createdAt: 1, leftAt: 1 } as const;

/** A person's days in a school year (default: today's). */
export function staffCapacityIn(doc: Omit<CapacityFields, '_id'>, year: SchoolYear = schoolYearOf(new Date())): YearCapacity {
  return capacityIn(capacityRecordOf(doc), year);
}

async function readCapacity(staffId: Types.ObjectId | string): Promise<(CapacityFields & { leftAt?: Date | null }) | null> {
  return (await StaffMember.findById(staffId, CAPACITY_PROJECTION).lean()) as (CapacityFields & { leftAt?: Date | null }) | null;
}

/** The filter matching the record exactly as read: open year, pair and version. */
function asRead(doc: CapacityFields): Record<string, unknown> {
  return {
    _id: doc._id,
    capacityYear: doc.capacityYear ?? null,
    capacityDays: doc.capacityDays,
    remainingDays: doc.remainingDays,
    capacityVersion: doc.capacityVersion ?? { $in: [null, 0] },
  };
}

function setOf(next: CapacityRecord, doc: CapacityFields): Record<string, unknown> {
  return { capacityYear: next.capacityYear, capacityDays: next.capacityDays, remainingDays: next.remainingDays, otherYears: next.otherYears ?? {}, capacityVersion: (doc.capacityVersion ?? 0) + 1 };
}

export type RollResult = { rolled: true; from: string; to: string } | { rolled: false };

/**
 * Moves a person's open year on to `year` (archiving the old one; no year's figures change).
 * Idempotent: a person already there, or later, is left as they are.
 */
export async function rollStaffTo(staffId: Types.ObjectId | string, year: SchoolYear, actor: ActorRecord): Promise<RollResult> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const doc = await readCapacity(staffId);
    if (!doc) return { rolled: false };
    const record = capacityRecordOf(doc);
    const next = rollOverTo(record, year);
    if (!next) return { rolled: false };
    const set = { ...setOf(next, doc), updatedBy: actor };
    const written = await StaffMember.updateOne(asRead(doc), { $set: set });
    if (written.modifiedCount === 1) {
      await recordAudit('StaffMember', doc._id, 'SCHOOL_YEAR_OPENED', actor, { capacityYear: { from: record.capacityYear, to: year.label } });
      return { rolled: true, from: record.capacityYear, to: year.label };
    }
  }
  throw new Error(`staff ${String(staffId)}: the school year could not be moved on (the record kept changing)`);
}

/** Takes days in one year; false when the person lacks them there (or has left). */
async function takeIn(staffId: Types.ObjectId | string, year: SchoolYear, days: number): Promise<boolean> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const doc = await readCapacity(staffId);
    if (!doc || doc.leftAt) return false;
    const record = capacityRecordOf(doc);
    if (record.capacityYear === year.label) {
      // The open year: one conditional $inc, as before school years (not if they were marked
      // as left since). Its year as stored (absent on records from before school years).
      const taken = await StaffMember.updateOne(
        { _id: doc._id, capacityYear: doc.capacityYear ?? null, remainingDays: { $gte: days }, leftAt: null },
        { $inc: { remainingDays: -days } },
      );
      if (taken.modifiedCount === 1) return true;
      if (doc.remainingDays < days) return false;
      continue; // the open year moved meanwhile, or someone took days first: read again
    }
    const next = commitInOtherYear(record, year, days);
    if (!next) return false;
    const written = await StaffMember.updateOne({ ...asRead(doc), leftAt: null }, { $set: setOf(next, doc) });
    if (written.modifiedCount === 1) return true;
  }
  return false;
}

/** Gives days back in one year (the open year's pair, or the year's entry). */
async function giveBackIn(staffId: Types.ObjectId | string, year: SchoolYear, days: number): Promise<void> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const doc = await readCapacity(staffId);
    if (!doc) return;
    const record = capacityRecordOf(doc);
    if (record.capacityYear === year.label) {
      const given = await StaffMember.updateOne({ _id: doc._id, capacityYear: doc.capacityYear ?? null }, { $inc: { remainingDays: days } });
      if (given.modifiedCount === 1) return;
      continue; // the open year moved on meanwhile: read again
    }
    const written = await StaffMember.updateOne(asRead(doc), { $set: setOf(releaseInOtherYear(record, year, days), doc) });
    if (written.modifiedCount === 1) return;
  }
  throw new Error(`staff ${String(staffId)}: days could not be given back to ${year.label} (the record kept changing)`);
}

function yearOf(label: string): SchoolYear {
  const year = parseSchoolYearLabel(label);
  if (!year) throw new RangeError(`not a school year: ${label}`);
  return year;
}

/**
 * Takes a deployment's days from each year they fall in, all or none: a part that cannot be
 * taken gives back the parts already taken. The person's open year is first moved on to
 * today's (a person not yet rolled over), so the open year's fast path serves this year.
 */
export async function reserveStaffDays(staffId: Types.ObjectId | string, parts: readonly DaysInYear[], actor: ActorRecord, now = new Date()): Promise<boolean> {
  await rollStaffTo(staffId, schoolYearOf(now), actor);
  const taken: DaysInYear[] = [];
  for (const part of parts) {
    if (!(await takeIn(staffId, yearOf(part.schoolYear), part.days))) {
      for (const back of taken) await giveBackIn(staffId, yearOf(back.schoolYear), back.days);
      return false;
    }
    taken.push(part);
  }
  return true;
}

/** Gives a deployment's days back to the years they were taken from. */
export async function releaseStaffDays(staffId: Types.ObjectId | string, parts: readonly DaysInYear[]): Promise<void> {
  for (const part of parts) await giveBackIn(staffId, yearOf(part.schoolYear), part.days);
}
