// The optimal allocation plan.
//
// Model. One variable x_p >= 0 per pair p = (need i, supporter j): the days j gives i.
// Maximise  sum_p priority_i * fit_p * x_p  subject to
//   sum over i's pairs of x_p <= daysOutstanding_i   (one row per need)
//   sum over j's pairs of x_p <= remainingDays_j     (one row per supporter)
//   x_p integer.
// Every hard constraint is already applied by whoever built the pairs: a pair that is not
// listed cannot be used.
//
// LP, not MIP. This is a transportation problem: each column has exactly two 1s, one in a
// need row and one in a supporter row, so the constraint matrix is the incidence matrix of
// a bipartite graph, which is totally unimodular; with integral right-hand sides every
// vertex of the LP polytope is integral. Solving the LP relaxation by simplex (which ends
// on a vertex) therefore yields an optimal integer plan. We still check: every value must
// be within 1e-6 of an integer, or the model is solved again with integer variables
// (stats.solver then says "MIP fallback"; never seen in testing). `mode: 'mip'` declares
// the variables integer from the start; HiGHS presolves and runs branch and cut, whose
// root LP is already integral, so it reaches the same objective and only adds overhead.
// MEASURED with bench/allocation-bench.ts (1,000 needs x 10,000 supporters, the same
// 25,000 top-K columns, no pricing, no tie-break), solver time: supply ample, LP 250-290 ms
// vs MIP 700-840 ms; supply short, LP 400-430 ms vs MIP 550-590 ms; identical objectives.
// The LP also yields the duals that pricing, the tie-break and the bound need, which a MIP
// solve does not. Hence 'lp' is the default and 'mip' is kept only for comparison.
//
// Pruning and pricing (column generation). Handing the solver every usable pair at once is
// slow (bench: 125,000-317,000 columns, 3.6-4.1 s of solver time), and pruning to each
// need's top K pairs by fit alone can be badly wrong when capacity is short: every need's
// favourites are the same few strong supporters, who are soon booked, while others with
// days to spare are never considered (bench, supply short: 16% below the optimum, and
// below greedy over all pairs). So the model starts
// from each need's top K usable pairs (default 25; a need's priority is the same on all
// its pairs, so this is also its top K by value), and after each solve every pair left out
// is priced against the duals: its reduced cost value_p - u_i - v_j is what one day on it
// would add. Up to K pairs per need with a positive reduced cost are added and the model
// re-solved from its previous basis (primal simplex: the old basis stays feasible). When no
// left-out pair has a positive reduced cost (above 1e-9), the duals are feasible for the
// whole problem and the plan is optimal over every pair, not just the modelled ones.
// stats.pricing reports the rounds and columns added; stats.prunedPairs the usable pairs
// never modelled. pricing: false gives plain top-K pruning.
//
// LP bound. lpBound is an upper bound on the LP relaxation of the WHOLE problem (every
// input pair; a day worth less than MIN_DAY_VALUE counts as worth 0) and therefore on the
// best possible plan. It is the objective of a
// dual-feasible solution: supporter duals v_j = max(0, the solver's row dual); need duals
// u_i = max(0, max over ALL of i's pairs, modelled or not, of value_p - v_j), the smallest
// values with u_i + v_j >= value_p on every pair. By weak duality,
// sum_i daysOutstanding_i u_i + sum_j remainingDays_j v_j >= any feasible objective. It is
// valid by construction whatever the solver's accuracy; when pricing converged it equals
// the objective (up to tolerance), which certifies the plan optimal.
//
// Fairness tie-break (lexicographic, exact). Many plans often share the optimal objective
// (needs with equal priority and fit, e.g. two schools whose disadvantage score has
// saturated). A second LP picks, among them, the plan maximising the days weighted by FSM
// share (sum_p fsm_i/100 * x_p; unknown FSM counts as `unknownFsmPercent`). The optimal face
// of the first LP is described exactly by complementary slackness with its optimal dual:
// use only pairs with zero reduced cost, and keep every row with a positive dual exactly at
// its current total. The second LP has just those columns, and those rows as equalities,
// so its matrix is still a bipartite incidence matrix (totally unimodular, integral
// vertex), and every plan it can return has the first phase's objective. No epsilon
// perturbs the objective, so tie-breaking never costs value. As a guard against numerical
// tolerance, the second phase's plan is used only if its objective is within 1e-9 per
// allocated day of the first's.
//
// Determinism. Needs, supporters and pairs are put in canonical (id) order before the
// model is built, columns are added in that order, and HiGHS (single-threaded
// WebAssembly) is deterministic for a given model, so the same input in any order gives
// the same plan.
//
// Budget. With options.budget the plan must also cost at most the budget (sum of supporter
// dayCost * days): one more row, with the day costs as coefficients. That row breaks total
// unimodularity (an LP vertex may now be fractional), so that case is solved as a MIP in
// budget.ts; without a budget nothing here changes.
//
// Maximality. A final pass gives any remaining spare day on a modelled pair whose need
// still wants days (greedy order). After an optimal solve there are none (a spare day on a
// positive-value pair would improve the objective): stats.toppedUpDays reports 0.
import type { Highs } from 'highs';
import { DEFAULT_BUDGET_MIP_SECONDS, planWithinBudget } from './budget';
import { buildRows, columnsOf, type Rows } from './model-rows';
import { checkBudget, consideredPairs, fillGreedily, greedyOrder, MIN_DAY_VALUE, prepareAllocation, residuals, type PreparedAllocation } from './prepare';
import { assertFeasible, buildPlan, objectiveOf } from './result';
import { integralityGap, loadAllocationSolver, solveTransportation, TransportationModel, type Columns, type LpSolution } from './solver';
import {
  AllocationInputError,
  AllocationSolverError,
  type AllocationInput,
  type AllocationOptions,
  type AllocationPlan,
  type AllocationStats,
} from './types';

