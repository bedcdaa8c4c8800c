import fc from 'fast-check';
import { EXCLUSION_REASONS, type ExclusionReason } from '../../../server/domain/enums';
import {
  DEFAULT_RANKING_CONFIG as C,
  firstExclusionReason,
  rankNeedsForSupporter,
  type NeedProfile,
  type SupporterProfile,
} from '../../../server/ranking';
import { arbBroadSupporter, arbNeeds, arbSupporter, withShuffle } from './arbitraries';
import { academy, need, NOW, supporter } from './fixtures';
import { oracleReasons } from './oracle';

const rank = (s: SupporterProfile, needs: readonly NeedProfile[], first = Infinity) =>
  rankNeedsForSupporter(s, needs, { now: NOW, first });

const arbAnySupporter = fc.oneof(arbSupporter, arbBroadSupporter);

/** The same need at a school with a different FSM share (its own copy of the academy). */
const withFsm = (n: NeedProfile, fsmPercent: number | null): NeedProfile => ({ ...n, academy: { ...n.academy, fsmPercent } });

describe('rankNeedsForSupporter: worked examples', () => {
  it('lets disadvantage visibly pull an otherwise identical need up', () => {
    const s = supporter();
    const poorer = need({ id: 'need-b', academy: academy({ id: 'academy-b', fsmPercent: 45 }) });
    const richer = need({ id: 'need-a', academy: academy({ id: 'academy-a', fsmPercent: 5 }) });
    const result = rank(s, [richer, poorer]);
    expect(result.needs.map((n) => n.need.id)).toEqual(['need-b', 'need-a']);
    // Disadvantage weight 0.5 * 0.3 = 0.15; values 45/50 = 0.9 and 5/50 = 0.1.
    expect(result.needs[0]!.score - result.needs[1]!.score).toBeCloseTo(0.15 * (0.9 - 0.1), 12);
    const factor = result.needs[0]!.factors.find((f) => f.name === 'disadvantage')!;
    expect(factor.contribution).toBeCloseTo(0.15 * 0.9, 12);
    expect(factor.detail).toContain('45%');
  });

  it('does not use the candidate-comparison context factor', () => {
    const result = rank(supporter(), [need()]);
    expect(result.needs[0]!.factors.map((f) => f.name)).not.toContain('context');
  });

  it('ranks a poorer school above a richer one even when the supporter’s own school is much richer', () => {
    // In candidate ranking, "context" would mark this supporter down for the poorer school;
    // here only the priority's disadvantage factor sees FSM.
    const s = supporter({ homeAcademy: academy({ id: 'academy-home', fsmPercent: 2, location: { latitude: 52.05, longitude: -1 } }) });
    const poorer = need({ id: 'need-z', academy: academy({ id: 'academy-z', fsmPercent: 60 }) });
    const richer = need({ id: 'need-y', academy: academy({ id: 'academy-y', fsmPercent: 3 }) });
    expect(rank(s, [richer, poorer]).needs[0]!.need.id).toBe('need-z');
  });

  it('applies the same hard constraints and counts them', () => {
    const s = supporter({ supportingNeedIds: ['need-3'] });
    const result = rank(
      s,
      [
        need({ id: 'need-1' }),
        need({ id: 'need-2', area: 'ENGLISH' }),
        need({ id: 'need-3' }),
        need({ id: 'need-4', academy: s.homeAcademy }),
      ],
      1,
    );
    expect(result.needs.map((n) => n.need.id)).toEqual(['need-1']);
    expect(result.eligibleCount).toBe(1);
    expect(result.consideredCount).toBe(4);
    expect(result.exclusions).toMatchObject({ NO_MATCHING_EXPERTISE: 1, SAME_SCHOOL: 1, ALREADY_SUPPORTING: 1, NO_CAPACITY: 0 });
  });

  it('breaks ties by need id ascending', () => {
    const result = rank(supporter(), ['need-c2', 'need-10', 'need-a', 'need-2', 'need-1'].map((id) => need({ id })));
    expect(new Set(result.needs.map((n) => n.score)).size).toBe(1);
    expect(result.needs.map((n) => [n.rank, n.need.id])).toEqual([
      [1, 'need-1'],
      [2, 'need-10'],
      [3, 'need-2'],
      [4, 'need-a'],
      [5, 'need-c2'],
    ]);
  });
});

