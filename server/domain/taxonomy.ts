// The closed taxonomy of expertise areas: the DfE list of Specialist Leader of Education
// areas of expertise, grouped by Ofsted focus, plus areas the background documents stress
// (Year 6 to 7 transition, remote learning).
import type { Phase } from './enums';

export const EXPERTISE_GROUPS = [
  'LEADERSHIP_AND_MANAGEMENT',
  'PUPIL_ACHIEVEMENT',
  'TEACHING',
  'BEHAVIOUR_AND_WELFARE',
  'OTHER',
] as const;
export type ExpertiseGroup = (typeof EXPERTISE_GROUPS)[number];

export interface ExpertiseAreaInfo {
  readonly code: string;
  readonly label: string;
  readonly group: ExpertiseGroup;
  /** Phases where the area is normally taught; undefined means every phase. */
  readonly typicalPhases?: readonly Phase[];
}

const area = (
  code: string,
  label: string,
  group: ExpertiseGroup,
  typicalPhases?: readonly Phase[],
): ExpertiseAreaInfo => ({ code, label, group, typicalPhases });

export const EXPERTISE_TAXONOMY = [
  area('ACADEMY_TRANSITION', 'Academy transition', 'LEADERSHIP_AND_MANAGEMENT'),
  area('ASSESSMENT', 'Assessment', 'LEADERSHIP_AND_MANAGEMENT'),
  area('CPD_LEADERSHIP', 'Leadership of continuing professional development', 'LEADERSHIP_AND_MANAGEMENT'),
  area('BUSINESS_AND_FINANCIAL_MANAGEMENT', 'School business and financial management', 'LEADERSHIP_AND_MANAGEMENT'),
  area('CURRICULUM_LEADERSHIP', 'Leadership of curriculum', 'LEADERSHIP_AND_MANAGEMENT'),
  area('GOVERNANCE', 'Governance', 'LEADERSHIP_AND_MANAGEMENT'),
  area('ART', 'Art', 'PUPIL_ACHIEVEMENT'),
  area('CLOSING_THE_GAP', 'Closing the gap (disadvantaged pupils)', 'PUPIL_ACHIEVEMENT'),
  area('DRAMA', 'Drama', 'PUPIL_ACHIEVEMENT'),
  area('DESIGN_AND_TECHNOLOGY', 'Design and technology', 'PUPIL_ACHIEVEMENT'),
  area('EARLY_YEARS', 'Early years', 'PUPIL_ACHIEVEMENT', ['NURSERY', 'PRIMARY', 'ALL_THROUGH', 'SPECIAL']),
  area('ENGLISH', 'English', 'PUPIL_ACHIEVEMENT'),
  area('GEOGRAPHY', 'Geography', 'PUPIL_ACHIEVEMENT'),
  area('HISTORY', 'History', 'PUPIL_ACHIEVEMENT'),
  area('COMPUTING', 'Computing', 'PUPIL_ACHIEVEMENT'),
  area('MATHS', 'Mathematics', 'PUPIL_ACHIEVEMENT'),
  area('MODERN_FOREIGN_LANGUAGES', 'Modern foreign languages', 'PUPIL_ACHIEVEMENT'),
  area('MUSIC', 'Music', 'PUPIL_ACHIEVEMENT'),
  area('PHONICS', 'Phonics', 'PUPIL_ACHIEVEMENT', ['NURSERY', 'PRIMARY', 'ALL_THROUGH', 'SPECIAL']),
  area('PE', 'Physical education', 'PUPIL_ACHIEVEMENT'),
  area('PSHE', 'Personal, social, health and economic education', 'PUPIL_ACHIEVEMENT'),
  area('RE', 'Religious education', 'PUPIL_ACHIEVEMENT'),
  area('SCIENCE', 'Science', 'PUPIL_ACHIEVEMENT'),
  area('SEND', 'Special educational needs and disabilities', 'PUPIL_ACHIEVEMENT'),
  area('MOST_ABLE_PUPILS', 'Most able pupils', 'PUPIL_ACHIEVEMENT'),
  area('CITIZENSHIP', 'Citizenship', 'PUPIL_ACHIEVEMENT'),
  area('INITIAL_TEACHER_TRAINING', 'Initial teacher training and mentoring', 'TEACHING'),
  area('BEHAVIOUR', 'Behaviour', 'BEHAVIOUR_AND_WELFARE'),
  area('ATTENDANCE', 'Attendance', 'BEHAVIOUR_AND_WELFARE'),
  area('SAFEGUARDING', 'Safeguarding', 'BEHAVIOUR_AND_WELFARE'),
  area('TRANSITION', 'Transition (Year 6 to 7)', 'OTHER', ['PRIMARY', 'MIDDLE', 'SECONDARY', 'ALL_THROUGH']),
  area('REMOTE_LEARNING', 'Remote learning', 'OTHER'),
] as const satisfies readonly ExpertiseAreaInfo[];

export type ExpertiseArea = (typeof EXPERTISE_TAXONOMY)[number]['code'];
export const EXPERTISE_AREAS = EXPERTISE_TAXONOMY.map((a) => a.code) as readonly ExpertiseArea[];

const byCode = new Map<string, ExpertiseAreaInfo>(EXPERTISE_TAXONOMY.map((a) => [a.code, a]));
export function expertiseAreaInfo(code: ExpertiseArea): ExpertiseAreaInfo {
  const info = byCode.get(code);
  if (!info) throw new Error(`unknown expertise area ${code}`);
  return info;
}
