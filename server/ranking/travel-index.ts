// An index of a candidate pool by what the travel-range constraint tests, so that a national
// ranking need not measure the distance to everyone it rules out.
//
// Most supporters state a travel limit of 10-60 km, so for any one need most of a national
// pool (thousands of people) fails OUT_OF_TRAVEL_RANGE. Each supporter's home is kept as a
// point on the unit sphere; the straight-line (chord) distance between two such points never
// exceeds the great-circle distance (R * chord <= 2R * asin(chord / 2)), so when R * chord is
// beyond the limit by a safety margin (far larger than any rounding in either formula), the
// haversine distance the constraint measures is beyond it too. The test is a few
// multiplications instead of five trigonometric functions.
//
// Exclusion counts stay exact: a supporter is counted here only when OUT_OF_TRAVEL_RANGE is
// provably their FIRST failing reason (they pass every check that comes before it in
// EXCLUSION_REASONS order). Everyone else goes through the ordinary screening and scoring
// (rank-pairs.ts), which therefore decides every candidate, score and explanation.
import { DEFAULT_RANKING_CONFIG, type RankingConfig } from './config';
import { requiredDays, travelLimitKm } from './constraints';
import { EARTH_RADIUS_KM, isKnownPoint } from './geo';
import type { ExpertiseArea } from '../domain/taxonomy';
import type { GeoPoint, NeedProfile, SupporterProfile } from './types';

/** Far more than the rounding of either distance formula (about 1e-12 km at these scales). */
const SAFETY_MARGIN_KM = 0.001;

export interface TravelIndex {
  /** The area the pool was built for: the index answers only needs in it. */
  readonly area: ExpertiseArea;
  readonly config: RankingConfig;
  readonly supporters: readonly SupporterProfile[];
  /** Home as a unit vector, three numbers per supporter (NaN when the location is unknown). */
  readonly points: Float64Array;
  /**
   * Squared chord beyond which the supporter is surely out of range; Infinity when they can
   * never be (no limit, unknown home location) or lack the area.
   */
  readonly outOfRangeChordSq: Float64Array;
  /** Remaining days and home academy id per supporter, read without touching the profiles. */
  readonly remainingDays: Float64Array;
  readonly homeIds: readonly string[];
}

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

function unitVector(p: GeoPoint, into: Float64Array, at: number): void {
  const lat = toRadians(p.latitude);
  const lon = toRadians(p.longitude);
  into[at] = Math.cos(lat) * Math.cos(lon);
  into[at + 1] = Math.cos(lat) * Math.sin(lon);
  into[at + 2] = Math.sin(lat);
}

/** Build once per pool (kept with it while the data is unchanged); O(pool). */
export function travelIndex(area: ExpertiseArea, supporters: readonly SupporterProfile[], config: RankingConfig = DEFAULT_RANKING_CONFIG): TravelIndex {
  const points = new Float64Array(supporters.length * 3).fill(Number.NaN);
  const outOfRangeChordSq = new Float64Array(supporters.length).fill(Infinity);
  const remainingDays = Float64Array.from(supporters, (s) => s.remainingDays);
  const homeIds = supporters.map((s) => s.homeAcademy.id);
  supporters.forEach((s, i) => {
    const limit = travelLimitKm(s, config);
    const location = s.homeAcademy.location;
    if (!isKnownPoint(location)) return;
    unitVector(location, points, i * 3);
    if (limit === null || !s.expertise.some((e) => e.area === area)) return;
    const chord = Math.max(0, limit + SAFETY_MARGIN_KM) / EARTH_RADIUS_KM;
    outOfRangeChordSq[i] = chord * chord;
  });
  return { area, config, supporters, points, outOfRangeChordSq, remainingDays, homeIds };
}

/**
 * The pool split for one need: how many are surely OUT_OF_TRAVEL_RANGE as their first
 * reason, and everyone else (to screen and score as usual), with their places in the index
 * and a floor under each one's distance to the need (NaN when their home's location is
 * unknown; rank-pairs.ts, PairHints). Null when the index cannot answer this need (another
 * area or configuration, or the need's school has no location).
 */
export function splitByTravel(
  need: NeedProfile,
  index: TravelIndex,
  config: RankingConfig,
): { outOfRange: number; rest: SupporterProfile[]; restIndices: number[]; distanceFloors: number[] } | null {
  if (need.area !== index.area || config !== index.config || !isKnownPoint(need.academy.location)) return null;
  const here = new Float64Array(3);
  unitVector(need.academy.location, here, 0);
  const [x, y, z] = here as unknown as [number, number, number];
  const required = requiredDays(need, config);
  const { points, outOfRangeChordSq, supporters, remainingDays, homeIds } = index;
  const needAcademyId = need.academy.id;
  const rest: SupporterProfile[] = [];
  const restIndices: number[] = [];
  // Sized as the rest (~880 in a national ranking), not the pool (~5,400: 43 kB a ranking).
  const floors: number[] = [];
  let outOfRange = 0;
  for (let i = 0; i < supporters.length; i += 1) {
    const limitSq = outOfRangeChordSq[i]!;
    const dx = points[i * 3]! - x;
    const dy = points[i * 3 + 1]! - y;
    const dz = points[i * 3 + 2]! - z;
    const chordSq = dx * dx + dy * dy + dz * dz; // NaN when the home's location is unknown
    if (limitSq !== Infinity) {
      if (chordSq > limitSq) {
        // The checks before OUT_OF_TRAVEL_RANGE (the area was checked when indexing):
        // capacity, and not the need's own school.
        const days = remainingDays[i]!;
        if (days > 0 && days >= required && homeIds[i] !== needAcademyId) {
          outOfRange += 1;
          continue;
        }
      }
    }
    // The great-circle distance is never less than the chord (see the top of this file).
    floors.push(Math.max(0, EARTH_RADIUS_KM * Math.sqrt(chordSq) - SAFETY_MARGIN_KM));
    rest.push(supporters[i]!);
    restIndices.push(i);
  }
  return { outOfRange, rest, restIndices, distanceFloors: floors };
}
