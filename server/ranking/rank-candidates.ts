// Direction 1: for one need, rank candidate supporters (staff, or academies as a whole).
import { DEFAULT_RANKING_CONFIG } from './config';
import { type PairHints, rankPairs, rankPairsByFullScoring, type RankOptions } from './rank-pairs';
import { candidateBounds } from './pool-bounds';
import { requiredDays } from './constraints';
import { hasNoTravelLimit, screenFacts, screenIndexed } from './screen-index';
import { candidateModel } from './score';
import { splitByTravel, type TravelIndex } from './travel-index';
import type { CandidateRankingResult, NeedProfile, SupporterProfile } from './types';

export type { RankOptions } from './rank-pairs';

/**
 * Every supporter is either excluded (counted once, under its first failing hard
 * constraint) or eligible and scored. Eligible ones are ordered by score, ties broken by
 * kind then id, and the first `first` returned, explained, with ranks 1..n.
 */
export function rankCandidatesForNeed(
  need: NeedProfile,
  supporters: readonly SupporterProfile[],
  options: RankOptions,
): CandidateRankingResult {
  return rankCandidatesWith(rankPairs, need, supporters, options);
}

/** The same ranking with every eligible candidate scored in full: the reference the optimised paths are tested against. */
export function rankCandidatesByFullScoring(need: NeedProfile, supporters: readonly SupporterProfile[], options: RankOptions): CandidateRankingResult {
  return rankCandidatesWith(rankPairsByFullScoring, need, supporters, options);
}

function rankCandidatesWith(
  pairRanker: typeof rankPairs,
  need: NeedProfile,
  supporters: readonly SupporterProfile[],
  options: RankOptions,
  hints?: PairHints,
): CandidateRankingResult {
  const config = options.config ?? DEFAULT_RANKING_CONFIG;
  const { ranked, ...counts } = pairRanker(
    { need, supporters },
    candidateModel(config),
    (input) => [input.supporter.kind, input.supporter.id],
    config,
    options,
    hints,
  );
  return {
    candidates: ranked.map(({ rank, input, score, factors }) => ({ rank, supporter: input.supporter, score, factors, distanceKm: input.distanceKm })),
    ...counts,
  };
}

/**
 * The same ranking as rankCandidatesForNeed(need, index.supporters, options), without
 * measuring the distance to the many a travel limit surely rules out (travel-index.ts):
 * they are counted, and everyone else is screened and scored exactly as there, pruned with
 * the pool's tighter bounds (pool-bounds.ts).
 */
export function rankCandidatesIndexed(need: NeedProfile, index: TravelIndex, options: RankOptions): CandidateRankingResult {
  const split = splitByTravel(need, index, options.config ?? DEFAULT_RANKING_CONFIG);
  if (split === null) return rankCandidatesForNeed(need, index.supporters, options);
  // The split checked the need is in the index's area, with its configuration: the pool's
  // need-free bounds apply (pool-bounds.ts).
  const bounds = candidateBounds(index);
  const otherBounds = new Float64Array(split.restIndices.length);
  for (let j = 0; j < otherBounds.length; j += 1) otherBounds[j] = bounds[split.restIndices[j]!]!;
  // The candidate model's factors ignore the distance but for proximity, which never grows
  // with it (factors/proximity.ts): the split's straight-line floors may stand in for it.
  // The constraints from the pool's arrays (screen-index.ts): the same rules, read faster.
  const facts = screenFacts(index);
  const { restIndices } = split;
  const nowMs = options.now.getTime();
  const required = requiredDays(need, options.config ?? DEFAULT_RANKING_CONFIG);
  const result = rankCandidatesWith(rankPairs, need, split.rest, options, {
    otherBounds,
    distanceFloors: split.distanceFloors,
    screen: (j, distanceKm) => screenIndexed(index, facts, restIndices[j]!, need, nowMs, required, distanceKm),
    withoutTravelLimit: (j) => hasNoTravelLimit(facts, restIndices[j]!),
  });
  result.exclusions.OUT_OF_TRAVEL_RANGE += split.outOfRange;
  result.consideredCount += split.outOfRange;
  return result;
}
