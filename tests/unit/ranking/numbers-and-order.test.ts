// The small helpers every score goes through: bad data (NaN, out of range) never reaches a
// score, percentages are clamped to [0, 100] or unknown, numbers print short; results are
// ordered by score, then by key compared by code unit, and a limit is a whole number >= 0.
import fc from 'fast-check';
import { clamp01, formatNumber, knownPercent } from '../../../server/ranking/numbers';
import { byScoreThenKeys, compareKeys, resultLimit } from '../../../server/ranking/order';

describe('clamp01', () => {
  it('keeps [0, 1], clamps outside it, and turns NaN into 0', () => {
    expect([0, 0.25, 1].map(clamp01)).toEqual([0, 0.25, 1]);
    expect([-0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(clamp01)).toEqual([0, 1, 0, 1, 0]);
  });
});

describe('knownPercent', () => {
  it('is null for null, undefined, NaN and infinities; clamps the rest into [0, 100]', () => {
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY].map(knownPercent)).toEqual([null, null, null, null]);
    expect([-3, 0, 42.5, 100, 130].map(knownPercent)).toEqual([0, 0, 42.5, 100, 100]);
  });
});

describe('formatNumber', () => {
  it('rounds to one decimal by default, to `digits` when given, without trailing zeros', () => {
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(12.345, 2)).toBe('12.35');
    expect(formatNumber(3.0)).toBe('3');
    expect(formatNumber(2.5, 0)).toBe('3');
  });
});

describe('compareKeys: by code unit, not by locale', () => {
  it('orders upper case before lower case and "10" before "2"', () => {
    expect(compareKeys('S', 's')).toBe(-1);
    expect(compareKeys('s', 'S')).toBe(1);
    expect(compareKeys('10', '2')).toBe(-1);
    expect(compareKeys('same', 'same')).toBe(0);
  });
});

describe('byScoreThenKeys', () => {
  type Row = { score: number; keys: string[] };
  const order = byScoreThenKeys<Row>((r) => r.score, (r) => r.keys);

  it('puts the higher score first, whatever the keys', () => {
    expect(order({ score: 0.9, keys: ['z'] }, { score: 0.1, keys: ['a'] })).toBeLessThan(0);
    expect(order({ score: 0.1, keys: ['a'] }, { score: 0.9, keys: ['z'] })).toBeGreaterThan(0);
  });

  it('breaks ties by each key in turn; a missing key sorts first; equal keys are a tie', () => {
    expect(order({ score: 0.5, keys: ['STAFF', 'b'] }, { score: 0.5, keys: ['STAFF', 'a'] })).toBe(1);
    expect(order({ score: 0.5, keys: ['ACADEMY', 'z'] }, { score: 0.5, keys: ['STAFF', 'a'] })).toBe(-1);
    expect(order({ score: 0.5, keys: ['x'] }, { score: 0.5, keys: ['x', 'a'] })).toBe(-1);
    expect(order({ score: 0.5, keys: ['x', 'a'] }, { score: 0.5, keys: ['x'] })).toBe(1);
    expect(order({ score: 0.5, keys: ['x', 'a'] }, { score: 0.5, keys: ['x', 'a'] })).toBe(0);
  });

  it('is a total order that sorts the same rows the same way from any starting order (random rows)', () => {
    const arbRow = fc.record({ score: fc.constantFrom(0, 0.5, 1), keys: fc.array(fc.constantFrom('a', 'b', 'B'), { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 12 }), (rows) => {
        const sorted = [...rows].sort(order);
        expect([...rows].reverse().sort(order)).toEqual(sorted);
        for (let i = 1; i < sorted.length; i++) expect(order(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('resultLimit', () => {
  it('is a whole number >= 0, NaN giving 0 and Infinity meaning all', () => {
    expect(resultLimit(Number.NaN)).toBe(0);
    expect(resultLimit(-3)).toBe(0);
    expect(resultLimit(2.7)).toBe(2);
    expect(resultLimit(5)).toBe(5);
    expect(resultLimit(Infinity)).toBe(Infinity);
  });
});
