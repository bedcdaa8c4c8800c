// The inspection a ranking rule goes by, and what it contributes to a need's priority.
// Pure: the inspection arrives as plain data on the academy profile (types.ts).
import {
  type LatestInspection,
  mustNotLendReason,
  REPORT_CARD_GRADE_LABELS,
  REPORT_CARD_GRADES,
  type ReportCard,
  inspectionLabel,
} from '../domain/inspection';
import type { RankingConfig } from './config';
import { formatNumber } from './numbers';
import type { AcademyProfile } from './types';

/** The profile's latest inspection; a profile without one goes by its single-word judgement, undated. */
export function inspectionOf(academy: Pick<AcademyProfile, 'ofstedRating' | 'inspection'>): LatestInspection {
  return academy.inspection ?? { kind: 'JUDGEMENT', rating: academy.ofstedRating, inspectedOn: null };
}

/** The home-school rule: true when the school's latest inspection puts it in a category of concern. */
export function mustNotLendStaff(academy: Pick<AcademyProfile, 'ofstedRating' | 'inspection'>): boolean {
  // The hot path of every ranking: an academy without an inspection record is the old rule.
  if (academy.inspection === undefined) return academy.ofstedRating === 'INADEQUATE';
  return mustNotLendReason(academy.inspection) !== null;
}

/** Mean of the area grades' values; empty grades (never stored so) count as the expected standard. */
function reportCardMean(card: ReportCard, config: RankingConfig): number {
  const values = config.priority.reportCardGradeValues;
  if (!card.grades.length) return values.EXPECTED_STANDARD;
  return card.grades.reduce((sum, g) => sum + values[g.grade], 0) / card.grades.length;
}

/** The priority component's value in [0, 1] for the inspection (before clamping). */
export function inspectionPriorityValue(inspection: LatestInspection, config: RankingConfig): number {
  if (inspection.kind === 'JUDGEMENT') return config.priority.ofstedValues[inspection.rating];
  if (mustNotLendReason(inspection) !== null) return config.priority.categoryOfConcernValue;
  return reportCardMean(inspection, config);
}

/** "Ofsted report card, 12 Mar 2026: safeguarding met; mean of 6 area grades (...)". */
export function inspectionPriorityDetail(inspection: LatestInspection, config: RankingConfig): string {
  const label = inspectionLabel(inspection);
  if (inspection.kind === 'JUDGEMENT') return label;
  const concern = mustNotLendReason(inspection);
  if (concern !== null) return `${label}: category of concern (${concern}), full weight`;
  const counts = REPORT_CARD_GRADES.map((grade) => [grade, inspection.grades.filter((g) => g.grade === grade).length] as const)
    .filter(([, n]) => n > 0)
    .map(([grade, n]) => `${n} ${REPORT_CARD_GRADE_LABELS[grade]}`);
  const mean = formatNumber(reportCardMean(inspection, config), 2);
  return `${label}: safeguarding met; mean of ${inspection.grades.length} area grades (${counts.join(', ')}) = ${mean}`;
}
