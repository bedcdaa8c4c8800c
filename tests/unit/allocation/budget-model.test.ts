// How the plan under a budget is reached (budget.ts), on hand-worked instances: which pairs
// are modelled (top K, LP pricing, greedy's pairs), the LP bound from the duals, where the
// MIP starts (the rounded relaxation or greedy, whichever is better) and what the stats say.
import { greedyAllocation, planAllocation, type AllocationInput } from '../../../server/allocation';
import { openModelCount } from '../../../server/allocation/solver';
import { checkPlanInvariants, daysByPair, need, pair, supporter } from './support';
import { boundSkips, byReducedCostNotFit, paidByNeedDual, paidBySupporterDual, tiedReducedCost, worthExactlyMin, worthlessLeftOut } from './pricing-cases';

const OPTIMAL = '(optimal over the modelled pairs)';

describe('memory', () => {
  test('both HiGHS models of a plan under a budget (the relaxation, the MIP) are disposed: WebAssembly memory is not garbage-collected', async () => {
    const before = openModelCount();
    const plan = await planAllocation(byReducedCostNotFit, { budget: 1000, topK: 1 });
    expect(plan.stats.budget?.provenOptimal).toBe(true);
    expect(openModelCount()).toBe(before);
  });
});

describe('a knapsack: whole days within the money', () => {
  // A wants 8 days; eight supporters have one day each, at a day cost close to 1,000 x its
  // value, so every pound buys about the same: which days fit £1,334 best is a knapsack,
  // whose answer the LP relaxation overshoots by a fraction of a day.
  const items = [[149, 150.1], [562, 565.14], [328, 329.83], [695, 701.86], [114, 114.1], [748, 749.18], [645, 645.53], [761, 763.49]] as const;
  const input = {
    needs: [need('A', 1, 8)],
    supporters: items.map(([cost], j) => supporter(`S${j}`, 1, cost)),
    pairs: items.map(([, value], j) => pair('A', `S${j}`, value / 1000)),
  };

  test('the plan is the best set of whole days the budget pays for (dynamic programming over the pounds), and its time in HiGHS includes the MIP', async () => {
    const budget = 1334;
    const best = new Array<number>(budget + 1).fill(0);
    for (const [cost, value] of items) for (let b = budget; b >= cost; b--) best[b] = Math.max(best[b]!, best[b - cost]! + value / 1000);
    const plan = await planAllocation(input, { budget, topK: Infinity });
    checkPlanInvariants(input, plan);
    expect(plan.stats.budget!.provenOptimal).toBe(true);
    expect(plan.objective).toBeCloseTo(best[budget]!, 9);
    // The relaxation buys a fraction of a day more.
    expect(plan.stats.lpObjective).toBeGreaterThan(plan.objective + 1e-3);
    expect(plan.cost).toBeLessThanOrEqual(budget);
    // solveMs is the relaxation's time and the MIP's together, so never less than the MIP's.
    expect(plan.stats.solveMs).toBeGreaterThanOrEqual(plan.stats.budget!.mipMs);
    expect(plan.stats.budget!.mipMs).toBeGreaterThan(0);
  });
});

