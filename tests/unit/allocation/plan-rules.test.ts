// The unbudgeted planner (plan.ts) on hand-worked instances: its options and their checks,
// pricing rounds and their limits, the LP bound from the duals, the FSM tie-break and what
// the stats and the solver line say.
import { AllocationInputError, planAllocation, type AllocationInput } from '../../../server/allocation';
import { openModelCount } from '../../../server/allocation/solver';
import { checkPlanInvariants, daysByPair, need, pair, supporter } from './support';
import { boundSkips, byReducedCostNotFit, paidByNeedDual, paidBySupporterDual, tiedReducedCost, worthExactlyMin, worthlessLeftOut } from './pricing-cases';

// A needs 3 days. X (1 day) is its best pair, Y (5 days) its second. With topK 1 only A/X
// is modelled at first; its duals (v_X = 0.9, u_A = 0) price A/Y at 0.5 > 0.
const twoChoices: AllocationInput<unknown> = {
  needs: [need('A', 1, 3)],
  supporters: [supporter('X', 1), supporter('Y', 5)],
  pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 0.5)],
};

describe('options', () => {
  const ok = { needs: [need('A', 1, 1)], supporters: [supporter('X', 1)], pairs: [pair('A', 'X', 1)] };
  test('each bad option is refused with its name and value', async () => {
    const refused: [object, string][] = [
      [{ timeLimitSeconds: 0 }, 'timeLimitSeconds must be positive, got 0'],
      [{ unknownFsmPercent: -1 }, 'unknownFsmPercent must be in [0, 100], got -1'],
      [{ unknownFsmPercent: 100.5 }, 'unknownFsmPercent must be in [0, 100], got 100.5'],
      [{ maxPricingRounds: -1 }, 'maxPricingRounds must be an integer >= 0, got -1'],
      [{ maxPricingRounds: 1.5 }, 'maxPricingRounds must be an integer >= 0, got 1.5'],
      [{ mode: 'fast' }, "mode must be 'lp' or 'mip', got fast"],
      [{ budgetMipSeconds: 0 }, 'budgetMipSeconds must be positive, got 0'],
    ];
    for (const [options, message] of refused) await expect(planAllocation(ok, options)).rejects.toThrow(new AllocationInputError(message));
  });

  test('the limits themselves are accepted: unknownFsmPercent 0 and 100, maxPricingRounds 0', async () => {
    for (const options of [{ unknownFsmPercent: 0 }, { unknownFsmPercent: 100 }, { maxPricingRounds: 0 }, { mode: 'mip' as const }]) {
      expect(daysByPair(await planAllocation(ok, options))).toEqual({ 'A/X': 1 });
    }
  });
});

