// The allocation's preparation step: every input check, the canonical order both planners
// rely on, which pairs can carry a day, and the top-K pruning. A mistake here changes plans
// silently (a pair dropped, a need's best supporter pruned), so each rule is stated alone.
import fc from 'fast-check';

import { AllocationInputError, type AllocationInput } from '../../../server/allocation';
import {
  checkTopK,
  consideredPairs,
  DEFAULT_TOP_K,
  fillGreedily,
  greedyOrder,
  MIN_DAY_VALUE,
  prepareAllocation,
  residuals,
} from '../../../server/allocation/prepare';
import { need, pair, supporter } from './support';

const keys = (prep: ReturnType<typeof prepareAllocation>, indices: ArrayLike<number> = prep.pairs.map((_, i) => i)) =>
  Array.from(indices, (i) => `${prep.pairs[i]!.needId}/${prep.pairs[i]!.supporterId}`);

function refusal(input: AllocationInput, topK?: number): string {
  try {
    prepareAllocation(input, topK);
  } catch (error) {
    expect(error).toBeInstanceOf(AllocationInputError);
    return (error as Error).message;
  }
  throw new Error('expected the input to be refused');
}

describe('input checks: each bad value is refused, naming the item and the value', () => {
  const ok = { needs: [need('n', 0.5, 3)], supporters: [supporter('s', 2)], pairs: [pair('n', 's', 0.5)] };

  it('accepts the boundaries of every range', () => {
    expect(() =>
      prepareAllocation({
        needs: [need('a', 0, 0, 0), need('b', 1, 5, 100), need('c', 0.5, 1, null)],
        supporters: [supporter('s', 0), supporter('t', 7)],
        pairs: [pair('a', 's', 0), pair('b', 't', 1)],
      }),
    ).not.toThrow();
  });

  it.each([
    [{ ...ok, needs: [need('n', -0.01, 3)] }, 'need n: priority must be in [0, 1], got -0.01'],
    [{ ...ok, needs: [need('n', 1.01, 3)] }, 'need n: priority must be in [0, 1], got 1.01'],
    [{ ...ok, needs: [need('n', Number.NaN, 3)] }, 'need n: priority must be in [0, 1], got NaN'],
    [{ ...ok, needs: [need('n', 0.5, 2.5)] }, 'need n: daysOutstanding must be an integer >= 0, got 2.5'],
    [{ ...ok, needs: [need('n', 0.5, -1)] }, 'need n: daysOutstanding must be an integer >= 0, got -1'],
    [{ ...ok, needs: [need('n', 0.5, 3, -1)] }, 'need n: fsmPercent must be null or in [0, 100], got -1'],
    [{ ...ok, needs: [need('n', 0.5, 3, 100.5)] }, 'need n: fsmPercent must be null or in [0, 100], got 100.5'],
    [{ ...ok, needs: [need('n', 0.5, 3, Number.POSITIVE_INFINITY)] }, 'need n: fsmPercent must be null or in [0, 100], got Infinity'],
    [{ ...ok, supporters: [supporter('s', -1)] }, 'supporter s: remainingDays must be an integer >= 0, got -1'],
    [{ ...ok, supporters: [supporter('s', 1.5)] }, 'supporter s: remainingDays must be an integer >= 0, got 1.5'],
    [{ ...ok, pairs: [pair('x', 's', 0.5)] }, 'pair x/s: unknown need x'],
    [{ ...ok, pairs: [pair('n', 'y', 0.5)] }, 'pair n/y: unknown supporter y'],
    [{ ...ok, pairs: [pair('n', 's', 1.5)] }, 'pair n/s: fit must be in [0, 1], got 1.5'],
    [{ ...ok, pairs: [pair('n', 's', -0.1)] }, 'pair n/s: fit must be in [0, 1], got -0.1'],
    [{ ...ok, pairs: [pair('n', 's', 0.5), pair('n', 's', 0.4)] }, 'duplicate pair n/s'],
    [{ ...ok, needs: [need('n', 0.5, 3), need('n', 0.2, 1)] }, 'duplicate need id n'],
    [{ ...ok, supporters: [supporter('s', 1), supporter('s', 2)] }, 'duplicate supporter id s'],
    [{ ...ok, needs: [need('', 0.5, 3)], pairs: [] }, 'need id must be a non-empty string'],
    [{ ...ok, supporters: [supporter('', 1)], pairs: [] }, 'supporter id must be a non-empty string'],
    [{ ...ok, needs: [need(7 as unknown as string, 0.5, 3)], pairs: [] }, 'need id must be a non-empty string'],
  ])('refuses %#: %s', (input, message) => {
    expect(refusal(input as AllocationInput)).toBe(message);
  });

  it('takes top K as a positive integer or Infinity, 25 when absent', () => {
    expect(checkTopK(undefined)).toBe(DEFAULT_TOP_K);
    expect(DEFAULT_TOP_K).toBe(25);
    expect(checkTopK(1)).toBe(1);
    expect(checkTopK(Infinity)).toBe(Infinity);
    for (const bad of [0, -1, 2.5, Number.NaN, -Infinity]) {
      expect(() => checkTopK(bad)).toThrow(new AllocationInputError(`topK must be a positive integer or Infinity, got ${bad}`));
    }
  });
});

