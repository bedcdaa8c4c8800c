// Calendar dates, strictly: a date is a day that exists on the calendar, never one that
// JavaScript's Date rolls over into the next month (2030-02-30 → 2 March). Pure functions.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Why a YYYY-MM-DD string is not a calendar date, or null when it is one. */
export function calendarDateProblem(year: number, month: number, day: number): string | null {
  if (year < 1) return 'the year must be 0001 or later';
  if (month < 1 || month > 12) return `there is no month ${String(month).padStart(2, '0')}`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')} has days 01-${last}`;
  return null;
}

export type Parsed = { ok: true; date: Date } | { ok: false; problem: string };

/** YYYY-MM-DD as midnight UTC of that day, only if the day exists. */
export function parseCalendarDate(text: string): Parsed {
  const match = DATE_ONLY.exec(text);
  if (!match) return { ok: false, problem: 'must be a date as YYYY-MM-DD' };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const problem = calendarDateProblem(year, month, day);
  if (problem) return { ok: false, problem: `${text} is not a calendar date: ${problem}` };
  return { ok: true, date: new Date(`${text}T00:00:00.000Z`) };
}

/** An ISO 8601 date or date-time, only if its date exists and its time is a real time of day. */
export function parseInstant(text: string): Parsed {
  const dateOnly = DATE_ONLY.test(text);
  const match = dateOnly ? null : DATE_TIME.exec(text);
  if (!dateOnly && !match) return { ok: false, problem: 'must be an ISO 8601 date-time' };
  const [year, month, day] = dateOnly ? text.split('-').map(Number) : [Number(match![1]), Number(match![2]), Number(match![3])];
  const problem = calendarDateProblem(year!, month!, day!);
  if (problem) return { ok: false, problem: `${text.slice(0, 10)} is not a calendar date: ${problem}` };
  if (match && (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6] ?? 0) > 59)) {
    return { ok: false, problem: `${text} is not a time of day` };
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return { ok: false, problem: 'must be an ISO 8601 date-time' };
  return { ok: true, date };
}

/** Today's date in England (where the schools are), as midnight UTC like every stored Date. */
export function todayInEngland(now: Date = new Date()): Date {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return new Date(`${ymd}T00:00:00.000Z`);
}

/** Whether a period ending on `end` (a Date scalar value) was over before today. */
export function endsBeforeToday(end: Date, now: Date = new Date()): boolean {
  return end.getTime() < todayInEngland(now).getTime();
}
