import fc from 'fast-check';
import { DESIGNATIONS, EXCLUSION_REASONS, EXPERTISE_LEVELS, rankOf, type ExclusionReason } from '../../../server/domain/enums';
import {
  DEFAULT_RANKING_CONFIG as C,
  academyDistanceKm,
  firstExclusionReason,
  rankCandidatesForNeed,
  scoreCandidate,
  type NeedProfile,
  type SupporterProfile,
} from '../../../server/ranking';
import { arbExpertiseEntry, arbNeed, arbPhase, arbSupporter, arbSupporters, withShuffle } from './arbitraries';
import { academy, KM_PER_DEGREE_LATITUDE, need, NOW, supporter } from './fixtures';
import { oracleReasons } from './oracle';

const rank = (n: NeedProfile, supporters: readonly SupporterProfile[], first = Infinity) =>
  rankCandidatesForNeed(n, supporters, { now: NOW, first });

const oracle = (n: NeedProfile, s: SupporterProfile) =>
  oracleReasons(n, s, {
    now: NOW,
    minimumUsefulDays: C.constraints.minimumUsefulDays,
    defaultAcademyMaxTravelKm: C.constraints.defaultAcademyMaxTravelKm,
  });

describe('rankCandidatesForNeed: a worked example', () => {
  const n = need();
  const near = supporter({ id: 'near' }); // 10 km, same cluster
  const far = supporter({
    id: 'far',
    homeAcademy: academy({ id: 'academy-far', location: { latitude: 52.3, longitude: -1 }, clusterId: 'cluster-2' }),
  });
  const designated = supporter({ id: 'designated', designations: ['SLE'] });
  const noDays = supporter({ id: 'no-days', remainingDays: 0 });
  const ownSchool = supporter({ id: 'own', homeAcademy: academy() });
  const twoFailures = supporter({ id: 'two', remainingDays: 0, expertise: [] });
  const result = rank(n, [far, noDays, near, twoFailures, designated, ownSchool], 2);

  it('orders by score: a relevant designation beats none, near-and-in-cluster beats far', () => {
    // designated = near + 0.3 * 0.2 (designation part of expertise fit).
    expect(result.candidates.map((c) => c.supporter.id)).toEqual(['designated', 'near']);
    expect(result.candidates[0]!.score - result.candidates[1]!.score).toBeCloseTo(0.3 * 0.2, 12);
    expect(result.candidates.map((c) => c.rank)).toEqual([1, 2]);
  });

  it('counts every eligible candidate, not only those returned', () => {
    expect(result.eligibleCount).toBe(3);
    expect(result.consideredCount).toBe(6);
  });

  it('counts each excluded candidate once, under its first reason, with every reason present', () => {
    expect(result.exclusions).toEqual({
      NO_MATCHING_EXPERTISE: 1, // "two" also has no days: counted here only
      NO_CAPACITY: 1,
      SAME_SCHOOL: 1,
      OUT_OF_TRAVEL_RANGE: 0,
      HOME_SCHOOL_INADEQUATE: 0,
      SAFEGUARDING_EXPIRED: 0,
      ALREADY_SUPPORTING: 0,
      NOT_AVAILABLE_IN_WINDOW: 0,
      HOME_SCHOOL_CLOSED: 0,
    });
  });

  it('reports the distance, or null when a location is unknown', () => {
    expect(result.candidates[1]!.distanceKm).toBeCloseTo(10, 9);
    const unknown = rank(n, [supporter({ homeAcademy: academy({ id: 'x', location: null }) })]);
    expect(unknown.candidates[0]!.distanceKm).toBeNull();
  });

  it('returns nothing for first = 0 but still counts', () => {
    const none = rank(n, [near, far], 0);
    expect(none.candidates).toEqual([]);
    expect(none.eligibleCount).toBe(2);
  });
});

describe('ties', () => {
  it('break by kind, then id, ascending (by code unit, not locale)', () => {
    const twin = (kind: 'STAFF' | 'ACADEMY', id: string) => supporter({ kind, id, maxTravelKm: 50 });
    const ids = ['staff-b', 'staff-10', 'Staff-z', 'staff-2', 'staff-a1', 'staff-1'];
    const result = rank(need(), [...ids.map((id) => twin('STAFF', id)), twin('ACADEMY', 'zz-academy')]);
    const scores = new Set(result.candidates.map((c) => c.score));
    expect(scores.size).toBe(1);
    // 'S' (0x53) sorts before 's' (0x73); '1' before '10' before '2'.
    expect(result.candidates.map((c) => `${c.supporter.kind}:${c.supporter.id}`)).toEqual([
      'ACADEMY:zz-academy',
      'STAFF:Staff-z',
      'STAFF:staff-1',
      'STAFF:staff-10',
      'STAFF:staff-2',
      'STAFF:staff-a1',
      'STAFF:staff-b',
    ]);
  });
});

