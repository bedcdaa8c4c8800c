// The hard constraints for a travel-indexed pool, read from arrays built once per pool rather
// than from each profile per need. A first ranking of a need screens the ~900 supporters the
// travel split leaves; profiles come from several code paths (copies, a school year's days),
// so the same field read across them is slow to look up, and screening was the largest part
// of a first ranking (BENCHMARKS.md, issue 20, session 7). What a rule reads of the supporter
// never changes while the pool lives (profiles are frozen), and what it reads of the need is
// read per call, so the answer is screen's (constraints.ts) for every pair: the same rules,
// in the same EXCLUSION_REASONS order. pruned-equivalence and screen-index tests hold it so.
import type { ExclusionReason } from '../domain/enums';
import { availableForNeed } from './availability';
import { travelLimitKm } from './constraints';
import { mustNotLendStaff } from './inspection';
import type { TravelIndex } from './travel-index';
import type { NeedProfile } from './types';

const HAS_AREA = 1;
const MUST_NOT_LEND = 2;
const CLOSED = 4;
const SUPPORTING_SOME = 8;
const STATES_AVAILABILITY = 16;

export interface ScreenFacts {
  /** Per supporter, the bits above. */
  readonly flags: Uint8Array;
  /** The travel limit that applies (constraints.ts travelLimitKm), NaN for none. */
  readonly limitKm: Float64Array;
  /** When the safeguarding check expires (ms), NaN when none is recorded. */
  readonly expiresMs: Float64Array;
}

const memo = new WeakMap<TravelIndex, ScreenFacts>();

/** Kept with the index (as long as its pool). */
export function screenFacts(index: TravelIndex): ScreenFacts {
  let facts = memo.get(index);
  if (!facts) {
    const { supporters, area, config } = index;
    const flags = new Uint8Array(supporters.length);
    const limitKm = new Float64Array(supporters.length);
    const expiresMs = new Float64Array(supporters.length);
    supporters.forEach((s, i) => {
      flags[i] =
        (s.expertise.some((e) => e.area === area) ? HAS_AREA : 0) |
        (mustNotLendStaff(s.homeAcademy) ? MUST_NOT_LEND : 0) |
        (s.homeAcademy.closed === true ? CLOSED : 0) |
        (s.supportingNeedIds.length > 0 ? SUPPORTING_SOME : 0) |
        (s.availability.length > 0 ? STATES_AVAILABILITY : 0);
      limitKm[i] = travelLimitKm(s, config) ?? Number.NaN;
      // An invalid date gives NaN too, which no `now` is after: as screen reads it.
      expiresMs[i] = s.safeguardingCheckExpiresOn === null ? Number.NaN : s.safeguardingCheckExpiresOn.getTime();
    });
    facts = { flags, limitKm, expiresMs };
    memo.set(index, facts);
  }
  return facts;
}

/**
 * constraints.ts screen for the index's supporter `i` and a need in the index's area (the
 * travel split checks that), with `required` = requiredDays(need, config) and the pair's
 * distance (null: unknown, or not needed because the supporter has no travel limit).
 */
export function screenIndexed(
  index: TravelIndex,
  facts: ScreenFacts,
  i: number,
  need: NeedProfile,
  nowMs: number,
  required: number,
  distanceKm: number | null,
): ExclusionReason | null {
  const flags = facts.flags[i]!;
  if ((flags & HAS_AREA) === 0) return 'NO_MATCHING_EXPERTISE';
  const days = index.remainingDays[i]!;
  if (!(days > 0) || days < required) return 'NO_CAPACITY';
  if (index.homeIds[i] === need.academy.id) return 'SAME_SCHOOL';
  if (distanceKm !== null) {
    const limit = facts.limitKm[i]!;
    if (limit === limit && distanceKm > limit) return 'OUT_OF_TRAVEL_RANGE';
  }
  if ((flags & MUST_NOT_LEND) !== 0) return 'HOME_SCHOOL_INADEQUATE';
  if (facts.expiresMs[i]! < nowMs) return 'SAFEGUARDING_EXPIRED';
  if ((flags & SUPPORTING_SOME) !== 0 && index.supporters[i]!.supportingNeedIds.includes(need.id)) return 'ALREADY_SUPPORTING';
  if ((flags & STATES_AVAILABILITY) !== 0 && !availableForNeed(index.supporters[i]!.availability, { start: need.windowStart, end: need.windowEnd })) {
    return 'NOT_AVAILABLE_IN_WINDOW';
  }
  if ((flags & CLOSED) !== 0) return 'HOME_SCHOOL_CLOSED';
  return null;
}

/** Whether supporter `i` has no travel limit (so no rule reads their distance). */
export function hasNoTravelLimit(facts: ScreenFacts, i: number): boolean {
  const limit = facts.limitKm[i]!;
  return limit !== limit;
}