export const DEFAULT_TIME_LIMIT_SECONDS = 60;
export const DEFAULT_UNKNOWN_FSM_PERCENT = 25;
export const DEFAULT_MAX_PRICING_ROUNDS = 50;
const INTEGRALITY_TOLERANCE = 1e-6;
/** Reduced costs and duals within this of zero count as zero (pricing, optimal face). */
const ZERO_TOLERANCE = 1e-9;

/** value_p - u_i - v_j under the row duals `dual`. */
function reducedCost(prep: PreparedAllocation<unknown>, rows: Rows, dual: Float64Array, p: number): number {
  return prep.pairValue[p]! - dual[rows.needRow[prep.pairNeed[p]!]!]! - dual[rows.supporterRow[prep.pairSupporter[p]!]!]!;
}

/** Left-out usable pairs with a positive reduced cost: up to `perNeed` per need (the best), in canonical order. */
function price(prep: PreparedAllocation<unknown>, rows: Rows, dual: Float64Array, perNeed: number): number[] {
  const found: { p: number; rc: number }[][] = prep.needs.map(() => []);
  prep.pairUsable.forEach((usable, p) => {
    if (usable !== 1 || prep.pairConsidered[p] === 1) return;
    const rc = reducedCost(prep, rows, dual, p);
    if (rc > ZERO_TOLERANCE) found[prep.pairNeed[p]!]!.push({ p, rc });
  });
  // Each need's best perNeed by reduced cost; a stable sort, so ties keep their canonical order.
  const added = found.flatMap((pairs) => pairs.sort((a, b) => b.rc - a.rc).slice(0, perNeed).map(({ p }) => p));
  return added.sort((a, b) => a - b);
}

interface Rounded {
  readonly days: Float64Array;
  readonly fellBackToMip: boolean;
  readonly extraMs: number;
}

/**
 * Rounds an LP vertex to integers, re-solving as a MIP in the never-observed case of a
 * fractional one (a vertex of these models is integral: see the header). Exported so that
 * the fallback can be tested on a fractional solution made by hand.
 */
export function roundOrResolve(
  highs: Highs,
  prep: PreparedAllocation<unknown>,
  rows: { numRows: number; lower: Float64Array; upper: Float64Array },
  pairs: readonly number[],
  columns: Columns,
  solution: LpSolution,
  timeLimitSeconds: number,
): Rounded {
  let values = solution.colValue;
  let fellBackToMip = false;
  let extraMs = 0;
  if (integralityGap(values) > INTEGRALITY_TOLERANCE) {
    const mip = solveTransportation(highs, rows.numRows, rows.lower, rows.upper, columns, { integer: true, timeLimitSeconds });
    values = mip.solution.colValue;
    extraMs = mip.ms;
    fellBackToMip = true;
  }
  const days = new Float64Array(prep.pairs.length);
  pairs.forEach((p, c) => {
    days[p] = Math.max(0, Math.round(values[c]!));
  });
  assertFeasible(prep, days);
  return { days, fellBackToMip, extraMs };
}

/** See the header: the objective of a dual-feasible solution of the whole problem's LP. */
function lpBoundOf(prep: PreparedAllocation<unknown>, rows: Rows, dual: Float64Array): number {
  const v = new Float64Array(prep.supporters.length);
  let bound = 0;
  prep.supporters.forEach((s, j) => {
    // A supporter with no usable pair has no row (-1) and no dual: dual[-1] is undefined, so 0.
    v[j] = Math.max(0, dual[rows.supporterRow[j]!] ?? 0);
    bound += s.remainingDays * v[j]!;
  });
  prep.needs.forEach((need, i) => {
    let u = 0;
    for (let p = prep.needPairStart[i]!; p < prep.needPairStart[i + 1]!; p++) {
      // A supporter with no days can take any v_j at no cost (it is multiplied by 0 days),
      // so their pairs need no cover; pairs worth less than MIN_DAY_VALUE a day are worth
      // nothing in the problem solved.
      if (prep.supporters[prep.pairSupporter[p]!]!.remainingDays === 0 || prep.pairValue[p]! < MIN_DAY_VALUE) continue;
      u = Math.max(u, prep.pairValue[p]! - v[prep.pairSupporter[p]!]!);
    }
    bound += need.daysOutstanding * u;
  });
  return bound;
}

