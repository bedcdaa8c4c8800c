// The budget guard (repairOverspend in budget.ts): a plan over the budget loses days from its
// least valuable paying assignments, per pound, one day at a time, until it is within the
// budget; free days are never taken. The planner only hands it plans that are over through
// solver tolerance, so it is tested here on plans made over by hand.
import { repairOverspend } from '../../../server/allocation/budget';
import { costOf, prepareAllocation } from '../../../server/allocation/prepare';
import { need, pair, supporter } from './support';

// Per pound: A/X 0.9 / 300 = 0.003, A/Y 0.8 / 200 = 0.004, B/Z 0.5 / 500 = 0.001,
// B/W free (0 a day, worth 0.2), B/V free and worth 0. By value alone the order would
// be A/X, A/Y, B/Z; by cost B/Z, A/X, A/Y; by pound B/Z, A/X, A/Y; by index (canonical
// order: need, then fit) A/X, A/Y, B/W, B/Z, B/V.
const prep = prepareAllocation(
  {
    needs: [need('A', 1, 10), need('B', 1, 10)],
    supporters: [supporter('X', 5, 300), supporter('Y', 5, 200), supporter('Z', 5, 500), supporter('W', 5, 0), supporter('V', 5, 0)],
    pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 0.8), pair('B', 'Z', 0.5), pair('B', 'W', 0.6), pair('B', 'V', 0)],
  },
  Infinity,
);
const index = (key: string) => prep.pairs.findIndex((x) => `${x.needId}/${x.supporterId}` === key);
const KEYS = ['A/X', 'A/Y', 'B/Z', 'B/W', 'B/V'];

function plan(days: Record<string, number>): Float64Array {
  const out = new Float64Array(prep.pairs.length);
  for (const [key, d] of Object.entries(days)) out[index(key)] = d;
  return out;
}
function asRecord(days: Float64Array): Record<string, number> {
  return Object.fromEntries(KEYS.map((key) => [key, days[index(key)]!]));
}
function repaired(days: Record<string, number>, budget: number): Record<string, number> {
  const out = plan(days);
  repairOverspend(prep, out, budget);
  return asRecord(out);
}

// 2 x 300 + 2 x 200 + 2 x 500 = 2,000; the free days cost nothing.
const START = { 'A/X': 2, 'A/Y': 2, 'B/Z': 2, 'B/W': 3, 'B/V': 3 };

describe('repairOverspend: a plan over the budget is brought within it', () => {
  test('a plan within the budget, or exactly at it, is left alone', () => {
    expect(costOf(prep, plan(START))).toBe(2000);
    expect(repaired(START, 2000)).toEqual(START);
    expect(repaired(START, 2500)).toEqual(START);
  });

  test('over by one pound: one day of the least valuable per pound (B/Z, 0.001 a pound) goes, nothing else', () => {
    expect(repaired(START, 1999)).toEqual({ ...START, 'B/Z': 1 });
  });

  test('days go one at a time, only as many as needed: over by £600 takes two of B/Z, not all of them', () => {
    expect(repaired(START, 1400)).toEqual({ ...START, 'B/Z': 0 });
    expect(repaired({ ...START, 'B/Z': 3 }, 1900)).toEqual({ ...START, 'B/Z': 1 });
  });

  test('when the least valuable runs out of days, the next per pound (A/X, 0.003) loses days, then A/Y', () => {
    // Over by £1,100: B/Z's two days (£1,000), then one day of A/X (£300).
    expect(repaired(START, 900)).toEqual({ ...START, 'B/Z': 0, 'A/X': 1 });
    // Over by £1,700: B/Z's, A/X's (£600), then one of A/Y.
    expect(repaired(START, 300)).toEqual({ ...START, 'B/Z': 0, 'A/X': 0, 'A/Y': 1 });
  });

  test('a budget of 0 takes every paying day and no free one', () => {
    const out = plan(START);
    repairOverspend(prep, out, 0);
    expect(asRecord(out)).toEqual({ ...START, 'A/X': 0, 'A/Y': 0, 'B/Z': 0 });
    expect(costOf(prep, out)).toBe(0);
  });

  test('an assignment without days is never taken below 0 days', () => {
    // £1,000 of paying days, £100 over: one day of A/X; B/Z, at 0 days, stays at 0.
    expect(repaired({ ...START, 'B/Z': 0 }, 900)).toEqual({ ...START, 'B/Z': 0, 'A/X': 1 });
  });
});
