// The plan under a budget: maximise sum priority * fit * days, within every capacity, and
// spending at most `budget` (sum of supporter dayCost * days).
//
// Model. The transportation model of plan.ts plus one row, the budget: sum_p c_j x_p <= B,
// where c_j is the supporter's day cost. With that row the constraint matrix is no longer a
// bipartite incidence matrix, an LP vertex can be fractional (a budget that pays for two and
// a half days), and rounding it down can be far from the best integer plan. So the days are
// declared integer and HiGHS solves a MIP (branch and cut, relative gap 0: proven optimal
// over the modelled pairs).
//
// Which pairs are modelled. As in plan.ts, each need's top K pairs by fit, then LP pricing
// against the duals of the relaxation (reduced cost value_p - u_i - v_j - c_j w, with w the
// budget row's dual) adds the left-out pairs that could improve the relaxation. Then every
// pair the greedy plan under the same budget uses is added too, so the greedy plan is a
// feasible point of the MIP and the MIP's optimum can never be below it. With topK Infinity
// every usable pair is modelled and the plan is optimal outright (the property tests check
// it against exhaustive search).
//
// Bound. lpBound is the objective of a dual-feasible solution of the whole problem's LP
// relaxation (as in plan.ts, plus B * w): an upper bound on any plan within the budget.
//
// Start and time. The relaxation's values rounded down and topped up greedily within the
// money left give a plan close to the bound; the MIP starts from the better of it and greedy
// (setSolution), and may run for `budgetMipSeconds` (default 5 s: a plan is asked for inside
// a web request, whose execution limit is 10 s). MEASURED with
// bench/allocation-budget-bench.ts (1,000 needs x 10,000 staff, 25,000 columns, shared
// 2-core machine under load): proving optimality took 47-51 s of solver time, for plans
// equal to the LP bound to 4 decimals; figures for the capped MIP are in BENCHMARKS.md. So a
// MIP that reaches its limit is not an error here (unlike every other solve): the best plan
// found stands, never below its start (so never below greedy), stats.budget.provenOptimal
// says false, and lpBound bounds what is left on the table. Such a plan depends on how far
// the MIP got in its time, so it can differ between runs; a proven-optimal one does not.
//
// Guards. The MIP's days are rounded to integers (HiGHS works to a 1e-6 integrality
// tolerance), then checked: if rounding ever put the plan over the budget, days are taken
// off the least valuable assignments until it is within it; if the plan were ever worse
// than its start (only through solver tolerance), the start stands. A last greedy pass
// gives any day the money left still pays for (stats.toppedUpDays). No FSM tie-break: it
// needs the LP's optimal face, which a MIP does not give.
import { buildRows, columnsOf, type Rows } from './model-rows';
import {
  consideredPairs,
  costOf,
  fillGreedily,
  greedyOrder,
  MIN_DAY_VALUE,
  prepareAllocation,
  residuals,
  type PreparedAllocation,
} from './prepare';
import { buildPlan, objectiveOf } from './result';
import { loadAllocationSolver, TransportationModel, type Columns, type LpSolution } from './solver';
import type { AllocationInput, AllocationOptions, AllocationPlan, AllocationStats } from './types';

const ZERO_TOLERANCE = 1e-9;

/** Default time the budget's MIP may take (see the header): a plan is wanted within a web request. */
export const DEFAULT_BUDGET_MIP_SECONDS = 5;

export interface BudgetSettings {
  readonly budget: number;
  readonly timeLimitSeconds: number;
  readonly mipSeconds: number;
  readonly maxPricingRounds: number;
}

/** Rows of plan.ts plus the budget row (the last). */
function budgetColumns(prep: PreparedAllocation<unknown>, rows: Rows, pairs: ArrayLike<number>): Columns {
  return {
    ...columnsOf(prep, rows, pairs, (p) => prep.pairValue[p]!),
    budget: { row: rows.numRows, coefficient: Float64Array.from(pairs, (p) => prep.supporterCost[prep.pairSupporter[p]!]!) },
  };
}

/** value_p - u_i - v_j - c_j w under the row duals (w: the budget row's). */
function reducedCost(prep: PreparedAllocation<unknown>, rows: Rows, dual: Float64Array, p: number): number {
  const j = prep.pairSupporter[p]!;
  return prep.pairValue[p]! - dual[rows.needRow[prep.pairNeed[p]!]!]! - dual[rows.supporterRow[j]!]! - prep.supporterCost[j]! * dual[rows.numRows]!;
}