function checkOptions(options: AllocationOptions) {
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  if (!(timeLimitSeconds > 0)) throw new AllocationInputError(`timeLimitSeconds must be positive, got ${timeLimitSeconds}`);
  const unknownFsmPercent = options.unknownFsmPercent ?? DEFAULT_UNKNOWN_FSM_PERCENT;
  if (!(unknownFsmPercent >= 0 && unknownFsmPercent <= 100)) {
    throw new AllocationInputError(`unknownFsmPercent must be in [0, 100], got ${unknownFsmPercent}`);
  }
  const maxPricingRounds = options.maxPricingRounds ?? DEFAULT_MAX_PRICING_ROUNDS;
  if (!(Number.isSafeInteger(maxPricingRounds) && maxPricingRounds >= 0)) {
    throw new AllocationInputError(`maxPricingRounds must be an integer >= 0, got ${maxPricingRounds}`);
  }
  const mode = options.mode ?? 'lp';
  if (mode !== 'lp' && mode !== 'mip') throw new AllocationInputError(`mode must be 'lp' or 'mip', got ${String(mode)}`);
  const budget = checkBudget(options.budget);
  const budgetMipSeconds = options.budgetMipSeconds ?? DEFAULT_BUDGET_MIP_SECONDS;
  if (!(budgetMipSeconds > 0)) throw new AllocationInputError(`budgetMipSeconds must be positive, got ${budgetMipSeconds}`);
  return { timeLimitSeconds, unknownFsmPercent, maxPricingRounds, mode, budget, budgetMipSeconds };
}

/**
 * The optimal plan: maximises sum of priority * fit * days within every supporter's remaining
 * days and every need's outstanding days. Writes nothing. The first call in a process also
 * loads the solver (loadAllocationSolver). Throws AllocationInputError on bad input or
 * options, AllocationSolverError if HiGHS fails or hits its time limit.
 */
