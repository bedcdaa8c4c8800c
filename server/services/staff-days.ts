// A staff member's days per school year: the shared writer (year-days.ts) on a staff
// record's fields. Days are taken only from someone in post (not marked as left).
import { stores } from '../db/store';
import type { Types } from 'mongoose';
import type { ActorRecord } from '../models/common';
import { type SchoolYear, schoolYearOf } from '../domain/school-year';
import { capacityIn, capacityRecordOf, type DaysInYear, type YearCapacity } from '../domain/year-capacity';
import { StaffMember } from '../models/staff-member';
import { releaseDays, reserveDays, rollTo, type RollResult, type YearDaysHolder } from './year-days';

export { capacityRecordOf };
export type { RollResult };

const STAFF_DAYS: YearDaysHolder = {
  model: StaffMember,
  store: stores.staff,
  auditType: 'StaffMember',
  what: 'staff',
  fields: { year: 'capacityYear', offered: 'capacityDays', left: 'remainingDays', others: 'otherYears', version: 'capacityVersion' },
  takeOnlyIf: { leftAt: null },
  mayTake: (doc) => !doc.leftAt,
  extraProjection: { leftAt: 1 },
};

/** A person's days in a school year (default: today's). */
export function staffCapacityIn(
  doc: { capacityYear?: string | null; capacityDays: number; remainingDays: number; otherYears?: unknown },
  year: SchoolYear = schoolYearOf(new Date()),
): YearCapacity {
  return capacityIn(capacityRecordOf(doc), year);
}

/**
 * Moves a person's open year on to `year` (archiving the old one; no year's figures change).
 * Idempotent: a person already there, or later, is left as they are.
 */
export function rollStaffTo(staffId: Types.ObjectId | string, year: SchoolYear, actor: ActorRecord): Promise<RollResult> {
  return rollTo(STAFF_DAYS, staffId, year, actor);
}

/** Takes a deployment's days from each year they fall in, all or none (false: lacking, or left). */
export function reserveStaffDays(staffId: Types.ObjectId | string, parts: readonly DaysInYear[], actor: ActorRecord, now = new Date()): Promise<boolean> {
  return reserveDays(STAFF_DAYS, staffId, parts, actor, now);
}

/** Gives a deployment's days back to the years they were taken from. */
export function releaseStaffDays(staffId: Types.ObjectId | string, parts: readonly DaysInYear[]): Promise<void> {
  return releaseDays(STAFF_DAYS, staffId, parts);
}
