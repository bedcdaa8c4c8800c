import {
  computeFairness,
  DEFAULT_FSM_CUT_POINTS,
  fsmGroup,
  fsmQuintileCutPoints,
  planAllocation,
} from '../../../server/allocation';
import { need, pair, supporter } from './support';

describe('fsmGroup', () => {
  test.each([
    [0, 'BAND_1'],
    [19.99, 'BAND_1'],
    [20, 'BAND_2'],
    [39.9, 'BAND_2'],
    [40, 'BAND_3'],
    [60, 'BAND_4'],
    [79.9, 'BAND_4'],
    [80, 'BAND_5'],
    [100, 'BAND_5'],
    [null, 'UNKNOWN'],
    [NaN, 'UNKNOWN'],
  ] as const)('%s%% FSM is %s with the default bands', (fsm, group) => {
    expect(fsmGroup(fsm)).toBe(group);
  });

  test('custom cut points', () => {
    const cuts = [8, 13, 20, 31] as const;
    expect([5, 8, 12.9, 13, 25, 31, 60].map((f) => fsmGroup(f, cuts))).toEqual(['BAND_1', 'BAND_2', 'BAND_2', 'BAND_3', 'BAND_4', 'BAND_5', 'BAND_5']);
  });
});

describe('computeFairness', () => {
  const needs = [need('a', 1, 10, 5), need('b', 1, 10, 45), need('c', 1, 20, 90), need('d', 1, 10, null), need('e', 1, 0, 25)];

  test('shares of requested and allocated days per group', () => {
    const report = computeFairness(needs, new Map([['a', 2], ['b', 10], ['c', 8]]));
    expect(report.cutPoints).toEqual(DEFAULT_FSM_CUT_POINTS);
    expect(report.totalRequestedDays).toBe(50);
    expect(report.totalAllocatedDays).toBe(20);
    expect(report.fillRate).toBeCloseTo(0.4, 12);
    const byGroup = Object.fromEntries(report.groups.map((g) => [g.group, g]));
    expect(report.groups.map((g) => g.group)).toEqual(['BAND_1', 'BAND_2', 'BAND_3', 'BAND_4', 'BAND_5', 'UNKNOWN']);
    expect(byGroup.BAND_1).toMatchObject({ label: 'FSM 0% to <20% (fixed 20-point band 1)', needs: 1, requestedDays: 10, allocatedDays: 2, requestedShare: 0.2, allocatedShare: 0.1, fillRate: 0.2 });
    expect(byGroup.BAND_1!.shareGap).toBeCloseTo(-0.1, 12);
    // e asked for nothing: counted as a need, but the group's fill rate is undefined.
    expect(byGroup.BAND_2).toMatchObject({ needs: 1, requestedDays: 0, allocatedDays: 0, fillRate: null });
    expect(byGroup.BAND_3).toMatchObject({ requestedShare: 0.2, allocatedShare: 0.5, fillRate: 1 });
    expect(byGroup.BAND_4).toMatchObject({ needs: 0, requestedShare: 0, allocatedShare: 0, fillRate: null });
    expect(byGroup.BAND_5).toMatchObject({ label: 'FSM 80% to 100% (fixed 20-point band 5)', requestedShare: 0.4, allocatedShare: 0.4, fillRate: 0.4 });
    expect(byGroup.UNKNOWN).toMatchObject({ label: 'FSM unknown', requestedShare: 0.2, allocatedShare: 0, fillRate: 0 });
    const shares = report.groups.reduce((acc, g) => [acc[0]! + g.requestedShare, acc[1]! + g.allocatedShare], [0, 0]);
    expect(shares[0]).toBeCloseTo(1, 12);
    expect(shares[1]).toBeCloseTo(1, 12);
  });

  test('nothing requested or allocated', () => {
    const report = computeFairness([], new Map());
    expect(report.fillRate).toBeNull();
    expect(report.groups.every((g) => g.requestedShare === 0 && g.allocatedShare === 0 && g.fillRate === null)).toBe(true);
  });

  test('rejects bad cut points', () => {
    expect(() => computeFairness(needs, new Map(), { cutPoints: [40, 20, 60, 80] })).toThrow(/ascending/);
    expect(() => computeFairness(needs, new Map(), { cutPoints: [20, 40, 60, 180] })).toThrow(/ascending/);
  });

  test('quintile cut points of a population split it into fifths', () => {
    const pop = Array.from({ length: 100 }, (_, i) => ({ fsmPercent: i * 0.5 }));
    const cuts = fsmQuintileCutPoints([...pop, { fsmPercent: null }]);
    expect(cuts).toEqual([10, 20, 30, 40]);
    const counts = new Map<string, number>();
    for (const p of pop) counts.set(fsmGroup(p.fsmPercent, cuts), (counts.get(fsmGroup(p.fsmPercent, cuts)) ?? 0) + 1);
    expect([...counts.values()]).toEqual([20, 20, 20, 20, 20]);
    expect(fsmQuintileCutPoints([{ fsmPercent: null }])).toEqual(DEFAULT_FSM_CUT_POINTS);
  });

  test('a plan reports fairness with the cut points it was given', async () => {
    const plan = await planAllocation(
      { needs: [need('a', 1, 2, 10), need('b', 1, 2, 30)], supporters: [supporter('s', 4)], pairs: [pair('a', 's', 1), pair('b', 's', 1)] },
      { fairness: { cutPoints: [15, 25, 35, 45] } },
    );
    expect(plan.fairness.cutPoints).toEqual([15, 25, 35, 45]);
    expect(plan.fairness.groups.find((g) => g.group === 'BAND_3')).toMatchObject({ needs: 1, allocatedDays: 2, allocatedShare: 0.5 });
  });
});
