// A thin wrapper over HiGHS (https://highs.dev, the `highs` npm package: HiGHS compiled to
// WebAssembly) for the one model shape the allocator needs: a bipartite transportation
// LP, where every column (a need/supporter pair) has exactly two unit coefficients, one in
// its need's row and one in its supporter's row.
//
// The model is passed as compressed sparse columns through the persistent API
// (`createModel`, then `addCols` when pricing adds pairs), not as CPLEX LP text through
// `highs.solve(text)`: at 25,000+ columns the text would be built, parsed and looked up by
// name again for nothing, and a persistent model keeps its simplex basis between solves,
// so re-solving after adding columns is a warm start.
import loadHighsRuntime, { type Highs, type Model } from 'highs';
import { AllocationSolverError } from './types';

let runtime: Promise<Highs> | undefined;

/** Loads the HiGHS WebAssembly runtime once per process (about 50 ms); later calls reuse it. */
export function loadAllocationSolver(): Promise<Highs> {
  runtime ??= loadHighsRuntime().catch((err: unknown) => {
    runtime = undefined;
    throw new AllocationSolverError(`could not load the HiGHS solver: ${err instanceof Error ? err.message : String(err)}`);
  });
  return runtime;
}

export interface Columns {
  /** Per column: its two rows (need row, supporter row). */
  readonly rowA: Int32Array;
  readonly rowB: Int32Array;
  /** Per column: objective coefficient (maximised). */
  readonly cost: Float64Array;
  /**
   * With a budget: the budget's row, and per column its coefficient there (the supporter's
   * day cost). A zero coefficient is left out of the matrix.
   */
  readonly budget?: { readonly row: number; readonly coefficient: Float64Array };
}

export interface LpSolution {
  readonly colValue: Float64Array;
  /** Row duals (>= 0 for "<=" rows of this maximisation); empty after a MIP solve. */
  readonly rowDual: Float64Array;
  readonly objective: number;
}

export interface SolverSettings {
  readonly integer: boolean;
  readonly timeLimitSeconds: number;
}

/**
 * HiGHS's own name for a model status, in words ('timeLimit' -> 'time limit'), for error
 * messages: read from the runtime's constants, so the wording follows HiGHS's numbering.
 */