describe('the MIP start: the better of the rounded relaxation and greedy', () => {
  test('when a pound buys more elsewhere, the rounded relaxation is the start and greedy the floor it beats', async () => {
    // X: £600 a day worth 0.9 on A; Y: £400 a day worth 0.8 on B; £1,200. Per pound Y is
    // better (0.002 vs 0.0015): the LP spends it all on 3 days of Y (2.4), integral already.
    // Greedy takes the most valuable day first: 2 days of X (1.8, £1,200).
    const input = {
      needs: [need('A', 1, 5), need('B', 1, 5)],
      supporters: [supporter('X', 5, 600), supporter('Y', 5, 400)],
      pairs: [pair('A', 'X', 0.9), pair('B', 'Y', 0.8)],
    };
    const plan = await planAllocation(input, { budget: 1200 });
    checkPlanInvariants(input, plan);
    expect(daysByPair(plan)).toEqual({ 'B/Y': 3 });
    expect(plan.stats.budget).toMatchObject({ provenOptimal: true, startedFrom: 'rounded LP', greedyCost: 1200 });
    expect(plan.stats.budget!.greedyObjective).toBeCloseTo(1.8, 9);
    expect(plan.stats.lpObjective).toBeCloseTo(2.4, 9);
    // The budget's dual is 0.8 / 400 per pound; no capacity binds: bound = 1,200 x 0.002.
    expect(plan.lpBound).toBeCloseTo(2.4, 9);
    // Rows: 2 needs + 2 supporters + the budget; columns: both pairs (the top K holds them).
    expect(plan.stats).toMatchObject({ variables: 2, constraints: 5, toppedUpDays: 0, pricing: { rounds: 0, addedColumns: 0, converged: true } });
    expect(plan.stats.solver).toMatch(/^HiGHS \S+ MIP \(branch and cut\) with a budget row over LP-priced pairs from the rounded LP plan \(optimal over the modelled pairs\)$/);
  });

  test('when rounding the relaxation down loses more than greedy does, greedy is the start (and here the optimum)', async () => {
    // £1,000. Per pound B/Y (0.9 for £500) beats A/X (1.0 for £600): the LP buys B's one day
    // and 5/6 of a day of X (1.733). Rounded down: B/Y alone, 0.9, and the £500 left buys
    // no day of X. Greedy takes A/X first (1.0), then £400 buys no day of Y. Best: 1.0.
    const input = {
      needs: [need('A', 1, 2), need('B', 1, 1)],
      supporters: [supporter('X', 2, 600), supporter('Y', 1, 500)],
      pairs: [pair('A', 'X', 1), pair('B', 'Y', 0.9)],
    };
    const plan = await planAllocation(input, { budget: 1000 });
    checkPlanInvariants(input, plan);
    expect(daysByPair(plan)).toEqual({ 'A/X': 1 });
    expect(plan.cost).toBe(600);
    expect(plan.objective).toBeCloseTo(1, 9);
    expect(plan.stats.budget).toMatchObject({ provenOptimal: true, startedFrom: 'greedy', greedyCost: 600 });
    expect(plan.stats.budget!.greedyObjective).toBeCloseTo(1, 9);
    expect(plan.stats.lpObjective).toBeCloseTo(0.9 + 5 / 6, 9);
    expect(plan.lpBound).toBeCloseTo(0.9 + 5 / 6, 6);
    expect(plan.stats.solver).toMatch(/ from the greedy plan \(optimal over the modelled pairs\)$/);
    expect(plan.unmet.map((u) => [u.needId, u.daysUnmet, u.reason])).toEqual([
      ['A', 1, 'BUDGET'],
      ['B', 1, 'BUDGET'],
    ]);
  });

  test('a tie between the rounded relaxation and greedy starts from the rounded relaxation', async () => {
    // £750 at £500 a day: the LP buys 1.5 days, rounded down 1 day, as greedy does.
    const input = { needs: [need('A', 1, 2)], supporters: [supporter('X', 2, 500)], pairs: [pair('A', 'X', 1)] };
    const plan = await planAllocation(input, { budget: 750 });
    expect(plan.stats.budget).toMatchObject({ provenOptimal: true, startedFrom: 'rounded LP', greedyCost: 500 });
    expect(plan.stats.lpObjective).toBeCloseTo(1.5, 9);
  });
});

