// Track record: staff who "know the impact of their work and can name it" (DfE RSC 2015).
// Mean impact of completed deployments in the area, smoothed toward a prior, so a newcomer
// is not zero and one lucky result is not everything: (prior*k + sum) / (k + n).
import type { ExpertiseArea } from '../../domain/taxonomy';
import type { RankingConfig } from '../config';
import { clamp01, formatNumber } from '../numbers';
import type { ImpactRecord } from '../types';
import { areaLabel, type Factor, type FitInput } from './factor';

/** Impact rating 1..4 mapped onto [0, 1]: 1 -> 0, 4 -> 1. */
export function normalisedImpact(rating: number): number {
  return clamp01((rating - 1) / 3);
}

const counts = (r: ImpactRecord, area: ExpertiseArea): boolean => r.area === area && Number.isFinite(r.impactRating);

export function trackRecordValue(area: ExpertiseArea, records: readonly ImpactRecord[], config: RankingConfig): number {
  const { prior, priorStrength: k } = config.trackRecord;
  let n = 0;
  let sum = 0;
  for (const r of records) {
    if (!counts(r, area)) continue;
    n += 1;
    sum += normalisedImpact(r.impactRating);
  }
  return clamp01((prior * k + sum) / (k + n));
}

export function trackRecordDetail(area: ExpertiseArea, records: readonly ImpactRecord[], config: RankingConfig): string {
  const prior = formatNumber(config.trackRecord.prior, 2);
  const ratings = records.filter((r) => counts(r, area)).map((r) => r.impactRating);
  const n = ratings.length;
  if (n === 0) return `no completed deployments in ${areaLabel(area)} yet: prior ${prior}`;
  const mean = ratings.reduce((a, b) => a + b, 0) / n;
  return `${n} completed deployment${n === 1 ? '' : 's'} in ${areaLabel(area)}, mean impact ${formatNumber(mean)}/4 (smoothed toward ${prior})`;
}

export const trackRecord: Factor<FitInput> = {
  name: 'trackRecord',
  value: ({ need, supporter, config }) => trackRecordValue(need.area, supporter.trackRecord, config),
  detail: ({ need, supporter, config }) => trackRecordDetail(need.area, supporter.trackRecord, config),
};
