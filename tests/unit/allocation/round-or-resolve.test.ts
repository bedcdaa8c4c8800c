// The integrality check of the unbudgeted planner (roundOrResolve in plan.ts). Simplex ends
// on a vertex, and a vertex of a transportation model is integral, so the planner never
// hands it a fractional solution; these tests hand it one (and near-integral ones) to pin
// down the rule: values within 1e-6 of whole days are rounded, anything further is solved
// again with integer days.
import type { Highs } from 'highs';
import { buildRows, columnsOf } from '../../../server/allocation/model-rows';
import { roundOrResolve } from '../../../server/allocation/plan';
import { prepareAllocation } from '../../../server/allocation/prepare';
import { loadAllocationSolver, type LpSolution } from '../../../server/allocation/solver';
import { need, pair, supporter } from './support';

let highs: Highs;
beforeAll(async () => {
  highs = await loadAllocationSolver();
});

// A wants 2 days; X and Y have 2 each; a day of X is worth 1 on A, of Y 0.5. Pairs in
// canonical order: A/X, A/Y. The best whole-day plan: 2 days of X.
function setUp() {
  const prep = prepareAllocation(
    { needs: [need('A', 1, 2)], supporters: [supporter('X', 2), supporter('Y', 2)], pairs: [pair('A', 'X', 1), pair('A', 'Y', 0.5)] },
    Infinity,
  );
  const rows = buildRows(prep);
  const bounds = { numRows: rows.numRows, lower: new Float64Array(rows.numRows).fill(-highs.infinity), upper: rows.capacity };
  const pairs = [0, 1];
  const columns = columnsOf(prep, rows, pairs, (p) => prep.pairValue[p]!);
  const round = (colValue: number[]) => {
    const solution: LpSolution = { colValue: Float64Array.from(colValue), rowDual: new Float64Array(rows.numRows), objective: 0 };
    return roundOrResolve(highs, prep, bounds, pairs, columns, solution, 10);
  };
  return { round };
}

describe('roundOrResolve: whole days from the LP, or a MIP when the LP is fractional', () => {
  test('a fractional solution is solved again with integer days: the best whole-day plan, marked as the fallback, its time counted', () => {
    const { round } = setUp();
    const rounded = round([1.5, 0.5]);
    expect([...rounded.days]).toEqual([2, 0]);
    expect(rounded.fellBackToMip).toBe(true);
    expect(rounded.extraMs).toBeGreaterThan(0);
  });

  test('the fallback declares the days integer: where the LP vertex is fractional (here a £750 budget row at £500 a day), whole days', () => {
    // A wants 2 days of X at £500; a third row holds the cost to £750. The LP's vertex is
    // 1.5 days; the integer answer is 1 (an LP solved again would give 1.5 and round to 2).
    const prep = prepareAllocation({ needs: [need('A', 1, 2)], supporters: [supporter('X', 2, 500)], pairs: [pair('A', 'X', 1)] }, Infinity);
    const rows = buildRows(prep);
    const bounds = { numRows: rows.numRows + 1, lower: new Float64Array(rows.numRows + 1).fill(-highs.infinity), upper: Float64Array.from([...rows.capacity, 750]) };
    const columns = { ...columnsOf(prep, rows, [0], () => 1), budget: { row: rows.numRows, coefficient: Float64Array.from([500]) } };
    const solution: LpSolution = { colValue: Float64Array.from([1.5]), rowDual: new Float64Array(bounds.numRows), objective: 1.5 };
    const rounded = roundOrResolve(highs, prep, bounds, [0], columns, solution, 10);
    expect([...rounded.days]).toEqual([1]);
    expect(rounded.fellBackToMip).toBe(true);
  });

  test('values within 1e-6 of whole days (the limit itself included) are rounded as they are, not solved again', () => {
    const { round } = setUp();
    // 2 days of Y is feasible but not the best: kept, because the LP's answer is trusted.
    const rounded = round([1e-6, 2]);
    expect([...rounded.days]).toEqual([0, 2]);
    expect(rounded.fellBackToMip).toBe(false);
    expect(rounded.extraMs).toBe(0);
  });

  test('a value a hair below 0 becomes 0 days, and each value goes to its own pair', () => {
    const { round } = setUp();
    expect([...round([2 - 1e-9, -1e-9]).days]).toEqual([2, 0]);
    expect([...round([-1e-9, 2 + 1e-9]).days]).toEqual([0, 2]);
  });

  test('a rounded plan over a capacity is refused, not returned', () => {
    const { round } = setUp();
    expect(() => round([2, 1])).toThrow('need A over-allocated by 1 days');
  });
});
