// The loop both ranking directions share: screen each (need, supporter) pair with the hard
// constraints (counting exclusions once, under the first reason), score the eligible ones,
// order them deterministically, and explain only those returned.
import type { RankingConfig } from './config';
import { emptyExclusionCounts, firstExclusionReason, travelLimitKm } from './constraints';
import type { FitInput } from './factors/factor';
import { academyDistanceKm } from './geo';
import { byScoreThenKeys, resultLimit } from './order';
import { clamp01 } from './numbers';
import { explain, scoreOf, type WeightedFactor } from './score';
import type { ExclusionReason } from '../domain/enums';
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

/**
 * The straightforward loop, kept as the reference the optimised one is held to
 * (tests/unit/ranking/pruned-equivalence.test.ts, tests/api/ranking-equivalence.test.ts):
 * every eligible pair fully scored, then the top selected.
 */
export function rankPairsByFullScoring(
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
 * Far more than the rounding difference between summing the same contributions in two
 * orders (about 1e-16 here), so a bound never undercuts the exact score.
 */
const BOUND_MARGIN = 1e-9;

/**
 * Factors cheap to evaluate once the pair is screened (the distance is known by then): they
 * are computed first for the bound. Any other factor counts at its full weight in the bound
 * (every value is clamped to [0, 1]), so a name missing here only prunes less.
 */
export const CHEAP_FACTORS: ReadonlySet<string> = new Set(['proximity', 'network', 'context', 'severity', 'disadvantage', 'ofstedRating', 'waitingTime']);

interface Contender {
  input: FitInput;
  score: number;
}

/** What the caller knows of the pairs beforehand, to prune more cheaply. Each per pair, in the same order. */
export interface PairHints {
  /**
   * An upper bound on the weighted sum of the model's factors other than CHEAP_FACTORS
   * (pool-bounds.ts); without it they count at their full weight.
   */
  otherBounds?: Float64Array;
  /**
   * A distance in km never more than the pair's great-circle distance, or NaN for none
   * (travel-index.ts, from the straight line between the schools). Only for a model whose
   * factors either ignore the distance or never grow with it (the candidate model: proximity,
   * factors/proximity.ts). A supporter without a travel limit is screened without the
   * distance (no rule reads it then), so their bound is taken at this distance and the
   * distance itself measured only when the bound reaches the top: most such people live far
   * from the need and are counted and passed over without it.
   */
  distanceFloors?: ArrayLike<number>;
  /**
   * The pair's first failing hard constraint, as firstExclusionReason gives it, from facts
   * the caller keeps per pool (screen-index.ts); and whether the pair's supporter has no
   * travel limit (for distanceFloors). Both by the pair's place.
   */
  screen?: (i: number, distanceKm: number | null) => ExclusionReason | null;
  withoutTravelLimit?: (i: number) => boolean;
}

/**
 * The ranking rankPairsByFullScoring gives, scoring in full only the pairs that can still
 * reach the top `first`. Every pair is screened (the counts stay exact); an eligible pair
 * is scored in full only when an upper bound on its score (its cheap factors exactly, the
 * others at their full weight) reaches the lowest score kept so far. Exact scores are
 * computed as there (scoreOf, in model order), so scores and ties are bit for bit the same.
 */
export function rankPairs(
  pairs: PairSource,
  model: readonly WeightedFactor<FitInput>[],
  tieBreakKeys: (input: FitInput) => readonly string[],
  config: RankingConfig,
  options: RankOptions,
  hints: PairHints = {},
): PairRanking {
  const limit = resultLimit(options.first);
  const count = 'supporters' in pairs ? pairs.supporters.length : pairs.needs.length;
  // Returning a large share of everything: nothing to prune.
  if (limit >= count / 4) return rankPairsByFullScoring(pairs, model, tieBreakKeys, config, options);
  const cheap = model.filter((f) => CHEAP_FACTORS.has(f.factor.name));
  let otherWeights = 0;
  for (const f of model) if (!CHEAP_FACTORS.has(f.factor.name)) otherWeights += f.weight;
  const order = byScoreThenKeys<Contender>((e) => e.score, (e) => tieBreakKeys(e.input));

  const exclusions = emptyExclusionCounts();
  const top: Contender[] = [];
  let eligibleCount = 0;
  let excludedCount = 0;
  const { otherBounds, distanceFloors, screen, withoutTravelLimit } = hints;
  // The bound's input: factors are pure and keep nothing, so one object serves every pair;
  // a pair that may reach the top gets its own.
  const probe: FitInput = { need: undefined as unknown as NeedProfile, supporter: undefined as unknown as SupporterProfile, distanceKm: null, now: options.now, config };
  for (let i = 0; i < count; i += 1) {
    const need = 'need' in pairs ? pairs.need : pairs.needs[i]!;
    const supporter = 'supporter' in pairs ? pairs.supporter : pairs.supporters[i]!;
    // No rule reads the distance of a supporter without a travel limit (constraints.ts): with
    // a floor for it, it is measured only if the pair may reach the top.
    const floor = distanceFloors ? distanceFloors[i]! : Number.NaN;
    const deferred = floor === floor && (withoutTravelLimit ? withoutTravelLimit(i) : travelLimitKm(supporter, config) === null);
    let distanceKm = deferred ? null : academyDistanceKm(need.academy, supporter.homeAcademy);
    const reason = screen ? screen(i, distanceKm) : firstExclusionReason(need, supporter, options.now, config, distanceKm);
    if (reason !== null) {
      exclusions[reason] += 1;
      excludedCount += 1;
      continue;
    }
    eligibleCount += 1;
    if (limit === 0) continue;
    if (top.length === limit) {
      probe.need = need;
      probe.supporter = supporter;
      probe.distanceKm = deferred ? floor : distanceKm;
      let bound = (otherBounds ? otherBounds[i]! : otherWeights) + BOUND_MARGIN;
      for (const { factor, weight } of cheap) bound += weight * clamp01(factor.value(probe));
      if (bound < top[limit - 1]!.score) continue;
    }
    if (deferred) distanceKm = academyDistanceKm(need.academy, supporter.homeAcademy);
    const input: FitInput = { need, supporter, distanceKm, now: options.now, config };
    const contender = { input, score: scoreOf(model, input) };
    if (top.length === limit && order(contender, top[limit - 1]!) >= 0) continue;
    insertInOrder(top, contender, order, limit);
  }
  return {
    ranked: top.map(({ input, score }, i) => ({ rank: i + 1, input, score, factors: explain(model, input) })),
    eligibleCount,
    consideredCount: eligibleCount + excludedCount,
    exclusions,
  };
}

/** Insert into a sorted buffer of at most `limit` items, dropping the last beyond it. */
function insertInOrder<T>(top: T[], item: T, order: (a: T, b: T) => number, limit: number): void {
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
