// Ofsted inspection outcomes under both frameworks, as plain data every layer shares.
//
// Until November 2025 a state school got a single-word judgement (OfstedRating). Since then
// it gets a report card: each evaluation area graded on a five-point scale, and safeguarding
// met or not met. Ofsted says the new grades cannot be read as the old ones, so a report card
// is never turned into a judgement here: rules that used the judgement say what they do with
// a report card on their own terms (docs/ofsted-inspections.md).
import type { OfstedRating } from './enums';

/** Best first, as Ofsted lists them. */
export const REPORT_CARD_GRADES = ['EXCEPTIONAL', 'STRONG_STANDARD', 'EXPECTED_STANDARD', 'NEEDS_ATTENTION', 'URGENT_IMPROVEMENT'] as const;
export type ReportCardGrade = (typeof REPORT_CARD_GRADES)[number];

/** Areas every school is graded in, then the two graded only where a school has them. */
export const REPORT_CARD_AREAS = [
  'INCLUSION',
  'CURRICULUM_AND_TEACHING',
  'ACHIEVEMENT',
  'ATTENDANCE_AND_BEHAVIOUR',
  'PERSONAL_DEVELOPMENT_AND_WELLBEING',
  'LEADERSHIP_AND_GOVERNANCE',
  'EARLY_YEARS',
  'SIXTH_FORM',
] as const;
export type ReportCardArea = (typeof REPORT_CARD_AREAS)[number];
export const OPTIONAL_REPORT_CARD_AREAS: readonly ReportCardArea[] = ['EARLY_YEARS', 'SIXTH_FORM'];
export const REQUIRED_REPORT_CARD_AREAS: readonly ReportCardArea[] = REPORT_CARD_AREAS.filter((a) => !OPTIONAL_REPORT_CARD_AREAS.includes(a));

export const REPORT_CARD_AREA_LABELS: Readonly<Record<ReportCardArea, string>> = {
  INCLUSION: 'inclusion',
  CURRICULUM_AND_TEACHING: 'curriculum and teaching',
  ACHIEVEMENT: 'achievement',
  ATTENDANCE_AND_BEHAVIOUR: 'attendance and behaviour',
  PERSONAL_DEVELOPMENT_AND_WELLBEING: 'personal development and well-being',
  LEADERSHIP_AND_GOVERNANCE: 'leadership and governance',
  EARLY_YEARS: 'early years',
  SIXTH_FORM: 'sixth form',
};

export const REPORT_CARD_GRADE_LABELS: Readonly<Record<ReportCardGrade, string>> = {
  EXCEPTIONAL: 'exceptional',
  STRONG_STANDARD: 'strong standard',
  EXPECTED_STANDARD: 'expected standard',
  NEEDS_ATTENTION: 'needs attention',
  URGENT_IMPROVEMENT: 'urgent improvement',
};

export const SAFEGUARDING_OUTCOMES = ['MET', 'NOT_MET'] as const;
export type SafeguardingOutcome = (typeof SAFEGUARDING_OUTCOMES)[number];

export interface ReportCardAreaGrade {
  area: ReportCardArea;
  grade: ReportCardGrade;
}

export interface ReportCard {
  /** The inspection's first day (UTC midnight). */
  inspectedOn: Date;
  safeguarding: SafeguardingOutcome;
  /** One grade per area the school was graded in; early years and sixth form only where it has them. */
  grades: readonly ReportCardAreaGrade[];
}

export interface SingleWordJudgement {
  rating: OfstedRating;
  /** null when the date is not recorded (records from before inspection dates were kept). */
  inspectedOn: Date | null;
}

/** The inspection the rules go by: whichever of the two is the more recent. */
export type LatestInspection = ({ kind: 'JUDGEMENT' } & SingleWordJudgement) | ({ kind: 'REPORT_CARD' } & ReportCard);

/**
 * The more recent of the last judgement and the last report card. Report cards began in
 * November 2025, after every single-word judgement of a state school, so an undated
 * judgement is older than any report card; a tie goes to the report card (the newer framework).
 */
