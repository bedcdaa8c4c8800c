// Direction 1: for one need, rank candidate supporters (staff, or academies as a whole).
import { DEFAULT_RANKING_CONFIG } from './config';
import { rankPairs, type RankOptions } from './rank-pairs';
import { candidateModel } from './score';
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
  const config = options.config ?? DEFAULT_RANKING_CONFIG;
  const { ranked, ...counts } = rankPairs(
    { need, supporters },
    candidateModel(config),
    (input) => [input.supporter.kind, input.supporter.id],
    config,
    options,
  );
  return {
    candidates: ranked.map(({ rank, input, score, factors }) => ({ rank, supporter: input.supporter, score, factors, distanceKm: input.distanceKm })),
    ...counts,
  };
}
