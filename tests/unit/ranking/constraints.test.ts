import fc from 'fast-check';
import {
  DEFAULT_RANKING_CONFIG,
  allExclusionReasons,
  firstExclusionReason,
  requiredDays,
  travelLimitKm,
} from '../../../server/ranking';
import { arbNeed, arbSupporter } from './arbitraries';
import { academy, KM_PER_DEGREE_LATITUDE, need, NOW, supporter } from './fixtures';
import { oracleReasons } from './oracle';

const first = (n = need(), s = supporter()) => firstExclusionReason(n, s, NOW);

/** An academy `km` due north of the default need academy (52N, 1W). */
const homeAt = (km: number, overrides = {}) =>
  academy({ id: 'academy-home', location: { latitude: 52 + km / KM_PER_DEGREE_LATITUDE, longitude: -1 }, ...overrides });

describe('firstExclusionReason: each rule on its own', () => {
  it('passes the default supporter', () => {
    expect(first()).toBeNull();
  });

  it('NO_MATCHING_EXPERTISE: no entry in the need area, whatever else they know', () => {
    const s = supporter({ expertise: [{ area: 'ENGLISH', level: 'SYSTEM_LEADER', phases: ['PRIMARY'] }] });
    expect(first(need(), s)).toBe('NO_MATCHING_EXPERTISE');
    // Any level in the area is a match: DEVELOPING still counts.
    expect(first(need(), supporter({ expertise: [{ area: 'MATHS', level: 'DEVELOPING', phases: [] }] }))).toBeNull();
  });

  it('NO_CAPACITY: fewer days than min(outstanding, minimumUsefulDays = 2)', () => {
    // 10 requested, 0 covered: 2 days needed.
    expect(first(need(), supporter({ remainingDays: 1 }))).toBe('NO_CAPACITY');
    expect(first(need(), supporter({ remainingDays: 2 }))).toBeNull();
    // Only one day still outstanding: one day is enough.
    expect(first(need({ daysRequested: 10, daysCovered: 9 }), supporter({ remainingDays: 1 }))).toBeNull();
    // No days at all is never enough, even for a fully covered need.
    expect(first(need({ daysRequested: 5, daysCovered: 5 }), supporter({ remainingDays: 0 }))).toBe('NO_CAPACITY');
    expect(first(need(), supporter({ remainingDays: -3 }))).toBe('NO_CAPACITY');
  });

  it('requiredDays never goes negative when a need is over-covered', () => {
    expect(requiredDays(need({ daysRequested: 3, daysCovered: 5 }), DEFAULT_RANKING_CONFIG)).toBe(0);
    expect(requiredDays(need({ daysRequested: 3, daysCovered: 2 }), DEFAULT_RANKING_CONFIG)).toBe(1);
    expect(requiredDays(need({ daysRequested: 30, daysCovered: 2 }), DEFAULT_RANKING_CONFIG)).toBe(2);
  });

  it('SAME_SCHOOL: the need is at the supporter’s own school', () => {
    expect(first(need(), supporter({ homeAcademy: academy() }))).toBe('SAME_SCHOOL');
  });

  it('OUT_OF_TRAVEL_RANGE: beyond the stated limit; the limit itself is within range', () => {
    expect(first(need(), supporter({ homeAcademy: homeAt(30), maxTravelKm: 25 }))).toBe('OUT_OF_TRAVEL_RANGE');
    expect(first(need(), supporter({ homeAcademy: homeAt(30), maxTravelKm: 35 }))).toBeNull();
  });

  it('OUT_OF_TRAVEL_RANGE: a staff member with no limit travels anywhere', () => {
    expect(first(need(), supporter({ homeAcademy: homeAt(400), maxTravelKm: null }))).toBeNull();
  });

  it('OUT_OF_TRAVEL_RANGE: an academy with no limit gets the 40 km default', () => {
    const base = { kind: 'ACADEMY' as const, maxTravelKm: null };
    expect(travelLimitKm(base, DEFAULT_RANKING_CONFIG)).toBe(40);
    expect(first(need(), supporter({ ...base, id: 'academy-home', homeAcademy: homeAt(39) }))).toBeNull();
    expect(first(need(), supporter({ ...base, id: 'academy-home', homeAcademy: homeAt(41) }))).toBe('OUT_OF_TRAVEL_RANGE');
    // A stated limit wins over the default.
    expect(first(need(), supporter({ ...base, maxTravelKm: 60, id: 'academy-home', homeAcademy: homeAt(41) }))).toBeNull();
  });

  it('OUT_OF_TRAVEL_RANGE: an unknown location on either side rules nobody out', () => {
    expect(first(need(), supporter({ homeAcademy: academy({ id: 'academy-home', location: null }), maxTravelKm: 1 }))).toBeNull();
    expect(first(need({ academy: academy({ location: null }) }), supporter({ homeAcademy: homeAt(500), maxTravelKm: 1 }))).toBeNull();
  });

  it('HOME_SCHOOL_INADEQUATE: an Inadequate school keeps its people', () => {
    expect(first(need(), supporter({ homeAcademy: homeAt(10, { ofstedRating: 'INADEQUATE' }) }))).toBe('HOME_SCHOOL_INADEQUATE');
    expect(first(need(), supporter({ homeAcademy: homeAt(10, { ofstedRating: 'REQUIRES_IMPROVEMENT' }) }))).toBeNull();
  });

  it('SAFEGUARDING_EXPIRED: an expiry before now; none stated is never excluded', () => {
    expect(first(need(), supporter({ safeguardingCheckExpiresOn: new Date(NOW.getTime() - 1) }))).toBe('SAFEGUARDING_EXPIRED');
    expect(first(need(), supporter({ safeguardingCheckExpiresOn: new Date(NOW.getTime()) }))).toBeNull();
    expect(first(need(), supporter({ safeguardingCheckExpiresOn: new Date('2030-01-01') }))).toBeNull();
    expect(first(need(), supporter({ safeguardingCheckExpiresOn: null }))).toBeNull();
  });

  it('ALREADY_SUPPORTING: a live deployment for this very need', () => {
    expect(first(need(), supporter({ supportingNeedIds: ['need-0', 'need-1'] }))).toBe('ALREADY_SUPPORTING');
    expect(first(need(), supporter({ supportingNeedIds: ['need-2'] }))).toBeNull();
  });

  it("NOT_AVAILABLE_IN_WINDOW: stated availability that meets the need's window on no day (ends included)", () => {
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const autumn = need({ windowStart: day('2025-09-01'), windowEnd: day('2025-12-19') });
    const summer = [{ from: day('2025-04-22'), to: day('2025-07-18') }];
    expect(first(autumn, supporter({ availability: summer }))).toBe('NOT_AVAILABLE_IN_WINDOW');
    // Nothing stated means always available; so does a need without a window.
    expect(first(autumn, supporter({ availability: [] }))).toBeNull();
    expect(first(need(), supporter({ availability: summer }))).toBeNull();
    // One stretch meeting the window is enough, even by one day at either end.
    expect(first(autumn, supporter({ availability: [...summer, { from: day('2025-12-19'), to: day('2026-01-10') }] }))).toBeNull();
    expect(first(autumn, supporter({ availability: [{ from: day('2025-08-01'), to: day('2025-09-01') }] }))).toBeNull();
    expect(first(autumn, supporter({ availability: [{ from: day('2025-08-01'), to: day('2025-08-31') }] }))).toBe('NOT_AVAILABLE_IN_WINDOW');
    // An open end: a need from September with no deadline meets any stretch ending in or after September.
    expect(first(need({ windowStart: day('2025-09-01'), windowEnd: null }), supporter({ availability: [{ from: day('2027-01-01'), to: day('2027-02-01') }] }))).toBeNull();
    expect(first(need({ windowStart: null, windowEnd: day('2025-09-01') }), supporter({ availability: [{ from: day('2025-09-02'), to: day('2025-10-01') }] }))).toBe('NOT_AVAILABLE_IN_WINDOW');
  });

  it('NOT_AVAILABLE_IN_WINDOW comes last: a candidate failing an earlier rule too is counted under that', () => {
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const autumn = need({ windowStart: day('2025-09-01'), windowEnd: day('2025-12-19') });
    const s = supporter({ availability: [{ from: day('2025-04-22'), to: day('2025-07-18') }], supportingNeedIds: ['need-1'] });
    expect(first(autumn, s)).toBe('ALREADY_SUPPORTING');
    expect(allExclusionReasons(autumn, s, NOW)).toEqual(['ALREADY_SUPPORTING', 'NOT_AVAILABLE_IN_WINDOW']);
  });
});

