// Small instances whose optimum is worked out by hand, several of them chosen so that the
// greedy baseline is strictly worse.
import { greedyAllocation, planAllocation, type AllocationInput } from '../../../server/allocation';
import { checkPlanInvariants, daysByNeed, daysByPair, need, pair, supporter } from './support';

describe('planAllocation on instances with a hand-computed optimum', () => {
  test('one versatile supporter and one specialist: greedy spends the versatile one where the specialist would do', async () => {
    // V can serve A (0.9) or B (0.85); S can only serve A (0.8). Greedy takes the single
    // best pair first, V->A (0.9 x 5 = 4.5), which leaves B with nobody.
    // Optimum: S->A 5 days (4.0) + V->B 5 days (4.25) = 8.25.
    const input: AllocationInput = {
      needs: [need('A', 1, 5), need('B', 1, 5)],
      supporters: [supporter('V', 5), supporter('S', 5)],
      pairs: [pair('A', 'V', 0.9), pair('A', 'S', 0.8), pair('B', 'V', 0.85)],
    };
    const plan = await planAllocation(input);
    const greedy = greedyAllocation(input);
    checkPlanInvariants(input, plan);
    checkPlanInvariants(input, greedy);
    expect(daysByPair(plan)).toEqual({ 'A/S': 5, 'B/V': 5 });
    expect(plan.objective).toBeCloseTo(8.25, 9);
    expect(plan.unmet).toEqual([]);
    expect(daysByPair(greedy)).toEqual({ 'A/V': 5 });
    expect(greedy.objective).toBeCloseTo(4.5, 9);
    expect(greedy.unmet).toEqual([
      { needId: 'B', daysRequested: 5, daysAllocated: 0, daysUnmet: 5, reason: 'CAPACITY_EXHAUSTED', eligibleSupporters: 1, consideredSupporters: 1 },
    ]);
    expect(plan.lpBound).toBeCloseTo(8.25, 6);
  });

  test('a chain of three: greedy takes the best pair and loses a whole need, the plan shifts everyone one step', async () => {
    // Everyone 4 days, priorities 1. Fits: A-Y 1.0, A-X 0.9, B-Y 0.95, B-Z 0.6, C-Z 0.8.
    // Greedy: A-Y 4 (4.0); B-Y gone; C-Z (0.8) before B-Z (0.6): C-Z 4 (3.2); B nothing, X idle = 7.2.
    // Optimum: A-X 4 (3.6) + B-Y 4 (3.8) + C-Z 4 (3.2) = 10.6. (Splitting Y, a days to A:
    // 10.6 - 0.85a, so a = 0; Z is worth more to C than to B.)
    const input: AllocationInput = {
      needs: [need('A', 1, 4), need('B', 1, 4), need('C', 1, 4)],
      supporters: [supporter('X', 4), supporter('Y', 4), supporter('Z', 4)],
      pairs: [pair('A', 'Y', 1), pair('A', 'X', 0.9), pair('B', 'Y', 0.95), pair('B', 'Z', 0.6), pair('C', 'Z', 0.8)],
    };
    const plan = await planAllocation(input);
    const greedy = greedyAllocation(input);
    checkPlanInvariants(input, plan);
    checkPlanInvariants(input, greedy);
    expect(daysByPair(plan)).toEqual({ 'A/X': 4, 'B/Y': 4, 'C/Z': 4 });
    expect(plan.objective).toBeCloseTo(10.6, 9);
    expect(plan.unmet).toEqual([]);
    expect(daysByPair(greedy)).toEqual({ 'A/Y': 4, 'C/Z': 4 });
    expect(greedy.objective).toBeCloseTo(7.2, 9);
    expect(greedy.unmet).toEqual([
      { needId: 'B', daysRequested: 4, daysAllocated: 0, daysUnmet: 4, reason: 'CAPACITY_EXHAUSTED', eligibleSupporters: 2, consideredSupporters: 2 },
    ]);
  });

  test('when greedy is already optimal, the plan matches it', async () => {
    // Disjoint best choices: A-X 1.0, B-Y 0.9, plus weaker cross pairs.
    const input: AllocationInput = {
      needs: [need('A', 1, 3), need('B', 0.5, 3)],
      supporters: [supporter('X', 3), supporter('Y', 3)],
      pairs: [pair('A', 'X', 1), pair('A', 'Y', 0.3), pair('B', 'Y', 0.9), pair('B', 'X', 0.2)],
    };
    const plan = await planAllocation(input);
    expect(daysByPair(plan)).toEqual({ 'A/X': 3, 'B/Y': 3 });
    expect(plan.objective).toBeCloseTo(3 + 1.35, 9);
    expect(greedyAllocation(input).objective).toBeCloseTo(plan.objective, 9);
  });

  test('splitting days: a need served by two supporters, and a supporter shared by two needs', async () => {
    // A wants 6 (priority 1), B wants 3 (priority 0.5). X has 4 days (A 0.5, B 1.0), Y has 3 (A 0.6).
    // Values per day: A-X 0.5, A-Y 0.6, B-X 0.5. Y's 3 days go to A (1.8). X's 4 days: A and
    // B are worth the same (0.5) per day, so 4 days either way (2.0): optimum 3.8, with A
    // short by at least 2 days or B by at least 1.
    const input: AllocationInput = {
      needs: [need('A', 1, 6, 10), need('B', 0.5, 3, 60)],
      supporters: [supporter('X', 4), supporter('Y', 3)],
      pairs: [pair('A', 'X', 0.5), pair('A', 'Y', 0.6), pair('B', 'X', 1)],
    };
    const plan = await planAllocation(input);
    checkPlanInvariants(input, plan);
    expect(plan.objective).toBeCloseTo(3.8, 9);
    expect(daysByPair(plan)['A/Y']).toBe(3);
    // The tie (0.5 a day either way) goes to the more disadvantaged school: B (60% FSM) gets
    // all 3 of its days, A (10%) the last one of X's days.
    expect(daysByPair(plan)).toEqual({ 'A/X': 1, 'A/Y': 3, 'B/X': 3 });
    expect(plan.unmet).toEqual([
      { needId: 'A', daysRequested: 6, daysAllocated: 4, daysUnmet: 2, reason: 'CAPACITY_EXHAUSTED', eligibleSupporters: 2, consideredSupporters: 2 },
    ]);
  });

  test('scarce capacity goes to the higher value per day, whatever the order of the input', async () => {
    // One supporter with 3 days. A: priority 0.9, fit 0.5 (0.45/day); B: priority 0.5, fit 1 (0.5/day).
    const input: AllocationInput = {
      needs: [need('A', 0.9, 3), need('B', 0.5, 3)],
      supporters: [supporter('S', 3)],
      pairs: [pair('A', 'S', 0.5), pair('B', 'S', 1)],
    };
    const plan = await planAllocation(input);
    expect(daysByPair(plan)).toEqual({ 'B/S': 3 });
    expect(plan.objective).toBeCloseTo(1.5, 9);
    const reversed = await planAllocation({ ...input, needs: [...input.needs].reverse(), pairs: [...input.pairs].reverse() });
    expect(reversed).toEqual({ ...plan, stats: expect.anything() });
  });

  test('equal value per day: the tie goes to the higher-FSM need, and unknown FSM counts as 25%', async () => {
    const input: AllocationInput = {
      needs: [need('low', 0.8, 5, 10), need('high', 0.8, 5, 50), need('unknown', 0.8, 5, null)],
      supporters: [supporter('S', 7)],
      pairs: [pair('low', 'S', 0.7), pair('high', 'S', 0.7), pair('unknown', 'S', 0.7)],
    };
    const plan = await planAllocation(input);
    expect(daysByPair(plan)).toEqual({ 'high/S': 5, 'unknown/S': 2 });
    expect(plan.stats.tieBreak?.applied).toBe(true);
    const unknownLow = await planAllocation(input, { unknownFsmPercent: 0 });
    expect(daysByPair(unknownLow)).toEqual({ 'high/S': 5, 'low/S': 2 });
    // Same objective whichever way the tie is broken.
    expect(unknownLow.objective).toBeCloseTo(plan.objective, 12);
  });

  test('pricing finds the supporter that top-K pruning left out', async () => {
    // topK 1: A only sees X (its best), B only sees X. X has 5 days and is worth more to B.
    // Without pricing A gets nothing although Y (A's second choice) is free: CANDIDATE_LIMIT.
    // Pricing adds A-Y and reaches the optimum 5 x 1.0 + 5 x 0.5 = 7.5.
    const input: AllocationInput = {
      needs: [need('A', 1, 5), need('B', 1, 5)],
      supporters: [supporter('X', 5), supporter('Y', 5)],
      pairs: [pair('A', 'X', 0.9), pair('A', 'Y', 0.5), pair('B', 'X', 1)],
    };
    const pruned = await planAllocation(input, { topK: 1, pricing: false });
    expect(daysByPair(pruned)).toEqual({ 'B/X': 5 });
    expect(pruned.unmet).toEqual([
      { needId: 'A', daysRequested: 5, daysAllocated: 0, daysUnmet: 5, reason: 'CANDIDATE_LIMIT', eligibleSupporters: 2, consideredSupporters: 1 },
    ]);
    expect(pruned.stats.prunedPairs).toBe(1);
    // The bound covers the whole problem, so it exposes what pruning cost.
    expect(pruned.lpBound!).toBeGreaterThanOrEqual(7.5 - 1e-9);

    const priced = await planAllocation(input, { topK: 1 });
    expect(daysByPair(priced)).toEqual({ 'A/Y': 5, 'B/X': 5 });
    expect(priced.objective).toBeCloseTo(7.5, 9);
    expect(priced.lpBound).toBeCloseTo(7.5, 6);
    expect(priced.stats.pricing).toEqual({ rounds: 1, addedColumns: 1, converged: true });
    expect(priced.stats.prunedPairs).toBe(0);
  });

  test('every unmet reason', async () => {
    const input: AllocationInput = {
      needs: [
        need('nobody', 1, 2),
        need('zeroFit', 1, 2),
        need('zeroPriority', 0, 2),
        need('booked', 1, 2),
        need('outbid', 0.5, 2),
        need('met', 1, 2),
        need('nothingWanted', 1, 0),
      ],
      supporters: [supporter('free', 9), supporter('busy', 0), supporter('star', 2)],
      pairs: [
        pair('zeroFit', 'free', 0),
        pair('zeroPriority', 'free', 1),
        pair('booked', 'busy', 1),
        pair('outbid', 'star', 1),
        pair('met', 'star', 1),
        pair('nothingWanted', 'free', 1),
      ],
    };
    const plan = await planAllocation(input);
    checkPlanInvariants(input, plan);
    expect(plan.unmet.map((u) => [u.needId, u.reason])).toEqual([
      ['booked', 'NO_CAPACITY'],
      ['nobody', 'NO_ELIGIBLE_SUPPORTER'],
      ['outbid', 'CAPACITY_EXHAUSTED'],
      ['zeroFit', 'ZERO_VALUE'],
      ['zeroPriority', 'ZERO_VALUE'],
    ]);
    expect(daysByPair(plan)).toEqual({ 'met/star': 2 });
    expect(plan.stats.unusablePairs).toBe(4);
    expect(greedyAllocation(input).unmet).toEqual(plan.unmet);
  });

  test("'mip' mode reaches the same optimum", async () => {
    const input: AllocationInput = {
      needs: [need('A', 1, 5), need('B', 1, 5)],
      supporters: [supporter('V', 5), supporter('S', 5)],
      pairs: [pair('A', 'V', 0.9), pair('A', 'S', 0.8), pair('B', 'V', 0.85)],
    };
    const plan = await planAllocation(input, { mode: 'mip' });
    expect(plan.objective).toBeCloseTo(8.25, 9);
    expect(plan.lpBound).toBeUndefined();
    expect(plan.stats.solver).toMatch(/MIP/);
  });

  test('assignments carry the pair explanation, fit, priority and value', async () => {
    const input: AllocationInput<{ why: string }> = {
      needs: [need('A', 0.5, 2)],
      supporters: [supporter('S', 3)],
      pairs: [{ needId: 'A', supporterId: 'S', fit: 0.8, explanation: { why: 'maths lead nearby' } }],
    };
    const plan = await planAllocation(input);
    expect(plan.assignments).toEqual([
      { needId: 'A', supporterId: 'S', days: 2, fit: 0.8, priority: 0.5, value: 0.8, explanation: { why: 'maths lead nearby' } },
    ]);
    expect(greedyAllocation(input).assignments).toEqual(plan.assignments);
  });

  test('empty inputs', async () => {
    const none = await planAllocation({ needs: [], supporters: [], pairs: [] });
    expect(none).toMatchObject({ assignments: [], unmet: [], objective: 0, lpBound: 0 });
    const noPairs = await planAllocation({ needs: [need('A', 1, 3)], supporters: [supporter('S', 3)], pairs: [] });
    expect(noPairs.unmet.map((u) => u.reason)).toEqual(['NO_ELIGIBLE_SUPPORTER']);
    expect(noPairs.fairness.fillRate).toBe(0);
    expect(daysByNeed(noPairs).size).toBe(0);
  });
});

