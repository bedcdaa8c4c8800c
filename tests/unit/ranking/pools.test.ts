// Ranking a pool loaded in advance (server/ranking/pools.ts): services load only supporters
// with the need's area and at least poolThreshold() days, and count the rest. The rule these
// tests protect: the pool's ranking plus the counted left-outs is exactly the ranking of
// everyone — same candidates, same scores, and every supporter counted once, under their
// first reason. A wrong count or a wrong threshold shows up as a different exclusion count.
import fc from 'fast-check';
import {
  academiesLeftOut,
  needsLeftOut,
  poolThreshold,
  rankCandidatesForNeed,
  rankNeedsForSupporter,
  staffLeftOut,
  withLeftOut,
  type NeedProfile,
  type SupporterProfile,
} from '../../../server/ranking';
import { arbNeed, arbNeeds, arbSupporter, arbSupporters } from './arbitraries';
import { need, NOW, supporter } from './fixtures';

const rank = (n: NeedProfile, supporters: readonly SupporterProfile[]) => rankCandidatesForNeed(n, supporters, { now: NOW, first: Infinity });
const hasArea = (n: NeedProfile) => (s: SupporterProfile) => s.expertise.some((e) => e.area === n.area);

/** What a ranking answers, comparable across runs. */
function summary(result: ReturnType<typeof rank>) {
  return {
    candidates: result.candidates.map((c) => [c.supporter.kind, c.supporter.id, c.score]),
    eligibleCount: result.eligibleCount,
    consideredCount: result.consideredCount,
    exclusions: result.exclusions,
  };
}

describe('poolThreshold', () => {
  it('is the days the need requires of a supporter, and never below 1 (no days at all is NO_CAPACITY)', () => {
    expect(poolThreshold(need({ daysRequested: 10, daysCovered: 0 }))).toBe(2);
    expect(poolThreshold(need({ daysRequested: 10, daysCovered: 9 }))).toBe(1);
    expect(poolThreshold(need({ daysRequested: 10, daysCovered: 10 }))).toBe(1);
  });
});

describe('staff pools: the pool ranked plus staffLeftOut equals everyone ranked', () => {
  it('for any need and population', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(), (n, everyone) => {
        const threshold = poolThreshold(n);
        const withArea = everyone.filter(hasArea(n));
        const pool = withArea.filter((s) => s.remainingDays >= threshold);
        const leftOut = staffLeftOut({ population: everyone.length, withArea: withArea.length, withDays: pool.length });
        const pooled = withLeftOut(rank(n, pool), leftOut);
        expect(summary(pooled)).toEqual(summary(rank(n, everyone)));
        expect(pooled.consideredCount).toBe(everyone.length);
      }),
    );
  });

  it('counts a supporter with the area but too few days under NO_CAPACITY, one without the area under NO_MATCHING_EXPERTISE', () => {
    const n = need({ area: 'MATHS', daysRequested: 10, daysCovered: 0 });
    const everyone = [
      supporter({ id: 'fits' }),
      supporter({ id: 'one-day', remainingDays: 1 }),
      supporter({ id: 'english', expertise: [{ area: 'ENGLISH', level: 'EXPERT', phases: [], evidence: null }] }),
    ];
    const result = withLeftOut(rank(n, [everyone[0]!]), staffLeftOut({ population: 3, withArea: 2, withDays: 1 }));
    expect(result.exclusions.NO_CAPACITY).toBe(1);
    expect(result.exclusions.NO_MATCHING_EXPERTISE).toBe(1);
    expect(result.consideredCount).toBe(3);
    expect(summary(result)).toEqual(summary(rank(n, everyone)));
  });
});

describe('academy pools: academiesLeftOut, where only academies with the days are loaded', () => {
  it('for any need and academies offering support, equals everyone ranked', () => {
    const academies = fc.uniqueArray(arbSupporter.map((s) => ({ ...s, kind: 'ACADEMY' as const, id: s.homeAcademy.id })), { selector: (s) => s.id, maxLength: 12 });
    fc.assert(
      fc.property(arbNeed, academies, (n, offering) => {
        const threshold = poolThreshold(n);
        const withDays = offering.filter((a) => a.remainingDays >= threshold);
        const withExpertise = withDays.filter(hasArea(n));
        const lackingDaysWithArea = offering.filter((a) => a.remainingDays < threshold && hasArea(n)(a)).length;
        const leftOut = academiesLeftOut({ offering: offering.length, withDays: withDays.length, withExpertise: withExpertise.length, lackingDaysWithArea });
        expect(summary(withLeftOut(rank(n, withExpertise), leftOut))).toEqual(summary(rank(n, offering)));
      }),
    );
  });
});

describe('needs for a supporter: needsLeftOut', () => {
  it('the needs in the supporter’s areas ranked, plus the others, equals every open need ranked', () => {
    fc.assert(
      fc.property(arbSupporter, arbNeeds(), (s, open) => {
        const areas = new Set(s.expertise.map((e) => e.area));
        const inAreas = open.filter((n) => areas.has(n.area));
        const pooled = withLeftOut(rankNeedsForSupporter(s, inAreas, { now: NOW, first: Infinity }), needsLeftOut({ open: open.length, inAreas: inAreas.length }));
        const all = rankNeedsForSupporter(s, open, { now: NOW, first: Infinity });
        expect(pooled.needs.map((r) => [r.need.id, r.score])).toEqual(all.needs.map((r) => [r.need.id, r.score]));
        expect(pooled.exclusions).toEqual(all.exclusions);
        expect(pooled.consideredCount).toBe(open.length);
        expect(pooled.eligibleCount).toBe(all.eligibleCount);
      }),
    );
  });
});
