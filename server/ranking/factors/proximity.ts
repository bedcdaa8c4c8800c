// Proximity: the strongest trusts work in "tight, usually local networks" (Ofsted 2016).
// scale / (scale + d) rather than exp(-d / scale): it falls as steeply near home but keeps
// distant candidates distinguishable instead of flattening them all to ~0.
import type { RankingConfig } from '../config';
import { clamp01, formatNumber } from '../numbers';
import type { Factor, FitInput } from './factor';

const known = (d: number | null): d is number => d !== null && Number.isFinite(d);

export function proximityValue(distanceKm: number | null, config: RankingConfig): number {
  if (!known(distanceKm)) return clamp01(config.proximity.unknownValue);
  return clamp01(config.proximity.scaleKm / (config.proximity.scaleKm + Math.max(0, distanceKm)));
}

export function proximityDetail(distanceKm: number | null, config: RankingConfig): string {
  if (!known(distanceKm)) return 'distance unknown (a location is missing): neutral value';
  return `${formatNumber(Math.max(0, distanceKm))} km away (half value at ${formatNumber(config.proximity.scaleKm)} km)`;
}

export const proximity: Factor<FitInput> = {
  name: 'proximity',
  value: ({ distanceKm, config }) => proximityValue(distanceKm, config),
  detail: ({ distanceKm, config }) => proximityDetail(distanceKm, config),
};
