// The allocation data contract: plain data in, a plan out. No database, no GraphQL.
//
// The caller (the allocation service) loads a trust's or cluster's open needs, the
// supporters who could help and, for every (need, supporter) pair that passes the hard
// constraints, the ranking model's fit score. The allocation core then decides how many
// days each supporter gives each need.

import type { FsmBanding } from '../domain/fsm-bands';

/** One open need, as the allocator sees it. */
export interface AllocationNeed {
  readonly id: string;
  /** How urgently the need should be met, in [0, 1]; grows with the school's disadvantage (FSM). */
  readonly priority: number;
  /** Days still wanted: an integer >= 0. */
  readonly daysOutstanding: number;
  /** Share of pupils eligible for free school meals, 0..100, or null when unknown. */
  readonly fsmPercent: number | null;
}

/** One supporter (a member of staff offering expertise) with the days they can still give. */
export interface AllocationSupporter {
  readonly id: string;
  /** Days still available: an integer >= 0. */
  readonly remainingDays: number;
  /**
   * What one day of this supporter costs, in whole currency units (pounds): their support
   * day rate plus the cover their school pays for while they are away. An integer >= 0;
   * default 0. Only a `budget` makes it matter to the plan.
   */
  readonly dayCost?: number;
}

/**
 * A candidate pairing that already satisfies every hard constraint (eligibility, travel,
 * conflicts of interest...). `fit` is the ranking model's score in [0, 1]. `explanation`
 * is opaque to the allocator and is copied onto the assignment that uses the pair.
 */
export interface AllocationPair<E = unknown> {
  readonly needId: string;
  readonly supporterId: string;
  readonly fit: number;
  readonly explanation?: E;
}

export interface AllocationInput<E = unknown> {
  readonly needs: readonly AllocationNeed[];
  readonly supporters: readonly AllocationSupporter[];
  /** At most one pair per (needId, supporterId); every id must name a listed need/supporter. */
  readonly pairs: readonly AllocationPair<E>[];
}

/** `days` of `supporterId`'s time go to `needId`. */
export interface AllocationAssignment<E = unknown> {
  readonly needId: string;
  readonly supporterId: string;
  /** A positive integer. */
  readonly days: number;
  readonly fit: number;
  readonly priority: number;
  /** priority * fit * days: this assignment's contribution to the objective. */
  readonly value: number;
  /** The supporter's dayCost * days; present when the supporter has a dayCost. */
  readonly cost?: number;
  readonly explanation?: E;
}

/**
 * Why (part of) a need stays unmet. Checked in this order, the first that applies wins:
 *
 * - `NO_ELIGIBLE_SUPPORTER`: no pair at all for the need: nobody passes the hard constraints.
 * - `ZERO_VALUE`: eligible supporters exist, but every pair has priority * fit = 0 (below
 *   MIN_DAY_VALUE = 1e-6), so a day given to the need adds nothing to the objective (a zero
 *   fit, or a zero priority).
 * - `NO_CAPACITY`: every eligible supporter with a useful fit had no days left before
 *   planning started.
 * - `CANDIDATE_LIMIT`: the supporters the planner considered for the need (its top-K pairs by
 *   fit, plus any pricing added) are fully booked by this plan, but an eligible supporter it
 *   left out still has days to spare (and, with a budget, the budget left would pay for a
 *   day of theirs): planning with pricing (or a larger `topK`) could meet more of this need.
 *   Never happens when pricing converged without a budget.
 * - `BUDGET`: only with a budget. An eligible supporter with a useful fit still has days to
 *   spare, but a day of theirs costs more than the budget left: the money went to needs
 *   where a pound buys more. A larger budget would meet more of this need.
 * - `CAPACITY_EXHAUSTED`: every eligible supporter's days are fully allocated by this plan
 *   (to this need or to needs where their days are worth more). Only more capacity helps.
 */
export type UnmetReason = 'NO_ELIGIBLE_SUPPORTER' | 'ZERO_VALUE' | 'NO_CAPACITY' | 'CANDIDATE_LIMIT' | 'BUDGET' | 'CAPACITY_EXHAUSTED';

export const UNMET_REASONS: readonly UnmetReason[] = [
  'NO_ELIGIBLE_SUPPORTER',
  'ZERO_VALUE',
  'NO_CAPACITY',
  'CANDIDATE_LIMIT',
  'BUDGET',
  'CAPACITY_EXHAUSTED',
];

export interface UnmetNeed {
  readonly needId: string;
  readonly daysRequested: number;
  readonly daysAllocated: number;
  /** daysRequested - daysAllocated, > 0. */
  readonly daysUnmet: number;
  readonly reason: UnmetReason;
  /** Pairs given for the need (supporters passing the hard constraints). */
  readonly eligibleSupporters: number;
  /** Of those, the pairs the planner actually considered (useful, with capacity, within top-K). */
  readonly consideredSupporters: number;
}

