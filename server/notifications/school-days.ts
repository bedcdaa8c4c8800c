// School days: weekdays (Monday to Friday) in England, less the closure dates a trust
// records (holidays, INSET and bank holidays: term dates differ by local authority and trust,
// so none are built in). Pure.

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/** The calendar date in England at this instant, as YYYY-MM-DD. */
export function englandDate(instant: Date): string {
  return LONDON.format(instant);
}

/** The hour of the day (0-23) in England at this instant. */
export function englandHour(instant: Date): number {
  return Number(LONDON_HOUR.format(instant));
}

/** Longer waits than this are counted as this many days (the loop stays bounded). */
const MAX_DAYS_COUNTED = 800;

/**
 * School days that have begun since `from`: those after from's date, up to and including
 * to's date (a proposal on Monday has waited 1 school day on Tuesday, 5 on the next Monday).
 */
export function schoolDaysBetween(from: Date, to: Date, closed: ReadonlySet<string> = new Set()): number {
  const start = englandDate(from);
  const end = englandDate(to);
  let count = 0;
  const day = new Date(`${start}T12:00:00Z`);
  for (let i = 0; i < MAX_DAYS_COUNTED; i += 1) {
    day.setUTCDate(day.getUTCDate() + 1);
    const ymd = day.toISOString().slice(0, 10);
    if (ymd > end) break;
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.has(ymd)) count += 1;
  }
  return count;
}
