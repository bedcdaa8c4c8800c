// Hard constraints: a supporter failing any of them is never ranked. Checked in the order
// the API contract fixes (EXCLUSION_REASONS), so a supporter failing several is counted
// once, under the first.
import { EXCLUSION_REASONS, type ExclusionReason } from '../domain/enums';
import { DEFAULT_RANKING_CONFIG, type RankingConfig } from './config';
import { availableForNeed } from './availability';
import { academyDistanceKm } from './geo';
import { mustNotLendStaff } from './inspection';
import type { ExclusionCounts, NeedProfile, SupporterProfile } from './types';

/** Days the need still lacks: requested minus already reserved, never negative. */
export function outstandingDays(need: Pick<NeedProfile, 'daysRequested' | 'daysCovered'>): number {
  const outstanding = need.daysRequested - need.daysCovered;
  return Number.isFinite(outstanding) && outstanding > 0 ? outstanding : 0;
}

/**
 * The fewest remaining days that make a supporter worth proposing: the configured minimum,
 * or the need's outstanding days when fewer are left to cover.
 */
export function requiredDays(need: Pick<NeedProfile, 'daysRequested' | 'daysCovered'>, config: RankingConfig): number {
  return Math.min(outstandingDays(need), config.constraints.minimumUsefulDays);
}

/**
 * The travel limit that applies, or null for none. A staff member with no stated limit
 * has none; an academy with none gets the configured default (whole-school support is
 * repeated visits by several people).
 */
export function travelLimitKm(supporter: Pick<SupporterProfile, 'kind' | 'maxTravelKm'>, config: RankingConfig): number | null {
  if (supporter.maxTravelKm !== null && Number.isFinite(supporter.maxTravelKm)) return supporter.maxTravelKm;
  return supporter.kind === 'ACADEMY' ? config.constraints.defaultAcademyMaxTravelKm : null;
}

type Check = (
  need: NeedProfile,
  supporter: SupporterProfile,
  now: Date,
  config: RankingConfig,
  distanceKm: number | null,
) => boolean;

/** One predicate per reason: true means the supporter is ruled out for it. */
const CHECKS: Record<ExclusionReason, Check> = {
  NO_MATCHING_EXPERTISE: (need, supporter) => !supporter.expertise.some((e) => e.area === need.area),
  NO_CAPACITY: (need, supporter, _now, config) =>
    !(supporter.remainingDays > 0) || supporter.remainingDays < requiredDays(need, config),
  SAME_SCHOOL: (need, supporter) => supporter.homeAcademy.id === need.academy.id,
  // Unknown location on either side: nothing to measure, so nobody is ruled out for it.
  OUT_OF_TRAVEL_RANGE: (_need, supporter, _now, config, distanceKm) => {
    const limit = travelLimitKm(supporter, config);
    return limit !== null && distanceKm !== null && distanceKm > limit;
  },
  // A school in a category of concern (Inadequate, or a report card with safeguarding not
  // met or urgent improvement) needs its own people: domain/inspection.ts mustNotLendReason.
  HOME_SCHOOL_INADEQUATE: (_need, supporter) => mustNotLendStaff(supporter.homeAcademy),
  SAFEGUARDING_EXPIRED: (_need, supporter, now) =>
    supporter.safeguardingCheckExpiresOn !== null && supporter.safeguardingCheckExpiresOn.getTime() < now.getTime(),
  ALREADY_SUPPORTING: (need, supporter) => supporter.supportingNeedIds.includes(need.id),
  NOT_AVAILABLE_IN_WINDOW: (need, supporter) => !availableForNeed(supporter.availability, { start: need.windowStart, end: need.windowEnd }),
  HOME_SCHOOL_CLOSED: (_need, supporter) => supporter.homeAcademy.closed === true,
};

/** The checks in contract order, so the first failure found is the one counted. */
const ORDERED_CHECKS: readonly [ExclusionReason, Check][] = EXCLUSION_REASONS.map((r) => [r, CHECKS[r]]);

/**
 * The first hard constraint (in EXCLUSION_REASONS order) the supporter fails for this
 * need, or null when they may be ranked. Pass `distanceKm` when already computed.
 */
export function firstExclusionReason(
  need: NeedProfile,
  supporter: SupporterProfile,
  now: Date,
  config: RankingConfig = DEFAULT_RANKING_CONFIG,
  distanceKm: number | null = academyDistanceKm(need.academy, supporter.homeAcademy),
): ExclusionReason | null {
  return screen(need, supporter, now.getTime(), requiredDays(need, config), config, distanceKm);
}

/**
 * The same rules as CHECKS, written out in EXCLUSION_REASONS order without closures: this
 * runs for every (need, supporter) pair of a national ranking, tens of thousands of times a
 * request. The constraint tests hold it to an independent restatement of the rules.
 */
function screen(
  need: NeedProfile,
  supporter: SupporterProfile,
  nowMs: number,
  required: number,
  config: RankingConfig,
  distanceKm: number | null,
): ExclusionReason | null {
  let hasArea = false;
  for (const entry of supporter.expertise) {
    if (entry.area === need.area) {
      hasArea = true;
      break;
    }
  }
  if (!hasArea) return 'NO_MATCHING_EXPERTISE';
  const days = supporter.remainingDays;
  if (!(days > 0) || days < required) return 'NO_CAPACITY';
  if (supporter.homeAcademy.id === need.academy.id) return 'SAME_SCHOOL';
  if (distanceKm !== null) {
    const limit = travelLimitKm(supporter, config);
    if (limit !== null && distanceKm > limit) return 'OUT_OF_TRAVEL_RANGE';
  }
  if (mustNotLendStaff(supporter.homeAcademy)) return 'HOME_SCHOOL_INADEQUATE';
  const expires = supporter.safeguardingCheckExpiresOn;
  if (expires !== null && expires.getTime() < nowMs) return 'SAFEGUARDING_EXPIRED';
  if (supporter.supportingNeedIds.length > 0 && supporter.supportingNeedIds.includes(need.id)) return 'ALREADY_SUPPORTING';
  if (supporter.availability.length > 0 && !availableForNeed(supporter.availability, { start: need.windowStart, end: need.windowEnd })) {
    return 'NOT_AVAILABLE_IN_WINDOW';
  }
  if (supporter.homeAcademy.closed === true) return 'HOME_SCHOOL_CLOSED';
  return null;
}

/** Every hard constraint the supporter fails, in EXCLUSION_REASONS order (for explanations). */
export function allExclusionReasons(
  need: NeedProfile,
  supporter: SupporterProfile,
  now: Date,
  config: RankingConfig = DEFAULT_RANKING_CONFIG,
  distanceKm: number | null = academyDistanceKm(need.academy, supporter.homeAcademy),
): ExclusionReason[] {
  return ORDERED_CHECKS.filter(([, check]) => check(need, supporter, now, config, distanceKm)).map(([reason]) => reason);
}

/** A count for every reason, all 0: the contract lists every reason even when none applied. */
export function emptyExclusionCounts(): ExclusionCounts {
  return Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as ExclusionCounts;
}
