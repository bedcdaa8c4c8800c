// Ofsted inspection outcomes under both frameworks (server/domain/inspection.ts): the last
// single-word judgement, the last report card, and which of the two the rules go by.
import {
  type LatestInspection,
  categoryOfConcern,
  latestInspection,
  inspectionLabel,
  mustNotLendReason,
  type ReportCard,
  REPORT_CARD_AREAS,
  REPORT_CARD_GRADES,
  type ReportCardAreaGrade,
  SAFEGUARDING_OUTCOMES,
  type SingleWordJudgement,
} from '../../server/domain/inspection';
import { recordOfstedReportCard } from '../../server/services/inspections';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { payloadType } from '../payloads';
import { AcademyRef, type AcademyShape } from '../refs';
import { OfstedRatingEnum } from './enums';

export const ReportCardGradeEnum = builder.enumType('ReportCardGrade', {
  description: 'A report-card grade for one evaluation area (Ofsted, from November 2025), best first. Not a single-word judgement under another name.',
  values: {
    EXCEPTIONAL: { value: REPORT_CARD_GRADES[0], description: 'Exceptional.' },
    STRONG_STANDARD: { value: REPORT_CARD_GRADES[1], description: 'Strong standard.' },
    EXPECTED_STANDARD: { value: REPORT_CARD_GRADES[2], description: 'Expected standard.' },
    NEEDS_ATTENTION: { value: REPORT_CARD_GRADES[3], description: 'Needs attention.' },
    URGENT_IMPROVEMENT: { value: REPORT_CARD_GRADES[4], description: 'Urgent improvement: the school is in a category of concern.' },
  } as const,
});

export const ReportCardAreaEnum = builder.enumType('ReportCardArea', {
  description: 'An evaluation area of an Ofsted report card. EARLY_YEARS and SIXTH_FORM are graded only where a school has them.',
  values: {
    INCLUSION: { value: REPORT_CARD_AREAS[0], description: 'Inclusion.' },
    CURRICULUM_AND_TEACHING: { value: REPORT_CARD_AREAS[1], description: 'Curriculum and teaching.' },
    ACHIEVEMENT: { value: REPORT_CARD_AREAS[2], description: 'Achievement.' },
    ATTENDANCE_AND_BEHAVIOUR: { value: REPORT_CARD_AREAS[3], description: 'Attendance and behaviour.' },
    PERSONAL_DEVELOPMENT_AND_WELLBEING: { value: REPORT_CARD_AREAS[4], description: 'Personal development and well-being.' },
    LEADERSHIP_AND_GOVERNANCE: { value: REPORT_CARD_AREAS[5], description: 'Leadership and governance.' },
    EARLY_YEARS: { value: REPORT_CARD_AREAS[6], description: 'Early years (where the school has it).' },
    SIXTH_FORM: { value: REPORT_CARD_AREAS[7], description: 'Sixth form (where the school has one).' },
  } as const,
});

export const SafeguardingOutcomeEnum = builder.enumType('SafeguardingOutcome', {
  description: 'Whether a report-card inspection found safeguarding standards met.',
  values: {
    MET: { value: SAFEGUARDING_OUTCOMES[0], description: 'Safeguarding standards met.' },
    NOT_MET: { value: SAFEGUARDING_OUTCOMES[1], description: 'Safeguarding standards not met: the school is in a category of concern.' },
  } as const,
});

export const InspectionFrameworkEnum = builder.enumType('InspectionFramework', {
  description: 'Which Ofsted framework an inspection outcome comes from.',
  values: {
    SINGLE_WORD_JUDGEMENT: { value: 'JUDGEMENT', description: 'A single-word overall effectiveness judgement (until November 2025).' },
    REPORT_CARD: { value: 'REPORT_CARD', description: 'A report card: a grade per evaluation area and a safeguarding outcome (from November 2025).' },
  } as const,
});

const OfstedJudgementType = builder.objectRef<SingleWordJudgement>('OfstedJudgement').implement({
  description: 'A single-word Ofsted judgement with its date: the old framework, kept as history once a report card is newer.',
  fields: (t) => ({
    rating: t.field({ type: OfstedRatingEnum, description: 'Overall effectiveness.', resolve: (j) => j.rating }),
    inspectedOn: t.field({ type: 'Date', nullable: true, description: 'When the inspection took place; null when not recorded.', resolve: (j) => j.inspectedOn }),
  }),
});

const ReportCardAreaGradeType = builder.objectRef<ReportCardAreaGrade>('ReportCardAreaGrade').implement({
  description: 'The grade one evaluation area received.',
  fields: (t) => ({
    area: t.field({ type: ReportCardAreaEnum, description: 'The evaluation area.', resolve: (g) => g.area }),
    grade: t.field({ type: ReportCardGradeEnum, description: 'Its grade.', resolve: (g) => g.grade }),
  }),
});