describe('rankNeedsForSupporter properties', () => {
  it('a higher fsmPercent never lowers a need’s score or its position, all else equal', () => {
    fc.assert(
      fc.property(
        arbAnySupporter,
        arbNeeds().filter((ns) => ns.length > 0),
        fc.nat(),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (s, needs, pick, x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const i = pick % needs.length;
          const id = needs[i]!.id;
          const rankedWith = (fsm: number) => rank(s, needs.map((n, j) => (j === i ? withFsm(n, fsm) : n)));
          const low = rankedWith(lo);
          const high = rankedWith(hi);
          const at = (r: typeof low) => r.needs.findIndex((n) => n.need.id === id);
          // Eligibility does not depend on FSM.
          expect(at(high) === -1).toBe(at(low) === -1);
          if (at(low) !== -1) {
            expect(at(high)).toBeLessThanOrEqual(at(low));
            expect(high.needs[at(high)]!.score).toBeGreaterThanOrEqual(low.needs[at(low)]!.score);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accounts for every need once, never returns a need that breaks a constraint, and contributions add up', () => {
    fc.assert(
      fc.property(arbAnySupporter, arbNeeds(), fc.integer({ min: 0, max: 15 }), (s, needs, first) => {
        const expected = needs.map((n) =>
          oracleReasons(n, s, {
            now: NOW,
            minimumUsefulDays: C.constraints.minimumUsefulDays,
            defaultAcademyMaxTravelKm: C.constraints.defaultAcademyMaxTravelKm,
          }),
        );
        fc.pre(!expected.includes('AMBIGUOUS'));
        const result = rank(s, needs, first);
        const counts = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
        for (const reasons of expected) if (reasons !== 'AMBIGUOUS' && reasons.length > 0) counts[reasons[0]!] += 1;
        expect(result.exclusions).toEqual(counts);
        expect(result.eligibleCount).toBe(expected.filter((r) => r !== 'AMBIGUOUS' && r.length === 0).length);
        expect(result.consideredCount).toBe(needs.length);
        expect(result.needs).toHaveLength(Math.min(first, result.eligibleCount));
        result.needs.forEach((n, i) => {
          expect(n.rank).toBe(i + 1);
          expect(firstExclusionReason(n.need, s, NOW)).toBeNull();
          if (i > 0) expect(n.score).toBeLessThanOrEqual(result.needs[i - 1]!.score);
          expect(Math.abs(n.factors.reduce((sum, f) => sum + f.contribution, 0) - n.score)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same needs in any order give the same ranking', () => {
    fc.assert(
      fc.property(arbAnySupporter, withShuffle(arbNeeds()), fc.integer({ min: 0, max: 15 }), (s, [needs, shuffled], first) => {
        expect(rank(s, shuffled, first)).toEqual(rank(s, needs, first));
      }),
      { numRuns: 200 },
    );
  });

  it('more distance never raises a need’s score', () => {
    fc.assert(
      fc.property(
        arbBroadSupporter,
        arbNeeds().filter((ns) => ns.length > 0),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (s, needs, x, y) => {
          const [nearDeg, farDeg] = x <= y ? [x, y] : [y, x];
          const home = { ...s, homeAcademy: { ...s.homeAcademy, location: { latitude: 52, longitude: -1 } } };
          const n = needs[0]!;
          const at = (deg: number) => rank(home, [{ ...n, academy: { ...n.academy, location: { latitude: 52 + deg, longitude: -1 } } }]);
          const near = at(nearDeg);
          const far = at(farDeg);
          if (far.needs.length === 1) {
            expect(near.needs).toHaveLength(1);
            expect(far.needs[0]!.score).toBeLessThanOrEqual(near.needs[0]!.score + 1e-12);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
