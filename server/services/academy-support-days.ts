// A school's whole-school support days per school year, under the same rules as a person's
// days (docs/school-year.md): the shared writer (year-days.ts) on an academy's support fields.
import { stores } from '../db/store';
import type { Types } from 'mongoose';
import type { ActorRecord } from '../models/common';
import { type SchoolYear, schoolYearOf } from '../domain/school-year';
import { capacityIn, type DaysInYear, supportCapacityRecordOf, type YearCapacity } from '../domain/year-capacity';
import { Academy } from '../models/academy';
import { releaseDays, reserveDays, rollTo, type RollResult, type YearDaysHolder } from './year-days';

const ACADEMY_SUPPORT_DAYS: YearDaysHolder = {
  model: Academy,
  store: stores.academies,
  auditType: 'Academy',
  what: 'academy',
  fields: { year: 'supportCapacityYear', offered: 'supportCapacityDays', left: 'supportRemainingDays', others: 'supportOtherYears', version: 'supportCapacityVersion' },
};

/** A school's whole-school support days in a school year (default: today's). */
export function academySupportIn(doc: Parameters<typeof supportCapacityRecordOf>[0], year: SchoolYear = schoolYearOf(new Date())): YearCapacity {
  return capacityIn(supportCapacityRecordOf(doc), year);
}

/** Moves a school's open support year on to `year` (archiving the old one; no year's figures change). Idempotent. */
export function rollAcademySupportTo(academyId: Types.ObjectId | string, year: SchoolYear, actor: ActorRecord): Promise<RollResult> {
  return rollTo(ACADEMY_SUPPORT_DAYS, academyId, year, actor);
}

/** Takes a deployment's days from each year they fall in, all or none (false: the school lacks them). */
export function reserveAcademySupportDays(academyId: Types.ObjectId | string, parts: readonly DaysInYear[], actor: ActorRecord, now = new Date()): Promise<boolean> {
  return reserveDays(ACADEMY_SUPPORT_DAYS, academyId, parts, actor, now);
}

/** Gives a deployment's days back to the years they were taken from. */
export function releaseAcademySupportDays(academyId: Types.ObjectId | string, parts: readonly DaysInYear[]): Promise<void> {
  return releaseDays(ACADEMY_SUPPORT_DAYS, academyId, parts);
}