describe('pricing and the LP bound', () => {
  test('pricing adds the pair the duals price positive; converged, the bound equals the plan', async () => {
    const plan = await planAllocation(twoChoices, { topK: 1 });
    checkPlanInvariants(twoChoices, plan);
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 2 });
    expect(plan.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: true });
    expect(plan.stats).toMatchObject({ variables: 2, constraints: 3, toppedUpDays: 0 });
    expect(plan.stats.lpObjective).toBeCloseTo(1.9, 9);
    // u_A = 0.5, v_X = 0.4: 3 x 0.5 + 1 x 0.4.
    expect(plan.lpBound).toBeCloseTo(1.9, 9);
    expect(plan.stats.solver).toMatch(/^HiGHS \S+ simplex LP \(integral vertex\) with pricing \+ FSM tie-break LP$/);
  });

  test('stopped after 0 rounds: the plan keeps to the top K and the bound, from the first duals, shows what is left', async () => {
    const plan = await planAllocation(twoChoices, { topK: 1, maxPricingRounds: 0 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1 });
    expect(plan.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: false });
    expect(plan.stats.variables).toBe(1);
    // v_X = 0.9, u_A = max(0.9 - 0.9, 0.5 - 0) = 0.5: 3 x 0.5 + 1 x 0.9.
    expect(plan.lpBound).toBeCloseTo(2.4, 9);
    expect(plan.unmet.map((u) => [u.needId, u.daysUnmet, u.reason])).toEqual([['A', 2, 'CANDIDATE_LIMIT']]);
  });

  test('each round adds at most topK pairs per need, the best reduced cost first', async () => {
    // A wants 5 days: X (1 day) 0.9, Y (1 day) 0.6, Z (5 days) 0.5. Round 1 prices Y (0.6)
    // and Z (0.5) and adds Y only; round 2 adds Z.
    const three = {
      needs: [need('A', 1, 5)],
      supporters: [supporter('X', 1), supporter('Y', 1), supporter('Z', 5)],
      pairs: [pair('A', 'X', 0.9), pair('A', 'Z', 0.5), pair('A', 'Y', 0.6)],
    };
    const plan = await planAllocation(three, { topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 1, 'A/Z': 3 });
    expect(plan.stats.pricing).toEqual({ rounds: 2, addedColumns: 2, converged: true });
    const once = await planAllocation(three, { topK: 1, maxPricingRounds: 1 });
    expect(daysByPair(once)).toEqual({ 'A/X': 1, 'A/Y': 1 });
    expect(once.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: false });
  });

  test('the bound leaves out pairs to supporters with no days and pairs worth less than MIN_DAY_VALUE a day', async () => {
    // A/Z would be worth 1 a day but Z has no days; W's day is worth 1e-7 (below 1e-6).
    const input = {
      needs: [need('A', 1, 2), need('W', 1e-7, 4)],
      supporters: [supporter('X', 3), supporter('Z', 0)],
      pairs: [pair('A', 'X', 0.5), pair('A', 'Z', 1), pair('W', 'X', 1)],
    };
    const plan = await planAllocation(input);
    expect(daysByPair(plan)).toEqual({ 'A/X': 2 });
    // Only A's row binds (X keeps a day): u_A = 0.5, bound 2 x 0.5.
    expect(plan.lpBound).toBeCloseTo(1, 9);
    expect(plan.stats.constraints).toBe(2);
  });
});

