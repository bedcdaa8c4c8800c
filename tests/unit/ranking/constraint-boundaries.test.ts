// Hard-constraint rules at their exact boundaries (README, "Hard-constraint settings"; API.md
// exclusion reasons): the travel limit itself is in range; a stated limit that is not a
// finite number is no limit (an academy then gets the 40 km default); the safeguarding
// expiry instant itself is still valid; outstanding days never go negative; the
// configuration's settings are the ones applied.
import {
  DEFAULT_RANKING_CONFIG as C,
  allExclusionReasons,
  emptyExclusionCounts,
  firstExclusionReason,
  outstandingDays,
  requiredDays,
  travelLimitKm,
  type RankingConfig,
} from '../../../server/ranking';
import { EXCLUSION_REASONS } from '../../../server/domain/enums';
import { need, NOW, supporter } from './fixtures';

describe('travel range, given the distance', () => {
  const at = (distanceKm: number | null, overrides: Parameters<typeof supporter>[0] = {}, config: RankingConfig = C) =>
    firstExclusionReason(need(), supporter({ maxTravelKm: 25, ...overrides }), NOW, config, distanceKm);

  it('the limit itself is within range; a metre past it is not', () => {
    expect(at(25)).toBeNull();
    expect(at(25.001)).toBe('OUT_OF_TRAVEL_RANGE');
    expect(allExclusionReasons(need(), supporter({ maxTravelKm: 25 }), NOW, C, 25)).toEqual([]);
    expect(allExclusionReasons(need(), supporter({ maxTravelKm: 25 }), NOW, C, 25.001)).toEqual(['OUT_OF_TRAVEL_RANGE']);
  });

  it('an unknown distance rules nobody out, whatever the limit', () => {
    expect(at(null, { maxTravelKm: 0 })).toBeNull();
    expect(allExclusionReasons(need(), supporter({ maxTravelKm: 0 }), NOW, C, null)).toEqual([]);
  });

  it('a stated limit that is not a finite number is no limit for staff, the default for an academy', () => {
    expect(travelLimitKm({ kind: 'STAFF', maxTravelKm: Number.NaN }, C)).toBeNull();
    expect(travelLimitKm({ kind: 'STAFF', maxTravelKm: Number.POSITIVE_INFINITY }, C)).toBeNull();
    expect(travelLimitKm({ kind: 'ACADEMY', maxTravelKm: Number.NaN }, C)).toBe(40);
    expect(travelLimitKm({ kind: 'STAFF', maxTravelKm: 0 }, C)).toBe(0);
  });

  it('an academy with no limit gets the configured default, exactly at which it is in range', () => {
    const academySupporter = { kind: 'ACADEMY' as const, id: 'academy-home', maxTravelKm: null };
    const near: RankingConfig = { ...C, constraints: { ...C.constraints, defaultAcademyMaxTravelKm: 12 } };
    expect(at(12, academySupporter, near)).toBeNull();
    expect(at(12.5, academySupporter, near)).toBe('OUT_OF_TRAVEL_RANGE');
    expect(at(40, academySupporter)).toBeNull();
  });
});

describe('capacity', () => {
  it('outstanding days are requested minus covered, never negative or NaN', () => {
    expect(outstandingDays({ daysRequested: 10, daysCovered: 4 })).toBe(6);
    expect(outstandingDays({ daysRequested: 4, daysCovered: 4 })).toBe(0);
    expect(outstandingDays({ daysRequested: 4, daysCovered: 6 })).toBe(0);
    expect(outstandingDays({ daysRequested: Number.NaN, daysCovered: 0 })).toBe(0);
  });

  it('uses the configured minimum useful days', () => {
    const three: RankingConfig = { ...C, constraints: { ...C.constraints, minimumUsefulDays: 3 } };
    expect(requiredDays(need(), three)).toBe(3);
    const s = supporter({ remainingDays: 2 });
    expect(firstExclusionReason(need(), s, NOW, three)).toBe('NO_CAPACITY');
    expect(allExclusionReasons(need(), s, NOW, three)).toEqual(['NO_CAPACITY']);
    expect(firstExclusionReason(need(), s, NOW)).toBeNull();
  });

  it('remaining days that are not a number count as none', () => {
    expect(firstExclusionReason(need(), supporter({ remainingDays: Number.NaN }), NOW)).toBe('NO_CAPACITY');
    expect(allExclusionReasons(need(), supporter({ remainingDays: Number.NaN }), NOW)).toEqual(['NO_CAPACITY']);
  });
});

describe('safeguarding', () => {
  it('a check expiring exactly now is still valid; a millisecond earlier it is not', () => {
    const at = (ms: number) => supporter({ safeguardingCheckExpiresOn: new Date(NOW.getTime() + ms) });
    expect(allExclusionReasons(need(), at(0), NOW)).toEqual([]);
    expect(allExclusionReasons(need(), at(-1), NOW)).toEqual(['SAFEGUARDING_EXPIRED']);
    expect(firstExclusionReason(need(), at(0), NOW)).toBeNull();
  });
});

describe('each reason listed on its own by allExclusionReasons', () => {
  it('names the one rule broken', () => {
    const only = (s: Parameters<typeof supporter>[0]) => allExclusionReasons(need(), supporter(s), NOW);
    expect(only({ expertise: [{ area: 'ENGLISH', level: 'EXPERT', phases: [] }] })).toEqual(['NO_MATCHING_EXPERTISE']);
    expect(only({ remainingDays: 1 })).toEqual(['NO_CAPACITY']);
    expect(only({ remainingDays: 0 })).toEqual(['NO_CAPACITY']);
    expect(only({ homeAcademy: need().academy })).toEqual(['SAME_SCHOOL']);
    expect(only({ supportingNeedIds: ['need-1'] })).toEqual(['ALREADY_SUPPORTING']);
    expect(only({})).toEqual([]);
  });
});

describe('emptyExclusionCounts', () => {
  it('lists every reason with 0, and each call gives a fresh object', () => {
    const counts = emptyExclusionCounts();
    expect(Object.keys(counts)).toEqual([...EXCLUSION_REASONS]);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    counts.NO_CAPACITY += 1;
    expect(emptyExclusionCounts().NO_CAPACITY).toBe(0);
  });
});
