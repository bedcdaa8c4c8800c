// The strict date rule, against an independent oracle: a YYYY-MM-DD string is accepted exactly
// when it names a day on the proleptic Gregorian calendar, and then reads back as itself.
import fc from 'fast-check';
import { endsBeforeToday, parseCalendarDate, parseInstant, todayInEngland } from '../../../server/domain/calendar';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Oracle: count the days of the month by stepping a UTC date one day at a time. */
function oracleDays(year: number, month: number): number {
  let days = 0;
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, 1);
  while (probe.getUTCMonth() === month - 1) {
    days += 1;
    probe.setUTCDate(probe.getUTCDate() + 1);
  }
  return days;
}

const parts = fc.record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }) });

it('accepts a date exactly when the day exists, and reads it back unchanged', () => {
  fc.assert(
    fc.property(parts, ({ year, month, day }) => {
      const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
      const exists = month >= 1 && month <= 12 && day >= 1 && day <= oracleDays(year, month);
      const parsed = parseCalendarDate(text);
      expect(parsed.ok).toBe(exists);
      if (parsed.ok) expect(parsed.date.toISOString().slice(0, 10)).toBe(text);
      else if (month >= 1 && month <= 12) expect(parsed.problem).toBe(`${text} is not a calendar date: ${pad(year, 4)}-${pad(month, 2)} has days 01-${oracleDays(year, month)}`);
      // A date-time on that day follows the same rule.
      expect(parseInstant(`${text}T12:00:00Z`).ok).toBe(exists);
    }),
    { numRuns: 5000 },
  );
});

it('refuses anything not shaped YYYY-MM-DD', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
      (text) => {
        expect(parseCalendarDate(text)).toEqual({ ok: false, problem: 'must be a date as YYYY-MM-DD' });
      },
    ),
  );
});

it('names the known cases of the issue', () => {
  expect(parseCalendarDate('2030-02-30')).toEqual({ ok: false, problem: '2030-02-30 is not a calendar date: 2030-02 has days 01-28' });
  expect(parseCalendarDate('2027-02-29')).toEqual({ ok: false, problem: '2027-02-29 is not a calendar date: 2027-02 has days 01-28' });
  expect(parseCalendarDate('2028-02-29').ok).toBe(true);
  expect(parseCalendarDate('2000-02-29').ok).toBe(true);
  expect(parseCalendarDate('1900-02-29').ok).toBe(false);
  expect(parseInstant('2027-01-01T24:00:00Z').ok).toBe(false);
});

it('counts a period as past only when it ended before today in England', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), fc.integer({ min: -400, max: 400 }), (now, offset) => {
      const today = todayInEngland(now);
      const end = new Date(today.getTime() + offset * 86_400_000);
      expect(endsBeforeToday(end, now)).toBe(offset < 0);
    }),
  );
  // 23:30 UTC on 30 June is already 1 July in London (BST).
  expect(todayInEngland(new Date('2030-06-30T23:30:00Z')).toISOString().slice(0, 10)).toBe('2030-07-01');
});