const OfstedReportCardType = builder.objectRef<ReportCard>('OfstedReportCard').implement({
  description: 'An Ofsted report card (from November 2025): a grade per evaluation area and the safeguarding outcome.',
  fields: (t) => ({
    inspectedOn: t.field({ type: 'Date', description: 'When the inspection began.', resolve: (c) => c.inspectedOn }),
    safeguarding: t.field({ type: SafeguardingOutcomeEnum, description: 'Whether safeguarding standards were met.', resolve: (c) => c.safeguarding }),
    grades: t.field({ type: [ReportCardAreaGradeType], description: 'One grade per area graded, in the order Ofsted lists the areas.', resolve: (c) => c.grades }),
  }),
});

const LatestInspectionType = builder.objectRef<LatestInspection>('LatestInspection').implement({
  description:
    'The inspection the service goes by for this school: whichever of the last judgement and the last report card is more recent. Need priority and the home-school rule use it (docs/ofsted-inspections.md).',
  fields: (t) => ({
    framework: t.field({ type: InspectionFrameworkEnum, description: 'Which framework it comes from.', resolve: (i) => i.kind }),
    inspectedOn: t.field({ type: 'Date', nullable: true, description: 'When it took place; null for an undated judgement or a school never inspected.', resolve: (i) => i.inspectedOn }),
    label: t.string({ description: 'How rankings name it, e.g. "Ofsted report card, 12 Mar 2026" or "Ofsted judgement GOOD, 1 May 2019".', resolve: (i) => inspectionLabel(i) }),
    judgement: t.field({ type: OfstedJudgementType, nullable: true, description: 'The judgement, when that is what it is.', resolve: (i) => (i.kind === 'JUDGEMENT' ? i : null) }),
    reportCard: t.field({ type: OfstedReportCardType, nullable: true, description: 'The report card, when that is what it is.', resolve: (i) => (i.kind === 'REPORT_CARD' ? i : null) }),
    mustNotLendStaff: t.boolean({
      description: 'Whether it puts the school in a category of concern, so its staff are not asked to support others (exclusion HOME_SCHOOL_INADEQUATE).',
      resolve: (i) => mustNotLendReason(i) !== null,
    }),
    categoryOfConcern: t.string({
      nullable: true,
      description:
        'Why the school is in a category of concern and by which inspection, in the words the service\'s refusals use (e.g. "judged Inadequate; Ofsted judgement, date not recorded", "safeguarding not met; Ofsted report card, 12 Mar 2026"); null when the school may lend staff.',
      resolve: (i) => categoryOfConcern(i),
    }),
    mustNotLendReason: t.string({ nullable: true, description: 'Why, in words (e.g. "safeguarding not met"); null when the school may lend staff.', resolve: (i) => mustNotLendReason(i) }),
  }),
});

export function judgementOf(a: AcademyShape): SingleWordJudgement | null {
  return a.ofstedRating === 'NOT_INSPECTED' ? null : { rating: a.ofstedRating, inspectedOn: a.ofstedJudgedOn ?? null };
}

export function reportCardOf(a: AcademyShape): ReportCard | null {
  const card = a.ofstedReportCard;
  return card ? { inspectedOn: card.inspectedOn, safeguarding: card.safeguarding, grades: card.grades.map((g) => ({ area: g.area, grade: g.grade })) } : null;
}

export function latestInspectionOf(a: AcademyShape): LatestInspection {
  return latestInspection({ rating: a.ofstedRating, inspectedOn: a.ofstedJudgedOn ?? null }, reportCardOf(a));
}

export { LatestInspectionType, OfstedJudgementType, OfstedReportCardType };

const ReportCardAreaGradeInput = builder.inputType('ReportCardAreaGradeInput', {
  description: 'The grade one evaluation area received.',
  fields: (t) => ({
    area: t.field({ type: ReportCardAreaEnum, required: true, description: 'The evaluation area.' }),
    grade: t.field({ type: ReportCardGradeEnum, required: true, description: 'Its grade.' }),
  }),
});

const RecordOfstedReportCardInput = builder.inputType('RecordOfstedReportCardInput', {
  description: "A school's report card, as Ofsted published it.",
  fields: (t) => ({
    academyId: t.id({ required: true, description: 'The school inspected.' }),
    inspectedOn: t.field({ type: 'Date', required: true, description: 'When the inspection began (from 10 November 2025, not in the future).' }),
    safeguarding: t.field({ type: SafeguardingOutcomeEnum, required: true, description: 'Whether safeguarding standards were met.' }),
    grades: t.field({
      type: [ReportCardAreaGradeInput],
      required: true,
      description: 'One grade per area: the six every school has, plus EARLY_YEARS and SIXTH_FORM where the school has them.',
    }),
  }),
});

const RecordOfstedReportCardPayload = payloadType('RecordOfstedReportCardPayload', 'academy', AcademyRef, 'Result of recordOfstedReportCard.');

inputMutation('recordOfstedReportCard', {
  description:
    "Records a school's latest Ofsted report card without waiting for Ofsted's monthly file (npm run import:ofsted). Refused when a later report card is recorded. Need priorities and the home-school rule follow it at once. ADMIN, or the IMPROVEMENT_LEAD of the school's trust.",
  input: RecordOfstedReportCardInput,
  inputDescription: 'The school and its report card.',
  payload: RecordOfstedReportCardPayload,
  resolve: outcomeOf(recordOfstedReportCard, { academyId: 'Academy' }),
});
