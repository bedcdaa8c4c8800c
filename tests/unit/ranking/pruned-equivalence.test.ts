// The optimised rankings (top-k with a score bound, rank-pairs.ts; the travel index,
// travel-index.ts) against the reference that screens and fully scores everyone
// (rankCandidatesByFullScoring, rankNeedsByFullScoring): the same candidates, scores,
// explanations and counts, including supporters whose travel limit is the distance itself
// to the last bit. The national-data version of this check is
// tests/api/ranking-equivalence.test.ts.
import fc from 'fast-check';
import {
  academyDistanceKm,
  DEFAULT_RANKING_CONFIG,
  rankCandidatesByFullScoring,
  rankCandidatesForNeed,
  rankCandidatesIndexed,
  rankNeedsByFullScoring,
  rankNeedsForSupporter,
  travelIndex,
  type NeedProfile,
  type SupporterProfile,
} from '../../../server/ranking';
import { arbNeed, arbNeeds, arbSupporter, arbSupporters } from './arbitraries';
import { NOW } from './fixtures';

/** Some supporters' limits set to the distance to the need, or a hair either side of it. */
function limitsAtTheDistance(need: NeedProfile, supporters: SupporterProfile[], nudges: number[]): SupporterProfile[] {
  return supporters.map((s, i) => {
    const nudge = nudges[i % nudges.length]!;
    const d = academyDistanceKm(need.academy, s.homeAcademy);
    return d === null || Number.isNaN(nudge) ? s : { ...s, maxTravelKm: d + nudge };
  });
}

const arbNudges = fc.array(fc.constantFrom(Number.NaN, 0, 1e-12, -1e-12, 0.0005, -0.0005, 0.002, -0.002), { minLength: 1, maxLength: 6 });

describe('optimised candidate rankings equal full scoring', () => {
  it('for any need, supporters and length: bound-pruned and travel-indexed rankings are the reference ranking', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(60), fc.integer({ min: 0, max: 6 }), arbNudges, (need, generated, first, nudges) => {
        const supporters = limitsAtTheDistance(need, generated, nudges);
        const options = { now: NOW, first };
        const reference = rankCandidatesByFullScoring(need, supporters, options);
        expect(rankCandidatesForNeed(need, supporters, options)).toEqual(reference);
        expect(rankCandidatesIndexed(need, travelIndex(need.area, supporters), options)).toEqual(reference);
      }),
      { numRuns: 400 },
    );
  });

  it('an index built for another area is not used for the need (the answer is still the reference one)', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(40), (need, supporters) => {
        const other = need.area === 'MATHS' ? 'ENGLISH' : 'MATHS';
        const options = { now: NOW, first: 3 };
        expect(rankCandidatesIndexed(need, travelIndex(other, supporters), options)).toEqual(rankCandidatesByFullScoring(need, supporters, options));
      }),
      { numRuns: 100 },
    );
  });
});

describe('an index is used only under the configuration it was built with', () => {
  // The index decides who is surely out of range from the configuration's required days and
  // academies' default travel limit; ranking under another configuration must not use it.
  const other = { ...DEFAULT_RANKING_CONFIG, constraints: { ...DEFAULT_RANKING_CONFIG.constraints, minimumUsefulDays: 6, defaultAcademyMaxTravelKm: 5 } };
  it('built under the default, ranking under another (or the reverse) is the reference ranking under the one ranked with', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(40), fc.integer({ min: 0, max: 6 }), (need, supporters, first) => {
        expect(rankCandidatesIndexed(need, travelIndex(need.area, supporters), { now: NOW, first, config: other })).toEqual(
          rankCandidatesByFullScoring(need, supporters, { now: NOW, first, config: other }),
        );
        expect(rankCandidatesIndexed(need, travelIndex(need.area, supporters, other), { now: NOW, first })).toEqual(
          rankCandidatesByFullScoring(need, supporters, { now: NOW, first }),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('the pruning bound holds under any weights', () => {
  // The bound counts every factor it does not evaluate at its full weight: with weights
  // far from the default (one factor dominating), a bound built from the wrong weights
  // would prune a candidate who belongs in the top `first`.
  const arbWeight = fc.integer({ min: 0, max: 40 }).map((n) => n / 4);
  const arbCandidateWeights = fc.record({ expertiseFit: arbWeight, trackRecord: arbWeight, proximity: arbWeight, network: arbWeight, sustainability: arbWeight, context: arbWeight });
  it('candidate rankings: pruned and travel-indexed equal full scoring under random candidate weights', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(40), fc.integer({ min: 1, max: 4 }), arbCandidateWeights, (need, supporters, first, candidateWeights) => {
        fc.pre(Object.values(candidateWeights).some((w) => w > 0));
        const config = { ...DEFAULT_RANKING_CONFIG, candidateWeights };
        const options = { now: NOW, first, config };
        const reference = rankCandidatesByFullScoring(need, supporters, options);
        expect(rankCandidatesForNeed(need, supporters, options)).toEqual(reference);
        expect(rankCandidatesIndexed(need, travelIndex(need.area, supporters, config), options)).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });
});

describe('optimised need rankings equal full scoring', () => {
  it('for any supporter, needs and length', () => {
    fc.assert(
      fc.property(arbSupporter, arbNeeds(12), fc.integer({ min: 0, max: 4 }), (supporter, needs, first) => {
        const options = { now: NOW, first };
        expect(rankNeedsForSupporter(supporter, needs, options)).toEqual(rankNeedsByFullScoring(supporter, needs, options));
      }),
      { numRuns: 400 },
    );
  });
});