describe('canonical order', () => {
  const input: AllocationInput = {
    needs: [need('n2', 0.5, 3), need('n1', 0.8, 2), need('n3', 0.4, 1)],
    supporters: [supporter('s3', 5), supporter('s1', 5), supporter('s2', 5)],
    pairs: [pair('n2', 's1', 0.3), pair('n1', 's3', 0.6), pair('n2', 's3', 0.9), pair('n1', 's2', 0.6), pair('n1', 's1', 0.2), pair('n3', 's2', 0.5)],
  };

  it('sorts needs and supporters by id and pairs by need, then fit descending, then supporter', () => {
    const prep = prepareAllocation(input);
    expect(prep.needs.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(prep.supporters.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(keys(prep)).toEqual(['n1/s2', 'n1/s3', 'n1/s1', 'n2/s3', 'n2/s1', 'n3/s2']);
    expect(Array.from(prep.needPairStart)).toEqual([0, 3, 5, 6]);
    expect(Array.from(prep.pairNeed)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(Array.from(prep.pairSupporter)).toEqual([1, 2, 0, 2, 0, 1]);
  });

  it('values a day on a pair at priority times fit', () => {
    const prep = prepareAllocation(input);
    expect(Array.from(prep.pairValue)).toEqual([0.8 * 0.6, 0.8 * 0.6, 0.8 * 0.2, 0.5 * 0.9, 0.5 * 0.3, 0.4 * 0.5]);
  });

  it('is the same whatever order the input comes in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...input.pairs], { minLength: input.pairs.length }), fc.shuffledSubarray([...input.needs], { minLength: 3 }), (pairs, needs) => {
        const prep = prepareAllocation({ ...input, pairs, needs });
        expect(keys(prep)).toEqual(['n1/s2', 'n1/s3', 'n1/s1', 'n2/s3', 'n2/s1', 'n3/s2']);
      }),
    );
  });

  it('orders ids by code unit, not by locale (upper case before lower case)', () => {
    const prep = prepareAllocation({ needs: [need('b', 1, 1), need('B', 1, 1), need('a', 1, 1)], supporters: [supporter('x', 1)], pairs: [] });
    expect(prep.needs.map((n) => n.id)).toEqual(['B', 'a', 'b']);
  });
});

describe('which pairs can carry a day', () => {
  it('counts a pair unusable when its value is below the smallest meaningful day, the need wants nothing or the supporter has nothing', () => {
    const prep = prepareAllocation({
      needs: [need('busy', 1, 2), need('done', 1, 0)],
      supporters: [supporter('free', 3), supporter('spent', 0)],
      pairs: [
        pair('busy', 'free', MIN_DAY_VALUE), // exactly the smallest value: usable
        pair('busy', 'spent', 0.9), // supporter has no days
        pair('done', 'free', 0.9), // need wants no days
      ],
    });
    expect(keys(prep)).toEqual(['busy/spent', 'busy/free', 'done/free']);
    expect(Array.from(prep.pairUsable)).toEqual([0, 1, 0]);
    expect(prep.unusablePairs).toBe(2);
    expect(prep.inputPairs).toBe(3);
  });

  it('counts a pair worth just under the smallest meaningful day as unusable', () => {
    const prep = prepareAllocation({ needs: [need('n', 0.5, 2)], supporters: [supporter('s', 3)], pairs: [pair('n', 's', (MIN_DAY_VALUE / 0.5) * 0.999)] });
    expect(Array.from(prep.pairUsable)).toEqual([0]);
    expect(prep.considered).toHaveLength(0);
  });
});