export function statusName(highs: Highs, status: number): string {
  const key = Object.entries(highs.constants.modelStatus).find(([, code]) => code === status)?.[0];
  return key ? key.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`) : String(status);
}

/**
 * Simplex settings. Primal simplex, not HiGHS's default dual simplex: on these highly
 * degenerate transportation LPs dual simplex needed 6x more iterations (1,000 needs x 10,000
 * supporters, capacity short, 100,000 columns: 22 s dual vs 3.2 s primal, both optimal and
 * integral), and after pricing adds columns the previous basis stays primal feasible, so
 * primal simplex simply carries on from it. Simplex ends on a vertex (a basic solution),
 * which is what makes the LP's answer integral; an interior point without crossover would not.
 */
const LP_OPTIONS = { solver: 'simplex', simplex_strategy: 4 } as const;

/**
 * The columns as a compressed sparse column matrix: per column a 1 in its need row and its
 * supporter row, and with a budget its day cost in the budget row, left out when it is 0 (a
 * free pair spends nothing).
 */
export function csc(numRows: number, columns: Columns) {
  const n = columns.cost.length;
  const starts = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < n; c++) {
    indices.push(columns.rowA[c]!, columns.rowB[c]!);
    values.push(1, 1);
    const money = columns.budget?.coefficient[c] ?? 0;
    if (money > 0) {
      indices.push(columns.budget!.row);
      values.push(money);
    }
    starts[c + 1] = indices.length;
  }
  return { format: 'csc' as const, numRows, numCols: n, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/**
 * HiGHS models created and not yet disposed. WebAssembly memory is not garbage-collected: a
 * model that is never disposed stays allocated for the life of the process, so every
 * planner must dispose each model it creates, whatever happens (tests check this count).
 */
const openModels = new Set<TransportationModel>();

export function openModelCount(): number {
  return openModels.size;
}

/**
 * Maximise cost . x subject to rowLower <= Ax <= rowUpper, x >= 0 (integer if asked), on
 * a persistent HiGHS model that columns can be added to. Call dispose() when done.
 */
export class TransportationModel {
  private readonly model: Model;
  private columnCount = 0;
  /** Wall time spent inside HiGHS runs, in ms. */
  solveMs = 0;

  constructor(
    private readonly highs: Highs,
    readonly numRows: number,
    rowLower: Float64Array,
    rowUpper: Float64Array,
    private readonly settings: SolverSettings,
  ) {
    this.model = highs.createModel({
      numCols: 0,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: [],
      colLower: [],
      colUpper: [],
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows, numCols: 0, starts: [0], indices: [], values: [] },
    });
    this.model.options.set({
      output_flag: false,
      time_limit: settings.timeLimitSeconds,
      ...(settings.integer ? { mip_rel_gap: 0 } : LP_OPTIONS),
    });
    openModels.add(this);
  }

  get columns(): number {
    return this.columnCount;
  }

  /**
   * Appends columns. No column upper bound (min(need days, supporter days) would be
   * redundant): with the rows as the only binding constraints, the row duals carry the
   * whole dual solution, which pricing, the tie-break and the LP bound rely on.
   */
  addColumns(columns: Columns): void {
    const n = columns.cost.length;
    if (n === 0) return;
    this.model.addCols({
      cost: columns.cost,
      lower: new Float64Array(n),
      upper: new Float64Array(n).fill(this.highs.infinity),
      matrix: csc(this.numRows, columns),
    });
    if (this.settings.integer) {
      const types = new Int32Array(n).fill(this.highs.constants.variableType.integer);
      this.model.changeColsIntegrality({ kind: 'range', from: this.columnCount, to: this.columnCount + n - 1 }, types);
    }
    this.columnCount += n;
  }

  solve(): LpSolution {
    if (this.columnCount === 0) return { colValue: new Float64Array(0), rowDual: new Float64Array(this.numRows), objective: 0 };
    const startedAt = performance.now();
    const { modelStatus } = this.model.run();
    this.solveMs += performance.now() - startedAt;
    if (modelStatus !== this.highs.constants.modelStatus.optimal) {
      throw new AllocationSolverError(`HiGHS stopped without an optimal solution: ${statusName(this.highs, modelStatus)}`);
    }
    const solution = this.model.getSolution();
    return {
      colValue: solution.colValue,
      rowDual: this.settings.integer ? new Float64Array(0) : solution.rowDual,
      objective: this.model.getObjectiveValue(),
    };
  }

  /**
   * A MIP solve that may stop at its time limit, starting from `start` (one value per
   * column, a feasible plan): the best plan found by then and whether it is proven optimal.
   * Any other stop is an error, as in solve().
   */
  solveBestFound(start?: Float64Array): { solution: LpSolution; optimal: boolean } | null {
    if (this.columnCount === 0) return { solution: { colValue: new Float64Array(0), rowDual: new Float64Array(0), objective: 0 }, optimal: true };
    if (start) this.model.setSolution({ colValue: start });
    const startedAt = performance.now();
    const { modelStatus } = this.model.run();
    this.solveMs += performance.now() - startedAt;
    const { optimal, timeLimit } = this.highs.constants.modelStatus;
    if (modelStatus !== optimal && modelStatus !== timeLimit) {
      throw new AllocationSolverError(`HiGHS stopped without an optimal solution: ${statusName(this.highs, modelStatus)}`);
    }
    // 2: a feasible primal solution is held (HiGHS's SolutionStatus kSolutionStatusFeasible).
    // Always so when optimal; at the time limit only if a plan was found (or given).
    if (Number(this.model.info.get('primal_solution_status')) !== 2) return null;
    return {
      solution: { colValue: this.model.getSolution().colValue, rowDual: new Float64Array(0), objective: this.model.getObjectiveValue() },
      optimal: modelStatus === optimal,
    };
  }

  dispose(): void {
    this.model.dispose();
    openModels.delete(this);
  }
}

/** One-shot solve of a model with the given columns. */
export function solveTransportation(
  highs: Highs,
  numRows: number,
  rowLower: Float64Array,
  rowUpper: Float64Array,
  columns: Columns,
  settings: SolverSettings,
): { solution: LpSolution; ms: number } {
  const model = new TransportationModel(highs, numRows, rowLower, rowUpper, settings);
  try {
    model.addColumns(columns);
    const solution = model.solve();
    return { solution, ms: model.solveMs };
  } finally {
    model.dispose();
  }
}

/** Largest distance of a value from the nearest integer. */
export function integralityGap(values: Float64Array): number {
  let worst = 0;
  for (const v of values) worst = Math.max(worst, Math.abs(v - Math.round(v)));
  return worst;
}
