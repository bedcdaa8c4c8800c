// The budget guard (repairOverspend in budget.ts): a plan over the budget loses days from its
// least valuable paying assignments, per pound, one day at a time, until it is within the
// budget; free days are never taken. The planner only hands it plans that are over through
// solver tolerance, so it is tested here on plans made over by hand.
import { repairOverspend } from '../../../server/allocation/budget';
import { costOf, prepareAllocation } from '../../../server/allocation/prepare';
import { need, pair, supporter } from './support';

// Per pound: P/X 0.9 / 300 = 0.003, P/Y 0.8 / 200 = 0.004, Q/Z 0.5 / 500 = 0.001. F/V and
// F/W are free (£0 a day) and worth 0, so worth NaN per pound. By value alone the order
// would be P/X, P/Y, Q/Z; by cost Q/Z, P/X, P/Y; by pound Q/Z, P/X, P/Y; by index
// (canonical order: need, then fit, then supporter) F/V, F/W, P/X, P/Y, Q/Z: the free
// pairs come first, where a sort by a NaN value per pound would leave them.
const prep = prepareAllocation(
  {
    needs: [need('F', 1, 10), need('P', 1, 10), need('Q', 1, 10)],
    supporters: [supporter('X', 5, 300), supporter('Y', 5, 200), supporter('Z', 5, 500), supporter('W', 5, 0), supporter('V', 5, 0)],
    pairs: [pair('P', 'X', 0.9), pair('P', 'Y', 0.8), pair('Q', 'Z', 0.5), pair('F', 'W', 0), pair('F', 'V', 0)],
  },
  Infinity,
);
const index = (key: string) => prep.pairs.findIndex((x) => `${x.needId}/${x.supporterId}` === key);
const KEYS = ['F/V', 'F/W', 'P/X', 'P/Y', 'Q/Z'];

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
const START = { 'F/V': 3, 'F/W': 3, 'P/X': 2, 'P/Y': 2, 'Q/Z': 2 };

describe('repairOverspend: a plan over the budget is brought within it', () => {
  test('a plan within the budget, or exactly at it, is left alone', () => {
    expect(costOf(prep, plan(START))).toBe(2000);
    expect(repaired(START, 2000)).toEqual(START);
    expect(repaired(START, 2500)).toEqual(START);
  });

  test('over by one pound: one day of the least valuable per pound (Q/Z, 0.001 a pound) goes, nothing else', () => {
    expect(repaired(START, 1999)).toEqual({ ...START, 'Q/Z': 1 });
  });

  test('it stops as soon as the plan is within the budget: over by exactly a day of Q/Z (£500) takes that one day', () => {
    expect(repaired(START, 1500)).toEqual({ ...START, 'Q/Z': 1 });
  });

  test('days go one at a time, only as many as needed: over by £600 takes two of Q/Z, not all of them', () => {
    expect(repaired(START, 1400)).toEqual({ ...START, 'Q/Z': 0 });
    expect(repaired({ ...START, 'Q/Z': 3 }, 1900)).toEqual({ ...START, 'Q/Z': 1 });
  });

  test('when the least valuable runs out of days, the next per pound (P/X, 0.003) loses days, then P/Y', () => {
    // Over by £1,100: Q/Z's two days (£1,000), then one day of P/X (£300).
    expect(repaired(START, 900)).toEqual({ ...START, 'Q/Z': 0, 'P/X': 1 });
    // Over by £1,700: Q/Z's, P/X's (£600), then one of P/Y.
    expect(repaired(START, 300)).toEqual({ ...START, 'Q/Z': 0, 'P/X': 0, 'P/Y': 1 });
  });

  test('a budget of 0 takes every paying day and no free one', () => {
    const out = plan(START);
    repairOverspend(prep, out, 0);
    expect(asRecord(out)).toEqual({ ...START, 'P/X': 0, 'P/Y': 0, 'Q/Z': 0 });
    expect(costOf(prep, out)).toBe(0);
  });

  test('an assignment without days is never taken below 0 days', () => {
    // £1,000 of paying days, £100 over: one day of P/X; Q/Z, at 0 days, stays at 0.
    expect(repaired({ ...START, 'Q/Z': 0 }, 900)).toEqual({ ...START, 'Q/Z': 0, 'P/X': 1 });
  });
});
