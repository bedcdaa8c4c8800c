// How long a ranking of a pool stays the ranking. Of every rule and factor ranking candidates
// for a need, only the safeguarding check reads the time (SAFEGUARDING_EXPIRED: the check
// expired before `now`); the school year is chosen before the pool. So between two moments
// when no supporter's check expires, ranking the same need against the same pool gives the
// same answer, and a ranking made at one may be given at the other
// (tests/unit/ranking/unchanged-window.test.ts holds the ranking to it).
import type { TravelIndex } from './travel-index';

/** The moments `now` may take with the same answer: after `after` (exclusive), until `until` (inclusive). */
export interface UnchangedWindow {
  after: number;
  until: number;
}

const expiriesMemo = new WeakMap<TravelIndex, Float64Array>();

/** The index's safeguarding check expiries (ms), sorted; kept with the index. */
function expiriesOf(index: TravelIndex): Float64Array {
  let expiries = expiriesMemo.get(index);
  if (!expiries) {
    const times: number[] = [];
    for (const s of index.supporters) if (s.safeguardingCheckExpiresOn !== null) times.push(s.safeguardingCheckExpiresOn.getTime());
    expiries = Float64Array.from(times).sort();
    expiriesMemo.set(index, expiries);
  }
  return expiries;
}

/**
 * Around `nowMs`, the stretch in which every supporter's check is on the same side of the
 * rule "expired before now" as at `nowMs`: after the last expiry before it, until the first
 * expiry at or after it (a check expiring exactly at `now` is not yet expired).
 */
export function unchangedWindow(index: TravelIndex, nowMs: number): UnchangedWindow {
  const expiries = expiriesOf(index);
  // The first expiry not before now (binary search).
  let lo = 0;
  let hi = expiries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (expiries[mid]! < nowMs) lo = mid + 1;
    else hi = mid;
  }
  return { after: lo > 0 ? expiries[lo - 1]! : -Infinity, until: lo < expiries.length ? expiries[lo]! : Infinity };
}

/** Whether `nowMs` lies in the window. */
export function inWindow(window: UnchangedWindow, nowMs: number): boolean {
  return nowMs > window.after && nowMs <= window.until;
}
