// Weights (README: "If a custom set of weights does not sum to 1, it is normalised, so
// scores always stay in [0, 1]"), negative weights counting as 0; and the edge of a usable
// location: latitude within +-90, longitude within +-180, both finite.
import fc from 'fast-check';
import { DEFAULT_RANKING_CONFIG as C, candidateModel, isKnownPoint, needFitModel, normalisedWeights } from '../../../server/ranking';

describe('normalisedWeights', () => {
  it('counts a negative weight as 0', () => {
    expect(normalisedWeights({ a: -1, b: 2, c: 2 }, ['a', 'b', 'c'])).toEqual({ a: 0, b: 0.5, c: 0.5 });
    expect(normalisedWeights({ a: -0.5, b: 1 }, ['a', 'b'])).toEqual({ a: 0, b: 1 });
  });

  it('gives all zeros, not NaN, when every weight is 0 or negative', () => {
    expect(normalisedWeights({ a: 0, b: 0 }, ['a', 'b'])).toEqual({ a: 0, b: 0 });
    expect(normalisedWeights({ a: -1, b: 0 }, ['a', 'b'], 0.5)).toEqual({ a: 0, b: 0 });
  });

  it('leaves weights within 1e-9 of summing to 1 as they are (scaled to the share)', () => {
    expect(normalisedWeights({ a: 0.1, b: 0.2, c: 0.7 }, ['a', 'b', 'c'])).toEqual({ a: 0.1, b: 0.2, c: 0.7 });
    expect(normalisedWeights({ a: 0.5, b: 0.5 + 1e-10 }, ['a', 'b'], 0.5)).toEqual({ a: 0.25, b: (0.5 + 1e-10) * 0.5 });
    expect(normalisedWeights({ a: 0.5, b: 0.5 + 1e-8 }, ['a', 'b']).a).toBeCloseTo(0.5 / (1 + 1e-8), 15);
    expect(normalisedWeights({ a: 0.5, b: 0.5 + 1e-8 }, ['a', 'b']).a).not.toBe(0.5);
  });

  it('sums to the share for any non-negative weights that are not all 0 (random weights)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (ws, share) => {
        fc.pre(ws.some((w) => w > 1e-6));
        const names = ws.map((_, i) => `w${i}`);
        const weights = Object.fromEntries(names.map((n, i) => [n, ws[i]!]));
        const result = normalisedWeights(weights, names, share);
        expect(Object.values(result).reduce((a, b) => a + b, 0)).toBeCloseTo(share, 9);
      }),
    );
  });

  it('builds the candidate model (all six factors, summing to 1) and the need-fit model (five, scaled to the share)', () => {
    expect(candidateModel(C).map((w) => [w.factor.name, w.weight])).toEqual([
      ['expertiseFit', 0.3],
      ['trackRecord', 0.15],
      ['proximity', 0.15],
      ['network', 0.15],
      ['sustainability', 0.1],
      ['context', 0.15],
    ]);
    const fit = needFitModel(C, 0.5);
    expect(fit.map((w) => w.factor.name)).toEqual(['expertiseFit', 'trackRecord', 'proximity', 'network', 'sustainability']);
    expect(fit.reduce((s, w) => s + w.weight, 0)).toBeCloseTo(0.5, 12);
    expect(fit[0]!.weight).toBeCloseTo((0.5 * 0.3) / 0.85, 12);
  });
});

describe('isKnownPoint', () => {
  it('accepts the poles and the antimeridian, rejects anything past them', () => {
    expect(isKnownPoint({ latitude: 90, longitude: 180 })).toBe(true);
    expect(isKnownPoint({ latitude: -90, longitude: -180 })).toBe(true);
    expect(isKnownPoint({ latitude: 90.0001, longitude: 0 })).toBe(false);
    expect(isKnownPoint({ latitude: -90.0001, longitude: 0 })).toBe(false);
    expect(isKnownPoint({ latitude: 0, longitude: 180.0001 })).toBe(false);
    expect(isKnownPoint({ latitude: 0, longitude: -180.0001 })).toBe(false);
  });

  it('rejects missing points and coordinates that are not finite', () => {
    expect(isKnownPoint(null)).toBe(false);
    expect(isKnownPoint(undefined)).toBe(false);
    expect(isKnownPoint({ latitude: 0, longitude: Number.NaN })).toBe(false);
    expect(isKnownPoint({ latitude: Number.POSITIVE_INFINITY, longitude: 0 })).toBe(false);
    expect(isKnownPoint({ latitude: 0, longitude: 0 })).toBe(true);
  });
});