describe('which pairs the budget MIP models', () => {
  // A needs 3 days. Its best pair by fit is X (one day, free); Y (£100 a day) is second.
  // With topK 1 only A/X is modelled at first; the LP's duals (v_X = 0.9, u_A = 0, no
  // budget dual) price A/Y at 0.5 > 0, so pricing adds it: A gets X's day and 2 of Y (1.9).
  const input: AllocationInput<unknown> = {
    needs: [need('A', 1, 3)],
    supporters: [supporter('X', 1, 0), supporter('Y', 5, 100)],
    pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 0.5)],
  };

  test('pricing adds the left-out pair the duals say is worth having, and the bound closes on the plan', async () => {
    const plan = await planAllocation(input, { budget: 1000, topK: 1 });
    checkPlanInvariants(input, plan);
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 2 });
    expect(plan.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: true });
    expect(plan.stats.lpObjective).toBeCloseTo(1.9, 9);
    // Final duals u_A = 0.5, v_X = 0.4: bound 3 x 0.5 + 1 x 0.4 = 1.9.
    expect(plan.lpBound).toBeCloseTo(1.9, 9);
    expect(plan.stats).toMatchObject({ variables: 2, constraints: 4 });
  });

  test('with no pricing rounds allowed, greedy pairs still join the MIP, and the bound uses the first duals', async () => {
    const plan = await planAllocation(input, { budget: 1000, topK: 1, maxPricingRounds: 0 });
    checkPlanInvariants(input, plan);
    // Greedy (over every usable pair) uses A/Y, so the MIP models it and reaches 1.9.
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 2 });
    expect(plan.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: false });
    expect(plan.stats.variables).toBe(2);
    expect(plan.stats.lpObjective).toBeCloseTo(0.9, 9);
    // Duals of the A/X-only LP: v_X = 0.9, u_A = max(0.9 - 0.9, 0.5 - 0) = 0.5: 1.5 + 0.9.
    expect(plan.lpBound).toBeCloseTo(2.4, 9);
    // The relaxation rounded (A/X) is topped up over the modelled pairs, greedy's A/Y among
    // them: it reaches greedy's 1.9, and a tie starts from the rounded relaxation.
    expect(plan.stats.budget).toMatchObject({ startedFrom: 'rounded LP', provenOptimal: true });
  });

  test('pricing: false models the top K and greedy pairs only, and says so', async () => {
    const plan = await planAllocation(input, { budget: 1000, topK: 1, pricing: false });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 2 });
    expect(plan.stats.pricing).toBeUndefined();
    expect(plan.stats.solver).toMatch(/^HiGHS \S+ MIP \(branch and cut\) with a budget row from the rounded LP plan \(optimal over the modelled pairs\)$/);
  });

  test('each round adds at most topK pairs per need, the best by reduced cost first', async () => {
    // A wants 5 days: X (1 day) 0.9, Y (1 day) 0.6, Z (5 days) 0.5. Round 1 prices Y (0.6)
    // and Z (0.5) and adds only Y; round 2 adds Z; then nothing is left to add.
    const three = {
      needs: [need('A', 1, 5)],
      supporters: [supporter('X', 1, 0), supporter('Y', 1, 100), supporter('Z', 5, 100)],
      pairs: [pair('A', 'X', 0.9), pair('A', 'Z', 0.5), pair('A', 'Y', 0.6)],
    };
    const plan = await planAllocation(three, { budget: 10_000, topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 1, 'A/Z': 3 });
    expect(plan.stats.pricing).toEqual({ rounds: 2, addedColumns: 2, converged: true });
    const once = await planAllocation(three, { budget: 10_000, topK: 1, maxPricingRounds: 1 });
    expect(once.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: false });
    // Not priced in: A/Z, which greedy uses, so the MIP still has it.
    expect(daysByPair(once)).toEqual({ 'A/X': 1, 'A/Y': 1, 'A/Z': 3 });
    expect(once.stats.lpObjective).toBeCloseTo(1.5, 9);
  });

  test('a need whose pairs are all worthless is neither modelled nor in the bound', async () => {
    const withWorthless = {
      needs: [need('A', 1, 2), need('W', 0, 4)],
      supporters: [supporter('X', 3, 100)],
      pairs: [pair('A', 'X', 0.5), pair('W', 'X', 1)],
    };
    const plan = await planAllocation(withWorthless, { budget: 1000 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 2 });
    // Rows: A, X and the budget. X keeps a day, so only A's row binds: u_A = 0.5.
    expect(plan.stats.constraints).toBe(3);
    expect(plan.lpBound).toBeCloseTo(1, 9);
  });
});

describe('the budget and the greedy floor it reports', () => {
  test('the greedy figures are greedyAllocation under the same budget', async () => {
    const input = {
      needs: [need('A', 1, 3), need('B', 0.5, 2)],
      supporters: [supporter('X', 3, 300), supporter('Y', 2, 0)],
      pairs: [pair('A', 'X', 1), pair('B', 'X', 1), pair('B', 'Y', 0.4)],
    };
    const plan = await planAllocation(input, { budget: 700 });
    const greedy = greedyAllocation(input, { budget: 700 });
    expect(plan.stats.budget!.greedyObjective).toBeCloseTo(greedy.objective, 12);
    expect(plan.stats.budget!.greedyCost).toBe(greedy.cost);
    // Greedy: A/X 2 days (£600), B/Y 2 free days: 2 + 0.4.
    expect(daysByPair(greedy)).toEqual({ 'A/X': 2, 'B/Y': 2 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 2, 'B/Y': 2 });
    expect(plan.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-9);
  });
});

