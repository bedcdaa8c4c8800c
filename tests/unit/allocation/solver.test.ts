// The HiGHS wrapper (solver.ts) on hand-worked transportation models: every column is one
// need/supporter pair with a 1 in each of its two rows (and, under a budget, its day cost in
// the budget row); the model maximises; row duals are what pricing and the LP bound read.
import { type Highs } from 'highs';
import { AllocationSolverError } from '../../../server/allocation';
import { csc, integralityGap, loadAllocationSolver, openModelCount, solveTransportation, statusName, TransportationModel, type Columns } from '../../../server/allocation/solver';

let highs: Highs;
beforeAll(async () => {
  highs = await loadAllocationSolver();
});

const LP = { integer: false, timeLimitSeconds: 10 } as const;
const MIP = { integer: true, timeLimitSeconds: 10 } as const;

function columns(rowA: number[], rowB: number[], cost: number[], budget?: { row: number; coefficient: number[] }): Columns {
  return {
    rowA: Int32Array.from(rowA),
    rowB: Int32Array.from(rowB),
    cost: Float64Array.from(cost),
    ...(budget ? { budget: { row: budget.row, coefficient: Float64Array.from(budget.coefficient) } } : {}),
  };
}

/** "<=" rows only (the planner's shape): lower -infinity, upper the capacities. */
function model(upper: number[], settings: { integer: boolean; timeLimitSeconds: number } = LP): TransportationModel {
  return new TransportationModel(highs, upper.length, new Float64Array(upper.length).fill(-highs.infinity), Float64Array.from(upper), settings);
}

// Needs A (3 days, row 0) and B (2 days, row 1), supporter X (4 days, row 2); a day of X is
// worth 1 on A and 0.5 on B. Optimum: A gets 3, B the 1 day left, objective 3.5. Duals: X's
// row is binding and B's is not, so u_B = 0, v_X = 0.5 (B/X is basic), u_A = 1 - 0.5.
const CAPACITY = [3, 2, 4];
const A_X = { a: 0, b: 2, cost: 1 };
const B_X = { a: 1, b: 2, cost: 0.5 };

