// Ranking a pool loaded in advance, and counting everyone it left out, once.
//
// A national ranking does not load 50,000 staff: services load only the supporters who have
// the need's area and at least poolThreshold() days (an index, or the copies' groups, finds
// them), and count the others. The first two hard constraints in EXCLUSION_REASONS order are
// exactly those two conditions, so a supporter left out of the pool is one whose first
// reason is NO_MATCHING_EXPERTISE (no entry in the area) or NO_CAPACITY (too few days); the
// functions below turn the counts a service took into those exclusions, and add them to the
// ranking of the pool, so that the result is the one ranking everyone would give: every
// supporter counted once, under their first reason (tests/unit/ranking/pools.test.ts).
import { DEFAULT_RANKING_CONFIG, type RankingConfig } from './config';
import { requiredDays } from './constraints';
import type { ExclusionCounts, NeedProfile } from './types';

/** Exclusions of supporters left out of a pool, by the reason that would have ruled them out. */
export interface PrefilteredExclusions {
  NO_MATCHING_EXPERTISE: number;
  NO_CAPACITY: number;
}

/**
 * The fewest remaining days a supporter must have to be in a need's pool: fewer is always
 * NO_CAPACITY (no days at all, or fewer than the days the need requires).
 */
export function poolThreshold(need: Pick<NeedProfile, 'daysRequested' | 'daysCovered'>, config: RankingConfig = DEFAULT_RANKING_CONFIG): number {
  return Math.max(requiredDays(need, config), 1);
}

/**
 * Staff left out of a pool: of `population` people, `withArea` have an entry in the need's
 * area, and of those `withDays` have at least the pool threshold.
 */
export function staffLeftOut(counts: { population: number; withArea: number; withDays: number }): PrefilteredExclusions {
  return { NO_MATCHING_EXPERTISE: counts.population - counts.withArea, NO_CAPACITY: counts.withArea - counts.withDays };
}

/**
 * Academies offering support left out of a pool. An academy's expertise is its staff's, so
 * only those with the days were loaded (`withDays`, of which `withExpertise` have the area).
 * Of the `offering - withDays` lacking days, the service counts those with someone in the
 * area (`lackingDaysWithArea`): NO_CAPACITY is their first reason; the others have no
 * expertise in the area, which comes first.
 */
export function academiesLeftOut(counts: { offering: number; withDays: number; withExpertise: number; lackingDaysWithArea: number }): PrefilteredExclusions {
  const lackingDays = counts.offering - counts.withDays;
  return {
    NO_MATCHING_EXPERTISE: counts.withDays - counts.withExpertise + (lackingDays - counts.lackingDaysWithArea),
    NO_CAPACITY: counts.lackingDaysWithArea,
  };
}

/**
 * Needs left out when ranking needs for a supporter: of `open` open needs, `inAreas` are in
 * an area the supporter lists; the rest fail NO_MATCHING_EXPERTISE first.
 */
export function needsLeftOut(counts: { open: number; inAreas: number }): PrefilteredExclusions {
  return { NO_MATCHING_EXPERTISE: counts.open - counts.inAreas, NO_CAPACITY: 0 };
}

/** The ranking of a pool, with the supporters (or needs) left out of it added to its counts. */
export function withLeftOut<R extends { exclusions: ExclusionCounts; consideredCount: number }>(result: R, leftOut: PrefilteredExclusions): R {
  result.exclusions.NO_MATCHING_EXPERTISE += leftOut.NO_MATCHING_EXPERTISE;
  result.exclusions.NO_CAPACITY += leftOut.NO_CAPACITY;
  result.consideredCount += leftOut.NO_MATCHING_EXPERTISE + leftOut.NO_CAPACITY;
  return result;
}
