// Need-priority rules (README, "Need priority"), each at its boundary, and the sentences
// that explain them: severity LOW..CRITICAL 0.25..1; disadvantage fsm/50 capped at 1,
// unknown (or not a number) taken as 25 %; Ofsted by the configured table; waiting
// days/(days + 42), never negative; weights from the configuration, scaled to a share.
import fc from 'fast-check';
import {
  DEFAULT_RANKING_CONFIG as C,
  PRIORITY_FACTOR_NAMES,
  disadvantage,
  disadvantageValue,
  needPriority,
  ofstedRating,
  priorityModel,
  severity,
  waitingDays,
  waitingTime,
  type PriorityInput,
  type RankingConfig,
} from '../../../server/ranking';
import { arbNeed } from './arbitraries';
import { academy, DAY_MS, need, NOW } from './fixtures';

const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const input = (overrides: Parameters<typeof need>[0] = {}, config: RankingConfig = C): PriorityInput => ({
  need: need(overrides),
  now: NOW,
  config,
});

describe('severity: the raiser’s judgement, from the configured table', () => {
  it('maps LOW, MEDIUM, HIGH, CRITICAL to 0.25, 0.5, 0.75, 1 and says which', () => {
    expect((['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const).map((s) => severity.value(input({ severity: s })))).toEqual([
      0.25, 0.5, 0.75, 1,
    ]);
    expect(severity.detail(input({ severity: 'CRITICAL' }))).toBe('severity CRITICAL');
  });

  it('clamps a configured value outside [0, 1]', () => {
    const wild = { ...C, priority: { ...C.priority, severityValues: { ...C.priority.severityValues, CRITICAL: 3, LOW: -1 } } };
    expect(severity.value(input({ severity: 'CRITICAL' }, wild))).toBe(1);
    expect(severity.value(input({ severity: 'LOW' }, wild))).toBe(0);
  });
});

describe('disadvantage: fsm / 50, capped at 1; unknown counts as 25 %', () => {
  it('is linear below the full-weight share and exactly 1 at it', () => {
    expect(disadvantageValue(25, C)).toBe(0.5);
    expect(disadvantageValue(49, C)).toBeCloseTo(0.98, 12);
    expect(disadvantageValue(50, C)).toBe(1);
    expect(disadvantageValue(100, C)).toBe(1);
  });

  it('takes null, NaN and infinities as unknown (the configured 25 %), negatives as 0', () => {
    expect(disadvantageValue(null, C)).toBe(0.5);
    expect(disadvantageValue(Number.NaN, C)).toBe(0.5);
    expect(disadvantageValue(Number.POSITIVE_INFINITY, C)).toBe(0.5);
    expect(disadvantageValue(-10, C)).toBe(0);
  });

  it('follows the configured full-weight share and unknown share', () => {
    const custom = { ...C, priority: { ...C.priority, fsmFullWeightPercent: 40, unknownFsmPercent: 10 } };
    expect(disadvantageValue(20, custom)).toBe(0.5);
    expect(disadvantageValue(null, custom)).toBe(0.25);
  });

  it('explains a known share, and an unknown one as the national average', () => {
    expect(disadvantage.detail(input({ academy: academy({ fsmPercent: 37.25 }) }))).toBe(
      '37.3% of pupils eligible for free school meals (full weight at 50%)',
    );
    expect(disadvantage.detail(input({ academy: academy({ fsmPercent: null }) }))).toBe(
      'free-school-meals share unknown: taken as 25% (about the national average)',
    );
    expect(disadvantage.value(input({ academy: academy({ fsmPercent: 10 }) }))).toBeCloseTo(0.2, 12);
  });
});

describe('ofstedRating: from the configured table', () => {
  it('reads the need’s academy rating and says which', () => {
    const inadequate = input({ academy: academy({ ofstedRating: 'INADEQUATE' }) });
    expect(ofstedRating.value(inadequate)).toBe(1);
    expect(ofstedRating.value(input({ academy: academy({ ofstedRating: 'OUTSTANDING' }) }))).toBe(0.1);
    expect(ofstedRating.detail(inadequate)).toBe('Ofsted judgement INADEQUATE (date not recorded)');
  });

  it('clamps a configured value outside [0, 1]', () => {
    const wild = { ...C, priority: { ...C.priority, ofstedValues: { ...C.priority.ofstedValues, INADEQUATE: 2 } } };
    expect(ofstedRating.value(input({ academy: academy({ ofstedRating: 'INADEQUATE' }) }, wild))).toBe(1);
  });
});

describe('waitingTime: days / (days + 42), never negative', () => {
  it('counts whole and fractional days since the need was raised', () => {
    expect(waitingDays(ago(42), NOW)).toBe(42);
    expect(waitingDays(new Date(NOW.getTime() - DAY_MS / 2), NOW)).toBe(0.5);
  });

  it('is 0 for a need raised now, in the future, or on an invalid date', () => {
    expect(waitingDays(NOW, NOW)).toBe(0);
    expect(waitingDays(new Date(NOW.getTime() + 1), NOW)).toBe(0);
    expect(waitingDays(new Date(Number.NaN), NOW)).toBe(0);
  });

  it('is half at 42 days and follows the configured half-life', () => {
    expect(waitingTime.value(input({ raisedAt: ago(42) }))).toBe(0.5);
    expect(waitingTime.value(input({ raisedAt: ago(14) }))).toBe(0.25);
    const custom = { ...C, priority: { ...C.priority, waitingHalfDays: 14 } };
    expect(waitingTime.value(input({ raisedAt: ago(14) }, custom))).toBe(0.5);
  });

  it('says how long, in whole days, singular for one', () => {
    expect(waitingTime.detail(input({ raisedAt: ago(1) }))).toBe('waiting 1 day (half weight at 42)');
    expect(waitingTime.detail(input({ raisedAt: ago(14.4) }))).toBe('waiting 14 days (half weight at 42)');
    expect(waitingTime.detail(input({ raisedAt: ago(0.6) }))).toBe('waiting 1 day (half weight at 42)');
    expect(waitingTime.detail(input({ raisedAt: NOW }))).toBe('waiting 0 days (half weight at 42)');
  });
});

describe('priorityModel: the four components, weighted from the configuration', () => {
  it('lists the components in contract order with the default weights', () => {
    expect(priorityModel(C).map(({ factor, weight }) => [factor.name, weight])).toEqual([
      ['severity', 0.35],
      ['disadvantage', 0.3],
      ['ofstedRating', 0.2],
      ['waitingTime', 0.15],
    ]);
    expect(PRIORITY_FACTOR_NAMES).toEqual(['severity', 'disadvantage', 'ofstedRating', 'waitingTime']);
  });

  it('scales the weights to a share, and normalises weights that do not sum to 1', () => {
    expect(priorityModel(C, 0.5).map((w) => w.weight)).toEqual([0.175, 0.15, 0.1, 0.075]);
    const custom = { ...C, priorityWeights: { severity: 2, disadvantage: 1, ofstedRating: 1, waitingTime: 0 } };
    expect(priorityModel(custom).map((w) => w.weight)).toEqual([0.5, 0.25, 0.25, 0]);
  });

  it('needPriority uses the default configuration when none is given', () => {
    const n = need({ severity: 'LOW', academy: academy({ fsmPercent: 0, ofstedRating: 'OUTSTANDING' }), raisedAt: NOW });
    expect(needPriority(n, NOW).score).toBeCloseTo(0.35 * 0.25 + 0.2 * 0.1, 12);
    const severityOnly = { ...C, priorityWeights: { severity: 1, disadvantage: 0, ofstedRating: 0, waitingTime: 0 } };
    expect(needPriority(n, NOW, severityOnly).score).toBe(0.25);
  });

  it('explains every component with a sentence (random needs)', () => {
    fc.assert(
      fc.property(arbNeed, (n) => {
        const { factors } = needPriority(n, NOW);
        expect(factors.map((f) => f.name)).toEqual([...PRIORITY_FACTOR_NAMES]);
        for (const f of factors) expect(f.detail).toMatch(/\S/);
      }),
      { numRuns: 50 },
    );
  });
});
