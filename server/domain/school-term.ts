// School terms, for termly reports: autumn (1 September to 31 December), spring (1 January to
// 31 March) and summer (1 April to 31 August). Real terms move with Easter and each trust's
// calendar; these fixed bounds cover the whole school year without gaps, so every day of
// support falls in exactly one term. Named by the calendar year the term falls in and its
// season: "2026-autumn" and "2027-spring" are both terms of 2026/27.
import { type SchoolYear, schoolYearStarting } from './school-year';

export const TERM_NAMES = ['autumn', 'spring', 'summer'] as const;
export type TermName = (typeof TERM_NAMES)[number];

export interface SchoolTerm {
  /** "2026-autumn". */
  label: string;
  name: TermName;
  /** "Autumn term 2026 (2026/27)". */
  title: string;
  schoolYear: SchoolYear;
  /** First day, UTC midnight. */
  start: Date;
  /** Last day (inclusive), UTC midnight. */
  end: Date;
}

const BOUNDS: Record<TermName, { from: [number, number]; to: [number, number] }> = {
  autumn: { from: [8, 1], to: [11, 31] },
  spring: { from: [0, 1], to: [2, 31] },
  summer: { from: [3, 1], to: [7, 31] },
};

export function schoolTerm(year: number, name: TermName): SchoolTerm {
  const b = BOUNDS[name];
  const schoolYear = schoolYearStarting(name === 'autumn' ? year : year - 1);
  return {
    label: `${year}-${name}`,
    name,
    title: `${name[0]!.toUpperCase()}${name.slice(1)} term ${year} (${schoolYear.label})`,
    schoolYear,
    start: new Date(Date.UTC(year, b.from[0], b.from[1])),
    end: new Date(Date.UTC(year, b.to[0], b.to[1])),
  };
}

const LABEL = /^(\d{4})-(autumn|spring|summer)$/;

/** "2026-autumn" → the term, or null when the label is not one. */
export function parseTermLabel(label: string): SchoolTerm | null {
  const match = LABEL.exec(label);
  return match ? schoolTerm(Number(match[1]), match[2] as TermName) : null;
}

/** The term a day falls in. */
export function termOf(date: Date): SchoolTerm {
  const month = date.getUTCMonth();
  return schoolTerm(date.getUTCFullYear(), month >= 8 ? 'autumn' : month <= 2 ? 'spring' : 'summer');
}

/** Whether a moment falls on one of the term's days. */
export function inTerm(date: Date, term: SchoolTerm): boolean {
  return date.getTime() >= term.start.getTime() && date.getTime() < term.end.getTime() + 86_400_000;
}

/** The term before (summer 2027 → spring 2027 → autumn 2026 → summer 2026). */
export function previousTerm(term: SchoolTerm): SchoolTerm {
  const year = Number(term.label.slice(0, 4));
  if (term.name === 'summer') return schoolTerm(year, 'spring');
  if (term.name === 'spring') return schoolTerm(year - 1, 'autumn');
  return schoolTerm(year, 'summer');
}
