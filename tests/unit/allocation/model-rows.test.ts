// The rows the planner's models share (model-rows.ts): one per need and per supporter with at
// least one usable pair, needs first, each with its capacity (days outstanding, days left);
// and each column (pair) placed in its need's and its supporter's row.
import { buildRows, columnsOf } from '../../../server/allocation/model-rows';
import { prepareAllocation } from '../../../server/allocation/prepare';
import { need, pair, supporter } from './support';

// n2 has no usable pair (its only pair is worth 0), s3 has no days, s4 no pairs.
const prep = prepareAllocation(
  {
    needs: [need('n1', 1, 3), need('n2', 0, 7), need('n3', 0.5, 4)],
    supporters: [supporter('s1', 5), supporter('s2', 2), supporter('s3', 0), supporter('s4', 9)],
    pairs: [pair('n1', 's1', 0.9), pair('n1', 's3', 1), pair('n2', 's2', 1), pair('n3', 's2', 0.5), pair('n3', 's1', 0.2)],
  },
  Infinity,
);
const needIndex = (id: string) => prep.needs.findIndex((n) => n.id === id);
const supporterIndex = (id: string) => prep.supporters.findIndex((s) => s.id === id);
const pairIndex = (key: string) => prep.pairs.findIndex((p) => `${p.needId}/${p.supporterId}` === key);

describe('buildRows', () => {
  const rows = buildRows(prep);

  test('a row for each need and supporter with a usable pair, needs first; -1 for the rest', () => {
    expect(rows.numRows).toBe(4);
    expect([needIndex('n1'), needIndex('n2'), needIndex('n3')].map((i) => rows.needRow[i])).toEqual([0, -1, 1]);
    expect(['s1', 's2', 's3', 's4'].map((id) => rows.supporterRow[supporterIndex(id)])).toEqual([2, 3, -1, -1]);
  });

  test("each row's capacity is the need's outstanding days or the supporter's remaining days", () => {
    expect([...rows.capacity]).toEqual([3, 4, 5, 2]);
  });
});

describe('columnsOf', () => {
  test("puts each pair in its need's row and its supporter's row, with the cost asked for, in the order given", () => {
    const rows = buildRows(prep);
    const pairs = [pairIndex('n3/s1'), pairIndex('n1/s1'), pairIndex('n3/s2')];
    const columns = columnsOf(prep, rows, pairs, (p) => 10 * p + 1);
    expect([...columns.rowA]).toEqual([1, 0, 1]);
    expect([...columns.rowB]).toEqual([2, 2, 3]);
    expect([...columns.cost]).toEqual(pairs.map((p) => 10 * p + 1));
    expect(columns.budget).toBeUndefined();
  });
});
