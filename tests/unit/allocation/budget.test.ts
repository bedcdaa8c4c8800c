// Hand-worked examples of planning under a budget (dayCost per supporter, budget per plan).
import { AllocationInputError, greedyAllocation, planAllocation } from '../../../server/allocation';
import { checkPlanInvariants, daysByPair, need, pair, supporter } from './support';

describe('planning under a budget', () => {
  test('the budget stops the plan at the days it pays for; the rest is unmet because of the budget', async () => {
    // X costs £500 a day; £1,200 pays for two whole days, both to A (its day is worth more).
    const input = {
      needs: [need('A', 1, 3), need('B', 1, 2)],
      supporters: [supporter('X', 5, 500)],
      pairs: [pair('A', 'X', 1), pair('B', 'X', 0.5)],
    };
    const plan = await planAllocation(input, { budget: 1200 });
    checkPlanInvariants(input, plan);
    expect(daysByPair(plan)).toEqual({ 'A/X': 2 });
    expect(plan.cost).toBe(1000);
    expect(plan.budget).toBe(1200);
    expect(plan.assignments[0]!.cost).toBe(1000);
    expect(plan.unmet.map((u) => [u.needId, u.daysUnmet, u.reason])).toEqual([
      ['A', 1, 'BUDGET'],
      ['B', 2, 'BUDGET'],
    ]);
    // Without the budget X's five days all go: A 3, B 2.
    const unlimited = await planAllocation(input);
    expect(daysByPair(unlimited)).toEqual({ 'A/X': 3, 'B/X': 2 });
    expect(unlimited.cost).toBe(2500);
    expect(unlimited.budget).toBeUndefined();
    expect(unlimited.unmet).toEqual([]);
  });

  test('where a pound buys more: the plan beats greedy, which spends the budget on the most valuable day first', async () => {
    // A day of X on A is worth 0.9 and costs £600; a day of Y on B is worth 0.8 and costs £400.
    // £1,200: greedy takes 2 days of X (1.8); three days of Y are worth 2.4 for the same money.
    const input = {
      needs: [need('A', 1, 5), need('B', 1, 5)],
      supporters: [supporter('X', 5, 600), supporter('Y', 5, 400)],
      pairs: [pair('A', 'X', 0.9), pair('B', 'Y', 0.8)],
    };
    const plan = await planAllocation(input, { budget: 1200 });
    const greedy = greedyAllocation(input, { budget: 1200 });
    checkPlanInvariants(input, plan);
    checkPlanInvariants(input, greedy);
    expect(daysByPair(plan)).toEqual({ 'B/Y': 3 });
    expect(plan.objective).toBeCloseTo(2.4, 9);
    expect(plan.cost).toBe(1200);
    expect(daysByPair(greedy)).toEqual({ 'A/X': 2 });
    expect(greedy.objective).toBeCloseTo(1.8, 9);
    expect(plan.unmet.map((u) => [u.needId, u.daysUnmet, u.reason])).toEqual([
      ['A', 5, 'BUDGET'],
      ['B', 2, 'BUDGET'],
    ]);
    expect(plan.lpBound!).toBeGreaterThanOrEqual(plan.objective - 1e-9);
  });

  test('a budget that pays for half a day gives no half day: the LP relaxation is fractional, the plan is not', async () => {
    const input = { needs: [need('A', 1, 2)], supporters: [supporter('X', 2, 500)], pairs: [pair('A', 'X', 1)] };
    const plan = await planAllocation(input, { budget: 750 });
    expect(daysByPair(plan)).toEqual({ 'A/X': 1 });
    expect(plan.cost).toBe(500);
    // The relaxation would give 1.5 days, worth 1.5: the bound says so.
    expect(plan.lpBound!).toBeCloseTo(1.5, 6);
    expect(plan.unmet).toEqual([
      { needId: 'A', daysRequested: 2, daysAllocated: 1, daysUnmet: 1, reason: 'BUDGET', eligibleSupporters: 1, consideredSupporters: 1 },
    ]);
  });

  test('support that costs nothing is planned whatever the budget; other reasons still come first', async () => {
    const input = {
      needs: [need('A', 1, 4), need('B', 1, 3), need('C', 1, 2)],
      supporters: [supporter('free', 2, 0), supporter('dear', 3, 450)],
      pairs: [pair('A', 'free', 1), pair('A', 'dear', 0.5)],
    };
    const plan = await planAllocation(input, { budget: 0 });
    checkPlanInvariants(input, plan);
    expect(daysByPair(plan)).toEqual({ 'A/free': 2 });
    expect(plan.cost).toBe(0);
    expect(plan.unmet.map((u) => [u.needId, u.reason])).toEqual([
      ['A', 'BUDGET'],
      ['B', 'NO_ELIGIBLE_SUPPORTER'],
      ['C', 'NO_ELIGIBLE_SUPPORTER'],
    ]);
  });

  test('when everyone is booked, the need is CAPACITY_EXHAUSTED, not BUDGET, even with money left over', async () => {
    const input = { needs: [need('A', 1, 5)], supporters: [supporter('X', 2, 300)], pairs: [pair('A', 'X', 1)] };
    const plan = await planAllocation(input, { budget: 10_000 });
    expect(plan.cost).toBe(600);
    expect(plan.unmet.map((u) => u.reason)).toEqual(['CAPACITY_EXHAUSTED']);
  });

  test('bad money is refused, naming what is wrong', async () => {
    const input = { needs: [need('A', 1, 1)], supporters: [supporter('X', 1, 100)], pairs: [pair('A', 'X', 1)] };
    await expect(planAllocation(input, { budget: -1 })).rejects.toThrow(new AllocationInputError('budget must be an integer >= 0 (whole currency units), got -1'));
    await expect(planAllocation(input, { budget: 10.5 })).rejects.toThrow(AllocationInputError);
    expect(() => greedyAllocation(input, { budget: Number.NaN })).toThrow(AllocationInputError);
    const badCost = { ...input, supporters: [supporter('X', 1, -5)] };
    await expect(planAllocation(badCost)).rejects.toThrow('supporter X: dayCost must be an integer >= 0, got -5');
  });
});