describe('a MIP stopped at its time limit', () => {
  test('keeps the best plan found from its start (never below greedy), says it is not proven optimal, and bounds the gap', async () => {
    // 30 x 30 pairs: far more than HiGHS can finish in a nanosecond.
    const n = 30;
    const input = {
      needs: Array.from({ length: n }, (_, i) => need(`n${i}`, 0.5 + (i % 5) / 10, 2 + (i % 4))),
      supporters: Array.from({ length: n }, (_, j) => supporter(`s${j}`, 1 + (j % 3), 100 + ((j * 37) % 400))),
      pairs: Array.from({ length: n * n }, (_, k) => pair(`n${Math.floor(k / n)}`, `s${k % n}`, ((k * 31) % 97) / 97)),
    };
    const plan = await planAllocation(input, { budget: 5000, budgetMipSeconds: 1e-9 });
    const greedy = greedyAllocation(input, { budget: 5000 });
    checkPlanInvariants(input, plan);
    expect(plan.stats.budget!.provenOptimal).toBe(false);
    expect(plan.stats.solver).toMatch(/ \(stopped at its 1e-9 s limit: the best plan found; lpBound bounds the gap\)$/);
    expect(plan.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-9);
    expect(plan.lpBound!).toBeGreaterThanOrEqual(plan.objective - 1e-9);
  });
});

describe('pricing under a budget adds a left-out pair only when its reduced cost is positive', () => {
  test('a need dual that already pays for the pair keeps it out', async () => {
    const plan = await planAllocation(paidByNeedDual, { budget: 1000, topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1 });
    expect(plan.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: true });
    expect(plan.stats.variables).toBe(1);
  });

  test('a supporter dual that already pays for the pair keeps it out', async () => {
    const plan = await planAllocation(paidBySupporterDual, { budget: 1000, topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 2, 'B/Y': 2 });
    expect(plan.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: true });
    expect(plan.stats.variables).toBe(2);
  });

  test("the budget's price per pound keeps out a pair that is good value per day but dear", async () => {
    // £300 buys 3 days of X (£100, 0.5 each): w = 0.005 per pound. Y's day is worth 0.45
    // but costs £1,000: 0.45 - 1,000 x 0.005 < 0.
    const input = {
      needs: [need('A', 1, 5)],
      supporters: [supporter('X', 5, 100), supporter('Y', 5, 1000)],
      pairs: [pair('A', 'X', 0.5), pair('A', 'Y', 0.45)],
    };
    const plan = await planAllocation(input, { budget: 300, topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 3 });
    expect(plan.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: true });
    expect(plan.stats.variables).toBe(1);
    expect(plan.lpBound).toBeCloseTo(1.5, 9);
  });

  test('the best reduced cost is added first, not the best fit', async () => {
    const plan = await planAllocation(byReducedCostNotFit, { budget: 1000, topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Z': 4, 'B/Y': 1 });
    expect(plan.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: true });
  });

  test('of left-out pairs with the same reduced cost, the first in canonical order (better fit, then supporter id) is added first', async () => {
    const plan = await planAllocation(tiedReducedCost, { budget: 1000, topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 2 });
    expect(plan.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: true });
    // Greedy's pairs (A/X, A/Y) are in the model already: 2 columns.
    expect(plan.stats).toMatchObject({ variables: 2, consideredPairs: 2, prunedPairs: 1 });
  });

  test('a pair worth less than MIN_DAY_VALUE a day is never priced in', async () => {
    const plan = await planAllocation(worthlessLeftOut, { budget: 1000, topK: 1 });
    expect(plan.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: true });
  });

  test('the bound leaves out supporters with no days, worthless pairs, and supporters with no pairs', async () => {
    const plan = await planAllocation(boundSkips, { budget: 1000 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 2 });
    expect(plan.lpBound).toBeCloseTo(1, 9);
    // The time in HiGHS covers the relaxation and the MIP.
    expect(plan.stats.solveMs).toBeGreaterThanOrEqual(plan.stats.budget!.mipMs);
  });

  test('a pair worth exactly MIN_DAY_VALUE a day counts, in the plan and in the bound', async () => {
    const plan = await planAllocation(worthExactlyMin, { budget: 1000 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 2, 'E/X': 1 });
    expect(plan.lpBound).toBeCloseTo(1 + 1e-6, 12);
    expect(plan.objective).toBeCloseTo(1 + 1e-6, 12);
  });
});
