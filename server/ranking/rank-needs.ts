// Direction 2: for one supporter, rank the needs (and so the academies) they could go to.
// Score = fit (the candidate factors except context, weighted as for candidates) + the
// need's priority components, each its own factor. Disadvantage enters only through the
// priority's `disadvantage` factor, which is non-decreasing in fsmPercent, and nothing else
// depends on fsmPercent: a more disadvantaged school can only ever be pulled up.
import { DEFAULT_RANKING_CONFIG, type RankingConfig } from './config';
import type { FitInput } from './factors/factor';
import { priorityModel } from './priority';
import { rankPairs, rankPairsByFullScoring, type RankOptions } from './rank-pairs';
import { explain, needFitModel, normalisedWeights, scoreOf, type Scored, type WeightedFactor } from './score';
import type { NeedProfile, NeedRankingResult, SupporterProfile } from './types';

/**
 * Fit factors (weights scaled to fitShare) then priority components (scaled to
 * priorityShare); all weights together sum to 1. A FitInput carries everything a
 * priority component needs, so one input serves both.
 */
export function needRankingModel(config: RankingConfig): WeightedFactor<FitInput>[] {
  const shares = normalisedWeights(config.needRanking, ['fitShare', 'priorityShare']);
  return [...needFitModel(config, shares.fitShare), ...priorityModel(config, shares.priorityShare)];
}

/** The supporter's explained score for one (eligible) need: fit share plus priority share. */
export function scoreNeedForSupporter(
  need: NeedProfile,
  supporter: SupporterProfile,
  distanceKm: number | null,
  now: Date,
  config: RankingConfig,
): Scored {
  const model = needRankingModel(config);
  const input: FitInput = { need, supporter, distanceKm, now, config };
  return { score: scoreOf(model, input), factors: explain(model, input) };
}

/**
 * Same hard constraints as for candidates, counted the same way; eligible needs ordered by
 * score, ties broken by need id, the first `first` returned, explained, with ranks 1..n.
 */
export function rankNeedsForSupporter(
  supporter: SupporterProfile,
  needs: readonly NeedProfile[],
  options: RankOptions,
): NeedRankingResult {
  return rankNeedsWith(rankPairs, supporter, needs, options);
}

/** The same ranking with every eligible need scored in full: the reference the optimised path is tested against. */
export function rankNeedsByFullScoring(supporter: SupporterProfile, needs: readonly NeedProfile[], options: RankOptions): NeedRankingResult {
  return rankNeedsWith(rankPairsByFullScoring, supporter, needs, options);
}

function rankNeedsWith(
  pairRanker: typeof rankPairs,
  supporter: SupporterProfile,
  needs: readonly NeedProfile[],
  options: RankOptions,
): NeedRankingResult {
  const config = options.config ?? DEFAULT_RANKING_CONFIG;
  const { ranked, ...counts } = pairRanker(
    { supporter, needs },
    needRankingModel(config),
    (input) => [input.need.id],
    config,
    options,
  );
  return {
    needs: ranked.map(({ rank, input, score, factors }) => ({ rank, need: input.need, score, factors, distanceKm: input.distanceKm })),
    ...counts,
  };
}
