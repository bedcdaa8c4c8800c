// The context factor's rules (README, "Ranking weights"): 1 when the supporter's school has
// an FSM share within 5 points of the need's school, or higher; beyond the tolerance the
// value falls linearly to 0 at 30 points lower (5 + 25); an unknown share on either side
// gives a neutral 0.5. It compares the NEED's school with the supporter's HOME school, and
// only a less disadvantaged home school is marked down.
import fc from 'fast-check';
import { DEFAULT_RANKING_CONFIG as C, context, contextDetail, contextValue, type RankingConfig } from '../../../server/ranking';
import { arbFsm } from './arbitraries';
import { academy, need, NOW, supporter } from './fixtures';

const fsm = (fsmPercent: number | null) => academy({ fsmPercent });
/** Value for a need's school at `needFsm` % and a supporter's home school at `homeFsm` %. */
const ctx = (needFsm: number | null, homeFsm: number | null, config: RankingConfig = C) =>
  contextValue(fsm(needFsm), fsm(homeFsm), config);

describe('contextValue at the boundaries (defaults: tolerance 5, span 25)', () => {
  it('exactly 5 points less disadvantaged is still "similar": 1', () => {
    expect(ctx(45, 40)).toBe(1);
  });

  it('just past the tolerance starts to fall: 5.5 points gives 1 - 0.5/25 = 0.98', () => {
    expect(ctx(45.5, 40)).toBeCloseTo(0.98, 12);
  });

  it('is halfway at 17.5 points, and exactly 0 at 30 points and beyond', () => {
    expect(ctx(57.5, 40)).toBeCloseTo(0.5, 12);
    expect(ctx(70, 40)).toBe(0);
    expect(ctx(100, 0)).toBe(0);
  });

  it('never marks down a home school that is more disadvantaged, however much more', () => {
    expect(ctx(0, 100)).toBe(1);
    expect(ctx(10, 45)).toBe(1);
  });

  it('is direction-sensitive: need 40 / home 20 is 1 - 15/25 = 0.4, need 20 / home 40 is 1', () => {
    expect(ctx(40, 20)).toBeCloseTo(0.4, 12);
    expect(ctx(20, 40)).toBe(1);
  });
});

describe('contextValue follows the configuration', () => {
  const custom: RankingConfig = { ...C, context: { tolerancePoints: 10, spanPoints: 20, unknownValue: 0.3 } };

  it('uses the configured tolerance and span: gap 20 with tolerance 10, span 20 gives 0.5', () => {
    expect(ctx(60, 50, custom)).toBe(1); // gap 10: within
    expect(ctx(70, 50, custom)).toBeCloseTo(0.5, 12); // 1 - (20 - 10) / 20
    expect(ctx(80, 50, custom)).toBe(0); // 1 - (30 - 10) / 20
  });

  it('uses the configured value when a share is unknown, clamped into [0, 1]', () => {
    expect(ctx(null, 50, custom)).toBe(0.3);
    expect(ctx(50, null, custom)).toBe(0.3);
    expect(ctx(null, null, custom)).toBe(0.3);
    expect(ctx(null, 50, { ...C, context: { ...C.context, unknownValue: 7 } })).toBe(1);
  });
});

describe('contextValue treats bad percentages as the data contract says', () => {
  it('takes a non-finite share as unknown, not as a number', () => {
    expect(ctx(Number.NaN, 40)).toBe(0.5);
    expect(ctx(40, Number.POSITIVE_INFINITY)).toBe(0.5);
  });

  it('clamps shares into [0, 100] before comparing: 150 vs 70 is a gap of 30, not 80', () => {
    // 150 -> 100; gap 30 -> 0. Without clamping, a -10 home share would look even lower.
    expect(ctx(150, 70)).toBe(0);
    expect(ctx(150, 80)).toBeCloseTo(1 - 15 / 25, 12);
    expect(ctx(20, -10)).toBeCloseTo(1 - 15 / 25, 12); // -10 -> 0: gap 20
  });
});

describe('contextValue properties (random shares)', () => {
  it('lies in [0, 1] and is 1 whenever the gap is within the tolerance', () => {
    fc.assert(
      fc.property(arbFsm, arbFsm, (a, b) => {
        const v = ctx(a, b);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        if (a !== null && b !== null && a - b <= C.context.tolerancePoints) expect(v).toBe(1);
        if (a === null || b === null) expect(v).toBe(C.context.unknownValue);
      }),
    );
  });

  it('never rises as the need’s school becomes more disadvantaged than the home school', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (home, x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(ctx(hi, home)).toBeLessThanOrEqual(ctx(lo, home));
        },
      ),
    );
  });
});

describe('contextDetail says which side is less disadvantaged', () => {
  it('names both shares and "similar" within the tolerance (exactly 5 points included)', () => {
    expect(contextDetail(fsm(45), fsm(40), C)).toBe('home 40% FSM vs 45% at the school in need: similar or more disadvantaged intake');
  });

  it('gives the gap beyond the tolerance', () => {
    expect(contextDetail(fsm(52.5), fsm(40), C)).toBe(
      'home 40% FSM vs 52.5% at the school in need: home intake 12.5 points less disadvantaged',
    );
  });

  it('shows clamped shares and says when one is unknown', () => {
    expect(contextDetail(fsm(120), fsm(-5), C)).toBe('home 0% FSM vs 100% at the school in need: home intake 100 points less disadvantaged');
    expect(contextDetail(fsm(null), fsm(40), C)).toBe('free-school-meals share unknown for one school: neutral value');
    expect(contextDetail(fsm(40), fsm(null), C)).toBe('free-school-meals share unknown for one school: neutral value');
  });

  it('uses the configured tolerance', () => {
    const wide: RankingConfig = { ...C, context: { ...C.context, tolerancePoints: 15 } };
    expect(contextDetail(fsm(52.5), fsm(40), wide)).toContain('similar or more disadvantaged intake');
  });
});

describe('the context factor compares the need’s school with the supporter’s home school', () => {
  it('reads need.academy as the school in need and supporter.homeAcademy as home', () => {
    const n = need({ academy: academy({ fsmPercent: 40 }) });
    const s = supporter({ homeAcademy: academy({ id: 'home', fsmPercent: 20 }) });
    const input = { need: n, supporter: s, distanceKm: null, now: NOW, config: C };
    expect(context.name).toBe('context');
    expect(context.value(input)).toBeCloseTo(0.4, 12);
    expect(context.detail(input)).toBe('home 20% FSM vs 40% at the school in need: home intake 20 points less disadvantaged');
  });
});