describe('several failures', () => {
  it('reports the first in contract order, and lists them all in order', () => {
    const s = supporter({
      homeAcademy: academy({ ofstedRating: 'INADEQUATE' }), // same school and Inadequate
      supportingNeedIds: ['need-1'],
      safeguardingCheckExpiresOn: new Date('2020-01-01'),
    });
    expect(first(need(), s)).toBe('SAME_SCHOOL');
    expect(allExclusionReasons(need(), s, NOW)).toEqual(['SAME_SCHOOL', 'HOME_SCHOOL_INADEQUATE', 'SAFEGUARDING_EXPIRED', 'ALREADY_SUPPORTING']);
  });

  it('agrees with an independent restatement of the rules on random data', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporter, (n, s) => {
        const expected = oracleReasons(n, s, {
          now: NOW,
          minimumUsefulDays: DEFAULT_RANKING_CONFIG.constraints.minimumUsefulDays,
          defaultAcademyMaxTravelKm: DEFAULT_RANKING_CONFIG.constraints.defaultAcademyMaxTravelKm,
        });
        fc.pre(expected !== 'AMBIGUOUS');
        expect(allExclusionReasons(n, s, NOW)).toEqual(expected);
        expect(firstExclusionReason(n, s, NOW)).toBe(expected[0] ?? null);
      }),
      { numRuns: 500 },
    );
  });
});
