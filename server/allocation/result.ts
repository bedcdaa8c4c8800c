// Turns days-per-pair into the plan shape shared by the optimal planner and greedy:
// assignments, unmet needs with a reason, the objective and the fairness report.
import { computeFairness } from './fairness';
import { costOf, MIN_DAY_VALUE, residuals, type PreparedAllocation } from './prepare';
import type {
  AllocationAssignment,
  AllocationPlan,
  AllocationStats,
  FairnessOptions,
  UnmetNeed,
  UnmetReason,
} from './types';

/** Throws unless `days` are non-negative integers on considered pairs within every capacity. */
export function assertFeasible(prep: PreparedAllocation<unknown>, days: Float64Array): void {
  for (let p = 0; p < days.length; p++) {
    const d = days[p]!;
    if (d === 0) continue;
    if (!(Number.isInteger(d) && d > 0) || prep.pairConsidered[p] !== 1) {
      throw new Error(`internal error: ${d} days on pair ${prep.pairs[p]!.needId}/${prep.pairs[p]!.supporterId}`);
    }
  }
  const { needLeft, supporterLeft } = residuals(prep, days);
  needLeft.forEach((left, i) => {
    if (left < 0) throw new Error(`internal error: need ${prep.needs[i]!.id} over-allocated by ${-left} days`);
  });
  supporterLeft.forEach((left, j) => {
    if (left < 0) throw new Error(`internal error: supporter ${prep.supporters[j]!.id} over-allocated by ${-left} days`);
  });
}

/** The true objective (sum of priority * fit * days), summed in canonical pair order. */
export function objectiveOf(prep: PreparedAllocation<unknown>, days: Float64Array): number {
  let total = 0;
  for (let p = 0; p < days.length; p++) if (days[p]! > 0) total += prep.pairValue[p]! * days[p]!;
  return total;
}

/** `budgetLeft` is Infinity when the plan has no budget. */
function unmetReason(prep: PreparedAllocation<unknown>, needIdx: number, supporterLeft: Float64Array, budgetLeft: number): UnmetReason {
  const start = prep.needPairStart[needIdx]!;
  const end = prep.needPairStart[needIdx + 1]!;
  if (start === end) return 'NO_ELIGIBLE_SUPPORTER';
  let anyUseful = false;
  let anyWithDays = false;
  let prunedWithSpare = false;
  let spareButUnaffordable = false;
  for (let p = start; p < end; p++) {
    if (!(prep.pairValue[p]! >= MIN_DAY_VALUE)) continue;
    anyUseful = true;
    const si = prep.pairSupporter[p]!;
    if (prep.supporters[si]!.remainingDays > 0) anyWithDays = true;
    if (prep.pairUsable[p] !== 1 || !(supporterLeft[si]! > 0)) continue;
    const affordable = prep.supporterCost[si]! <= budgetLeft;
    if (prep.pairConsidered[p] !== 1 && affordable) prunedWithSpare = true;
    if (!affordable) spareButUnaffordable = true;
  }
  if (!anyUseful) return 'ZERO_VALUE';
  if (!anyWithDays) return 'NO_CAPACITY';
  if (prunedWithSpare) return 'CANDIDATE_LIMIT';
  if (spareButUnaffordable) return 'BUDGET';
  return 'CAPACITY_EXHAUSTED';
}

export interface PlanExtras {
  readonly lpBound?: number;
  readonly budget?: number;
  readonly fairness?: FairnessOptions;
}

/** Builds the plan; `days` holds the days per pair (indices of prep.pairs). */
export function buildPlan<E>(
  prep: PreparedAllocation<E>,
  days: Float64Array,
  stats: Omit<AllocationStats, 'inputPairs' | 'unusablePairs' | 'prunedPairs' | 'consideredPairs' | 'topK' | 'totalMs'>,
  startedAt: number,
  extras: PlanExtras = {},
): AllocationPlan<E> {
  assertFeasible(prep, days);
  const cost = costOf(prep, days);
  if (extras.budget !== undefined && cost > extras.budget) throw new Error(`internal error: the plan costs ${cost}, over the budget of ${extras.budget}`);
  const budgetLeft = extras.budget === undefined ? Infinity : extras.budget - cost;
  const assignments: AllocationAssignment<E>[] = [];
  const allocatedByNeed = new Map<string, number>();
  for (let p = 0; p < days.length; p++) {
    const d = days[p]!;
    if (d === 0) continue;
    const pair = prep.pairs[p]!;
    const need = prep.needs[prep.pairNeed[p]!]!;
    assignments.push({
      needId: pair.needId,
      supporterId: pair.supporterId,
      days: d,
      fit: pair.fit,
      priority: need.priority,
      value: prep.pairValue[p]! * d,
      ...(prep.supporters[prep.pairSupporter[p]!]!.dayCost !== undefined ? { cost: prep.supporterCost[prep.pairSupporter[p]!]! * d } : {}),
      ...(pair.explanation !== undefined ? { explanation: pair.explanation } : {}),
    });
    allocatedByNeed.set(need.id, (allocatedByNeed.get(need.id) ?? 0) + d);
  }
  const { supporterLeft } = residuals(prep, days);
  const unmet: UnmetNeed[] = [];
  prep.needs.forEach((need, i) => {
    const allocated = allocatedByNeed.get(need.id) ?? 0;
    if (allocated >= need.daysOutstanding) return;
    let considered = 0;
    for (let p = prep.needPairStart[i]!; p < prep.needPairStart[i + 1]!; p++) considered += prep.pairConsidered[p]!;
    unmet.push({
      needId: need.id,
      daysRequested: need.daysOutstanding,
      daysAllocated: allocated,
      daysUnmet: need.daysOutstanding - allocated,
      reason: unmetReason(prep, i, supporterLeft, budgetLeft),
      eligibleSupporters: prep.needPairStart[i + 1]! - prep.needPairStart[i]!,
      consideredSupporters: considered,
    });
  });
  const fairness = computeFairness(prep.needs, allocatedByNeed, extras.fairness);
  let consideredPairs = 0;
  let usablePairs = 0;
  for (let p = 0; p < prep.pairs.length; p++) {
    consideredPairs += prep.pairConsidered[p]!;
    usablePairs += prep.pairUsable[p]!;
  }
  return {
    assignments,
    unmet,
    objective: objectiveOf(prep, days),
    cost,
    ...(extras.budget !== undefined ? { budget: extras.budget } : {}),
    ...(extras.lpBound !== undefined ? { lpBound: extras.lpBound } : {}),
    fairness,
    stats: {
      ...stats,
      inputPairs: prep.inputPairs,
      unusablePairs: prep.unusablePairs,
      prunedPairs: usablePairs - consideredPairs,
      consideredPairs,
      topK: prep.topK,
      totalMs: performance.now() - startedAt,
    },
  };
}
