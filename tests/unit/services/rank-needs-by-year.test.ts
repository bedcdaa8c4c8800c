import fc from 'fast-check';
import type { SchoolYear } from '../../../server/domain/school-year';
import { needSchoolYear } from '../../../server/domain/year-capacity';
import { rankNeedsForSupporter, type SupporterProfile } from '../../../server/ranking';
import { rankNeedsByYear } from '../../../server/services/rank-needs-by-year';
import { arbNeeds, arbSupporter } from '../ranking/arbitraries';
import { NOW } from '../ranking/fixtures';

// The needs generated have windows starting on both sides of 1 September 2025 (NOW is March 2025).
describe('"where could I help?" across school years', () => {
  it('is given needs in more than one school year by the generator (so the merge is exercised)', () => {
    const samples = fc.sample(arbNeeds(12), 50);
    expect(samples.some((needs) => new Set(needs.map((n) => needSchoolYear(n.windowStart, NOW).label)).size > 1)).toBe(true);
  });

  it('property: with the same days in every year, it is exactly the core ranking (order, ranks, counts), for any first', () => {
    fc.assert(
      fc.property(arbSupporter, arbNeeds(12), fc.integer({ min: 1, max: 14 }), (supporter, needs, first) => {
        const byYear = rankNeedsByYear(() => supporter, needs, { now: NOW, first });
        const core = rankNeedsForSupporter(supporter, needs, { now: NOW, first });
        const { schoolYears, ...result } = byYear;
        expect(result).toEqual(core);
        for (const ranked of result.needs) expect(schoolYears.get(ranked.need.id)).toBe(needSchoolYear(ranked.need.windowStart, NOW).label);
      }),
    );
  });

  it("property: each need is judged on the supporter's days in its own year", () => {
    fc.assert(
      fc.property(arbSupporter, arbNeeds(12), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (supporter, needs, daysNow, daysLater) => {
        const inYear = (year: SchoolYear): SupporterProfile => ({ ...supporter, remainingDays: year.startYear <= 2024 ? daysNow : daysLater });
        const { schoolYears, ...result } = rankNeedsByYear(inYear, needs, { now: NOW, first: Infinity });
        for (const ranked of result.needs) {
          const year = needSchoolYear(ranked.need.windowStart, NOW);
          const alone = rankNeedsForSupporter(inYear(year), [ranked.need], { now: NOW, first: 1 });
          expect(alone.needs[0]?.score).toBe(ranked.score);
          expect(schoolYears.get(ranked.need.id)).toBe(year.label);
        }
        expect(result.needs.map((n) => n.rank)).toEqual(result.needs.map((_, i) => i + 1));
        expect(result.consideredCount).toBe(needs.length);
      }),
    );
  });
});
