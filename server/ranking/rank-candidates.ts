// Direction 1: for one need, rank candidate supporters (staff, or academies as a whole).
import { DEFAULT_RANKING_CONFIG, type RankingConfig } from './config';
import { emptyExclusionCounts, firstExclusionReason } from './constraints';
import type { FitInput } from './factors/factor';
import { academyDistanceKm } from './geo';
import { byScoreThenKeys, resultLimit } from './order';
import { candidateModel, explain, scoreOf } from './score';
import type { CandidateRankingResult, NeedProfile, SupporterProfile } from './types';

export interface RankOptions {
  now: Date;
  /** How many ranked results to return; counts always cover everyone. */
  first: number;
  config?: RankingConfig;
}

interface Eligible {
  input: FitInput;
  score: number;
}

const candidateOrder = byScoreThenKeys<Eligible>(
  (c) => c.score,
  (c) => [c.input.supporter.kind, c.input.supporter.id],
);

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
  const model = candidateModel(config);
  const exclusions = emptyExclusionCounts();
  const eligible: Eligible[] = [];
  for (const supporter of supporters) {
    const distanceKm = academyDistanceKm(need.academy, supporter.homeAcademy);
    const reason = firstExclusionReason(need, supporter, options.now, config, distanceKm);
    if (reason !== null) {
      exclusions[reason] += 1;
      continue;
    }
    const input: FitInput = { need, supporter, distanceKm, now: options.now, config };
    eligible.push({ input, score: scoreOf(model, input) });
  }
  eligible.sort(candidateOrder);
  let excludedCount = 0;
  for (const count of Object.values(exclusions)) excludedCount += count;
  return {
    candidates: eligible.slice(0, resultLimit(options.first)).map(({ input, score }, i) => ({
      rank: i + 1,
      supporter: input.supporter,
      score,
      factors: explain(model, input),
      distanceKm: input.distanceKm,
    })),
    eligibleCount: eligible.length,
    consideredCount: eligible.length + excludedCount,
    exclusions,
  };
}
