// The greedy baseline the optimal plan is measured against: take the usable pairs in
// descending priority * fit order (ties: need id, then supporter id) and give each
// min(days the need still wants, days the supporter still has). By default it sees every
// pair, as planAllocation (with pricing) effectively does; `topK` restricts it to each
// need's top K pairs by fit, like the planner without pricing. With a budget it gives each
// pair only the days the money left pays for, and goes on to cheaper pairs.
//
// Greedy is short-sighted: it hands a versatile supporter to the first need that values
// them most, even when that need had a near-equal alternative and another need had none.
import { checkBudget, checkTopK, fillGreedily, greedyOrder, prepareAllocation } from './prepare';
import { buildPlan } from './result';
import type { AllocationInput, AllocationPlan, FairnessOptions } from './types';

export interface GreedyOptions {
  /** Only each need's top K usable pairs by fit. Default Infinity (every pair). */
  readonly topK?: number;
  readonly fairness?: FairnessOptions;
  /** Never spend more than this (whole currency units): a pair gets only the days the money left pays for, and later, cheaper pairs still get theirs. */
  readonly budget?: number;
}

export function greedyAllocation<E>(input: AllocationInput<E>, options: GreedyOptions = {}): AllocationPlan<E> {
  const startedAt = performance.now();
  const budget = checkBudget(options.budget);
  const prep = prepareAllocation(input, checkTopK(options.topK ?? Infinity));
  const days = new Float64Array(prep.pairs.length);
  const needLeft = Float64Array.from(prep.needs, (n) => n.daysOutstanding);
  const supporterLeft = Float64Array.from(prep.supporters, (s) => s.remainingDays);
  fillGreedily(prep, greedyOrder(prep), days, needLeft, supporterLeft, budget === undefined ? undefined : { left: budget });
  const variables = prep.considered.length;
  return buildPlan(prep, days, { solver: 'greedy', variables, constraints: 0, solveMs: 0, toppedUpDays: 0 }, startedAt, {
    fairness: options.fairness,
    ...(budget !== undefined ? { budget } : {}),
  });
}
