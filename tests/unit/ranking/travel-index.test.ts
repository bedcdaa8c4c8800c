// The travel index (server/ranking/travel-index.ts) may set a supporter aside, uncounted by
// the ordinary screening, only when OUT_OF_TRAVEL_RANGE is surely their FIRST reason: beyond
// their limit by more than the safety margin, with the area, the days, and another school.
// Everyone else goes to the ordinary screening, in the index's order. (That the rankings
// built on it equal full scoring is pruned-equivalence.test.ts; these tests hold the split
// itself, which those rankings would hide: setting aside too few only costs time.)
import fc from 'fast-check';
import { DEFAULT_RANKING_CONFIG, firstExclusionReason, splitByTravel, travelIndex, type SupporterProfile } from '../../../server/ranking';
import { isKnownPoint } from '../../../server/ranking/geo';
import { arbNeed, arbSupporters } from './arbitraries';
import { academy, KM_PER_DEGREE_LATITUDE, need, NOW, supporter } from './fixtures';

const config = DEFAULT_RANKING_CONFIG;
/** The default need's school is at 52 N, 1 W; a home `km` due north or due east of it. */
const north = (km: number, id = 'academy-home') => academy({ id, name: 'Home', location: { latitude: 52 + km / KM_PER_DEGREE_LATITUDE, longitude: -1 } });
const east = (km: number) => academy({ id: 'academy-east', name: 'East', location: { latitude: 52, longitude: -1 + km / (KM_PER_DEGREE_LATITUDE * Math.cos((52 * Math.PI) / 180)) } });

describe('splitByTravel', () => {
  it('sets aside exactly those beyond their limit with the area, the days and another school; the rest keep their places', () => {
    const far = (overrides: Partial<SupporterProfile>) => supporter({ homeAcademy: north(100), maxTravelKm: 10, ...overrides });
    const supporters = [
      far({ id: 'far-north' }), // set aside
      supporter({ id: 'near', homeAcademy: north(10), maxTravelKm: 50 }),
      far({ id: 'no-days', remainingDays: 0 }),
      far({ id: 'too-few-days', remainingDays: 1 }), // the need requires min(10, 2) = 2
      far({ id: 'just-enough-days', remainingDays: 2 }), // set aside
      far({ id: 'own-school', homeAcademy: north(100, 'academy-need') }),
      far({ id: 'no-limit', maxTravelKm: null }),
      far({ id: 'no-location', homeAcademy: academy({ id: 'academy-home', location: null }) }),
      far({ id: 'other-area', expertise: [{ area: 'ENGLISH', level: 'EXPERT', phases: ['PRIMARY'] }] }),
      supporter({ id: 'far-east', homeAcademy: east(100), maxTravelKm: 10 }), // set aside
      far({ id: 'two-areas', expertise: [{ area: 'ENGLISH', level: 'EXPERT', phases: ['PRIMARY'] }, { area: 'MATHS', level: 'SECURE', phases: ['PRIMARY'] }] }), // set aside
      far({ id: 'no-expertise', expertise: [] }),
      supporter({ id: 'near-east', homeAcademy: east(10), maxTravelKm: 50 }),
    ];
    const split = splitByTravel(need(), travelIndex('MATHS', supporters, config), config)!;
    expect(split.outOfRange).toBe(4);
    expect(split.rest.map((s) => s.id)).toEqual(['near', 'no-days', 'too-few-days', 'own-school', 'no-limit', 'no-location', 'other-area', 'no-expertise', 'near-east']);
    expect(split.restIndices).toEqual([1, 2, 3, 5, 6, 7, 8, 11, 12]);
  });

  it('a need fully covered requires no days, but a supporter with none still fails NO_CAPACITY first', () => {
    const covered = need({ daysRequested: 10, daysCovered: 10 });
    const supporters = [supporter({ homeAcademy: north(100), maxTravelKm: 10, remainingDays: 0 }), supporter({ id: 'one-day', homeAcademy: north(100), maxTravelKm: 10, remainingDays: 1 })];
    const split = splitByTravel(covered, travelIndex('MATHS', supporters, config), config)!;
    expect(split.rest.map((s) => s.id)).toEqual(['staff-1']);
    expect(split.outOfRange).toBe(1);
  });

  it('sets aside only beyond the limit plus the safety margin (1 m): a hair past the limit is left to the screening', () => {
    // 10 km away: the chord is shorter than the haversine distance by about 1e-6 km, far
    // less than the margin, so these limits fall clearly on either side of it.
    const at = (limit: number) => supporter({ homeAcademy: north(10), maxTravelKm: limit });
    const split = splitByTravel(need(), travelIndex('MATHS', [at(9.99), at(9.9995), at(10), at(0)], config), config)!;
    expect(split.restIndices).toEqual([1, 2]);
    expect(split.outOfRange).toBe(2);
  });

  it('cannot answer a need in another area, under another configuration, or at a school with no location', () => {
    const index = travelIndex('MATHS', [supporter({ homeAcademy: north(100), maxTravelKm: 10 })], config);
    expect(splitByTravel(need({ area: 'ENGLISH' }), index, config)).toBeNull();
    expect(splitByTravel(need(), index, { ...config })).toBeNull();
    expect(splitByTravel(need({ academy: academy({ location: null }) }), index, config)).toBeNull();
    expect(splitByTravel(need(), index, config)).not.toBeNull();
  });

  it('for any need and pool: every supporter is set aside or kept, once, in order; one set aside always fails OUT_OF_TRAVEL_RANGE first', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(40), (n, supporters) => {
        const split = splitByTravel(n, travelIndex(n.area, supporters, config), config);
        if (split === null) {
          expect(isKnownPoint(n.academy.location)).toBe(false);
          return;
        }
        expect(split.outOfRange + split.rest.length).toBe(supporters.length);
        expect(split.rest).toEqual(split.restIndices.map((i) => supporters[i]));
        expect([...split.restIndices].sort((a, b) => a - b)).toEqual(split.restIndices);
        const kept = new Set(split.restIndices);
        supporters.forEach((s, i) => {
          if (!kept.has(i)) expect(firstExclusionReason(n, s, NOW, config)).toBe('OUT_OF_TRAVEL_RANGE');
        });
      }),
      { numRuns: 300 },
    );
  });
});
