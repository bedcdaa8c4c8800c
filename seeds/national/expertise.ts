// What staff are expert in: areas drawn by role and by their school's phase, a level that
// follows the school's strength, the phases the expertise covers, and evidence.
import type { ExpertiseLevel, OfstedRating, Phase, StaffRole } from '../../server/domain/enums';
import { expertiseAreaInfo, type ExpertiseArea } from '../../server/domain/taxonomy';
import type { SeedStaff } from '../dataset';
import { pickWeighted, type Prng } from '../prng';
import type { Draft } from './academies';

export type AreaWeights = readonly (readonly [ExpertiseArea, number])[];

const LEADERSHIP_AREAS: AreaWeights = [
  ['CURRICULUM_LEADERSHIP', 5], ['ASSESSMENT', 3], ['CPD_LEADERSHIP', 3], ['ACADEMY_TRANSITION', 1.5], ['GOVERNANCE', 1],
  ['CLOSING_THE_GAP', 2], ['SAFEGUARDING', 2], ['BEHAVIOUR', 2], ['INITIAL_TEACHER_TRAINING', 1.5],
];
const SUPPORT_AREAS: AreaWeights = [['BUSINESS_AND_FINANCIAL_MANAGEMENT', 4], ['SEND', 2], ['ATTENDANCE', 3], ['SAFEGUARDING', 2], ['REMOTE_LEARNING', 1]];

/** Teaching expertise by phase (where staff offering support come from). */
const TEACHING_AREAS: Record<Phase, AreaWeights> = {
  NURSERY: [['EARLY_YEARS', 8], ['PHONICS', 2], ['SEND', 2], ['SAFEGUARDING', 1]],
  PRIMARY: [
    ['PHONICS', 5], ['MATHS', 6], ['ENGLISH', 6], ['EARLY_YEARS', 4], ['SEND', 3], ['SCIENCE', 2], ['CLOSING_THE_GAP', 2], ['ASSESSMENT', 1.5],
    ['BEHAVIOUR', 1.5], ['ATTENDANCE', 1], ['PE', 1.5], ['MUSIC', 1], ['ART', 1], ['COMPUTING', 1], ['PSHE', 1], ['RE', 0.7],
    ['HISTORY', 0.7], ['GEOGRAPHY', 0.7], ['MODERN_FOREIGN_LANGUAGES', 0.5], ['TRANSITION', 0.8], ['MOST_ABLE_PUPILS', 0.6], ['DESIGN_AND_TECHNOLOGY', 0.3],
  ],
  MIDDLE: [['MATHS', 4], ['ENGLISH', 4], ['SCIENCE', 3], ['TRANSITION', 2], ['SEND', 2], ['MODERN_FOREIGN_LANGUAGES', 1], ['HISTORY', 1], ['GEOGRAPHY', 1], ['PE', 1], ['BEHAVIOUR', 1]],
  SECONDARY: [
    ['MATHS', 6], ['ENGLISH', 6], ['SCIENCE', 5], ['MODERN_FOREIGN_LANGUAGES', 2.5], ['HISTORY', 2], ['GEOGRAPHY', 2], ['COMPUTING', 2],
    ['DESIGN_AND_TECHNOLOGY', 1.2], ['ART', 1.2], ['DRAMA', 1], ['MUSIC', 1], ['PE', 1.5], ['RE', 1], ['CITIZENSHIP', 0.5], ['PSHE', 1],
    ['SEND', 2.5], ['BEHAVIOUR', 2.5], ['ATTENDANCE', 2], ['SAFEGUARDING', 1.5], ['CLOSING_THE_GAP', 2], ['MOST_ABLE_PUPILS', 1],
    ['TRANSITION', 1], ['ASSESSMENT', 1], ['INITIAL_TEACHER_TRAINING', 1], ['REMOTE_LEARNING', 0.5],
  ],
  ALL_THROUGH: [['MATHS', 5], ['ENGLISH', 5], ['SCIENCE', 3], ['PHONICS', 2], ['EARLY_YEARS', 1.5], ['TRANSITION', 3], ['SEND', 2], ['BEHAVIOUR', 2], ['MODERN_FOREIGN_LANGUAGES', 1], ['HISTORY', 1], ['GEOGRAPHY', 1], ['ATTENDANCE', 1]],
  SIXTEEN_PLUS: [['MATHS', 4], ['ENGLISH', 3], ['SCIENCE', 3], ['COMPUTING', 2], ['MODERN_FOREIGN_LANGUAGES', 1], ['HISTORY', 1], ['MOST_ABLE_PUPILS', 2], ['ASSESSMENT', 1], ['ATTENDANCE', 1]],
  SPECIAL: [['SEND', 8], ['BEHAVIOUR', 3], ['SAFEGUARDING', 2], ['PSHE', 2], ['EARLY_YEARS', 1], ['ENGLISH', 1], ['MATHS', 1], ['ATTENDANCE', 1]],
  ALTERNATIVE_PROVISION: [['BEHAVIOUR', 6], ['ATTENDANCE', 4], ['SAFEGUARDING', 3], ['SEND', 3], ['ENGLISH', 1.5], ['MATHS', 1.5], ['PSHE', 2]],
};

