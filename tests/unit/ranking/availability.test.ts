// The time-window rule (server/ranking/availability.ts) on random data: a person is never
// ranked for a need whose window meets none of their stated availability, and a stated
// stretch meeting the window is always enough.
import fc from 'fast-check';
import { availableForNeed, overlapsNeedWindow, rankCandidatesForNeed, rankNeedsForSupporter } from '../../../server/ranking';
import { arbAvailability, arbAvailabilityWindow, arbDay, arbNeed, arbNeeds, arbNeedWindow, arbSupporter, arbSupporters } from './arbitraries';
import { DAY_MS, NOW } from './fixtures';

const days = (d: Date) => Math.round(d.getTime() / DAY_MS);
/** The days of a stretch clipped to a horizon well beyond the generated dates, as a set. */
function daySet(from: number, to: number): Set<number> {
  const set = new Set<number>();
  for (let d = Math.max(from, days(NOW) - 400); d <= Math.min(to, days(NOW) + 800); d += 1) set.add(d);
  return set;
}

describe('overlapsNeedWindow', () => {
  it('is true exactly when the stretch and the window share a calendar day (both ends inclusive)', () => {
    fc.assert(
      fc.property(arbAvailabilityWindow, arbNeedWindow, (w, n) => {
        const window = daySet(days(w.from), days(w.to));
        const need = daySet(n.windowStart ? days(n.windowStart) : -Infinity, n.windowEnd ? days(n.windowEnd) : Infinity);
        const shared = [...window].some((d) => need.has(d));
        expect(overlapsNeedWindow(w, { start: n.windowStart, end: n.windowEnd })).toBe(shared);
      }),
      { numRuns: 1000 },
    );
  });

  it('is symmetric in time: shifting both by the same number of days changes nothing', () => {
    fc.assert(
      fc.property(arbAvailabilityWindow, arbNeedWindow, fc.integer({ min: -400, max: 400 }), (w, n, shift) => {
        const move = (d: Date) => new Date(d.getTime() + shift * DAY_MS);
        const moved = overlapsNeedWindow({ from: move(w.from), to: move(w.to) }, { start: n.windowStart && move(n.windowStart), end: n.windowEnd && move(n.windowEnd) });
        expect(moved).toBe(overlapsNeedWindow(w, { start: n.windowStart, end: n.windowEnd }));
      }),
    );
  });
});

describe('availableForNeed', () => {
  it('no stated availability, or a need without a window, is always available', () => {
    fc.assert(
      fc.property(arbNeedWindow, arbAvailability, (n, availability) => {
        expect(availableForNeed([], { start: n.windowStart, end: n.windowEnd })).toBe(true);
        expect(availableForNeed(availability, { start: null, end: null })).toBe(true);
      }),
    );
  });

  it('adding a stretch to stated availability never makes a person unavailable; a stretch inside the window always makes them available', () => {
    fc.assert(
      fc.property(arbAvailability, arbAvailabilityWindow, arbNeedWindow, arbDay, (availability, extra, n, inside) => {
        const need = { start: n.windowStart, end: n.windowEnd };
        // (From nothing stated, "always", a first stretch may of course narrow it.)
        if (availability.length && availableForNeed(availability, need)) expect(availableForNeed([...availability, extra], need)).toBe(true);
        const clamp = Math.min(Math.max(inside.getTime(), n.windowStart?.getTime() ?? -Infinity), n.windowEnd?.getTime() ?? Infinity);
        const day = new Date(clamp);
        expect(availableForNeed([...availability, { from: day, to: day }], need)).toBe(true);
      }),
    );
  });
});

describe('availableForNeed, exactly', () => {
  it('is true exactly when nothing is stated or some stated stretch meets the window', () => {
    fc.assert(
      fc.property(arbAvailability, arbNeedWindow, (availability, n) => {
        const need = { start: n.windowStart, end: n.windowEnd };
        expect(availableForNeed(availability, need)).toBe(availability.length === 0 || availability.some((w) => overlapsNeedWindow(w, need)));
      }),
      { numRuns: 500 },
    );
  });

  it('a person free only before the window starts, or only after it ends, is not available', () => {
    const day = (n: number) => new Date(NOW.getTime() + n * DAY_MS);
    const need = { start: day(10), end: day(20) };
    expect(availableForNeed([{ from: day(0), to: day(9) }, { from: day(21), to: day(30) }], need)).toBe(false);
    expect(availableForNeed([{ from: day(0), to: day(9) }, { from: day(20), to: day(30) }], need)).toBe(true);
  });
});

describe('the rankings respect it', () => {
  it('never ranks a candidate whose stated availability misses the need window, and counts them under NOT_AVAILABLE_IN_WINDOW only when nothing earlier applies', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(), (need, supporters) => {
        const result = rankCandidatesForNeed(need, supporters, { now: NOW, first: Number.POSITIVE_INFINITY });
        const window = { start: need.windowStart, end: need.windowEnd };
        for (const c of result.candidates) expect(availableForNeed(c.supporter.availability, window)).toBe(true);
        const unavailable = supporters.filter((s) => !availableForNeed(s.availability, window)).length;
        expect(result.exclusions.NOT_AVAILABLE_IN_WINDOW).toBeLessThanOrEqual(unavailable);
        expect(result.consideredCount).toBe(supporters.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never offers a supporter a need outside their availability', () => {
    fc.assert(
      fc.property(arbSupporter, arbNeeds(), (supporter, needs) => {
        const result = rankNeedsForSupporter(supporter, needs, { now: NOW, first: Number.POSITIVE_INFINITY });
        for (const ranked of result.needs) {
          expect(availableForNeed(supporter.availability, { start: ranked.need.windowStart, end: ranked.need.windowEnd })).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