describe('TransportationModel (LP)', () => {
  test('solves the hand-worked transportation LP: days, objective and the row duals', () => {
    const m = model(CAPACITY);
    try {
      m.addColumns(columns([A_X.a, B_X.a], [A_X.b, B_X.b], [A_X.cost, B_X.cost]));
      expect(m.columns).toBe(2);
      const s = m.solve();
      expect([...s.colValue]).toEqual([3, 1]);
      expect(s.objective).toBeCloseTo(3.5, 9);
      expect([...s.rowDual].map((d) => Number(d.toFixed(9)))).toEqual([0.5, 0, 0.5]);
    } finally {
      m.dispose();
    }
  });

  test('each column sits in its own two rows: swapping the need rows moves the days', () => {
    // Same pairs, but now the valuable column is in B's row (2 days): B 2, A gets the other 2.
    const m = model(CAPACITY);
    try {
      m.addColumns(columns([1, 0], [2, 2], [1, 0.5]));
      expect([...m.solve().colValue]).toEqual([2, 2]);
    } finally {
      m.dispose();
    }
  });

  test('columns added after a solve join the same model (pricing): the re-solve equals a one-shot solve', () => {
    const m = model(CAPACITY);
    try {
      m.addColumns(columns([A_X.a], [A_X.b], [A_X.cost]));
      const first = m.solve();
      expect([...first.colValue]).toEqual([3]);
      m.addColumns(columns([], [], []));
      expect(m.columns).toBe(1);
      m.addColumns(columns([B_X.a], [B_X.b], [B_X.cost]));
      expect(m.columns).toBe(2);
      const again = m.solve();
      const once = solveTransportation(highs, 3, new Float64Array(3).fill(-highs.infinity), Float64Array.from(CAPACITY), columns([0, 1], [2, 2], [1, 0.5]), LP);
      expect([...again.colValue]).toEqual([...once.solution.colValue]);
      expect(again.objective).toBeCloseTo(once.solution.objective, 9);
      expect(once.solution.objective).toBeCloseTo(3.5, 9);
    } finally {
      m.dispose();
    }
  });

  test('a model with no columns is solved without HiGHS: nothing planned, zero duals for every row', () => {
    const m = model(CAPACITY);
    try {
      const s = m.solve();
      expect([...s.colValue]).toEqual([]);
      expect([...s.rowDual]).toEqual([0, 0, 0]);
      expect(s.objective).toBe(0);
      expect(m.solveMs).toBe(0);
      expect(m.solveBestFound()).toEqual({ solution: { colValue: new Float64Array(0), rowDual: new Float64Array(0), objective: 0 }, optimal: true });
    } finally {
      m.dispose();
    }
  });

  test('a budget row holds each column at its coefficient; a zero coefficient is not limited by it', () => {
    // Row 3 is a budget of 1,000: a day of X on A costs 400 (coefficient), B's column 0.
    // LP: A gets 2.5 days (1,000 / 400), B its 2 days free; objective 2.5 + 1.
    const m = model([3, 2, 10, 1000]);
    try {
      m.addColumns(columns([0, 1], [2, 2], [1, 0.5], { row: 3, coefficient: [400, 0] }));
      const s = m.solve();
      expect([...s.colValue]).toEqual([2.5, 2]);
      expect(s.objective).toBeCloseTo(3.5, 9);
      // The budget row binds: each pound is worth 1 / 400 on A.
      expect(s.rowDual[3]).toBeCloseTo(1 / 400, 12);
    } finally {
      m.dispose();
    }
  });

  test('a model it cannot solve is an AllocationSolverError naming HiGHS status', () => {
    // Infeasible: row 0 must carry at least 5 but at most 3.
    const infeasible = new TransportationModel(highs, 2, Float64Array.from([5, -highs.infinity]), Float64Array.from([3, 10]), LP);
    // Unbounded: no row limits the column's days.
    const unbounded = new TransportationModel(highs, 2, new Float64Array(2).fill(-highs.infinity), new Float64Array(2).fill(highs.infinity), LP);
    try {
      for (const m of [infeasible, unbounded]) m.addColumns(columns([0], [1], [1]));
      expect(() => infeasible.solve()).toThrow(new AllocationSolverError('HiGHS stopped without an optimal solution: infeasible'));
      expect(() => unbounded.solve()).toThrow(new AllocationSolverError('HiGHS stopped without an optimal solution: unbounded'));
      expect(() => unbounded.solveBestFound()).toThrow(new AllocationSolverError('HiGHS stopped without an optimal solution: unbounded'));
    } finally {
      infeasible.dispose();
      unbounded.dispose();
    }
  });

  test('dispose() frees the HiGHS model: it cannot be solved afterwards, and it is no longer counted as open', () => {
    const before = openModelCount();
    const m = model(CAPACITY);
    expect(openModelCount()).toBe(before + 1);
    m.addColumns(columns([A_X.a], [A_X.b], [A_X.cost]));
    m.dispose();
    expect(openModelCount()).toBe(before);
    expect(() => m.solve()).toThrow(/after disposal/);
  });

  test('a one-shot solve disposes its model, also when HiGHS cannot solve it', () => {
    const before = openModelCount();
    const lower = new Float64Array(3).fill(-highs.infinity);
    solveTransportation(highs, 3, lower, Float64Array.from(CAPACITY), columns([0], [2], [1]), LP);
    expect(openModelCount()).toBe(before);
    // Row 0 must carry at least 5 but at most 3.
    expect(() => solveTransportation(highs, 2, Float64Array.from([5, -highs.infinity]), Float64Array.from([3, 10]), columns([0], [1], [1]), LP)).toThrow(AllocationSolverError);
    expect(openModelCount()).toBe(before);
  });

  test('the time spent in HiGHS is counted, and is never more than the wall time around the calls', () => {
    const m = model(CAPACITY);
    try {
      m.addColumns(columns([0, 1], [2, 2], [1, 0.5]));
      const before = performance.now();
      m.solve();
      const once = m.solveMs;
      m.solve();
      const around = performance.now() - before;
      expect(once).toBeGreaterThan(0);
      expect(m.solveMs).toBeGreaterThan(once);
      expect(m.solveMs).toBeLessThanOrEqual(around);
    } finally {
      m.dispose();
    }
  });
});