describe('top-K pruning', () => {
  const input: AllocationInput = {
    needs: [need('n1', 1, 5), need('n2', 1, 5)],
    supporters: ['a', 'b', 'c', 'd'].map((id) => supporter(id, 5)),
    pairs: [pair('n1', 'a', 0.1), pair('n1', 'b', 0.9), pair('n1', 'c', 0.5), pair('n1', 'd', 0), pair('n2', 'a', 0.4), pair('n2', 'c', 0.3)],
  };

  it('keeps each need’s best K usable pairs and counts the usable ones pruned', () => {
    const prep = prepareAllocation(input, 2);
    expect(keys(prep, prep.considered)).toEqual(['n1/b', 'n1/c', 'n2/a', 'n2/c']);
    expect(Array.from(prep.pairConsidered)).toEqual([1, 1, 0, 0, 1, 1]);
    expect(prep.prunedPairs).toBe(1); // n1/a; n1/d is unusable (fit 0), not pruned
    expect(prep.unusablePairs).toBe(1);
    expect(prep.topK).toBe(2);
    expect(Array.from(consideredPairs(prep))).toEqual(Array.from(prep.considered));
  });

  it('counts K per need afresh (a need after a pruned one still gets its K)', () => {
    const prep = prepareAllocation(input, 1);
    expect(keys(prep, prep.considered)).toEqual(['n1/b', 'n2/a']);
    expect(prep.prunedPairs).toBe(3); // n1/c, n1/a and n2/c
  });

  it('does not let unusable pairs use up a need’s K', () => {
    const prep = prepareAllocation({ needs: [need('n', 1, 5)], supporters: [supporter('a', 0), supporter('b', 5)], pairs: [pair('n', 'a', 0.9), pair('n', 'b', 0.2)] }, 1);
    expect(keys(prep, prep.considered)).toEqual(['n/b']);
    expect(prep.prunedPairs).toBe(0);
  });

  it('with K = Infinity considers every usable pair', () => {
    const prep = prepareAllocation(input, Infinity);
    expect(prep.considered).toHaveLength(5);
    expect(prep.prunedPairs).toBe(0);
  });
});

describe('greedy helpers', () => {
  const prep = prepareAllocation({
    needs: [need('n1', 1, 3), need('n2', 0.5, 4)],
    supporters: [supporter('s1', 2), supporter('s2', 4)],
    pairs: [pair('n1', 's1', 0.5), pair('n1', 's2', 0.4), pair('n2', 's1', 1), pair('n2', 's2', 0.2)],
  });

  it('orders pairs by value, then need, then supporter, whatever order they are given in', () => {
    // values: n1/s1 0.5, n1/s2 0.4, n2/s1 0.5, n2/s2 0.1
    expect(keys(prep, greedyOrder(prep))).toEqual(['n1/s1', 'n2/s1', 'n1/s2', 'n2/s2']);
    expect(keys(prep, greedyOrder(prep, Int32Array.from([3, 2, 1, 0])))).toEqual(['n1/s1', 'n2/s1', 'n1/s2', 'n2/s2']);
    expect(keys(prep, greedyOrder(prep, Int32Array.from([3, 2])))).toEqual(['n2/s1', 'n2/s2']);
    const tied = prepareAllocation({ needs: [need('n', 1, 2)], supporters: [supporter('a', 1), supporter('b', 1)], pairs: [pair('n', 'b', 0.5), pair('n', 'a', 0.5)] });
    expect(keys(tied, greedyOrder(tied, Int32Array.from([1, 0])))).toEqual(['n/a', 'n/b']);
  });

  it('gives each pair in turn what both sides still have, and reports the days left on each side', () => {
    const order = greedyOrder(prep);
    const days = new Float64Array(prep.pairs.length);
    const left = residuals(prep, days);
    expect(Array.from(left.needLeft)).toEqual([3, 4]);
    expect(Array.from(left.supporterLeft)).toEqual([2, 4]);
    const added = fillGreedily(prep, order, days, left.needLeft, left.supporterLeft);
    // n1/s1 takes 2 (s1 spent), n2/s1 nothing, n1/s2 takes 1 (n1 met), n2/s2 takes 3 (s2 spent)
    expect(Object.fromEntries(keys(prep).map((k, i) => [k, days[i]]))).toEqual({ 'n1/s1': 2, 'n1/s2': 1, 'n2/s1': 0, 'n2/s2': 3 });
    expect(added).toBe(6);
    expect(Array.from(left.needLeft)).toEqual([0, 1]);
    expect(Array.from(left.supporterLeft)).toEqual([0, 0]);
    expect(residuals(prep, days)).toEqual(left);
  });
});
