import fc from 'fast-check';
import { NEED_SEVERITIES, type OfstedRating } from '../../../server/domain/enums';
import { DEFAULT_RANKING_CONFIG as C, needPriority, waitingDays } from '../../../server/ranking';
import { arbNeed } from './arbitraries';
import { academy, DAY_MS, need, NOW } from './fixtures';

const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

describe('needPriority = 0.35 severity + 0.30 disadvantage + 0.20 Ofsted + 0.15 waiting', () => {
  it('works a full example by hand', () => {
    // HIGH 0.75; FSM 40% -> 40/50 = 0.8; Requires Improvement 0.7; 42 days -> 42/84 = 0.5.
    // 0.35*0.75 + 0.3*0.8 + 0.2*0.7 + 0.15*0.5 = 0.2625 + 0.24 + 0.14 + 0.075 = 0.7175
    const p = needPriority(
      need({ severity: 'HIGH', academy: academy({ fsmPercent: 40, ofstedRating: 'REQUIRES_IMPROVEMENT' }), raisedAt: ago(42) }),
      NOW,
    );
    expect(p.score).toBeCloseTo(0.7175, 12);
    expect(p.factors.map((f) => [f.name, f.weight, f.value])).toEqual([
      ['severity', 0.35, 0.75],
      ['disadvantage', 0.3, expect.closeTo(0.8, 12)],
      ['ofstedRating', 0.2, 0.7],
      ['waitingTime', 0.15, 0.5],
    ]);
  });

  it('caps disadvantage at 50% FSM and takes unknown FSM as 25% (0.5)', () => {
    const at = (fsmPercent: number | null) =>
      needPriority(need({ academy: academy({ fsmPercent }) }), NOW).factors.find((f) => f.name === 'disadvantage')!.value;
    expect(at(80)).toBe(1);
    expect(at(50)).toBe(1);
    expect(at(10)).toBeCloseTo(0.2, 12);
    expect(at(null)).toBe(0.5);
    expect(at(0)).toBe(0);
  });

  it('gives a need raised now (or dated in the future) no waiting boost', () => {
    const waiting = (raisedAt: Date) => needPriority(need({ raisedAt }), NOW).factors.find((f) => f.name === 'waitingTime')!.value;
    expect(waiting(NOW)).toBe(0);
    expect(waiting(new Date(NOW.getTime() + 5 * DAY_MS))).toBe(0);
    expect(waitingDays(new Date(NOW.getTime() + 5 * DAY_MS), NOW)).toBe(0);
    // A year: 365 / (365 + 42) = 0.8968...
    expect(waiting(ago(365))).toBeCloseTo(365 / 407, 12);
  });

  it('ranks Ofsted INADEQUATE > REQUIRES_IMPROVEMENT > NOT_INSPECTED > GOOD > OUTSTANDING', () => {
    const order: OfstedRating[] = ['INADEQUATE', 'REQUIRES_IMPROVEMENT', 'NOT_INSPECTED', 'GOOD', 'OUTSTANDING'];
    const scores = order.map((ofstedRating) => needPriority(need({ academy: academy({ ofstedRating }) }), NOW).score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]!);
  });

  it('lets a long wait lift a need past one severity step but never LOW past a fresh CRITICAL', () => {
    const oldMedium = needPriority(need({ severity: 'MEDIUM', raisedAt: ago(365) }), NOW).score;
    const freshHigh = needPriority(need({ severity: 'HIGH', raisedAt: NOW }), NOW).score;
    expect(oldMedium).toBeGreaterThan(freshHigh);
    const ancientLow = needPriority(need({ severity: 'LOW', raisedAt: ago(10 * 365) }), NOW).score;
    const freshCritical = needPriority(need({ severity: 'CRITICAL', raisedAt: NOW }), NOW).score;
    expect(ancientLow).toBeLessThan(freshCritical);
  });
});

describe('needPriority properties', () => {
  it('lies in [0, 1] and is exactly the sum of its contributions', () => {
    fc.assert(
      fc.property(arbNeed, (n) => {
        const p = needPriority(n, NOW);
        expect(p.score).toBeGreaterThanOrEqual(0);
        expect(p.score).toBeLessThanOrEqual(1 + 1e-12);
        expect(Math.abs(p.factors.reduce((s, f) => s + f.contribution, 0) - p.score)).toBeLessThan(1e-9);
        for (const f of p.factors) expect(f.contribution).toBe(f.weight * f.value);
      }),
    );
  });

  it('never falls when fsmPercent rises, all else equal', () => {
    fc.assert(
      fc.property(arbNeed, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (n, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const at = (fsmPercent: number) => needPriority({ ...n, academy: { ...n.academy, fsmPercent } }, NOW).score;
        expect(at(hi)).toBeGreaterThanOrEqual(at(lo));
      }),
    );
  });

  it('never falls with a more severe need or a longer wait', () => {
    fc.assert(
      fc.property(arbNeed, fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.nat({ max: 2000 }), (n, i, j, extraDays) => {
        const [lo, hi] = i <= j ? [i, j] : [j, i];
        const sev = (k: number) => needPriority({ ...n, severity: NEED_SEVERITIES[k]! }, NOW).score;
        expect(sev(hi)).toBeGreaterThanOrEqual(sev(lo));
        const older = { ...n, raisedAt: new Date(n.raisedAt.getTime() - extraDays * DAY_MS) };
        expect(needPriority(older, NOW).score).toBeGreaterThanOrEqual(needPriority(n, NOW).score);
      }),
    );
  });

  it('treats an unknown fsmPercent like the configured national average', () => {
    fc.assert(
      fc.property(arbNeed, (n) => {
        const unknown = needPriority({ ...n, academy: { ...n.academy, fsmPercent: null } }, NOW).score;
        const average = needPriority({ ...n, academy: { ...n.academy, fsmPercent: C.priority.unknownFsmPercent } }, NOW).score;
        expect(unknown).toBe(average);
      }),
    );
  });
});