/** A 30 x 30 model with a budget row: too big to finish within a time limit of 0 s. */
function largeBudgetModel(integer: boolean): TransportationModel {
  const n = 30;
  const upper = Array.from({ length: 2 * n + 1 }, (_, r) => (r === 2 * n ? 7777 : 3 + (r % 7)));
  const m = model(upper, { integer, timeLimitSeconds: 0 });
  const a: number[] = [];
  const b: number[] = [];
  const cost: number[] = [];
  const coefficient: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      a.push(i);
      b.push(n + j);
      cost.push(((i * 31 + j * 17) % 97) / 97);
      coefficient.push(100 + ((i * 7 + j * 13) % 50));
    }
  }
  m.addColumns(columns(a, b, cost, { row: 2 * n, coefficient }));
  return m;
}

describe('TransportationModel (MIP)', () => {
  test('adding no columns to an integer model changes nothing (there is no column to declare integer)', () => {
    const m = model([2, 2, 750], MIP);
    try {
      m.addColumns(columns([], [], [], { row: 2, coefficient: [] }));
      expect(m.columns).toBe(0);
      m.addColumns(columns([0], [1], [1], { row: 2, coefficient: [500] }));
      m.addColumns(columns([], [], [], { row: 2, coefficient: [] }));
      expect(m.columns).toBe(1);
      expect([...m.solve().colValue]).toEqual([1]);
    } finally {
      m.dispose();
    }
  });

  test("proven optimal means exactly optimal: the MIP does not stop within HiGHS's default 0.01 % gap", () => {
    // One pair worth 10,000,000 (free) beside a small knapsack: need row 0 takes any of
    // eight one-day supporters (rows 2-9) at their day cost, within a budget of 1,334 (row
    // 10). The knapsack is worth about 1,300, under 0.01 % of the whole, so a MIP allowed
    // that gap may stop at the first plan it finds. The exact optimum comes from dynamic
    // programming over the whole pounds of the budget.
    const items = [[149, 150.1], [562, 565.14], [328, 329.83], [695, 701.86], [114, 114.1], [748, 749.18], [645, 645.53], [761, 763.49]] as const;
    const budget = 1334;
    const k = items.length;
    const m = model([100, 1, ...items.map(() => 1), 1, budget], MIP);
    try {
      m.addColumns(
        columns(
          [...items.map(() => 0), 1],
          [...items.map((_, j) => 2 + j), 2 + k],
          [...items.map(([, value]) => value), 10_000_000],
          { row: 3 + k, coefficient: [...items.map(([cost]) => cost), 0] },
        ),
      );
      const best = new Array<number>(budget + 1).fill(0);
      for (const [cost, value] of items) for (let b = budget; b >= cost; b--) best[b] = Math.max(best[b]!, best[b - cost]! + value);
      const found = m.solveBestFound(Float64Array.from([...items.map(() => 0), 1]));
      expect(found!.optimal).toBe(true);
      expect(found!.solution.objective).toBeCloseTo(10_000_000 + best[budget]!, 6);
    } finally {
      m.dispose();
    }
  });

  test('integer columns give whole days where the LP would split one: a budget of 750 at 500 a day buys 1 day, not 1.5', () => {
    for (const settings of [LP, MIP]) {
      const m = model([2, 2, 750], settings);
      try {
        m.addColumns(columns([0], [1], [1], { row: 2, coefficient: [500] }));
        expect([...m.solve().colValue]).toEqual(settings.integer ? [1] : [1.5]);
      } finally {
        m.dispose();
      }
    }
  });

  test('columns added in a second batch are integer too, and a MIP solve has no row duals', () => {
    const m = model([2, 2, 2, 750], MIP);
    try {
      m.addColumns(columns([0], [1], [0.1], { row: 3, coefficient: [0] }));
      m.addColumns(columns([2], [1], [1], { row: 3, coefficient: [500] }));
      const s = m.solve();
      expect([...s.colValue]).toEqual([1, 1]);
      expect(s.objective).toBeCloseTo(1.1, 9);
      expect(s.rowDual).toHaveLength(0);
    } finally {
      m.dispose();
    }
  });

  test('solveBestFound: proven optimal when HiGHS finishes, with the whole-day plan, its time counted', () => {
    const m = model([2, 2, 750], MIP);
    try {
      m.addColumns(columns([0], [1], [1], { row: 2, coefficient: [500] }));
      const before = performance.now();
      const found = m.solveBestFound(Float64Array.from([0]));
      const around = performance.now() - before;
      expect(m.solveMs).toBeGreaterThan(0);
      expect(m.solveMs).toBeLessThanOrEqual(around);
      expect(found).not.toBeNull();
      expect(found!.optimal).toBe(true);
      expect([...found!.solution.colValue]).toEqual([1]);
      expect(found!.solution.objective).toBeCloseTo(1, 9);
      expect(found!.solution.rowDual).toHaveLength(0);
    } finally {
      m.dispose();
    }
  });

  test('at its time limit a MIP keeps the best plan found (never worse than its start), not proven optimal; with no plan at all, null', () => {
    const withStart = largeBudgetModel(true);
    const withoutStart = largeBudgetModel(true);
    try {
      const found = withStart.solveBestFound(new Float64Array(900));
      expect(found).not.toBeNull();
      expect(found!.optimal).toBe(false);
      expect(found!.solution.colValue).toHaveLength(900);
      expect(found!.solution.objective).toBeGreaterThanOrEqual(0);
      expect(withoutStart.solveBestFound()).toBeNull();
    } finally {
      withStart.dispose();
      withoutStart.dispose();
    }
  });

  test('an LP solve at its time limit is an error (only the budget MIP may stop early)', () => {
    const m = largeBudgetModel(false);
    try {
      expect(() => m.solve()).toThrow(new AllocationSolverError('HiGHS stopped without an optimal solution: time limit'));
    } finally {
      m.dispose();
    }
  });
});

