// fast-check generators for the ranking data contract. Identifiers, areas and groupings
// come from small pools so that collisions (same school, same cluster, already
// supporting, matching expertise) happen often enough to exercise every rule.
import fc from 'fast-check';
import {
  DESIGNATIONS,
  EXPERTISE_LEVELS,
  NEED_SEVERITIES,
  OFSTED_RATINGS,
  PHASES,
  type Designation,
  type Phase,
} from '../../../server/domain/enums';
import type { ExpertiseArea } from '../../../server/domain/taxonomy';
import type {
  AcademyProfile,
  AvailabilityWindow,
  ExpertiseEntry,
  GeoPoint,
  ImpactRecord,
  NeedProfile,
  SupporterProfile,
} from '../../../server/ranking';
import { DAY_MS, NOW } from './fixtures';

/** A leadership area (for NLE/LLE), GOVERNANCE (for NLG) and pupil-achievement areas. */
export const AREA_POOL: readonly ExpertiseArea[] = ['MATHS', 'ENGLISH', 'PHONICS', 'SEND', 'GOVERNANCE', 'CURRICULUM_LEADERSHIP'];
export const ACADEMY_IDS = ['acad-1', 'acad-2', 'acad-3', 'acad-4', 'acad-5', 'acad-6'] as const;
export const NEED_IDS = Array.from({ length: 12 }, (_, i) => `need-${String(i).padStart(2, '0')}`);
const STAFF_IDS = Array.from({ length: 30 }, (_, i) => `staff-${String(i).padStart(2, '0')}`);

/** MATHS is drawn as often as all the others together, so expertise and needs often meet. */
export const arbArea: fc.Arbitrary<ExpertiseArea> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<ExpertiseArea>('MATHS') },
  { weight: 5, arbitrary: fc.constantFrom(...AREA_POOL) },
);
export const arbPhase = fc.constantFrom(...PHASES);

/** A patch of the English Midlands about 90 km across, so distances straddle typical travel limits. */
export const arbPoint: fc.Arbitrary<GeoPoint> = fc.record({
  latitude: fc.double({ min: 51.8, max: 52.6, noNaN: true }),
  longitude: fc.double({ min: -1.8, max: -0.4, noNaN: true }),
});

/** Trust and cluster together: a cluster always belongs to its trust; standalone schools have neither. */
const arbGrouping = fc.constantFrom<[string | null, string | null]>(
  [null, null],
  ['trust-1', null],
  ['trust-1', 'cluster-1'],
  ['trust-1', 'cluster-2'],
  ['trust-2', 'cluster-3'],
  ['trust-2', null],
);

export const arbFsm = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null, freq: 6 });

export const arbAcademy: fc.Arbitrary<AcademyProfile> = fc
  .record({
    id: fc.constantFrom(...ACADEMY_IDS),
    phase: arbPhase,
    ofstedRating: fc.constantFrom(...OFSTED_RATINGS),
    fsmPercent: arbFsm,
    location: fc.option(arbPoint, { nil: null, freq: 6 }),
    grouping: arbGrouping,
  })
  .map(({ grouping: [trustId, clusterId], ...rest }) => ({ ...rest, name: `Academy ${rest.id}`, trustId, clusterId }));

export const arbExpertiseEntry: fc.Arbitrary<ExpertiseEntry> = fc.record({
  area: arbArea,
  level: fc.constantFrom(...EXPERTISE_LEVELS),
  phases: fc.subarray([...PHASES] as Phase[], { maxLength: 3 }),
  evidence: fc.constant(null),
});

const arbImpact: fc.Arbitrary<ImpactRecord> = fc.record({
  area: arbArea,
  impactRating: fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4),
});

/** Dates from a year before NOW to a month after (so some raisedAt are in the future). */
const arbDateNearNow = fc.date({
  min: new Date(NOW.getTime() - 365 * DAY_MS),
  max: new Date(NOW.getTime() + 30 * DAY_MS),
  noInvalidDate: true,
});

/** Safeguarding expiries: mostly still valid, some lapsed. */
const arbExpiry = fc.date({
  min: new Date(NOW.getTime() - 90 * DAY_MS),
  max: new Date(NOW.getTime() + 3 * 365 * DAY_MS),
  noInvalidDate: true,
});

/** A calendar day (UTC midnight) from two months before NOW to ten months after. */
export const arbDay = fc.integer({ min: -60, max: 300 }).map((offset) => new Date(Math.floor(NOW.getTime() / DAY_MS) * DAY_MS + offset * DAY_MS));

/** A stretch of days, both ends included: from one day up to a term and more. */
export const arbAvailabilityWindow: fc.Arbitrary<AvailabilityWindow> = fc
  .tuple(arbDay, fc.integer({ min: 0, max: 120 }))
  .map(([from, length]) => ({ from, to: new Date(from.getTime() + length * DAY_MS) }));