/** 1-3 areas (executive heads 3): the first from the role's own pool, its level following the school's strength. */
export function expertiseFor(rng: Prng, home: Draft, role: StaffRole): SeedStaff['expertise'] {
  const count = role === 'EXECUTIVE_HEADTEACHER' ? 3 : pickWeighted(rng, [[1, 0.45], [2, 0.4], [3, 0.15]] as const);
  const out: SeedStaff['expertise'] = [];
  const used = new Set<ExpertiseArea>();
  const teaching = TEACHING_AREAS[home.phase];
  const pool: AreaWeights =
    role === 'EXECUTIVE_HEADTEACHER' || role === 'HEADTEACHER' ? LEADERSHIP_AREAS : role === 'SUPPORT_STAFF' ? SUPPORT_AREAS : teaching;
  for (let i = 0; i < count * 3 && out.length < count; i += 1) {
    // Leaders' later strings come from teaching; teachers' from their phase's subjects.
    const area = pickWeighted(rng, i === 0 || role === 'SUPPORT_STAFF' ? pool : rng.chance(0.3) ? LEADERSHIP_AREAS : teaching);
    if (used.has(area)) continue;
    used.add(area);
    const level = out.length === 0 ? firstLevel(rng, role, home.ofstedRating) : pickWeighted(rng, LATER_LEVELS);
    const evidence = out.length === 0 && level !== 'DEVELOPING' && rng.chance(0.55) ? evidenceFor(rng, area) : null;
    out.push({ area, level, phases: coveredPhases(area, home.phase), evidence });
  }
  return out;
}

const LATER_LEVELS = [['DEVELOPING', 3], ['SECURE', 5], ['EXPERT', 2]] as const;

/** Executive heads are system leaders; others are stronger where their school is. */
function firstLevel(rng: Prng, role: StaffRole, rating: OfstedRating): ExpertiseLevel {
  return role === 'EXECUTIVE_HEADTEACHER' ? 'SYSTEM_LEADER' : levelFor(rng, rating);
}

function levelFor(rng: Prng, rating: OfstedRating): ExpertiseLevel {
  if (rating === 'OUTSTANDING') return pickWeighted(rng, [['DEVELOPING', 0.05], ['SECURE', 0.3], ['EXPERT', 0.45], ['SYSTEM_LEADER', 0.2]] as const);
  if (rating === 'GOOD') return pickWeighted(rng, [['DEVELOPING', 0.1], ['SECURE', 0.42], ['EXPERT', 0.38], ['SYSTEM_LEADER', 0.1]] as const);
  return pickWeighted(rng, [['DEVELOPING', 0.25], ['SECURE', 0.5], ['EXPERT', 0.22], ['SYSTEM_LEADER', 0.03]] as const);
}

/** The phases expertise covers: the home phase, plus neighbours where the area carries over. */
function coveredPhases(area: ExpertiseArea, home: Phase): Phase[] {
  switch (home) {
    case 'PRIMARY':
      return area === 'EARLY_YEARS' || area === 'PHONICS' ? ['PRIMARY', 'NURSERY'] : area === 'TRANSITION' ? ['PRIMARY', 'SECONDARY'] : ['PRIMARY'];
    case 'SECONDARY':
      return area === 'TRANSITION' ? ['SECONDARY', 'PRIMARY'] : area === 'MATHS' || area === 'ENGLISH' || area === 'SCIENCE' ? ['SECONDARY', 'SIXTEEN_PLUS'] : ['SECONDARY'];
    case 'ALL_THROUGH':
      return ['ALL_THROUGH', 'PRIMARY', 'SECONDARY'];
    case 'MIDDLE':
      return ['MIDDLE', 'PRIMARY', 'SECONDARY'];
    case 'SPECIAL':
      return area === 'SEND' || area === 'BEHAVIOUR' ? ['SPECIAL', 'PRIMARY', 'SECONDARY'] : ['SPECIAL'];
    case 'ALTERNATIVE_PROVISION':
      return area === 'BEHAVIOUR' || area === 'ATTENDANCE' ? ['ALTERNATIVE_PROVISION', 'SECONDARY'] : ['ALTERNATIVE_PROVISION'];
    case 'NURSERY':
      return area === 'EARLY_YEARS' ? ['NURSERY', 'PRIMARY'] : ['NURSERY'];
    default:
      return [home];
  }
}

/** "Mathematics" -> "mathematics" for use mid-sentence; English stays English. */
const midSentence = (label: string): string => (label === 'English' ? label : label.charAt(0).toLowerCase() + label.slice(1));
const EVIDENCE_TEMPLATES: readonly ((label: string, rng: Prng) => string)[] = [
  (l, r) => `${l}: outcomes up ${r.int(5, 20)} points over ${r.int(2, 4)} years`,
  (l, r) => `Led ${midSentence(l)} across ${r.int(2, 8)} schools; ${r.pick(['praised at inspection', 'adopted trust-wide', 'now self-sustaining'])}`,
  (l) => `${l} lead in a school judged Outstanding`,
  (l, r) => `Coached ${r.int(3, 15)} colleagues in ${midSentence(l)}; impact evaluated each term`,
];

function evidenceFor(rng: Prng, area: ExpertiseArea): string {
  return rng.pick(EVIDENCE_TEMPLATES)(expertiseAreaInfo(area).label, rng);
}
