import fc from 'fast-check';
import {
  DEFAULT_RANKING_CONFIG as C,
  academyDistanceKm,
  explain,
  normalisedWeights,
  scoreOf,
  type Factor,
  scoreCandidate,
  scoreNeedForSupporter,
  totalOf,
  type ScoreFactor,
} from '../../../server/ranking';
import { arbNeed, arbSupporter } from './arbitraries';
import { need, NOW, supporter } from './fixtures';

describe('combining factors', () => {
  it('makes contribution = weight * value, clamps values into [0, 1], and sums contributions in order', () => {
    const constant = (name: string, value: number): Factor<null> => ({ name, value: () => value, detail: () => `${name} detail` });
    const model = [
      { factor: constant('half', 0.5), weight: 0.3 },
      { factor: constant('over', 1.7), weight: 0.2 },
      { factor: constant('nan', Number.NaN), weight: 0.5 },
    ];
    expect(explain(model, null)).toEqual([
      { name: 'half', weight: 0.3, value: 0.5, contribution: 0.15, detail: 'half detail' },
      { name: 'over', weight: 0.2, value: 1, contribution: 0.2, detail: 'over detail' },
      { name: 'nan', weight: 0.5, value: 0, contribution: 0, detail: 'nan detail' },
    ]);
    expect(scoreOf(model, null)).toBe(0.15 + 0.2 + 0);
    expect(totalOf(explain(model, null))).toBe(scoreOf(model, null));
  });

  it('scales weights to the share, leaving weights that already sum to 1 untouched', () => {
    expect(normalisedWeights({ a: 0.3, b: 0.7 }, ['a', 'b'])).toEqual({ a: 0.3, b: 0.7 });
    expect(normalisedWeights({ a: 1, b: 3 }, ['a', 'b'])).toEqual({ a: 0.25, b: 0.75 });
    expect(normalisedWeights({ a: 1, b: 3 }, ['a', 'b'], 0.5)).toEqual({ a: 0.125, b: 0.375 });
    const extra: Record<'a' | 'b' | 'c', number> = { a: 0.3, b: 0.7, c: 5 };
    expect(normalisedWeights(extra, ['a', 'b'])).toEqual({ a: 0.3, b: 0.7 });
  });
});

describe('scoreCandidate, worked by hand', () => {
  it('scores the default pair at 0.7525', () => {
    // Same cluster, 10 km apart, EXPERT in maths with primary experience, no designation,
    // no track record, Good home school, both schools 30% FSM:
    //   expertiseFit   0.30 * (0.5*0.75 + 0.3*1 + 0.2*0) = 0.30 * 0.675 = 0.2025
    //   trackRecord    0.15 * 0.5 (prior)                             = 0.075
    //   proximity      0.15 * 10/(10+10)                              = 0.075
    //   network        0.15 * 1 (same cluster)                        = 0.15
    //   sustainability 0.10 * 1                                       = 0.1
    //   context        0.15 * 1 (same FSM)                            = 0.15
    const n = need();
    const s = supporter();
    const { score, factors } = scoreCandidate(n, s, academyDistanceKm(n.academy, s.homeAcademy), NOW, C);
    expect(factors.map((f) => f.name)).toEqual(['expertiseFit', 'trackRecord', 'proximity', 'network', 'sustainability', 'context']);
    expect(score).toBeCloseTo(0.7525, 9);
  });
});

describe('scoreNeedForSupporter, worked by hand', () => {
  it('is half fit (without context, weights renormalised over 0.85) and half priority', () => {
    // Fit part: 0.5 * (0.2025 + 0.075 + 0.075 + 0.15 + 0.1) / 0.85 (see above, minus context).
    // Priority: HIGH 0.75, 30% FSM -> 0.6, Good 0.3, 14 days -> 14/56 = 0.25:
    //   0.35*0.75 + 0.3*0.6 + 0.2*0.3 + 0.15*0.25 = 0.54; half of it is 0.27.
    const n = need();
    const s = supporter();
    const { score, factors } = scoreNeedForSupporter(n, s, academyDistanceKm(n.academy, s.homeAcademy), NOW, C);
    expect(factors.map((f) => f.name)).toEqual([
      'expertiseFit',
      'trackRecord',
      'proximity',
      'network',
      'sustainability',
      'severity',
      'disadvantage',
      'ofstedRating',
      'waitingTime',
    ]);
    expect(factors.find((f) => f.name === 'expertiseFit')!.weight).toBeCloseTo(0.5 * (0.3 / 0.85), 12);
    expect(factors.find((f) => f.name === 'disadvantage')!.weight).toBeCloseTo(0.15, 12);
    expect(factors.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(1, 12);
    expect(score).toBeCloseTo((0.5 * 0.6025) / 0.85 + 0.27, 9);
  });
});

describe('scores explain themselves (random data)', () => {
  const check = (score: number, factors: ScoreFactor[]) => {
    expect(Math.abs(totalOf(factors) - score)).toBeLessThan(1e-9);
    expect(Math.abs(factors.reduce((s, f) => s + f.contribution, 0) - score)).toBeLessThan(1e-9);
    for (const f of factors) {
      expect(f.value).toBeGreaterThanOrEqual(0);
      expect(f.value).toBeLessThanOrEqual(1);
      expect(f.contribution).toBe(f.weight * f.value);
    }
    expect(Math.abs(factors.reduce((s, f) => s + f.weight, 0) - 1)).toBeLessThan(1e-9);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1 + 1e-9);
  };

  it('for candidates and for needs, contributions add up to the score, which lies in [0, 1]', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporter, (n, s) => {
        const d = academyDistanceKm(n.academy, s.homeAcademy);
        const c = scoreCandidate(n, s, d, NOW, C);
        check(c.score, c.factors);
        const r = scoreNeedForSupporter(n, s, d, NOW, C);
        check(r.score, r.factors);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps working under a custom configuration whose weights do not sum to 1', () => {
    const custom = {
      ...C,
      candidateWeights: { expertiseFit: 3, trackRecord: 1, proximity: 1, network: 1, sustainability: 1, context: 1 },
      needRanking: { fitShare: 2, priorityShare: 1 },
    };
    fc.assert(
      fc.property(arbNeed, arbSupporter, (n, s) => {
        const d = academyDistanceKm(n.academy, s.homeAcademy);
        const c = scoreCandidate(n, s, d, NOW, custom);
        check(c.score, c.factors);
        expect(c.factors[0]!.weight).toBeCloseTo(3 / 8, 12);
        const r = scoreNeedForSupporter(n, s, d, NOW, custom);
        check(r.score, r.factors);
        expect(r.factors[0]!.weight).toBeCloseTo((2 / 3) * (3 / 7), 12);
      }),
      { numRuns: 100 },
    );
  });
});