describe('csc: the columns as HiGHS reads them', () => {
  test('each column has a 1 in its need row and its supporter row, and nothing else without a budget', () => {
    const matrix = csc(4, columns([0, 1, 0], [2, 3, 3], [1, 0.5, 0.25]));
    expect(matrix).toEqual({
      format: 'csc',
      numRows: 4,
      numCols: 3,
      starts: Int32Array.from([0, 2, 4, 6]),
      indices: Int32Array.from([0, 2, 1, 3, 0, 3]),
      values: Float64Array.from([1, 1, 1, 1, 1, 1]),
    });
  });

  test("under a budget a paying column also has its day cost in the budget row; a free column (cost 0) has no entry there", () => {
    const matrix = csc(5, columns([0, 1, 0], [2, 3, 3], [1, 0.5, 0.25], { row: 4, coefficient: [400, 0, 250] }));
    expect(matrix.starts).toEqual(Int32Array.from([0, 3, 5, 8]));
    expect(matrix.indices).toEqual(Int32Array.from([0, 2, 4, 1, 3, 0, 3, 4]));
    expect(matrix.values).toEqual(Float64Array.from([1, 1, 400, 1, 1, 1, 1, 250]));
  });

  test('no columns: an empty matrix', () => {
    expect(csc(2, columns([], [], []))).toEqual({
      format: 'csc',
      numRows: 2,
      numCols: 0,
      starts: Int32Array.from([0]),
      indices: new Int32Array(0),
      values: new Float64Array(0),
    });
  });
});

describe('statusName: HiGHS statuses in words, as HiGHS names them', () => {
  test("every status is named from HiGHS's own constant, split into lower-case words", () => {
    const { modelStatus } = highs.constants;
    expect(statusName(highs, modelStatus.timeLimit)).toBe('time limit');
    expect(statusName(highs, modelStatus.unboundedOrInfeasible)).toBe('unbounded or infeasible');
    expect(statusName(highs, modelStatus.notSet)).toBe('not set');
    expect(statusName(highs, modelStatus.infeasible)).toBe('infeasible');
    // One distinct name per status.
    const names = Object.values(modelStatus).map((code) => statusName(highs, code));
    expect(new Set(names).size).toBe(Object.keys(modelStatus).length);
  });

  test('a code HiGHS does not define is given as its number', () => {
    expect(statusName(highs, 99)).toBe('99');
  });
});

describe('loadAllocationSolver', () => {
  test('loads HiGHS once per process: later calls get the same runtime', async () => {
    expect(loadAllocationSolver()).toBe(loadAllocationSolver());
    expect(await loadAllocationSolver()).toBe(highs);
  });
});

describe('integralityGap', () => {
  test('is the largest distance of any value from its nearest integer (0 for none)', () => {
    expect(integralityGap(Float64Array.from([1, 2.25, -0.375, 6.875]))).toBe(0.375);
    expect(integralityGap(Float64Array.from([3, -2, 0]))).toBe(0);
    expect(integralityGap(new Float64Array(0))).toBe(0);
  });
});
