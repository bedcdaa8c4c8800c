// The money rules in prepare.ts: whole currency units >= 0 for a budget and a day cost, what
// days cost, and the greedy fill that spends no more than the money left.
import { AllocationInputError } from '../../../server/allocation';
import { checkBudget, costOf, fillGreedily, isMoney, prepareAllocation } from '../../../server/allocation/prepare';
import { need, pair, supporter } from './support';

describe('money is whole currency units >= 0', () => {
  test('isMoney accepts 0 and whole amounts; refuses negatives, fractions, NaN and unsafe integers', () => {
    expect([0, 1, 450, Number.MAX_SAFE_INTEGER].map(isMoney)).toEqual([true, true, true, true]);
    expect([-1, 0.5, 10.5, Number.NaN, Infinity, 2 ** 53].map(isMoney)).toEqual([false, false, false, false, false, false]);
  });

  test('checkBudget: no budget stays none, a good one is returned, a bad one is refused by name', () => {
    expect(checkBudget(undefined)).toBeUndefined();
    expect(checkBudget(0)).toBe(0);
    expect(checkBudget(1200)).toBe(1200);
    expect(() => checkBudget(-1)).toThrow(new AllocationInputError('budget must be an integer >= 0 (whole currency units), got -1'));
    expect(() => checkBudget(10.5)).toThrow(new AllocationInputError('budget must be an integer >= 0 (whole currency units), got 10.5'));
  });

  test("a supporter's dayCost must be money, naming the supporter; no dayCost costs nothing", () => {
    const input = (dayCost?: number) => ({ needs: [need('A', 1, 1)], supporters: [supporter('X', 1, dayCost)], pairs: [pair('A', 'X', 1)] });
    expect(() => prepareAllocation(input(2.5), Infinity)).toThrow(new AllocationInputError('supporter X: dayCost must be an integer >= 0, got 2.5'));
    expect(() => prepareAllocation(input(-5), Infinity)).toThrow(new AllocationInputError('supporter X: dayCost must be an integer >= 0, got -5'));
    expect([...prepareAllocation(input(0), Infinity).supporterCost]).toEqual([0]);
    expect([...prepareAllocation(input(), Infinity).supporterCost]).toEqual([0]);
  });
});

describe('costOf and fillGreedily with money', () => {
  // X £300 a day (3 days), Y free (4 days), Z £250 (2 days); A wants 5, B 4.
  const prep = prepareAllocation(
    {
      needs: [need('A', 1, 5), need('B', 1, 4)],
      supporters: [supporter('X', 3, 300), supporter('Y', 4, 0), supporter('Z', 2, 250)],
      pairs: [pair('A', 'X', 1), pair('A', 'Y', 0.5), pair('B', 'Z', 0.9), pair('B', 'Y', 0.2)],
    },
    Infinity,
  );
  const p = (key: string) => prep.pairs.findIndex((x) => `${x.needId}/${x.supporterId}` === key);
  const left = () => ({ needLeft: Float64Array.from(prep.needs, (n) => n.daysOutstanding), supporterLeft: Float64Array.from(prep.supporters, (s) => s.remainingDays) });

  test('costOf sums dayCost x days over the pairs with days', () => {
    const days = new Float64Array(prep.pairs.length);
    days[p('A/X')] = 2;
    days[p('A/Y')] = 3;
    days[p('B/Z')] = 1;
    expect(costOf(prep, days)).toBe(2 * 300 + 0 + 250);
    expect(costOf(prep, new Float64Array(prep.pairs.length))).toBe(0);
  });

  test('each pair gets the whole days the money left pays for; free days are not limited by it', () => {
    const days = new Float64Array(prep.pairs.length);
    const { needLeft, supporterLeft } = left();
    const budget = { left: 1000 };
    const order = Int32Array.from([p('A/X'), p('A/Y'), p('B/Z'), p('B/Y')]);
    const added = fillGreedily(prep, order, days, needLeft, supporterLeft, budget);
    // A/X: 3 days (£900); A/Y: 2 free days; B/Z: £100 left buys none; B/Y: Y's 2 free days.
    expect(Object.fromEntries(['A/X', 'A/Y', 'B/Z', 'B/Y'].map((k) => [k, days[p(k)]]))).toEqual({ 'A/X': 3, 'A/Y': 2, 'B/Z': 0, 'B/Y': 2 });
    expect(added).toBe(7);
    expect(budget.left).toBe(100);
    expect(costOf(prep, days)).toBe(900);
    expect([...needLeft]).toEqual([0, 2]);
    expect([...supporterLeft]).toEqual([0, 0, 2]);
  });

  test('without a budget the fill ignores cost', () => {
    const days = new Float64Array(prep.pairs.length);
    const { needLeft, supporterLeft } = left();
    expect(fillGreedily(prep, Int32Array.from([p('B/Z'), p('A/X')]), days, needLeft, supporterLeft)).toBe(5);
    expect(days[p('B/Z')]).toBe(2);
    expect(days[p('A/X')]).toBe(3);
  });

  test('with no money left, free days are still given in full (no division of 0 by a 0 cost)', () => {
    const days = new Float64Array(prep.pairs.length);
    const { needLeft, supporterLeft } = left();
    const budget = { left: 0 };
    expect(fillGreedily(prep, Int32Array.from([p('A/X'), p('A/Y')]), days, needLeft, supporterLeft, budget)).toBe(4);
    expect(days[p('A/X')]).toBe(0);
    expect(days[p('A/Y')]).toBe(4);
    expect(budget.left).toBe(0);
  });
});
