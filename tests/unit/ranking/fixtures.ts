// Hand-made profiles for example-based tests: sensible defaults, override what matters.
import type { AcademyProfile, NeedProfile, SupporterProfile } from '../../../server/ranking';

export const NOW = new Date('2025-03-03T09:00:00Z');
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Degrees of latitude per km along a meridian (1 degree = 2*pi*R/360 km). */
export const KM_PER_DEGREE_LATITUDE = (2 * Math.PI * 6371.0088) / 360;

export function academy(overrides: Partial<AcademyProfile> = {}): AcademyProfile {
  return {
    id: 'academy-need',
    name: 'Needing Primary',
    phase: 'PRIMARY',
    ofstedRating: 'GOOD',
    fsmPercent: 30,
    location: { latitude: 52, longitude: -1 },
    trustId: 'trust-1',
    clusterId: 'cluster-1',
    ...overrides,
  };
}

export function need(overrides: Partial<NeedProfile> = {}): NeedProfile {
  return {
    id: 'need-1',
    academy: academy(),
    area: 'MATHS',
    phase: 'PRIMARY',
    severity: 'HIGH',
    daysRequested: 10,
    daysCovered: 0,
    raisedAt: new Date(NOW.getTime() - 14 * DAY_MS),
    windowStart: null,
    windowEnd: null,
    ...overrides,
  };
}

/** A staff member 10 km due north of the default need's academy, in the same cluster. */
export function supporter(overrides: Partial<SupporterProfile> = {}): SupporterProfile {
  return {
    kind: 'STAFF',
    id: 'staff-1',
    name: 'Sam Supporter',
    homeAcademy: academy({
      id: 'academy-home',
      name: 'Home Primary',
      location: { latitude: 52 + 10 / KM_PER_DEGREE_LATITUDE, longitude: -1 },
    }),
    expertise: [{ area: 'MATHS', level: 'EXPERT', phases: ['PRIMARY'] }],
    designations: [],
    remainingDays: 20,
    maxTravelKm: 50,
    safeguardingCheckExpiresOn: null,
    trackRecord: [],
    supportingNeedIds: [],
    homeOpenHighSeverityAreas: [],
    availability: [],
    ...overrides,
  };
}
