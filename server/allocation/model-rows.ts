// The rows shared by the planner's models: one per need and per supporter that has at least
// one usable pair, and the columns (pairs) over them.
import type { PreparedAllocation } from './prepare';
import type { Columns } from './solver';

/** One row per need and per supporter that has at least one usable pair: needs first, in canonical order. */
export interface Rows {
  readonly needRow: Int32Array;
  readonly supporterRow: Int32Array;
  readonly numRows: number;
  readonly capacity: Float64Array;
}

export function buildRows(prep: PreparedAllocation<unknown>): Rows {
  const needRow = new Int32Array(prep.needs.length).fill(-1);
  const supporterRow = new Int32Array(prep.supporters.length).fill(-1);
  prep.pairUsable.forEach((usable, p) => {
    if (usable !== 1) return;
    needRow[prep.pairNeed[p]!] = 0;
    supporterRow[prep.pairSupporter[p]!] = 0;
  });
  const capacity: number[] = [];
  needRow.forEach((r, i) => {
    if (r === 0) needRow[i] = capacity.push(prep.needs[i]!.daysOutstanding) - 1;
  });
  supporterRow.forEach((r, j) => {
    if (r === 0) supporterRow[j] = capacity.push(prep.supporters[j]!.remainingDays) - 1;
  });
  return { needRow, supporterRow, numRows: capacity.length, capacity: Float64Array.from(capacity) };
}

export function columnsOf(prep: PreparedAllocation<unknown>, rows: Rows, pairs: ArrayLike<number>, cost: (p: number) => number): Columns {
  return {
    rowA: Int32Array.from(pairs, (p) => rows.needRow[prep.pairNeed[p]!]!),
    rowB: Int32Array.from(pairs, (p) => rows.supporterRow[prep.pairSupporter[p]!]!),
    cost: Float64Array.from(pairs, cost),
  };
}