/** Left-out usable pairs with a positive reduced cost: up to `perNeed` per need (the best). */
function price(prep: PreparedAllocation<unknown>, rows: Rows, dual: Float64Array, perNeed: number): number[] {
  const added: number[] = [];
  prep.needs.forEach((_, i) => {
    const found: { p: number; rc: number }[] = [];
    for (let p = prep.needPairStart[i]!; p < prep.needPairStart[i + 1]!; p++) {
      if (prep.pairUsable[p] !== 1 || prep.pairConsidered[p] === 1) continue;
      const rc = reducedCost(prep, rows, dual, p);
      if (rc > ZERO_TOLERANCE) found.push({ p, rc });
    }
    // The best perNeed by reduced cost; a stable sort, so ties keep their canonical order.
    for (const { p } of found.sort((a, b) => b.rc - a.rc).slice(0, perNeed)) added.push(p);
  });
  return added.sort((a, b) => a - b);
}

/** sum_i D_i u_i + sum_j R_j v_j + B w for the smallest feasible u given v, w >= 0 (weak duality). */
function lpBoundOf(prep: PreparedAllocation<unknown>, rows: Rows, dual: Float64Array, budget: number): number {
  const w = Math.max(0, dual[rows.numRows] ?? 0);
  const v = new Float64Array(prep.supporters.length);
  let bound = budget * w;
  prep.supporters.forEach((s, j) => {
    // A supporter with no usable pair has no row (-1) and no dual: dual[-1] is undefined, so 0.
    v[j] = Math.max(0, dual[rows.supporterRow[j]!] ?? 0);
    bound += s.remainingDays * v[j]!;
  });
  prep.needs.forEach((need, i) => {
    let u = 0;
    for (let p = prep.needPairStart[i]!; p < prep.needPairStart[i + 1]!; p++) {
      const j = prep.pairSupporter[p]!;
      if (prep.supporters[j]!.remainingDays === 0 || prep.pairValue[p]! < MIN_DAY_VALUE) continue;
      u = Math.max(u, prep.pairValue[p]! - v[j]! - prep.supporterCost[j]! * w);
    }
    bound += need.daysOutstanding * u;
  });
  return bound;
}

/**
 * The budget guard (see the header): takes days off the least valuable (per pound) paying
 * assignments, one day at a time, until the plan is within the budget; free pairs keep
 * theirs. Costs and the budget are whole pounds, so the plans it is given (the relaxation
 * rounded down, the MIP's days rounded) are over only if HiGHS's tolerances add up to a
 * pound; exported so that its rule can be tested on a plan that is over.
 */
export function repairOverspend(prep: PreparedAllocation<unknown>, days: Float64Array, budget: number): void {
  let over = costOf(prep, days) - budget;
  if (over <= 0) return;
  const perPound = (p: number) => prep.pairValue[p]! / prep.supporterCost[prep.pairSupporter[p]!]!;
  // Only paying pairs: a free one's value per pound is Infinity or, worth 0, NaN, which sorts anywhere.
  const paying = [...days.keys()].filter((p) => prep.supporterCost[prep.pairSupporter[p]!]! > 0).sort((a, b) => perPound(a) - perPound(b));
  for (const p of paying) {
    const cost = prep.supporterCost[prep.pairSupporter[p]!]!;
    while (over > 0 && days[p]! > 0) {
      days[p]! -= 1;
      over -= cost;
    }
  }
}