/**
 * Fairness groups: BAND_1 is the least disadvantaged (lowest FSM share), BAND_5 the most.
 * Which bands they are (national quintiles, or the fixed 20-point fallback) is the report's
 * `banding` (domain/fsm-bands.ts); the names do not pretend to be quintiles.
 */
export type FsmGroup = 'BAND_1' | 'BAND_2' | 'BAND_3' | 'BAND_4' | 'BAND_5' | 'UNKNOWN';

export const FSM_GROUPS: readonly FsmGroup[] = ['BAND_1', 'BAND_2', 'BAND_3', 'BAND_4', 'BAND_5', 'UNKNOWN'];

export interface FairnessGroup {
  readonly group: FsmGroup;
  /** What the band is and its FSM range, e.g. "National FSM quintile 2 (second): 9.1% to <15.2%", or "FSM unknown". */
  readonly label: string;
  readonly needs: number;
  readonly requestedDays: number;
  readonly allocatedDays: number;
  /** requestedDays / total requested days (0 when nothing was requested). */
  readonly requestedShare: number;
  /** allocatedDays / total allocated days (0 when nothing was allocated). */
  readonly allocatedShare: number;
  /** allocatedShare - requestedShare: positive means the group gets more than its share. */
  readonly shareGap: number;
  /** allocatedDays / requestedDays, or null when the group requested nothing. */
  readonly fillRate: number | null;
}

export interface FairnessReport {
  /** The bands used: national quintiles (with when they were computed) or the fixed fallback. */
  readonly banding: FsmBanding;
  /** Ascending FSM cut points c1..c4: BAND_1 = [0, c1), BAND_2 = [c1, c2), ..., BAND_5 = [c4, 100]. */
  readonly cutPoints: readonly [number, number, number, number];
  /** Always six entries, in FSM_GROUPS order (empty groups included, with zeros). */
  readonly groups: readonly FairnessGroup[];
  readonly totalRequestedDays: number;
  readonly totalAllocatedDays: number;
  /** totalAllocatedDays / totalRequestedDays, or null when nothing was requested. */
  readonly fillRate: number | null;
}

export interface AllocationStats {
  /** What produced the plan, e.g. "HiGHS 1.15.1 simplex LP (integral vertex) with pricing + FSM tie-break LP", or "greedy". */
  readonly solver: string;
  /** Decision variables of the final main model: one per considered pair (greedy: pairs scanned). */
  readonly variables: number;
  /** Rows of the main model: needs and supporters with at least one considered pair (greedy: 0). */
  readonly constraints: number;
  /** Pairs in the input. */
  readonly inputPairs: number;
  /** Pairs that cannot carry a useful day, never modelled: priority*fit below 1e-6 (MIN_DAY_VALUE), supporter with 0 days, or need with 0 days. */
  readonly unusablePairs: number;
  /** Usable pairs never put in the model: outside each need's top K and not added by pricing (greedy: outside the top K). */
  readonly prunedPairs: number;
  /** Pairs in the model (greedy: pairs scanned): consideredPairs = inputPairs - unusablePairs - prunedPairs. */
  readonly consideredPairs: number;
  /** The K of the initial top-K (Infinity: every usable pair from the start). */
  readonly topK: number;
  /** Time inside the solver (all phases), in milliseconds; 0 for greedy. */
  readonly solveMs: number;
  /** Wall time of the whole call (validation, pruning, model building, solving, reporting), in ms. */
  readonly totalMs: number;
  /** Optimal plans only: the solver's optimum for the final main model (the LP's; in 'mip' mode the MIP's). Equal to `objective` up to solver tolerance, by total unimodularity. */
  readonly lpObjective?: number;
  /** Optimal plans with pricing only. */
  readonly pricing?: {
    /** Solves after the first one. */
    readonly rounds: number;
    /** Columns added by pricing (so variables = initial top-K columns + addedColumns). */
    readonly addedColumns: number;
    /** True when no pair left out could improve the objective: the plan is optimal over every pair. */
    readonly converged: boolean;
  };
  /** Optimal plans only: the FSM tie-break phase, when it ran. */
  readonly tieBreak?: {
    readonly variables: number;
    readonly constraints: number;
    /** False when its result was rejected (it lost primary objective beyond tolerance) and the first phase's plan stands. */
    readonly applied: boolean;
    readonly solveMs: number;
  };
  /**
   * Plans under a budget only: whether the MIP proved its plan optimal over the modelled
   * pairs within its time (with topK Infinity: over every pair), where it started, and its
   * time in ms.
   */
  readonly budget?: {
    readonly provenOptimal: boolean;
    readonly startedFrom: 'rounded LP' | 'greedy';
    readonly mipMs: number;
    /** The greedy plan under the same budget (over every pair), which the planner computes anyway: its objective and cost. */
    readonly greedyObjective: number;
    readonly greedyCost: number;
  };
  /** Days added by the final maximality pass (0 whenever the solver returned an optimal vertex). */
  readonly toppedUpDays: number;
}

