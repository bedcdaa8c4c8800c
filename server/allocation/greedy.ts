// The greedy baseline the optimal plan is measured against: take the usable pairs in
// descending priority * fit order (ties: need id, then supporter id) and give each
// min(days the need still wants, days the supporter still has). By default it sees every
// pair, as planAllocation (with pricing) effectively does; `topK` restricts it to each
// need's top K pairs by fit, like the planner without pricing.
//
// Greedy is short-sighted: it hands a versatile supporter to the first need that values
// them most, even when that need had a near-equal alternative and another need had none.
import { checkTopK, fillGreedily, greedyOrder, prepareAllocation } from './prepare';
import { buildPlan } from './result';
import type { AllocationInput, AllocationPlan, FairnessOptions } from './types';

export interface GreedyOptions {
  /** Only each need's top K usable pairs by fit. Default Infinity (every pair). */
  readonly topK?: number;
  readonly fairness?: FairnessOptions;
}

export function greedyAllocation<E>(input: AllocationInput<E>, options: GreedyOptions = {}): AllocationPlan<E> {
  const startedAt = performance.now();
  const prep = prepareAllocation(input, checkTopK(options.topK ?? Infinity));
  const days = new Float64Array(prep.pairs.length);
  const needLeft = Float64Array.from(prep.needs, (n) => n.daysOutstanding);
  const supporterLeft = Float64Array.from(prep.supporters, (s) => s.remainingDays);
  fillGreedily(prep, greedyOrder(prep), days, needLeft, supporterLeft);
  const variables = prep.considered.length;
  return buildPlan(prep, days, { solver: 'greedy', variables, constraints: 0, solveMs: 0, toppedUpDays: 0 }, startedAt, {
    fairness: options.fairness,
  });
}
