// A person's days, per school year. Pure: plain records in, plain records out.
//
// How a staff record holds them (server/models/staff-member.ts):
// - the OPEN year (`capacityYear`) is the pair the service has always had: `capacityDays`
//   offered and `remainingDays` left, reserved with one conditional $inc, indexed for the
//   rankings' pre-filter;
// - `capacityDays` is also the person's STANDING OFFER: what they give in any later year;
// - `otherYears` holds every other year that has something to say, by `yearKey`:
//   days committed in a later year (a deployment in next year's autumn), and, for a year
//   that was closed by a rollover, what was offered in it (frozen from then on).
//
// So a year never opened needs no write to exist: its capacity is the standing offer minus
// what is already committed in it. Rolling over (`rollOverTo`) only moves the open year
// forward, archiving the old pair; it changes no year's figures, which the property tests
// hold it to.
import { type SchoolYear, schoolYearOf } from './school-year';

export interface OtherYear {
  /** Days reserved in that year by deployments. */
  committed: number;
  /** What was offered in a year closed by a rollover; absent for a year not yet opened. */
  offered?: number | null;
}

export interface CapacityRecord {
  /** The open year's label ("2026/27"). */
  capacityYear: string;
  /** Offered in the open year, and the standing offer for later years. */
  capacityDays: number;
  /** Left in the open year. */
  remainingDays: number;
  /** Other years, by yearKey (absent or empty: none). */
  otherYears?: Record<string, OtherYear> | null;
}

export interface YearCapacity {
  schoolYear: string;
  offered: number;
  committed: number;
  left: number;
}

/** The key of a year in `otherYears` (a plain field name, no "/" or "."). */
export function yearKey(year: Pick<SchoolYear, 'startYear'>): string {
  return `y${year.startYear}`;
}

function startYearOfLabel(label: string): number {
  return Number(label.slice(0, 4));
}

/** The capacity fields of a stored staff record (a record from before school years: its open year is today's). */
export function capacityRecordOf(
  doc: { capacityYear?: string | null; capacityDays: number; remainingDays: number; otherYears?: unknown },
  today = new Date(),
): CapacityRecord {
  return {
    capacityYear: doc.capacityYear ?? schoolYearOf(today).label,
    capacityDays: doc.capacityDays,
    remainingDays: doc.remainingDays,
    otherYears: (doc.otherYears as CapacityRecord['otherYears']) ?? {},
  };
}

/**
 * A school's whole-school support days as the same kind of record (the same rules as a
 * person's days): open year `supportCapacityYear`, pair `supportCapacityDays` and
 * `supportRemainingDays`, other years `supportOtherYears`. A record from before school
 * years: its open year is today's.
 */
export function supportCapacityRecordOf(
  doc: { supportCapacityYear?: string | null; supportCapacityDays?: number | null; supportRemainingDays?: number | null; supportOtherYears?: unknown },
  today = new Date(),
): CapacityRecord {
  return {
    capacityYear: doc.supportCapacityYear ?? schoolYearOf(today).label,
    capacityDays: doc.supportCapacityDays ?? 0,
    remainingDays: doc.supportRemainingDays ?? 0,
    otherYears: (doc.supportOtherYears as CapacityRecord['otherYears']) ?? {},
  };
}

/** A person's days in a school year, whether or not it has been opened. */
export function capacityIn(record: CapacityRecord, year: SchoolYear): YearCapacity {
  if (year.label === record.capacityYear) {
    return { schoolYear: year.label, offered: record.capacityDays, committed: record.capacityDays - record.remainingDays, left: record.remainingDays };
  }
  const entry = record.otherYears?.[yearKey(year)];
  const committed = entry?.committed ?? 0;
  // Before the open year only what a rollover archived counts (nothing: no record then);
  // after it, the standing offer, until that year is opened.
  const standing = year.startYear > startYearOfLabel(record.capacityYear) ? record.capacityDays : 0;
  const offered = entry?.offered ?? standing;
  return { schoolYear: year.label, offered, committed, left: Math.max(0, offered - committed) };
}

/**
 * The record with `year` as its open year: the old open year archived with what it offered
 * and committed, years skipped over frozen at the standing offer, the new year's pair from
 * the standing offer less what is already committed in it. Null when the record's open
 * year is already `year` or later (rolling over is idempotent and never goes back).
 */