export interface AllocationPlan<E = unknown> {
  /** Sorted by needId, then fit descending, then supporterId. */
  readonly assignments: readonly AllocationAssignment<E>[];
  /** Needs with daysUnmet > 0, sorted by needId. */
  readonly unmet: readonly UnmetNeed[];
  /** Sum of assignment values: sum of priority * fit * days. */
  readonly objective: number;
  /** Sum of assignment costs (supporter dayCost * days). Never more than the budget, when one is given. */
  readonly cost: number;
  /** The budget the plan was made under, when one was given. */
  readonly budget?: number;
  /**
   * Upper bound on the LP relaxation of the WHOLE problem (every input pair, none pruned),
   * hence on any plan for this input: the objective of a dual-feasible solution, certified
   * by construction (see plan.ts). objective <= lpBound. With pricing converged they are
   * equal (up to solver tolerance): a proof that the plan is optimal. Without pricing,
   * lpBound - objective bounds what pruning can have cost. Absent from greedy plans and
   * from 'mip' mode.
   */
  readonly lpBound?: number;
  readonly fairness: FairnessReport;
  readonly stats: AllocationStats;
}

export interface FairnessOptions {
  /**
   * The bands (domain/fsm-bands.ts). The service passes the national quintiles computed from
   * the imported register, the same the equity ledger uses; default the fixed 20-point
   * bands, the fallback when no register is loaded.
   */
  readonly banding?: FsmBanding;
  /** Cut points of the caller's own making (e.g. fsmQuintileCutPoints of these needs), when no banding is given. */
  readonly cutPoints?: readonly [number, number, number, number];
}

export interface AllocationOptions {
  /**
   * The model starts from each need's K best usable pairs by fit (ties: supporterId): a
   * positive integer, or Infinity to start from every pair. Default 25 (DEFAULT_TOP_K).
   * With pricing (the default) this only sets the starting point and the most pairs added
   * per need per pricing round: the plan is optimal over every pair either way.
   */
  readonly topK?: number;
  /**
   * Column generation: after each solve, price every pair left out of the model against
   * the solver's duals and add those that would improve the objective, until none would.
   * Default true. false: solve over the top-K pairs only (faster, possibly worse when
   * capacity is short; unmet needs this costs are reported as CANDIDATE_LIMIT).
   */
  readonly pricing?: boolean;
  /** Stop pricing after this many rounds (the plan is then optimal over the pairs added so far; stats.pricing.converged = false). Default 50. */
  readonly maxPricingRounds?: number;
  /**
   * 'lp' (default): solve the LP relaxation by simplex and use its vertex, which is integral
   * because the constraint matrix is totally unimodular (checked; re-solved as a MIP if a
   * solution is ever fractional). 'mip': declare the day counts integer and let HiGHS run
   * branch and cut over the top-K pairs: no pricing, no tie-break and no lpBound, since those
   * need the LP's duals. Kept to measure the two against each other (see plan.ts).
   */
  readonly mode?: 'lp' | 'mip';
  /**
   * Among plans with the optimal objective, pick one that gives the most days to the most
   * disadvantaged needs (a second, lexicographic LP phase). Default true. Has no effect in 'mip' mode.
   */
  readonly fsmTieBreak?: boolean;
  /** FSM percentage assumed for needs whose FSM is unknown, in the tie-break only. Default 25 (about the national average). */
  readonly unknownFsmPercent?: number;
  /**
   * The most the plan may cost (sum of supporter dayCost * days), in the same whole currency
   * units: an integer >= 0. Absent: no limit, and the plan is exactly as without costs. With
   * a budget the model gains one row (the budget) and is solved as a MIP (see budget.ts):
   * no FSM tie-break; needs left short by the budget are reported as `BUDGET`.
   */
  readonly budget?: number;
  /**
   * With a budget: seconds the MIP may take before its best plan found so far is used
   * (stats.budget.provenOptimal = false). Default 5 (DEFAULT_BUDGET_MIP_SECONDS).
   */
  readonly budgetMipSeconds?: number;
  /** Solver time limit in seconds, per solve. Default 60. Reaching it is an error, never a silently worse plan. */
  readonly timeLimitSeconds?: number;
  readonly fairness?: FairnessOptions;
}

/** Bad input (unknown ids, duplicate pairs, out-of-range numbers). The message names the offending item. */
export class AllocationInputError extends Error {
  override readonly name = 'AllocationInputError';
}

/** The solver failed or stopped without an optimal solution. */
export class AllocationSolverError extends Error {
  override readonly name = 'AllocationSolverError';
}