describe("'mip' mode and the tie-break switch", () => {
  test("'mip' solves the same model as integers: no pricing, no tie-break, no bound", async () => {
    const plan = await planAllocation(twoChoices, { mode: 'mip' });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 2 });
    expect(plan.stats.pricing).toBeUndefined();
    expect(plan.stats.tieBreak).toBeUndefined();
    expect(plan.lpBound).toBeUndefined();
    expect(plan.stats.solver).toMatch(/^HiGHS \S+ MIP \(branch and cut\)$/);
  });

  const tied: AllocationInput<unknown> = {
    needs: [need('low', 1, 2, 10), need('high', 1, 2, 60)],
    supporters: [supporter('S', 2)],
    pairs: [pair('low', 'S', 0.5), pair('high', 'S', 0.5)],
  };

  test('the tie-break gives an equal-value day to the higher-FSM need, and reports its model', async () => {
    const plan = await planAllocation(tied);
    expect(daysByPair(plan)).toEqual({ 'high/S': 2 });
    expect(plan.stats.tieBreak).toMatchObject({ variables: 2, constraints: 3, applied: true });
    expect(plan.stats.solver).toMatch(/ \+ FSM tie-break LP$/);
  });

  test('every HiGHS model a plan creates (the LP, the tie-break LP) is disposed: WebAssembly memory is not garbage-collected', async () => {
    const before = openModelCount();
    const plan = await planAllocation(tied);
    expect(plan.stats.tieBreak?.applied).toBe(true);
    expect(openModelCount()).toBe(before);
  });

  test('an unknown FSM counts as unknownFsmPercent in the tie-break', async () => {
    const unknown = { ...tied, needs: [need('low', 1, 2, 10), need('high', 1, 2, null)] };
    expect(daysByPair(await planAllocation(unknown, { unknownFsmPercent: 5 }))).toEqual({ 'low/S': 2 });
    expect(daysByPair(await planAllocation(unknown, { unknownFsmPercent: 11 }))).toEqual({ 'high/S': 2 });
  });

  test('fsmTieBreak: false leaves no tie-break in the stats or the solver line', async () => {
    const plan = await planAllocation(tied, { fsmTieBreak: false });
    expect(plan.stats.tieBreak).toBeUndefined();
    expect(plan.stats.solver).toMatch(/^HiGHS \S+ simplex LP \(integral vertex\) with pricing$/);
    expect(plan.objective).toBeCloseTo(1, 9);
  });

  test('a pair on the optimal face that the tie-break leaves unused is not counted as modelled (it stays pruned)', async () => {
    // A (FSM 10) and B (FSM 90) want a day each; X and Y have one each; every pair is worth
    // 1. topK 1 models A/X and B/Y. A/Y is as good as A/X, so with these duals its reduced
    // cost is 0: not priced in, but on the optimal face, so the tie-break LP has 3 columns.
    // B can only use Y, so the tie-break keeps A on X, and A/Y stays outside the model.
    const input = {
      needs: [need('A', 1, 1, 10), need('B', 1, 1, 90)],
      supporters: [supporter('X', 1), supporter('Y', 1)],
      pairs: [pair('A', 'X', 1), pair('A', 'Y', 1), pair('B', 'Y', 1)],
    };
    const plan = await planAllocation(input, { topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'B/Y': 1 });
    expect(plan.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: true });
    expect(plan.stats.tieBreak).toMatchObject({ variables: 3, applied: true });
    // Modelled: the 2 columns of the first LP, and no face pair the plan does not use.
    expect(plan.stats).toMatchObject({ variables: 2, consideredPairs: 2, prunedPairs: 1 });
  });

  test('a face pair outside the model that the tie-break plan uses is counted as modelled (the plan passes its own checks)', async () => {
    // topK 1 models A/X and C/Y; pricing adds one more. A's days are worth about 1e-6 (A/Y
    // and A/Z exactly MIN_DAY_VALUE), so A/Z has reduced cost 0 and is on the face without
    // being modelled. Every FSM is unknown, so the tie-break weighs every day the same and
    // may move A's third day from Y to Z: HiGHS does, through A/Z (found by a property
    // search). That day must make A/Z a modelled pair, or buildPlan refuses the plan.
    const input = {
      needs: [need('A', 4e-6 / 3, 3, null), need('C', 0.25, 1, null)],
      supporters: [supporter('X', 2), supporter('Y', 2), supporter('Z', 1)],
      pairs: [pair('A', 'X', 1), pair('A', 'Y', 0.75), pair('A', 'Z', 0.75), pair('C', 'Y', 1), pair('C', 'Z', 1)],
    };
    const plan = await planAllocation(input, { topK: 1 });
    checkPlanInvariants(input, plan);
    expect(daysByPair(plan)).toEqual({ 'A/X': 2, 'A/Z': 1, 'C/Y': 1 });
    expect(plan.stats).toMatchObject({ variables: 3, consideredPairs: 4, tieBreak: { variables: 5, applied: true } });
  });

  test('the tie-break never plans a day on a pair worth nothing, even where both sides have room for it', async () => {
    // X's one day goes to A (v_X = 1); B takes a day of Y, who has days to spare (v_Y = 0,
    // u_B = 0.5); A still wants a day (u_A = 0). A/Y has fit 0: its reduced cost is 0 - 0 - 0,
    // but it is not a usable pair, so it is not on the face and the tie-break, which would
    // gladly give A's FSM weight another day, cannot use it.
    const input = {
      needs: [need('A', 1, 2, 50), need('B', 1, 1, 10)],
      supporters: [supporter('X', 1), supporter('Y', 5)],
      pairs: [pair('A', 'X', 1), pair('A', 'Y', 0), pair('B', 'Y', 0.5)],
    };
    const plan = await planAllocation(input);
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'B/Y': 1 });
    expect(plan.stats.pricing?.converged).toBe(true);
    expect(plan.stats.tieBreak).toMatchObject({ variables: 2, applied: true });
  });

  test('pricing: false says nothing of pricing', async () => {
    const plan = await planAllocation(tied, { pricing: false });
    expect(plan.stats.pricing).toBeUndefined();
    expect(plan.stats.solver).toMatch(/^HiGHS \S+ simplex LP \(integral vertex\) \+ FSM tie-break LP$/);
  });
});

