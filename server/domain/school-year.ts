// England's academic year runs from 1 September to 31 August. Capacity, deployments and
// reports belong to a school year, named by the calendar years it spans ("2026/27").
// Pure: dates in, plain data out (dates are UTC midnights, as in calendar-date.ts).

export interface SchoolYear {
  /** The calendar year in which the school year starts (2026 for 2026/27). */
  startYear: number;
  /** "2026/27". */
  label: string;
  /** 1 September, UTC midnight. */
  start: Date;
  /** 31 August of the next calendar year, UTC midnight (inclusive). */
  end: Date;
}

const SEPTEMBER = 8; // JavaScript months count from 0

export function schoolYearStarting(startYear: number): SchoolYear {
  if (!Number.isInteger(startYear)) throw new RangeError(`school year start ${startYear} is not a whole year`);
  return {
    startYear,
    label: `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`,
    start: new Date(Date.UTC(startYear, SEPTEMBER, 1)),
    end: new Date(Date.UTC(startYear + 1, SEPTEMBER - 1, 31)),
  };
}

/** The school year a day falls in: 31 August 2027 is in 2026/27, 1 September 2027 in 2027/28. */
export function schoolYearOf(date: Date): SchoolYear {
  const year = date.getUTCFullYear();
  return schoolYearStarting(date.getUTCMonth() >= SEPTEMBER ? year : year - 1);
}

const LABEL_PATTERN = /^(\d{4})\/(\d{2})$/;

/** "2026/27" → the school year, or null when the label is not one (the two years must follow). */
export function parseSchoolYearLabel(label: string): SchoolYear | null {
  const match = LABEL_PATTERN.exec(label);
  if (!match) return null;
  const startYear = Number(match[1]);
  if ((startYear + 1) % 100 !== Number(match[2])) return null;
  return schoolYearStarting(startYear);
}