export function latestInspection(judgement: SingleWordJudgement, reportCard: ReportCard | null | undefined): LatestInspection {
  if (!reportCard) return { kind: 'JUDGEMENT', rating: judgement.rating, inspectedOn: judgement.inspectedOn };
  if (judgement.inspectedOn && judgement.rating !== 'NOT_INSPECTED' && judgement.inspectedOn.getTime() > reportCard.inspectedOn.getTime()) {
    return { kind: 'JUDGEMENT', rating: judgement.rating, inspectedOn: judgement.inspectedOn };
  }
  return { kind: 'REPORT_CARD', inspectedOn: reportCard.inspectedOn, safeguarding: reportCard.safeguarding, grades: reportCard.grades };
}

/**
 * Why a school must not lend its staff, or null when it may. A school Ofsted has put in a
 * category of concern needs its own people: under the old framework that was an Inadequate
 * judgement (serious weaknesses or special measures); under report cards it is safeguarding
 * not met, or urgent improvement in any area (in leadership and governance: special measures;
 * in another area: requires significant improvement).
 */
export function mustNotLendReason(inspection: LatestInspection): string | null {
  if (inspection.kind === 'JUDGEMENT') return inspection.rating === 'INADEQUATE' ? 'judged Inadequate' : null;
  if (inspection.safeguarding === 'NOT_MET') return 'safeguarding not met';
  const urgent = inspection.grades.filter((g) => g.grade === 'URGENT_IMPROVEMENT').map((g) => REPORT_CARD_AREA_LABELS[g.area]);
  return urgent.length ? `urgent improvement in ${urgent.join(', ')}` : null;
}

/**
 * Why a school is in a category of concern and by which inspection, in one phrase that sits
 * inside brackets without nesting more: "judged Inadequate; Ofsted judgement, 1 May 2019",
 * "judged Inadequate; Ofsted judgement, date not recorded", "safeguarding not met; Ofsted
 * report card, 12 Mar 2026". Null when the school may lend. The API's refusals and the web
 * app's notes both use it (LatestInspection.categoryOfConcern), so they read the same.
 */
export function categoryOfConcern(inspection: LatestInspection): string | null {
  const reason = mustNotLendReason(inspection);
  if (reason === null) return null;
  const when = inspection.inspectedOn ? formatInspectionDate(inspection.inspectedOn) : 'date not recorded';
  return `${reason}; Ofsted ${inspection.kind === 'REPORT_CARD' ? 'report card' : 'judgement'}, ${when}`;
}

/** Areas graded needs attention: less slack to release staff (the report-card counterpart of Requires Improvement's penalty). */
export function areasNeedingAttention(inspection: LatestInspection): ReportCardArea[] {
  return inspection.kind === 'REPORT_CARD' ? inspection.grades.filter((g) => g.grade === 'NEEDS_ATTENTION').map((g) => g.area) : [];
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "12 Mar 2026": dates in explanations, as people in English schools write them. */
export function formatInspectionDate(date: Date): string {
  return DATE_FORMAT.format(date);
}

/**
 * Names the inspection a rule used, for explanations: "Ofsted report card, 12 Mar 2026",
 * "Ofsted judgement GOOD, 1 May 2019", "Ofsted judgement GOOD (date not recorded)",
 * "not inspected by Ofsted".
 */
export function inspectionLabel(inspection: LatestInspection): string {
  if (inspection.kind === 'REPORT_CARD') return `Ofsted report card, ${formatInspectionDate(inspection.inspectedOn)}`;
  if (inspection.rating === 'NOT_INSPECTED') return 'not inspected by Ofsted';
  return inspection.inspectedOn
    ? `Ofsted judgement ${inspection.rating}, ${formatInspectionDate(inspection.inspectedOn)}`
    : `Ofsted judgement ${inspection.rating} (date not recorded)`;
}
