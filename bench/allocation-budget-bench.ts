// Planning under a budget at trust scale: the instances of allocation-bench.ts (1,000 needs,
// 10,000 staff), each supporter given a day cost like the defaults of domain/cost.ts (day
// rate by designation plus cover), planned within budgets of a quarter, a half and nine
// tenths of what the unlimited plan costs. Prints time, objective against greedy under the
// same budget, and the gap to the LP bound. `npx tsx bench/allocation-budget-bench.ts [--seed N]`.
import { greedyAllocation, loadAllocationSolver, planAllocation, type AllocationInput } from '../server/allocation';
import { DEFAULT_COVER_DAY_RATE, DEFAULT_DAY_RATES, DEFAULT_UNDESIGNATED_DAY_RATE } from '../server/domain/cost';
import { generate, SCENARIOS } from './allocation-bench';
import { createPrng } from '../seeds/prng';

function withCosts(input: AllocationInput<string>, seed: number): AllocationInput<string> {
  const { next: rnd } = createPrng(seed + 1);
  return {
    ...input,
    supporters: input.supporters.map((s) => {
      const roll = rnd();
      const rate = roll < 0.05 ? DEFAULT_DAY_RATES.NLE : roll < 0.15 ? DEFAULT_DAY_RATES.LLE : roll < 0.4 ? DEFAULT_DAY_RATES.SLE : DEFAULT_UNDESIGNATED_DAY_RATE;
      // Cover varies a little from school to school around the default.
      const cover = DEFAULT_COVER_DAY_RATE - 40 + Math.floor(rnd() * 81);
      return { ...s, dayCost: rate + cover };
    }),
  };
}

const fmt = (x: number, digits = 1) => x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seedArg = args.indexOf('--seed');
  const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : 20240901;
  await loadAllocationSolver();
  console.log(`node ${process.version}`);
  for (const scenario of SCENARIOS) {
    const input = withCosts(generate(seed, scenario), seed);
    const unlimited = await planAllocation(input);
    console.log(`\n=== ${scenario.name} (seed ${seed}): unlimited plan costs £${fmt(unlimited.cost, 0)}, objective ${fmt(unlimited.objective, 3)}`);
    for (const share of [0.25, 0.5, 0.9]) {
      const budget = Math.floor(unlimited.cost * share);
      const started = performance.now();
      const plan = await planAllocation(input, { budget });
      const ms = performance.now() - started;
      const g0 = performance.now();
      const greedy = greedyAllocation(input, { budget });
      const greedyMs = performance.now() - g0;
      const budgetDays = plan.unmet.filter((u) => u.reason === 'BUDGET').reduce((a, u) => a + u.daysUnmet, 0);
      console.log(
        `budget £${fmt(budget, 0)} (${share * 100}%): ${fmt(ms, 0)} ms (solver ${fmt(plan.stats.solveMs, 0)} ms), ${plan.stats.variables} variables; ` +
          `cost £${fmt(plan.cost, 0)}; objective ${fmt(plan.objective, 3)} vs greedy ${fmt(greedy.objective, 3)} (${fmt(greedyMs, 0)} ms, ` +
          `${plan.objective >= greedy.objective ? '+' : ''}${fmt((100 * (plan.objective - greedy.objective)) / greedy.objective, 2)}%); ` +
          `LP bound ${fmt(plan.lpBound ?? NaN, 3)} (gap ${fmt((100 * ((plan.lpBound ?? NaN) - plan.objective)) / plan.objective, 4)}%); ` +
          `pricing ${plan.stats.pricing?.rounds} rounds converged ${plan.stats.pricing?.converged}; ${budgetDays} days unmet because of the budget; ${plan.stats.solver}`,
      );
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