export async function planWithinBudget<E>(input: AllocationInput<E>, options: AllocationOptions, settings: BudgetSettings): Promise<AllocationPlan<E>> {
  const { budget, timeLimitSeconds, maxPricingRounds, mipSeconds } = settings;
  const highs = await loadAllocationSolver();
  const startedAt = performance.now();
  const prep = prepareAllocation(input, options.topK);
  const rows = buildRows(prep);
  const numRows = rows.numRows + 1;
  const lower = new Float64Array(numRows).fill(-highs.infinity);
  const upper = Float64Array.from([...rows.capacity, budget]);

  // Greedy under the same budget, over every usable pair: the floor the plan must reach.
  const usable = Int32Array.from([...prep.pairUsable.keys()].filter((p) => prep.pairUsable[p] === 1));
  const greedyDays = new Float64Array(prep.pairs.length);
  fillGreedily(
    prep,
    greedyOrder(prep, usable),
    greedyDays,
    Float64Array.from(prep.needs, (n) => n.daysOutstanding),
    Float64Array.from(prep.supporters, (s) => s.remainingDays),
    { left: budget },
  );
  const greedyObjective = objectiveOf(prep, greedyDays);

  // The LP relaxation with pricing: which pairs to model, and the bound.
  const modelPairs: number[] = [...prep.considered];
  const pricing = options.pricing !== false;
  const perNeed = Number.isFinite(prep.topK) ? prep.topK : Infinity;
  const lp = new TransportationModel(highs, numRows, lower, upper, { integer: false, timeLimitSeconds });
  let relaxation: LpSolution;
  let pricingStats: AllocationStats['pricing'];
  try {
    lp.addColumns(budgetColumns(prep, rows, prep.considered));
    relaxation = lp.solve();
    if (pricing) {
      let rounds = 0;
      let addedColumns = 0;
      let converged = false;
      for (;;) {
        const added = price(prep, rows, relaxation.rowDual, perNeed);
        if (added.length === 0) {
          converged = true;
          break;
        }
        if (rounds >= maxPricingRounds) break;
        for (const p of added) prep.pairConsidered[p] = 1;
        modelPairs.push(...added);
        lp.addColumns(budgetColumns(prep, rows, added));
        relaxation = lp.solve();
        rounds += 1;
        addedColumns += added.length;
      }
      pricingStats = { rounds, addedColumns, converged };
    }
  } finally {
    lp.dispose();
  }
  const lpBound = lpBoundOf(prep, rows, relaxation.rowDual, budget);

  // The relaxation's columns, in the order they were added (its colValue's order).
  const lpColumns = modelPairs.slice();
  // Greedy's pairs join the model, so its plan is a feasible point of the MIP.
  greedyDays.forEach((d, p) => {
    if (d > 0 && prep.pairConsidered[p] !== 1) {
      prep.pairConsidered[p] = 1;
      modelPairs.push(p);
    }
  });
  modelPairs.sort((a, b) => a - b);

  // The relaxation rounded down (still within every row: all coefficients are >= 0), then
  // topped up with the days the money left still pays for. The better of it and greedy is
  // where the MIP starts.
  const rounded = new Float64Array(prep.pairs.length);
  lpColumns.forEach((p, c) => {
    rounded[p] = Math.max(0, Math.floor(relaxation.colValue[c]! + 1e-9));
  });
  repairOverspend(prep, rounded, budget);
  {
    const { needLeft, supporterLeft } = residuals(prep, rounded);
    fillGreedily(prep, greedyOrder(prep, Int32Array.from(modelPairs)), rounded, needLeft, supporterLeft, { left: budget - costOf(prep, rounded) });
  }
  const startFrom = objectiveOf(prep, rounded) >= greedyObjective ? 'rounded LP' : 'greedy';
  const start = startFrom === 'greedy' ? greedyDays : rounded;

  const mip = new TransportationModel(highs, numRows, lower, upper, { integer: true, timeLimitSeconds: mipSeconds });
  let found: ReturnType<TransportationModel['solveBestFound']>;
  try {
    mip.addColumns(budgetColumns(prep, rows, modelPairs));
    found = mip.solveBestFound(Float64Array.from(modelPairs, (p) => start[p]!));
  } finally {
    mip.dispose();
  }
  let days = Float64Array.from(start);
  let provenOptimal = false;
  if (found) {
    const mipDays = new Float64Array(prep.pairs.length);
    modelPairs.forEach((p, c) => {
      mipDays[p] = Math.max(0, Math.round(found.solution.colValue[c]!));
    });
    repairOverspend(prep, mipDays, budget);
    // Never below the start (only solver tolerance could make it so).
    if (objectiveOf(prep, mipDays) >= objectiveOf(prep, start) - 1e-9 * (1 + greedyObjective)) {
      days = mipDays;
      provenOptimal = found.optimal;
    }
  }

  const { needLeft, supporterLeft } = residuals(prep, days);
  const toppedUpDays = fillGreedily(prep, greedyOrder(prep, consideredPairs(prep)), days, needLeft, supporterLeft, {
    left: budget - costOf(prep, days),
  });

  const solver = [
    `HiGHS ${highs.version.string} MIP (branch and cut) with a budget row`,
    pricing ? 'over LP-priced pairs' : '',
    `from the ${startFrom} plan`,
    provenOptimal ? '(optimal over the modelled pairs)' : `(stopped at its ${mipSeconds} s limit: the best plan found; lpBound bounds the gap)`,
  ]
    .filter(Boolean)
    .join(' ');
  return buildPlan(
    prep,
    days,
    {
      solver,
      variables: modelPairs.length,
      constraints: numRows,
      solveMs: lp.solveMs + mip.solveMs,
      lpObjective: relaxation.objective,
      ...(pricingStats ? { pricing: pricingStats } : {}),
      budget: { provenOptimal, startedFrom: startFrom, mipMs: mip.solveMs, greedyObjective, greedyCost: costOf(prep, greedyDays) },
      toppedUpDays,
    },
    startedAt,
    { fairness: options.fairness, lpBound, budget },
  );
}