/** Mostly no stated availability (always free), else one to three stretches. */
export const arbAvailability: fc.Arbitrary<AvailabilityWindow[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<AvailabilityWindow[]>([]) },
  { weight: 3, arbitrary: fc.array(arbAvailabilityWindow, { minLength: 1, maxLength: 3 }) },
);

/** A need's window: either end may be open (null); when both are set, start is not after end. */
export const arbNeedWindow: fc.Arbitrary<{ windowStart: Date | null; windowEnd: Date | null }> = fc
  .tuple(fc.option(arbDay, { nil: null, freq: 3 }), fc.option(arbDay, { nil: null, freq: 3 }))
  .map(([a, b]) => (a && b && a > b ? { windowStart: b, windowEnd: a } : { windowStart: a, windowEnd: b }));

export const arbNeed: fc.Arbitrary<NeedProfile> = fc.record({
  id: fc.constantFrom(...NEED_IDS),
  academy: arbAcademy,
  area: arbArea,
  phase: arbPhase,
  severity: fc.constantFrom(...NEED_SEVERITIES),
  daysRequested: fc.integer({ min: 1, max: 30 }),
  daysCovered: fc.integer({ min: 0, max: 32 }),
  raisedAt: arbDateNearNow,
  window: arbNeedWindow,
}).map(({ window, ...need }) => ({ ...need, ...window }));

export const arbSupporter: fc.Arbitrary<SupporterProfile> = fc
  .record({
    kind: fc.constantFrom('STAFF' as const, 'ACADEMY' as const),
    staffId: fc.constantFrom(...STAFF_IDS),
    homeAcademy: arbAcademy,
    expertise: fc.array(arbExpertiseEntry, { minLength: 1, maxLength: 4 }),
    designations: fc.subarray([...DESIGNATIONS] as Designation[]),
    remainingDays: fc.integer({ min: 0, max: 40 }),
    maxTravelKm: fc.option(fc.double({ min: 1, max: 120, noNaN: true }), { nil: null }),
    safeguardingCheckExpiresOn: fc.option(arbExpiry, { nil: null }),
    trackRecord: fc.array(arbImpact, { maxLength: 6 }),
    supportingNeedIds: fc.subarray(NEED_IDS, { maxLength: 3 }),
    homeOpenHighSeverityAreas: fc.subarray([...AREA_POOL], { maxLength: 2 }),
    availability: arbAvailability,
  })
  .map(({ staffId, ...s }) => ({
    ...s,
    // An academy supporter is its own home academy.
    id: s.kind === 'ACADEMY' ? s.homeAcademy.id : staffId,
    name: s.kind === 'ACADEMY' ? s.homeAcademy.name : `Person ${staffId}`,
  }));

/**
 * A supporter who passes every hard constraint for any need not at their own school:
 * expertise in every pool area, plenty of days, no travel limit, a valid check, a home
 * school that is not Inadequate and is not one of the generated academies.
 */
export const arbBroadSupporter: fc.Arbitrary<SupporterProfile> = fc
  .tuple(arbSupporter, fc.constantFrom(...EXPERTISE_LEVELS), fc.constantFrom('OUTSTANDING' as const, 'GOOD' as const, 'REQUIRES_IMPROVEMENT' as const))
  .map(([s, level, rating]) => ({
    ...s,
    kind: 'STAFF' as const,
    id: `broad-${s.id}`,
    homeAcademy: { ...s.homeAcademy, id: 'acad-home-broad', ofstedRating: rating },
    expertise: [...s.expertise, ...AREA_POOL.map((area) => ({ area, level, phases: [] }))],
    remainingDays: 100,
    maxTravelKm: null,
    safeguardingCheckExpiresOn: null,
    supportingNeedIds: [],
    availability: [],
  }));

/** Supporters with distinct (kind, id) keys, as the service would load them; a quarter broadly eligible. */
export const arbSupporters = (maxLength = 25): fc.Arbitrary<SupporterProfile[]> =>
  fc.uniqueArray(
    fc.oneof({ weight: 3, arbitrary: arbSupporter }, { weight: 1, arbitrary: arbBroadSupporter }),
    { selector: (s) => `${s.kind}:${s.id}`, maxLength },
  );

/** Needs with distinct ids. */
export const arbNeeds = (maxLength = 12): fc.Arbitrary<NeedProfile[]> =>
  fc.uniqueArray(arbNeed, { selector: (n) => n.id, maxLength });

/** The array together with a permutation of it. */
export function withShuffle<T>(arb: fc.Arbitrary<T[]>): fc.Arbitrary<[T[], T[]]> {
  return arb.chain((items) =>
    fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length })),
  );
}
