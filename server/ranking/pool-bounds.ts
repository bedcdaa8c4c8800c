// What each supporter of a pool can at most score from the factors that need no distance,
// for any need in the pool's area: the part of rank-pairs.ts's bound that does not change
// from one need to the next, worked out once per pool instead of taken at full weight.
//
// Within one area, the track record and the home school's sustainability do not depend on
// the need at all (their value functions read only the need's area), so they enter the
// bound exactly; expertise fit depends on the need's phase only, and enters at its value
// with the best phase affinity. A factor not listed here enters at its full weight. The
// bound only decides who is scored in full: every returned score is computed as before.
import type { ExpertiseArea } from '../domain/taxonomy';
import type { RankingConfig } from './config';
import { expertiseFitUpperBound } from './factors/expertise-fit';
import { sustainabilityValue } from './factors/sustainability';
import { trackRecordValue } from './factors/track-record';
import { clamp01 } from './numbers';
import { CHEAP_FACTORS } from './rank-pairs';
import { candidateModel } from './score';
import type { TravelIndex } from './travel-index';
import type { SupporterProfile } from './types';

/** At least the factor's value (before clamping) for this supporter and any need in the area. */
type NeedFreeBound = (area: ExpertiseArea, supporter: SupporterProfile, config: RankingConfig) => number;

const NEED_FREE_BOUNDS: Readonly<Record<string, NeedFreeBound>> = {
  expertiseFit: expertiseFitUpperBound,
  trackRecord: (area, supporter, config) => trackRecordValue(area, supporter.trackRecord, config),
  sustainability: (area, supporter, config) => sustainabilityValue(area, supporter, config),
};

const memo = new WeakMap<TravelIndex, Float64Array>();

/**
 * Per supporter of the index (same order), an upper bound on the weighted sum of the
 * candidate model's factors that rank-pairs.ts does not evaluate per pair (all but
 * CHEAP_FACTORS), for any need in the index's area with the index's configuration.
 * Kept with the index (as long as its pool).
 */
export function candidateBounds(index: TravelIndex): Float64Array {
  let bounds = memo.get(index);
  if (!bounds) {
    const { area, config, supporters } = index;
    const factors = candidateModel(config).filter((f) => !CHEAP_FACTORS.has(f.factor.name));
    bounds = new Float64Array(supporters.length);
    for (let i = 0; i < supporters.length; i += 1) {
      let sum = 0;
      for (const { factor, weight } of factors) {
        const bound = NEED_FREE_BOUNDS[factor.name];
        sum += bound ? weight * clamp01(bound(area, supporters[i]!, config)) : weight;
      }
      bounds[i] = sum;
    }
    memo.set(index, bounds);
  }
  return bounds;
}