export function rollOverTo(record: CapacityRecord, year: SchoolYear): CapacityRecord | null {
  const openStart = startYearOfLabel(record.capacityYear);
  if (year.startYear <= openStart) return null;
  const otherYears: Record<string, OtherYear> = { ...(record.otherYears ?? {}) };
  otherYears[yearKey({ startYear: openStart })] = { offered: record.capacityDays, committed: record.capacityDays - record.remainingDays };
  for (let start = openStart + 1; start < year.startYear; start += 1) {
    const key = yearKey({ startYear: start });
    otherYears[key] = { offered: otherYears[key]?.offered ?? record.capacityDays, committed: otherYears[key]?.committed ?? 0 };
  }
  const arriving = otherYears[yearKey(year)];
  delete otherYears[yearKey(year)];
  const offered = arriving?.offered ?? record.capacityDays;
  return {
    capacityYear: year.label,
    capacityDays: offered,
    remainingDays: Math.max(0, offered - (arriving?.committed ?? 0)),
    otherYears,
  };
}

/** The record with `days` more committed in a year other than the open one, or null when it lacks them. */
export function commitInOtherYear(record: CapacityRecord, year: SchoolYear, days: number): CapacityRecord | null {
  if (year.label === record.capacityYear) throw new RangeError('the open year is reserved through its remainingDays');
  if (capacityIn(record, year).left < days) return null;
  const key = yearKey(year);
  const entry = record.otherYears?.[key];
  return { ...record, otherYears: { ...(record.otherYears ?? {}), [key]: { ...entry, committed: (entry?.committed ?? 0) + days } } };
}

/** The record with `days` given back in a year other than the open one (never below nothing committed). */
export function releaseInOtherYear(record: CapacityRecord, year: SchoolYear, days: number): CapacityRecord {
  if (year.label === record.capacityYear) throw new RangeError('the open year is released through its remainingDays');
  const key = yearKey(year);
  const entry = record.otherYears?.[key];
  return { ...record, otherYears: { ...(record.otherYears ?? {}), [key]: { ...entry, committed: Math.max(0, (entry?.committed ?? 0) - days) } } };
}

/** The most days committed in any year after the open one that still follows the standing offer. */
export function mostCommittedAhead(record: CapacityRecord): number {
  const openStart = startYearOfLabel(record.capacityYear);
  let most = 0;
  for (const [key, entry] of Object.entries(record.otherYears ?? {})) {
    if (Number(key.slice(1)) > openStart && entry.offered == null) most = Math.max(most, entry.committed);
  }
  return most;
}

/**
 * The school year a need's support is for: the year its window starts in, or today's when
 * it has no start or the start has passed (support arranged now happens from now).
 */
export function needSchoolYear(windowStart: Date | null | undefined, today: Date): SchoolYear {
  return schoolYearOf(windowStart && windowStart.getTime() > today.getTime() ? windowStart : today);
}

export interface DaysInYear {
  schoolYear: string;
  days: number;
}

const DAY_MS = 86_400_000;

function isWeekday(day: Date): boolean {
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * Which school years a deployment's days are taken from. With both dates: spread over the
 * years by the weekdays (Monday to Friday) of the span each year holds, pro rata, whole days
 * by largest remainder (a tie goes to the earlier year); a span of weekend days only is
 * spread by calendar days. With one date: all in that date's year. With none: all in
 * `fallback` (the year of the need). The days always add up to `days`.
 */
export function deploymentDaysByYear(days: number, startDate: Date | null | undefined, endDate: Date | null | undefined, fallback: SchoolYear): DaysInYear[] {
  if (!startDate || !endDate) {
    const only = startDate ?? endDate;
    return [{ schoolYear: (only ? schoolYearOf(only) : fallback).label, days }];
  }
  const first = schoolYearOf(startDate);
  const last = schoolYearOf(endDate);
  if (first.startYear === last.startYear) return [{ schoolYear: first.label, days }];
  const weights: { year: SchoolYear; weekdays: number; calendar: number }[] = [];
  for (let start = first.startYear; start <= last.startYear; start += 1) {
    const year = schoolYearOf(new Date(Date.UTC(start, 8, 1)));
    const from = Math.max(year.start.getTime(), startDate.getTime());
    const to = Math.min(year.end.getTime(), endDate.getTime());
    let weekdays = 0;
    for (let t = from; t <= to; t += DAY_MS) if (isWeekday(new Date(t))) weekdays += 1;
    weights.push({ year, weekdays, calendar: Math.floor((to - from) / DAY_MS) + 1 });
  }
  const useWeekdays = weights.some((w) => w.weekdays > 0);
  const weightOf = (w: (typeof weights)[number]) => (useWeekdays ? w.weekdays : w.calendar);
  const total = weights.reduce((sum, w) => sum + weightOf(w), 0);
  const shares = weights.map((w, index) => {
    const exact = (days * weightOf(w)) / total;
    return { index, whole: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = days - shares.reduce((sum, s) => sum + s.whole, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (left === 0) break;
    share.whole += 1;
    left -= 1;
  }
  return shares.filter((s) => s.whole > 0).map((s) => ({ schoolYear: weights[s.index]!.year.label, days: s.whole }));
}