describe('rankCandidatesForNeed properties', () => {
  it('accounts for everyone: considered = eligible + excluded = supporters, each counted under its first reason', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(), fc.integer({ min: 0, max: 30 }), (n, supporters, first) => {
        const expected = supporters.map((s) => oracle(n, s));
        fc.pre(!expected.includes('AMBIGUOUS'));
        const result = rank(n, supporters, first);
        const counts = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
        let eligible = 0;
        for (const reasons of expected) {
          if (reasons === 'AMBIGUOUS') continue;
          if (reasons.length === 0) eligible += 1;
          else counts[reasons[0]!] += 1;
        }
        expect(result.exclusions).toEqual(counts);
        expect(Object.keys(result.exclusions).sort()).toEqual([...EXCLUSION_REASONS].sort());
        expect(result.eligibleCount).toBe(eligible);
        const excluded = Object.values(result.exclusions).reduce((a, b) => a + b, 0);
        expect(result.consideredCount).toBe(result.eligibleCount + excluded);
        expect(result.consideredCount).toBe(supporters.length);
        expect(result.candidates).toHaveLength(Math.min(first, eligible));
      }),
      { numRuns: 300 },
    );
  });

  it('never returns anyone who breaks a hard constraint; ranks run 1..n in score order', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(), (n, supporters) => {
        const result = rank(n, supporters);
        result.candidates.forEach((c, i) => {
          expect(c.rank).toBe(i + 1);
          const reasons = oracle(n, c.supporter);
          if (reasons !== 'AMBIGUOUS') expect(reasons).toEqual([]);
          expect(firstExclusionReason(n, c.supporter, NOW)).toBeNull();
          if (i > 0) expect(c.score).toBeLessThanOrEqual(result.candidates[i - 1]!.score);
          expect(Math.abs(c.factors.reduce((s, f) => s + f.contribution, 0) - c.score)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same supporters in any order give the same ranking', () => {
    fc.assert(
      fc.property(arbNeed, withShuffle(arbSupporters()), fc.integer({ min: 0, max: 30 }), (n, [supporters, shuffled], first) => {
        const a = rank(n, supporters, first);
        const b = rank(n, shuffled, first);
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  /** Changes that can only add expertise: a higher level, another phase, another designation, another entry. */
  const arbUpgrade = fc.oneof(
    fc.record({ op: fc.constant('level' as const), index: fc.nat(), level: fc.constantFrom(...EXPERTISE_LEVELS) }),
    fc.record({ op: fc.constant('phase' as const), index: fc.nat(), phase: arbPhase }),
    fc.record({ op: fc.constant('designation' as const), designation: fc.constantFrom(...DESIGNATIONS) }),
    fc.record({ op: fc.constant('entry' as const), entry: arbExpertiseEntry }),
  );
  type Upgrade = typeof arbUpgrade extends fc.Arbitrary<infer U> ? U : never;

  function upgrade(s: SupporterProfile, ups: Upgrade[]): SupporterProfile {
    const next: SupporterProfile = {
      ...s,
      expertise: s.expertise.map((e) => ({ ...e, phases: [...e.phases] })),
      designations: [...s.designations],
    };
    for (const u of ups) {
      const entry = 'index' in u ? next.expertise[u.index % Math.max(1, next.expertise.length)] : undefined;
      if (u.op === 'level' && entry && rankOf(EXPERTISE_LEVELS, u.level) > rankOf(EXPERTISE_LEVELS, entry.level)) entry.level = u.level;
      if (u.op === 'phase' && entry && !entry.phases.includes(u.phase)) entry.phases.push(u.phase);
      if (u.op === 'designation' && !next.designations.includes(u.designation)) next.designations.push(u.designation);
      if (u.op === 'entry') next.expertise.push(u.entry);
    }
    return next;
  }

  it('more expertise never lowers a score, never costs eligibility, never lowers a position', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporter, fc.array(arbUpgrade, { minLength: 1, maxLength: 5 }), arbSupporters(10), (n, s, ups, others) => {
        const target = { ...s, kind: 'STAFF' as const, id: 'target' };
        const better = upgrade(target, ups);
        const d = academyDistanceKm(n.academy, target.homeAcademy);
        expect(scoreCandidate(n, better, d, NOW, C).score).toBeGreaterThanOrEqual(scoreCandidate(n, target, d, NOW, C).score);
        if (firstExclusionReason(n, target, NOW) === null) {
          expect(firstExclusionReason(n, better, NOW)).toBeNull();
          const position = (who: SupporterProfile) => rank(n, [...others, who]).candidates.findIndex((c) => c.supporter.id === 'target');
          expect(position(better)).toBeLessThanOrEqual(position(target));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('more distance never raises a score, and never makes an ineligible candidate eligible', () => {
    fc.assert(
      fc.property(
        arbNeed,
        arbSupporter,
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (n, s, x, y) => {
          const [nearDeg, farDeg] = x <= y ? [x, y] : [y, x];
          const origin = { latitude: 52, longitude: -1 };
          const needHere = { ...n, academy: { ...n.academy, location: origin } };
          const at = (deg: number): SupporterProfile => ({
            ...s,
            homeAcademy: { ...s.homeAcademy, location: { latitude: origin.latitude + deg, longitude: origin.longitude } },
          });
          const near = rank(needHere, [at(nearDeg)]);
          const far = rank(needHere, [at(farDeg)]);
          if (far.candidates.length === 1) {
            expect(near.candidates).toHaveLength(1);
            expect(far.candidates[0]!.score).toBeLessThanOrEqual(near.candidates[0]!.score + 1e-12);
          }
          // And the scoring itself, given the distances directly.
          const [dNear, dFar] = [nearDeg, farDeg].map((deg) => deg * KM_PER_DEGREE_LATITUDE) as [number, number];
          expect(scoreCandidate(needHere, s, dFar, NOW, C).score).toBeLessThanOrEqual(scoreCandidate(needHere, s, dNear, NOW, C).score);
        },
      ),
      { numRuns: 300 },
    );
  });
});
