// The loop both ranking directions share: screen each (need, supporter) pair with the hard
// constraints (counting exclusions once, under the first reason), score the eligible ones,
// order them deterministically, and explain only those returned.
import type { RankingConfig } from './config';
import { emptyExclusionCounts, firstExclusionReason } from './constraints';
import type { FitInput } from './factors/factor';
import { academyDistanceKm } from './geo';
import { byScoreThenKeys, resultLimit } from './order';
import { explain, scoreOf, type WeightedFactor } from './score';
import type { ExclusionCounts, NeedProfile, ScoreFactor, SupporterProfile } from './types';

export interface RankOptions {
  now: Date;
  /** How many ranked results to return; counts always cover everyone. */
  first: number;
  config?: RankingConfig;
}

export interface RankedPair {
  rank: number;
  input: FitInput;
  score: number;
  factors: ScoreFactor[];
}

export interface PairRanking {
  ranked: RankedPair[];
  eligibleCount: number;
  consideredCount: number;
  exclusions: ExclusionCounts;
}

interface Eligible {
  input: FitInput;
  score: number;
}

/** The pairs to rank: one need against many supporters, or one supporter against many needs. */
export type PairSource = { need: NeedProfile; supporters: readonly SupporterProfile[] } | { supporter: SupporterProfile; needs: readonly NeedProfile[] };

export function rankPairs(
  pairs: PairSource,
  model: readonly WeightedFactor<FitInput>[],
  tieBreakKeys: (input: FitInput) => readonly string[],
  config: RankingConfig,
  options: RankOptions,
): PairRanking {
  const exclusions = emptyExclusionCounts();
  const eligible: Eligible[] = [];
  let excludedCount = 0;
  // Indexed rather than a list of pair objects: a national ranking pairs one need with
  // thousands of supporters, and the pairs need not exist to be screened.
  const count = 'supporters' in pairs ? pairs.supporters.length : pairs.needs.length;
  for (let i = 0; i < count; i += 1) {
    const need = 'need' in pairs ? pairs.need : pairs.needs[i]!;
    const supporter = 'supporter' in pairs ? pairs.supporter : pairs.supporters[i]!;
    const distanceKm = academyDistanceKm(need.academy, supporter.homeAcademy);
    const reason = firstExclusionReason(need, supporter, options.now, config, distanceKm);
    if (reason !== null) {
      exclusions[reason] += 1;
      excludedCount += 1;
      continue;
    }
    const input: FitInput = { need, supporter, distanceKm, now: options.now, config };
    eligible.push({ input, score: scoreOf(model, input) });
  }
  const order = byScoreThenKeys<Eligible>((e) => e.score, (e) => tieBreakKeys(e.input));
  return {
    ranked: firstInOrder(eligible, order, resultLimit(options.first)).map(({ input, score }, i) => ({ rank: i + 1, input, score, factors: explain(model, input) })),
    eligibleCount: eligible.length,
    consideredCount: eligible.length + excludedCount,
    exclusions,
  };
}

/**
 * The first `limit` items in `order`: the same as sorting and slicing (the order is total:
 * ties end in the supporter's or need's id), but a national ranking keeps 10 of thousands,
 * so it keeps a small sorted buffer rather than sorting everything.
 */
export function firstInOrder<T>(items: readonly T[], order: (a: T, b: T) => number, limit: number): T[] {
  if (limit >= items.length / 4) return [...items].sort(order).slice(0, limit);
  const top: T[] = [];
  if (limit <= 0) return top;
  for (const item of items) {
    if (top.length === limit && order(item, top[limit - 1]!) >= 0) continue;
    // Binary search for the first buffered item that comes after this one.
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(top[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    if (top.length > limit) top.pop();
  }
  return top;
}