describe('input checking', () => {
  const ok: AllocationInput = { needs: [need('A', 1, 1)], supporters: [supporter('S', 1)], pairs: [pair('A', 'S', 0.5)] };
  test.each([
    ['unknown need', { ...ok, pairs: [pair('Z', 'S', 0.5)] }, /unknown need Z/],
    ['unknown supporter', { ...ok, pairs: [pair('A', 'Z', 0.5)] }, /unknown supporter Z/],
    ['duplicate pair', { ...ok, pairs: [pair('A', 'S', 0.5), pair('A', 'S', 0.6)] }, /duplicate pair A\/S/],
    ['duplicate need', { ...ok, needs: [need('A', 1, 1), need('A', 1, 2)] }, /duplicate need id A/],
    ['fit above 1', { ...ok, pairs: [pair('A', 'S', 1.5)] }, /fit must be in \[0, 1\]/],
    ['NaN priority', { ...ok, needs: [need('A', NaN, 1)] }, /priority must be in \[0, 1\]/],
    ['fractional days', { ...ok, needs: [need('A', 1, 1.5)] }, /daysOutstanding must be an integer/],
    ['negative capacity', { ...ok, supporters: [supporter('S', -1)] }, /remainingDays must be an integer/],
    ['FSM above 100', { ...ok, needs: [need('A', 1, 1, 101)] }, /fsmPercent/],
  ])('%s', async (_label, input, message) => {
    await expect(planAllocation(input)).rejects.toThrow(message);
    expect(() => greedyAllocation(input)).toThrow(message);
  });

  test('bad options', async () => {
    await expect(planAllocation(ok, { topK: 0 })).rejects.toThrow(/topK/);
    await expect(planAllocation(ok, { topK: 2.5 })).rejects.toThrow(/topK/);
    await expect(planAllocation(ok, { timeLimitSeconds: 0 })).rejects.toThrow(/timeLimitSeconds/);
    await expect(planAllocation(ok, { mode: 'fast' as never })).rejects.toThrow(/mode/);
  });
});
