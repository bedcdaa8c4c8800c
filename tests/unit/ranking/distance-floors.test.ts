// The travel split's distance floors (travel-index.ts) and what rank-pairs.ts does with them
// (PairHints.distanceFloors): a supporter without a travel limit is bounded at the floor and
// measured only if they may reach the top. That is exact only if (1) each floor is never more
// than the distance the constraints and the proximity factor measure, and (2) of the
// candidate model's factors only proximity reads the distance, and never grows with it.
// Both are held here; the rankings themselves against full scoring in pruned-equivalence.
import fc from 'fast-check';
import {
  academyDistanceKm,
  CANDIDATE_FACTOR_NAMES,
  DEFAULT_RANKING_CONFIG,
  rankCandidatesByFullScoring,
  rankCandidatesIndexed,
  splitByTravel,
  travelIndex,
  type FitInput,
} from '../../../server/ranking';
import { CANDIDATE_FACTORS } from '../../../server/ranking/score';
import { arbNeed, arbPoint, arbSupporters } from './arbitraries';
import { NOW } from './fixtures';

/** Where a home is: anywhere in the arbitraries' patch, or a hair (metres, or less) from the need's school. */
type Place = { far: { latitude: number; longitude: number } } | { near: [number, number] };
const arbPlace: fc.Arbitrary<Place> = fc.oneof(
  arbPoint.map((far) => ({ far })),
  fc.tuple(fc.double({ min: -1e-4, max: 1e-4, noNaN: true }), fc.double({ min: -1e-4, max: 1e-4, noNaN: true })).map((near) => ({ near })),
);

describe('distance floors of the travel split', () => {
  it('never exceed the distance the ranking measures, for everyone the split leaves to screen', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(40), fc.array(arbPlace, { minLength: 1 }), (need, generated, places) => {
        const centre = need.academy.location ?? { latitude: 52, longitude: -1 };
        const located = { ...need, academy: { ...need.academy, location: centre } };
        const supporters = generated.map((s, i) => {
          const place = places[i % places.length]!;
          const point = 'far' in place ? place.far : { latitude: centre.latitude + place.near[0], longitude: centre.longitude + place.near[1] };
          return s.homeAcademy.location === null ? s : { ...s, homeAcademy: { ...s.homeAcademy, location: point } };
        });
        const split = splitByTravel(located, travelIndex(located.area, supporters), DEFAULT_RANKING_CONFIG)!;
        expect(split.distanceFloors).toHaveLength(split.rest.length);
        split.rest.forEach((s, j) => {
          const distance = academyDistanceKm(located.academy, s.homeAcademy);
          const floor = split.distanceFloors[j]!;
          if (distance === null) expect(floor).toBeNaN();
          else expect(floor).toBeLessThanOrEqual(distance);
        });
        // And the rankings made with them are the reference ones.
        for (const first of [1, 3]) {
          const options = { now: NOW, first };
          expect(rankCandidatesIndexed(located, travelIndex(located.area, supporters), options)).toEqual(rankCandidatesByFullScoring(located, supporters, options));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the candidate model and the distance', () => {
  it('only proximity reads the distance, and it never grows with it', () => {
    fc.assert(
      fc.property(
        arbNeed,
        arbSupporters(1).filter((s) => s.length === 1),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (need, [supporter], a, b) => {
          const [near, far] = a <= b ? [a, b] : [b, a];
          const at = (distanceKm: number): FitInput => ({ need, supporter: supporter!, distanceKm, now: NOW, config: DEFAULT_RANKING_CONFIG });
          for (const name of CANDIDATE_FACTOR_NAMES) {
            const factor = CANDIDATE_FACTORS[name];
            if (name === 'proximity') expect(factor.value(at(near))).toBeGreaterThanOrEqual(factor.value(at(far)));
            else expect(factor.value(at(near))).toBe(factor.value(at(far)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
