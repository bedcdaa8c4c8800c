// The hard constraints read from a pool's arrays (screen-index.ts) against the rules read from
// each profile (constraints.ts firstExclusionReason): the same first reason for every pair,
// at distances measured or left out (a supporter without a travel limit), at any moment
// (safeguarding checks expiring exactly then), for any days a need still lacks.
import fc from 'fast-check';
import { academyDistanceKm, DEFAULT_RANKING_CONFIG, firstExclusionReason, travelIndex } from '../../../server/ranking';
import { requiredDays } from '../../../server/ranking/constraints';
import { hasNoTravelLimit, screenFacts, screenIndexed } from '../../../server/ranking/screen-index';
import { arbNeed, arbSupporters } from './arbitraries';
import { NOW } from './fixtures';

describe('screening from the pool arrays', () => {
  it('gives firstExclusionReason for every pair', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(30), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.boolean(), (need, generated, nowShiftDays, sameMoment, someClosed) => {
        // Some checks expiring exactly at `now`, and `now` moved around the generated expiries.
        const now = new Date(NOW.getTime() + nowShiftDays * 86_400_000);
        const checked = generated.map((s, i) => (sameMoment && i % 3 === 0 ? { ...s, safeguardingCheckExpiresOn: now } : s));
        // Some home schools closed (the generator makes none): the last rule, HOME_SCHOOL_CLOSED.
        const supporters = checked.map((s, i) => (someClosed && i % 4 === 1 ? { ...s, homeAcademy: { ...s.homeAcademy, closed: true } } : s));
        const config = DEFAULT_RANKING_CONFIG;
        const index = travelIndex(need.area, supporters, config);
        const facts = screenFacts(index);
        const required = requiredDays(need, config);
        supporters.forEach((s, i) => {
          const distance = academyDistanceKm(need.academy, s.homeAcademy);
          expect(screenIndexed(index, facts, i, need, now.getTime(), required, distance)).toBe(firstExclusionReason(need, s, now, config, distance));
          expect(screenIndexed(index, facts, i, need, now.getTime(), required, null)).toBe(firstExclusionReason(need, s, now, config, null));
          expect(hasNoTravelLimit(facts, i)).toBe(s.maxTravelKm === null && s.kind === 'STAFF');
        });
      }),
      { numRuns: 400 },
    );
  });
});
