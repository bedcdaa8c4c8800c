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

export function rankPairs(
  pairs: Iterable<{ need: NeedProfile; supporter: SupporterProfile }>,
  model: readonly WeightedFactor<FitInput>[],
  tieBreakKeys: (input: FitInput) => readonly string[],
  config: RankingConfig,
  options: RankOptions,
): PairRanking {
  const exclusions = emptyExclusionCounts();
  const eligible: Eligible[] = [];
  let excludedCount = 0;
  for (const { need, supporter } of pairs) {
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
  eligible.sort(byScoreThenKeys<Eligible>((e) => e.score, (e) => tieBreakKeys(e.input)));
  return {
    ranked: eligible.slice(0, resultLimit(options.first)).map(({ input, score }, i) => ({ rank: i + 1, input, score, factors: explain(model, input) })),
    eligibleCount: eligible.length,
    consideredCount: eligible.length + excludedCount,
    exclusions,
  };
}
