// Turning factor values into an explained score: each factor is weight * value, and the
// score is the sum of exactly those contributions, so every score adds up on screen.
// Scores are computed for everyone; explanations only for the results returned.
import { CANDIDATE_FACTOR_NAMES, NEED_FIT_FACTOR_NAMES, type CandidateFactorName, type RankingConfig } from './config';
import { context } from './factors/context';
import { expertiseFit } from './factors/expertise-fit';
import type { Factor, FitInput } from './factors/factor';
import { network } from './factors/network';
import { proximity } from './factors/proximity';
import { sustainability } from './factors/sustainability';
import { trackRecord } from './factors/track-record';
import { clamp01 } from './numbers';
import type { NeedProfile, ScoreFactor, SupporterProfile } from './types';

export interface Scored {
  score: number;
  factors: ScoreFactor[];
}

export interface WeightedFactor<I> {
  factor: Factor<I>;
  weight: number;
}

export const CANDIDATE_FACTORS: Readonly<Record<CandidateFactorName, Factor<FitInput>>> = {
  expertiseFit,
  trackRecord,
  proximity,
  network,
  sustainability,
  context,
};

/**
 * Weights of `names` scaled to sum to `share`. Defaults already sum to 1 and are used as
 * they are (dividing by a sum of 0.9999999999999999 would print 0.30000000000000004).
 */
export function normalisedWeights<K extends string>(
  weights: Readonly<Record<K, number>>,
  names: readonly K[],
  share = 1,
): Record<K, number> {
  const sum = names.reduce((total, name) => total + Math.max(0, weights[name]), 0);
  const scale = Math.abs(sum - 1) < 1e-9 ? share : sum > 0 ? share / sum : 0;
  return Object.fromEntries(names.map((name) => [name, Math.max(0, weights[name]) * scale])) as Record<K, number>;
}

/**
 * The score: the sum of weight * value in model order. `explain` lists the very same
 * products in the same order, so its contributions add up to exactly this number.
 */
export function scoreOf<I>(model: readonly WeightedFactor<I>[], input: I): number {
  let score = 0;
  for (const { factor, weight } of model) score += weight * clamp01(factor.value(input));
  return score;
}

export function explain<I>(model: readonly WeightedFactor<I>[], input: I): ScoreFactor[] {
  return model.map(({ factor, weight }) => {
    const value = clamp01(factor.value(input));
    return { name: factor.name, weight, value, contribution: weight * value, detail: factor.detail(input) };
  });
}

/** The sum of a factor list's contributions, in list order. */
export function totalOf(factors: readonly ScoreFactor[]): number {
  let total = 0;
  for (const f of factors) total += f.contribution;
  return total;
}

/** Candidate factors with normalised weights: build once per ranking, not per candidate. */
export function candidateModel(config: RankingConfig): WeightedFactor<FitInput>[] {
  const weights = normalisedWeights(config.candidateWeights, CANDIDATE_FACTOR_NAMES);
  return CANDIDATE_FACTOR_NAMES.map((name) => ({ factor: CANDIDATE_FACTORS[name], weight: weights[name] }));
}

/** The fit factors used when ranking needs (no context), weights scaled to `share`. */
export function needFitModel(config: RankingConfig, share: number): WeightedFactor<FitInput>[] {
  const weights = normalisedWeights(config.candidateWeights, NEED_FIT_FACTOR_NAMES, share);
  return NEED_FIT_FACTOR_NAMES.map((name) => ({ factor: CANDIDATE_FACTORS[name], weight: weights[name] }));
}

/** One (eligible) supporter's explained score for one need. Hard constraints are checked elsewhere. */
export function scoreCandidate(
  need: NeedProfile,
  supporter: SupporterProfile,
  distanceKm: number | null,
  now: Date,
  config: RankingConfig,
): Scored {
  const model = candidateModel(config);
  const input: FitInput = { need, supporter, distanceKm, now, config };
  return { score: scoreOf(model, input), factors: explain(model, input) };
}