describe('pricing adds a left-out pair only when its reduced cost is positive', () => {
  test('a need dual or a supporter dual that already pays for the pair keeps it out', async () => {
    const byNeed = await planAllocation(paidByNeedDual, { topK: 1 });
    expect(daysByPair(byNeed)).toEqual({ 'A/X': 1 });
    expect(byNeed.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: true });
    const bySupporter = await planAllocation(paidBySupporterDual, { topK: 1 });
    expect(daysByPair(bySupporter)).toEqual({ 'A/X': 2, 'B/Y': 2 });
    expect(bySupporter.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: true });
    expect(bySupporter.stats.variables).toBe(2);
  });

  test('the best reduced cost is added first, not the best fit', async () => {
    const plan = await planAllocation(byReducedCostNotFit, { topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Z': 4, 'B/Y': 1 });
    expect(plan.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: true });
  });

  test('of left-out pairs with the same reduced cost, the first in canonical order (better fit, then supporter id) is added first', async () => {
    const plan = await planAllocation(tiedReducedCost, { topK: 1 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 2 });
    expect(plan.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: true });
    expect(plan.stats).toMatchObject({ variables: 2, consideredPairs: 2, prunedPairs: 1 });
  });

  test('a pair worth less than MIN_DAY_VALUE a day is never priced in', async () => {
    const plan = await planAllocation(worthlessLeftOut, { topK: 1 });
    expect(plan.stats.pricing).toEqual({ rounds: 0, addedColumns: 0, converged: true });
  });

  test('the bound leaves out supporters with no days, worthless pairs, and supporters with no pairs', async () => {
    const plan = await planAllocation(boundSkips);
    expect(daysByPair(plan)).toEqual({ 'A/X': 2 });
    expect(plan.lpBound).toBeCloseTo(1, 9);
  });

  test('a pair worth exactly MIN_DAY_VALUE a day counts, in the plan and in the bound', async () => {
    const plan = await planAllocation(worthExactlyMin);
    expect(daysByPair(plan)).toEqual({ 'A/X': 2, 'E/X': 1 });
    expect(plan.lpBound).toBeCloseTo(1 + 1e-6, 12);
    expect(plan.objective).toBeCloseTo(1 + 1e-6, 12);
  });

  test('the tie-break models only the optimal face: the pairs in use and those with zero reduced cost', async () => {
    // A/Y's reduced cost is 0.5 - u_A 0.9 < 0: off the face, so the tie-break LP has A/X alone.
    const plan = await planAllocation(paidByNeedDual);
    expect(daysByPair(plan)).toEqual({ 'A/X': 1 });
    expect(plan.stats.tieBreak).toMatchObject({ variables: 1, constraints: 3, applied: true });
  });

  test('with nothing to plan there is no tie-break to run', async () => {
    const plan = await planAllocation({ needs: [need('A', 1, 2)], supporters: [supporter('X', 3)], pairs: [] });
    expect(plan.assignments).toEqual([]);
    expect(plan.stats.tieBreak).toBeUndefined();
    expect(plan.stats.solver).toMatch(/^HiGHS \S+ simplex LP \(integral vertex\) with pricing$/);
  });
});
