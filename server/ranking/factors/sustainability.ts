// Home-school sustainability: do not fix one school by weakening another. Penalise drawing
// from a home school that is itself Requires Improvement (or whose latest report card has an
// area needing attention), and (more) from one with an open
// high-severity need in the very area the person would be supporting.
import { areasNeedingAttention, inspectionLabel, mustNotLendReason, REPORT_CARD_AREA_LABELS } from '../../domain/inspection';
import type { ExpertiseArea } from '../../domain/taxonomy';
import type { RankingConfig } from '../config';
import { inspectionOf, mustNotLendStaff } from '../inspection';
import { clamp01 } from '../numbers';
import type { SupporterProfile } from '../types';
import { areaLabel, type Factor, type FitInput } from './factor';

type Home = Pick<SupporterProfile, 'homeAcademy' | 'homeOpenHighSeverityAreas'>;

export function sustainabilityValue(area: ExpertiseArea, supporter: Home, config: RankingConfig): number {
  const home = supporter.homeAcademy;
  // Normally excluded by a hard constraint; scored as fully unsustainable if ever asked.
  if (mustNotLendStaff(home)) return 0;
  let value = 1;
  if (hasLittleSlack(home)) value -= config.sustainability.requiresImprovementPenalty;
  if (supporter.homeOpenHighSeverityAreas.includes(area)) value -= config.sustainability.openHighSeverityNeedPenalty;
  return clamp01(value);
}

/**
 * Less slack to release staff: a Requires Improvement judgement, or (its report-card
 * counterpart, not its equal) a latest report card with any area needing attention.
 */
function hasLittleSlack(home: Home['homeAcademy']): boolean {
  if (home.inspection === undefined) return home.ofstedRating === 'REQUIRES_IMPROVEMENT';
  return home.inspection.kind === 'JUDGEMENT' ? home.inspection.rating === 'REQUIRES_IMPROVEMENT' : areasNeedingAttention(home.inspection).length > 0;
}

export function sustainabilityDetail(area: ExpertiseArea, supporter: Home): string {
  const inspection = inspectionOf(supporter.homeAcademy);
  // Profiles from the database always carry their inspection, and the sentence names it; a
  // bare profile (no inspection record) keeps the sentence it always had.
  const source = supporter.homeAcademy.inspection ? ` (${inspectionLabel(inspection)})` : '';
  const concern = mustNotLendReason(inspection);
  if (concern !== null) return (inspection.kind === 'JUDGEMENT' ? 'home school is Inadequate' : `home school in a category of concern: ${concern}`) + source;
  const reasons: string[] = [];
  if (hasLittleSlack(supporter.homeAcademy)) {
    reasons.push(
      inspection.kind === 'JUDGEMENT'
        ? 'home school Requires Improvement'
        : `home school needs attention in ${areasNeedingAttention(inspection).map((a) => REPORT_CARD_AREA_LABELS[a]).join(', ')}`,
    );
  }
  if (supporter.homeOpenHighSeverityAreas.includes(area)) {
    reasons.push(`home school has its own open high-severity need in ${areaLabel(area)}`);
  }
  return (
    (reasons.length
      ? reasons.join('; ')
      : `home school can spare them (${inspection.kind === 'JUDGEMENT' ? 'not Requires Improvement' : 'no area needing attention'}, no open high-severity need in the area)`) + source
  );
}

export const sustainability: Factor<FitInput> = {
  name: 'sustainability',
  value: ({ need, supporter, config }) => sustainabilityValue(need.area, supporter, config),
  detail: ({ need, supporter }) => sustainabilityDetail(need.area, supporter),
};
