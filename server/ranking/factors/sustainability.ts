// Home-school sustainability: do not fix one school by weakening another. Penalise drawing
// from a home school that is itself Requires Improvement, and (more) from one with an open
// high-severity need in the very area the person would be supporting.
import type { ExpertiseArea } from '../../domain/taxonomy';
import type { RankingConfig } from '../config';
import { clamp01 } from '../numbers';
import type { SupporterProfile } from '../types';
import { areaLabel, type Factor, type FitInput } from './factor';

type Home = Pick<SupporterProfile, 'homeAcademy' | 'homeOpenHighSeverityAreas'>;

export function sustainabilityValue(area: ExpertiseArea, supporter: Home, config: RankingConfig): number {
  const rating = supporter.homeAcademy.ofstedRating;
  // Normally excluded by a hard constraint; scored as fully unsustainable if ever asked.
  if (rating === 'INADEQUATE') return 0;
  let value = 1;
  if (rating === 'REQUIRES_IMPROVEMENT') value -= config.sustainability.requiresImprovementPenalty;
  if (supporter.homeOpenHighSeverityAreas.includes(area)) value -= config.sustainability.openHighSeverityNeedPenalty;
  return clamp01(value);
}

export function sustainabilityDetail(area: ExpertiseArea, supporter: Home): string {
  if (supporter.homeAcademy.ofstedRating === 'INADEQUATE') return 'home school is Inadequate';
  const reasons: string[] = [];
  if (supporter.homeAcademy.ofstedRating === 'REQUIRES_IMPROVEMENT') reasons.push('home school Requires Improvement');
  if (supporter.homeOpenHighSeverityAreas.includes(area)) {
    reasons.push(`home school has its own open high-severity need in ${areaLabel(area)}`);
  }
  return reasons.length
    ? reasons.join('; ')
    : 'home school can spare them (not Requires Improvement, no open high-severity need in the area)';
}

export const sustainability: Factor<FitInput> = {
  name: 'sustainability',
  value: ({ need, supporter, config }) => sustainabilityValue(need.area, supporter, config),
  detail: ({ need, supporter }) => sustainabilityDetail(need.area, supporter),
};
