// Fairness-report rules at their edges: cut points are exactly four ascending percentages
// in [0, 100] (0, 100 and equal neighbours allowed), named in the error otherwise; quintile
// cut points come from the known FSM shares sorted numerically, whatever order the needs
// arrive in.
import fc from 'fast-check';
import { computeFairness, fsmQuintileCutPoints } from '../../../server/allocation';
import { need } from './support';

const needs = [need('a', 1, 10, 5), need('b', 1, 10, 45)];
const withCuts = (cutPoints: number[]) => () =>
  computeFairness(needs, new Map(), { cutPoints: cutPoints as unknown as readonly [number, number, number, number] });

describe('cut points', () => {
  it('accept 0 and 100 themselves, and equal neighbours', () => {
    expect(withCuts([0, 40, 60, 100])).not.toThrow();
    expect(withCuts([20, 20, 60, 60])).not.toThrow();
    expect(computeFairness(needs, new Map(), { cutPoints: [0, 0, 100, 100] }).groups.find((g) => g.group === 'BAND_3')!.needs).toBe(2);
  });

  it('reject fewer or more than four, naming the values', () => {
    expect(withCuts([20, 40, 60])).toThrow('FSM cut points must be four ascending percentages in [0, 100], got [20, 40, 60]');
    expect(withCuts([10, 20, 40, 60, 80])).toThrow(RangeError);
  });

  it('reject values below 0, above 100, or not finite', () => {
    expect(withCuts([-0.5, 40, 60, 80])).toThrow(/got \[-0\.5, 40, 60, 80\]/);
    expect(withCuts([20, 40, 60, 100.5])).toThrow(RangeError);
    expect(withCuts([20, 40, Number.NaN, 80])).toThrow(RangeError);
    expect(withCuts([20, 40, 60, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it('reject a step down anywhere', () => {
    expect(withCuts([20, 40, 39.9, 80])).toThrow(RangeError);
    expect(withCuts([20, 40, 60, 59])).toThrow(RangeError);
  });
});

describe('fsmQuintileCutPoints', () => {
  it('sorts the shares numerically (not as text), whatever order the needs come in', () => {
    // As text, 100 < 20 < 5 < 9: a text sort would give other cut points.
    const shares = [100, 9, 20, 5, 35, 60, 7, 80, 12, 3];
    const cuts = fsmQuintileCutPoints(shares.map((fsmPercent) => ({ fsmPercent })));
    expect(cuts).toEqual([7, 12, 35, 80]);
  });

  it('is the same for any order of the same needs (random shares)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), { maxLength: 30 }), (values) => {
        const forward = fsmQuintileCutPoints(values.map((fsmPercent) => ({ fsmPercent })));
        const backward = fsmQuintileCutPoints([...values].reverse().map((fsmPercent) => ({ fsmPercent })));
        expect(backward).toEqual(forward);
        for (let i = 1; i < 4; i++) expect(forward[i]).toBeGreaterThanOrEqual(forward[i - 1]!);
      }),
    );
  });
});
