// Property tests: the plan is feasible, optimal (against an exhaustive oracle on tiny
// instances, and never below greedy), favours higher-FSM needs when capacity is short, and
// is deterministic.
import fc from 'fast-check';
import { greedyAllocation, planAllocation, type AllocationInput, type AllocationNeed } from '../../../server/allocation';
import { arbInstance, arbUnit, bruteForceOptimum, checkPlanInvariants, close, daysByNeed, shuffled } from './support';

const small = arbInstance({ maxNeeds: 7, maxSupporters: 6, maxDays: 8 });
const tiny = arbInstance({ maxNeeds: 3, maxSupporters: 3, maxDays: 3, density: 0.7 });

describe('allocation properties', () => {
  test('capacity and need days are never exceeded (plan in every mode, and greedy)', async () => {
    await fc.assert(
      fc.asyncProperty(small, fc.integer({ min: 1, max: 4 }), async (input, topK) => {
        checkPlanInvariants(input, await planAllocation(input));
        checkPlanInvariants(input, await planAllocation(input, { topK, pricing: false }));
        checkPlanInvariants(input, await planAllocation(input, { mode: 'mip', topK }));
        checkPlanInvariants(input, greedyAllocation(input));
        checkPlanInvariants(input, greedyAllocation(input, { topK }));
      }),
      { numRuns: 150 },
    );
  });

  test('the plan reaches the exhaustive-search optimum on tiny instances', async () => {
    await fc.assert(
      fc.asyncProperty(tiny, async (input) => {
        fc.pre(input.pairs.length <= 7);
        const optimum = bruteForceOptimum(input);
        const plan = await planAllocation(input);
        expect(close(plan.objective, optimum)).toBe(true);
        // Pricing from a single pair per need gets there too; so does 'mip' over all pairs.
        expect(close((await planAllocation(input, { topK: 1 })).objective, optimum)).toBe(true);
        expect(close((await planAllocation(input, { mode: 'mip', topK: Infinity })).objective, optimum)).toBe(true);
        expect(greedyAllocation(input).objective).toBeLessThanOrEqual(optimum + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  test('plan objective >= greedy objective, and <= the LP bound, which pricing makes tight', async () => {
    await fc.assert(
      fc.asyncProperty(small, fc.integer({ min: 1, max: 3 }), async (input, topK) => {
        const plan = await planAllocation(input, { topK });
        const greedy = greedyAllocation(input);
        expect(plan.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-6 * (1 + greedy.objective));
        expect(plan.stats.pricing?.converged).toBe(true);
        expect(plan.objective).toBeLessThanOrEqual(plan.lpBound! + 1e-9);
        expect(close(plan.objective, plan.lpBound!)).toBe(true);
        expect(plan.stats.toppedUpDays).toBe(0);
        // Without pricing: optimal over the same top-K pairs greedy sees, still bounded.
        const pruned = await planAllocation(input, { topK, pricing: false });
        const greedyPruned = greedyAllocation(input, { topK });
        expect(pruned.objective).toBeGreaterThanOrEqual(greedyPruned.objective - 1e-6 * (1 + greedyPruned.objective));
        expect(pruned.objective).toBeLessThanOrEqual(pruned.lpBound! + 1e-9);
        expect(pruned.objective).toBeLessThanOrEqual(plan.objective + 1e-6 * (1 + plan.objective));
      }),
      { numRuns: 150 },
    );
  });

  describe('when capacity is short, higher-FSM needs get at least as many days as lower-FSM needs (all else equal)', () => {
    // Needs identical but for FSM (same days wanted, same fit to each supporter), supply
    // below demand; priority is a non-decreasing function of FSM.
    const arbScarce = (priorityOf: (fsm: number) => number) =>
      fc
        .record({
          fsms: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 7 }),
          days: fc.integer({ min: 1, max: 6 }),
          // Realistic fits: differences in value per day far above the solver's tolerance.
          fits: fc.array(arbUnit.filter((f) => f >= 0.01), { minLength: 1, maxLength: 5 }),
          capacities: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }),
        })
        .filter(({ fsms, days, fits, capacities }) => capacities.slice(0, fits.length).reduce((a, b) => a + b, 0) < fsms.length * days)
        .map(({ fsms, days, fits, capacities }): AllocationInput => {
          const needs: AllocationNeed[] = fsms.map((fsm, i) => ({ id: `n${i}`, priority: priorityOf(fsm), daysOutstanding: days, fsmPercent: fsm }));
          return {
            needs,
            supporters: fits.map((_, j) => ({ id: `s${j}`, remainingDays: capacities[j]! })),
            pairs: needs.flatMap((n) => fits.map((fit, j) => ({ needId: n.id, supporterId: `s${j}`, fit }))),
          };
        });

    const check = (input: AllocationInput, days: Map<string, number>) => {
      for (const a of input.needs) {
        for (const b of input.needs) {
          if (a.fsmPercent! > b.fsmPercent!) expect(days.get(a.id) ?? 0).toBeGreaterThanOrEqual(days.get(b.id) ?? 0);
        }
      }
    };

    test('priority strictly increasing in FSM', async () => {
      await fc.assert(
        fc.asyncProperty(arbScarce((fsm) => 0.2 + 0.006 * fsm), async (input) => {
          check(input, daysByNeed(await planAllocation(input)));
          check(input, daysByNeed(await planAllocation(input, { fsmTieBreak: false })));
        }),
        { numRuns: 150 },
      );
    });

    test('priority saturating in FSM (ties above 40%): the FSM tie-break decides', async () => {
      await fc.assert(
        fc.asyncProperty(arbScarce((fsm) => 0.3 + 0.5 * Math.min(1, fsm / 40)), async (input) => {
          check(input, daysByNeed(await planAllocation(input)));
        }),
        { numRuns: 150 },
      );
    });
  });

  test('deterministic: the same plan for the same input in any order, and on every run', async () => {
    await fc.assert(
      fc.asyncProperty(small, fc.integer(), async (input, seed) => {
        const plan = await planAllocation(input);
        const reordered: AllocationInput = {
          needs: shuffled(input.needs, seed),
          supporters: shuffled(input.supporters, seed + 1),
          pairs: shuffled(input.pairs, seed + 2),
        };
        const again = await planAllocation(reordered);
        const strip = ({ stats: _stats, ...rest }: typeof plan) => rest;
        expect(strip(again)).toEqual(strip(plan));
        expect(strip(await planAllocation(input))).toEqual(strip(plan));
        const greedy = greedyAllocation(input);
        expect(strip(greedyAllocation(reordered))).toEqual(strip(greedy));
      }),
      { numRuns: 100 },
    );
  });

  describe('with a budget', () => {
    const costed = arbInstance({ maxNeeds: 6, maxSupporters: 5, maxDays: 6, maxDayCost: 700 });
    const tinyCosted = arbInstance({ maxNeeds: 3, maxSupporters: 3, maxDays: 3, density: 0.7, maxDayCost: 600 });
    const arbBudget = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 1200 }));
    const slack = (x: number) => 1e-6 * (1 + Math.abs(x));

    test('the plan never costs more than the budget and is never worse than greedy under the same budget', async () => {
      await fc.assert(
        fc.asyncProperty(costed, arbBudget, fc.integer({ min: 1, max: 3 }), async (input, budget, topK) => {
          const plan = await planAllocation(input, { budget, topK });
          const greedy = greedyAllocation(input, { budget });
          checkPlanInvariants(input, plan);
          checkPlanInvariants(input, greedy);
          expect(plan.cost).toBeLessThanOrEqual(budget);
          expect(greedy.cost).toBeLessThanOrEqual(budget);
          expect(plan.budget).toBe(budget);
          // The greedy plan the planner reports is greedyAllocation's under the same budget.
          expect(plan.stats.budget!.greedyObjective).toBeCloseTo(greedy.objective, 9);
          expect(plan.stats.budget!.greedyCost).toBe(greedy.cost);
          expect(plan.objective).toBeGreaterThanOrEqual(greedy.objective - slack(greedy.objective));
          expect(plan.objective).toBeLessThanOrEqual(plan.lpBound! + slack(plan.lpBound!));
          // A budget can only take value away.
          const unlimited = await planAllocation(input);
          expect(plan.objective).toBeLessThanOrEqual(unlimited.objective + slack(unlimited.objective));
        }),
        { numRuns: 150 },
      );
    });

    test('the plan reaches the exhaustive-search optimum under the budget on tiny instances', async () => {
      await fc.assert(
        fc.asyncProperty(tinyCosted, fc.integer({ min: 0, max: 2500 }), async (input, budget) => {
          fc.pre(input.pairs.length <= 7);
          const optimum = bruteForceOptimum(input, budget);
          const plan = await planAllocation(input, { budget, topK: Infinity });
          expect(plan.stats.budget?.provenOptimal).toBe(true);
          expect(close(plan.objective, optimum)).toBe(true);
          // From one pair per need, pricing plus greedy's pairs: never below greedy, never above the optimum.
          const priced = await planAllocation(input, { budget, topK: 1 });
          expect(priced.objective).toBeLessThanOrEqual(optimum + slack(optimum));
          expect(greedyAllocation(input, { budget }).objective).toBeLessThanOrEqual(optimum + slack(optimum));
        }),
        { numRuns: 200 },
      );
    });

    test('a MIP stopped at its time limit still keeps within the budget and never falls below greedy', async () => {
      const stopped = arbInstance({ maxNeeds: 8, maxSupporters: 8, maxDays: 8, maxDayCost: 700, density: 0.8 });
      await fc.assert(
        fc.asyncProperty(stopped, arbBudget, async (input, budget) => {
          const plan = await planAllocation(input, { budget, budgetMipSeconds: 1e-6 });
          const greedy = greedyAllocation(input, { budget });
          checkPlanInvariants(input, plan);
          expect(plan.cost).toBeLessThanOrEqual(budget);
          expect(plan.objective).toBeGreaterThanOrEqual(greedy.objective - slack(greedy.objective));
          expect(plan.objective).toBeLessThanOrEqual(plan.lpBound! + slack(plan.lpBound!));
          if (!plan.stats.budget!.provenOptimal) expect(plan.stats.solver).toMatch(/stopped at its .* limit/);
        }),
        { numRuns: 60 },
      );
    });

    test('more budget never gives a worse plan; a budget that pays for everything changes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(costed, arbBudget, fc.integer({ min: 0, max: 2000 }), async (input, budget, more) => {
          const smaller = await planAllocation(input, { budget, topK: Infinity });
          const larger = await planAllocation(input, { budget: budget + more, topK: Infinity });
          expect(larger.objective).toBeGreaterThanOrEqual(smaller.objective - slack(smaller.objective));
          const everything = input.supporters.reduce((sum, s) => sum + (s.dayCost ?? 0) * s.remainingDays, 0);
          const ample = await planAllocation(input, { budget: everything });
          const unlimited = await planAllocation(input);
          expect(close(ample.objective, unlimited.objective)).toBe(true);
          expect(ample.unmet.some((u) => u.reason === 'BUDGET')).toBe(false);
        }),
        { numRuns: 100 },
      );
    });

    test('BUDGET is given only with a budget, and only where a spare supporter costs more than the money left', async () => {
      await fc.assert(
        fc.asyncProperty(costed, arbBudget, async (input, budget) => {
          expect((await planAllocation(input)).unmet.some((u) => u.reason === 'BUDGET')).toBe(false);
          expect(greedyAllocation(input).unmet.some((u) => u.reason === 'BUDGET')).toBe(false);
          for (const plan of [await planAllocation(input, { budget }), greedyAllocation(input, { budget })]) {
            const left = budget - plan.cost;
            const used = new Map<string, number>();
            for (const a of plan.assignments) used.set(a.supporterId, (used.get(a.supporterId) ?? 0) + a.days);
            for (const u of plan.unmet.filter((x) => x.reason === 'BUDGET')) {
              const spareAndDear = input.pairs.some((p) => {
                const s = input.supporters.find((x) => x.id === p.supporterId)!;
                return p.needId === u.needId && p.fit > 0 && s.remainingDays > (used.get(s.id) ?? 0) && (s.dayCost ?? 0) > left;
              });
              expect(spareAndDear).toBe(true);
            }
          }
        }),
        { numRuns: 100 },
      );
    });
  });
});
