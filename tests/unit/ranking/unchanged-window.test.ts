// A ranking kept with its pool is given again at any moment in its unchanged window
// (unchanged-window.ts): it must be the ranking made at that moment. The window's edges are
// the supporters' safeguarding expiries, so moments on and around them are tried.
import fc from 'fast-check';
import { rankCandidatesIndexed, travelIndex } from '../../../server/ranking';
import { inWindow, unchangedWindow } from '../../../server/ranking/unchanged-window';
import { arbNeed, arbSupporters } from './arbitraries';
import { NOW } from './fixtures';

describe('unchanged window of a pool', () => {
  it('contains now; a ranking made at now is the ranking at every moment in it, at the edges too', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(30), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -400, max: 400 }), (need, supporters, first, offsetDays) => {
        const index = travelIndex(need.area, supporters);
        const now = NOW.getTime() + offsetDays * 86_400_000;
        const window = unchangedWindow(index, now);
        expect(inWindow(window, now)).toBe(true);
        const made = rankCandidatesIndexed(need, index, { now: new Date(now), first });
        const expiries = supporters.flatMap((s) => (s.safeguardingCheckExpiresOn ? [s.safeguardingCheckExpiresOn.getTime()] : []));
        const moments = [window.after + 1, window.until, window.until + 1, window.after, ...expiries, ...expiries.map((e) => e + 1)].filter((t) => Number.isFinite(t));
        for (const moment of moments) {
          if (inWindow(window, moment)) expect(rankCandidatesIndexed(need, index, { now: new Date(moment), first })).toEqual(made);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ends at the first expiry not before now, and begins after the last one before it', () => {
    const at = (iso: string) => new Date(iso);
    fc.assert(
      fc.property(arbSupporters(10), (generated) => {
        const supporters = generated.map((s, i) => ({ ...s, safeguardingCheckExpiresOn: [at('2025-03-01T00:00:00Z'), at('2025-03-03T09:00:00Z'), at('2025-04-01T00:00:00Z'), null][i % 4]! }));
        const window = unchangedWindow(travelIndex('MATHS', supporters), NOW.getTime());
        const present = (iso: string) => supporters.some((s) => s.safeguardingCheckExpiresOn?.getTime() === at(iso).getTime());
        // NOW is 2025-03-03T09:00Z: a check expiring exactly then has not yet expired.
        expect(window.until).toBe(present('2025-03-03T09:00:00Z') ? NOW.getTime() : present('2025-04-01T00:00:00Z') ? at('2025-04-01T00:00:00Z').getTime() : Infinity);
        expect(window.after).toBe(present('2025-03-01T00:00:00Z') ? at('2025-03-01T00:00:00Z').getTime() : -Infinity);
      }),
      { numRuns: 100 },
    );
  });

  it('includes its end (a check expiring exactly at now is not yet expired) and excludes its start', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (after, length) => {
        const window = { after, until: after + length };
        expect(inWindow(window, window.until)).toBe(true);
        expect(inWindow(window, window.until + 1)).toBe(false);
        expect(inWindow(window, window.after)).toBe(false);
        expect(inWindow(window, window.after + 1)).toBe(true);
      }),
    );
  });
});