export async function planAllocation<E>(input: AllocationInput<E>, options: AllocationOptions = {}): Promise<AllocationPlan<E>> {
  const { timeLimitSeconds, unknownFsmPercent, maxPricingRounds, mode, budget, budgetMipSeconds } = checkOptions(options);
  // A budget adds a row that breaks total unimodularity: a separate, MIP-based path (budget.ts).
  if (budget !== undefined) return planWithinBudget(input, options, { budget, timeLimitSeconds, maxPricingRounds, mipSeconds: budgetMipSeconds });
  const highs = await loadAllocationSolver();
  const startedAt = performance.now();
  const prep = prepareAllocation(input, options.topK);
  const rows = buildRows(prep);
  const bounds = { numRows: rows.numRows, lower: new Float64Array(rows.numRows).fill(-highs.infinity), upper: rows.capacity };
  const pricing = mode === 'lp' && options.pricing !== false;
  const perNeed = Number.isFinite(prep.topK) ? prep.topK : Infinity;

  // Phase 1: the objective, with pricing.
  const modelPairs: number[] = [...prep.considered];
  const value = (p: number) => prep.pairValue[p]!;
  // 'mip' declares the days integer (see the header); the solver line says which ran.
  const integer = mode === 'mip';
  const model = new TransportationModel(highs, rows.numRows, bounds.lower, bounds.upper, { integer, timeLimitSeconds });
  let solution: LpSolution;
  let pricingStats: AllocationStats['pricing'];
  try {
    model.addColumns(columnsOf(prep, rows, prep.considered, value));
    solution = model.solve();
    if (pricing) {
      let rounds = 0;
      let addedColumns = 0;
      let converged = false;
      for (;;) {
        const added = price(prep, rows, solution.rowDual, perNeed);
        if (added.length === 0) {
          converged = true;
          break;
        }
        if (rounds >= maxPricingRounds) break;
        for (const p of added) prep.pairConsidered[p] = 1;
        for (const p of added) modelPairs.push(p);
        model.addColumns(columnsOf(prep, rows, added, value));
        solution = model.solve();
        rounds += 1;
        addedColumns += added.length;
      }
      pricingStats = { rounds, addedColumns, converged };
    }
  } finally {
    model.dispose();
  }
  let solveMs = model.solveMs;
  const phase1 = roundOrResolve(highs, prep, bounds, modelPairs, columnsOf(prep, rows, modelPairs, value), solution, timeLimitSeconds);
  solveMs += phase1.extraMs;
  let days = phase1.days;
  let fellBackToMip = phase1.fellBackToMip;
  const objective1 = objectiveOf(prep, days);

  // Phase 2: among optimal plans, favour the most disadvantaged needs.
  let tieBreak: AllocationStats['tieBreak'];
  if (mode === 'lp' && options.fsmTieBreak !== false && modelPairs.length > 0) {
    const dual = solution.rowDual;
    // The optimal face: pairs with zero reduced cost, plus those in use. With pricing
    // converged the duals are optimal for the whole problem, so pairs never modelled may be
    // on the face too; otherwise only modelled pairs are candidates.
    const candidates = pricingStats?.converged ? prep.pairUsable : Uint8Array.from(prep.pairConsidered);
    const facePairs: number[] = [];
    candidates.forEach((candidate, p) => {
      if (candidate !== 1) return;
      const rc = reducedCost(prep, rows, dual, p);
      if (days[p]! > 0 || (rc >= -ZERO_TOLERANCE && rc <= ZERO_TOLERANCE)) facePairs.push(p);
    });
    const activity = new Float64Array(rows.numRows);
    for (const p of modelPairs) {
      activity[rows.needRow[prep.pairNeed[p]!]!]! += days[p]!;
      activity[rows.supporterRow[prep.pairSupporter[p]!]!]! += days[p]!;
    }
    const fixed = (r: number) => dual[r]! > ZERO_TOLERANCE;
    const bounds2 = {
      numRows: rows.numRows,
      lower: Float64Array.from(bounds.lower, (lo, r) => (fixed(r) ? activity[r]! : lo)),
      upper: Float64Array.from(bounds.upper, (up, r) => (fixed(r) ? activity[r]! : up)),
    };
    const fsmWeight = (p: number) => (prep.needs[prep.pairNeed[p]!]!.fsmPercent ?? unknownFsmPercent) / 100;
    const columns2 = columnsOf(prep, rows, facePairs, fsmWeight);
    const before = Uint8Array.from(prep.pairConsidered);
    try {
      const solved = solveTransportation(highs, bounds2.numRows, bounds2.lower, bounds2.upper, columns2, { integer: false, timeLimitSeconds });
      // Face pairs outside the model become model pairs for the feasibility check below.
      for (const p of facePairs) prep.pairConsidered[p] = 1;
      const phase2 = roundOrResolve(highs, prep, bounds2, facePairs, columns2, solved.solution, timeLimitSeconds);
      const phase2Ms = solved.ms + phase2.extraMs;
      solveMs += phase2Ms;
      const allocated = days.reduce((a, b) => a + b, 0);
      const applied = objectiveOf(prep, phase2.days) >= objective1 - 1e-9 * (1 + allocated);
      if (applied) {
        days = phase2.days;
        fellBackToMip ||= phase2.fellBackToMip;
        // Keep as "modelled" only what was modelled before plus the face pairs now in use.
        prep.pairConsidered.set(before);
        facePairs.forEach((p) => {
          if (days[p]! > 0) prep.pairConsidered[p] = 1;
        });
      } else {
        prep.pairConsidered.set(before);
      }
      tieBreak = { variables: facePairs.length, constraints: rows.numRows, applied, solveMs: phase2Ms };
    } catch (err) {
      if (!(err instanceof AllocationSolverError)) throw err;
      // The first phase's plan is optimal already; only the tie-break is lost.
      prep.pairConsidered.set(before);
      tieBreak = { variables: facePairs.length, constraints: rows.numRows, applied: false, solveMs: 0 };
    }
  }

  const lpBound = mode === 'lp' ? lpBoundOf(prep, rows, solution.rowDual) : undefined;

  const { needLeft, supporterLeft } = residuals(prep, days);
  const toppedUpDays = fillGreedily(prep, greedyOrder(prep, consideredPairs(prep)), days, needLeft, supporterLeft);

  const solver = [
    `HiGHS ${highs.version.string}`,
    integer ? 'MIP (branch and cut)' : fellBackToMip ? 'simplex LP (fractional vertex: MIP fallback)' : 'simplex LP (integral vertex)',
    pricing ? 'with pricing' : '',
    tieBreak?.applied ? '+ FSM tie-break LP' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return buildPlan(
    prep,
    days,
    {
      solver,
      variables: modelPairs.length,
      constraints: rows.numRows,
      solveMs,
      lpObjective: solution.objective,
      ...(pricingStats ? { pricing: pricingStats } : {}),
      ...(tieBreak ? { tieBreak } : {}),
      toppedUpDays,
    },
    startedAt,
    { fairness: options.fairness, lpBound },
  );
}
