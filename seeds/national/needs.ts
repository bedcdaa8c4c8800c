// Step 4 of the national dataset: open needs, mostly at weaker and more disadvantaged
// schools, in the areas schools of each phase ask for help with.
import type { NeedSeverity, OfstedRating, Phase } from '../../server/domain/enums';
import { expertiseAreaInfo, type ExpertiseArea } from '../../server/domain/taxonomy';
import type { SeedNeed } from '../dataset';
import { pickWeighted, weightedPicker, type Prng } from '../prng';
import type { Draft } from './academies';
import type { AreaWeights } from './expertise';

/** `count` open needs. */
export function generateNeeds(rng: Prng, drafts: readonly Draft[], count: number): SeedNeed[] {
  const needs: SeedNeed[] = [];
  if (count === 0) return needs;
  const pickNeedy = weightedPicker(drafts, drafts.map((d) => NEED_OFSTED_FACTOR[d.ofstedRating] * (0.5 + (d.fsmPercent ?? 24) / 24)));
  const areaPickerFor = areaPickersByPhase();
  // One open need per academy and area, unless the options ask for more needs than the
  // academies can distinctly hold (then repeats are allowed rather than looping forever).
  const seen = new Set<string>();
  let repeats = 0;
  while (needs.length < count) {
    const academy = pickNeedy(rng);
    const area = areaPickerFor(academy.phase)(rng);
    const pair = `${academy.urn}|${area}`;
    if (seen.has(pair) && repeats < 200) {
      repeats += 1;
      continue;
    }
    repeats = 0;
    seen.add(pair);
    needs.push(openNeed(rng, academy, area));
  }
  return needs;
}

/** Pickers over NEED_AREAS, built once per phase when first asked for. */
function areaPickersByPhase(): (phase: Phase) => (rng: Prng) => ExpertiseArea {
  const pickers = new Map<Phase, (r: Prng) => ExpertiseArea>();
  return (phase) => {
    let p = pickers.get(phase);
    if (!p) {
      const weights = NEED_AREAS[phase];
      p = weightedPicker(weights.map(([a]) => a), weights.map(([, w]) => w));
      pickers.set(phase, p);
    }
    return p;
  };
}

// The draws below run in a fixed order (the same seed must give the same dataset): keep it.
function openNeed(rng: Prng, academy: Draft, area: ExpertiseArea): SeedNeed {
  const severity = pickWeighted(rng, SEVERITY_MIX[academy.ofstedRating]);
  const templates = NEED_TEMPLATES[area];
  const description = templates ? rng.pick(templates)(rng) : `${expertiseAreaInfo(area).label}: ${rng.pick(GENERIC_NEEDS)}`;
  // Half the needs have a window: starting within two months, lasting one to six.
  const start = rng.chance(0.5) ? rng.int(0, 60) : null;
  const daysRequested = pickWeighted(rng, [[2, 1], [4, 3], [5, 3], [6, 3], [8, 3], [10, 2], [12, 1], [15, 0.7], [20, 0.4]] as const);
  const raisedDaysAgo = Math.floor(240 * rng.next() ** 2); // up to 240 days, most of them recent
  const windowEndInDays = start === null ? null : start + rng.int(30, 180);
  return {
    academyUrn: academy.urn,
    area,
    phase: academy.phase,
    severity,
    description,
    daysRequested,
    raisedDaysAgo,
    windowStartInDays: start,
    windowEndInDays,
  };
}

/** Weak schools ask for help far more often than strong ones. */
const NEED_OFSTED_FACTOR: Record<OfstedRating, number> = { OUTSTANDING: 0.25, GOOD: 1, NOT_INSPECTED: 1.5, REQUIRES_IMPROVEMENT: 5, INADEQUATE: 8 };

const SEVERITY_MIX: Record<OfstedRating, readonly (readonly [NeedSeverity, number])[]> = {
  INADEQUATE: [['LOW', 0.5], ['MEDIUM', 2.5], ['HIGH', 4], ['CRITICAL', 3]],
  REQUIRES_IMPROVEMENT: [['LOW', 1.5], ['MEDIUM', 4.5], ['HIGH', 3.5], ['CRITICAL', 0.5]],
  NOT_INSPECTED: [['LOW', 2], ['MEDIUM', 4], ['HIGH', 2], ['CRITICAL', 0.3]],
  GOOD: [['LOW', 4], ['MEDIUM', 4.5], ['HIGH', 1.5], ['CRITICAL', 0.1]],
  OUTSTANDING: [['LOW', 5], ['MEDIUM', 3], ['HIGH', 0.5], ['CRITICAL', 0.05]],
};

const GENERIC_NEEDS = [
  'subject leader new to role and needs coaching',
  'curriculum not sequenced; outcomes below national',
  'identified as an area for improvement at the last inspection',
  'staff turnover has left no specialist in post',
];

/** What schools ask for help with, by phase (reading, maths, attendance and SEND lead). */
const NEED_AREAS: Record<Phase, AreaWeights> = {
  NURSERY: [['EARLY_YEARS', 6], ['SEND', 2], ['SAFEGUARDING', 1], ['CURRICULUM_LEADERSHIP', 1]],
  PRIMARY: [
    ['PHONICS', 6], ['MATHS', 6], ['ENGLISH', 6], ['EARLY_YEARS', 3], ['SEND', 3], ['ATTENDANCE', 3], ['BEHAVIOUR', 2], ['CLOSING_THE_GAP', 3],
    ['CURRICULUM_LEADERSHIP', 3], ['SCIENCE', 1], ['ASSESSMENT', 1.5], ['SAFEGUARDING', 1], ['GOVERNANCE', 0.8], ['PE', 0.3], ['COMPUTING', 0.4], ['MUSIC', 0.3],
  ],
  MIDDLE: [['MATHS', 3], ['ENGLISH', 3], ['SCIENCE', 2], ['TRANSITION', 2], ['ATTENDANCE', 2], ['BEHAVIOUR', 1]],
  SECONDARY: [
    ['MATHS', 5], ['ENGLISH', 5], ['SCIENCE', 4], ['ATTENDANCE', 5], ['BEHAVIOUR', 4], ['SEND', 3], ['MODERN_FOREIGN_LANGUAGES', 2],
    ['CLOSING_THE_GAP', 3], ['CURRICULUM_LEADERSHIP', 2], ['SAFEGUARDING', 1], ['COMPUTING', 1], ['TRANSITION', 1], ['HISTORY', 0.5], ['GEOGRAPHY', 0.5], ['GOVERNANCE', 0.5],
  ],
  ALL_THROUGH: [['MATHS', 3], ['ENGLISH', 3], ['PHONICS', 2], ['TRANSITION', 3], ['ATTENDANCE', 3], ['BEHAVIOUR', 2], ['SEND', 2]],
  SIXTEEN_PLUS: [['MATHS', 3], ['ENGLISH', 3], ['ATTENDANCE', 2], ['SCIENCE', 1], ['CURRICULUM_LEADERSHIP', 1]],
  SPECIAL: [['SEND', 4], ['CURRICULUM_LEADERSHIP', 3], ['BEHAVIOUR', 3], ['SAFEGUARDING', 2], ['ATTENDANCE', 1]],
  ALTERNATIVE_PROVISION: [['BEHAVIOUR', 4], ['ATTENDANCE', 4], ['ENGLISH', 3], ['MATHS', 2], ['SAFEGUARDING', 2], ['SEND', 2]],
};

const NEED_TEMPLATES: Partial<Record<ExpertiseArea, readonly ((r: Prng) => string)[]>> = {
  PHONICS: [
    (r) => `Phonics screening pass rate ${r.int(45, 72)}%, well below national; scheme not taught with fidelity`,
    (r) => `${r.int(20, 40)}% of Year 2 cannot read fluently; new reading lead needs coaching`,
  ],
  MATHS: [
    (r) => `KS2 maths at the expected standard ${r.int(45, 65)}%; reasoning weak and the maths lead is new to post`,
    (r) => `Maths progress ${(-r.float(0.5, 4)).toFixed(1)}; curriculum lacks coherence and teaching relies on worksheets`,
  ],
  ENGLISH: [
    (r) => `Writing at the expected standard ${r.int(40, 62)}%; staff lack confidence teaching sentence construction`,
    () => 'Reading comprehension weak; no whole-school approach to vocabulary',
  ],
  ATTENDANCE: [(r) => `Persistent absence ${r.int(18, 35)}% and rising among disadvantaged pupils`, () => 'No attendance lead in post; first-day calling inconsistent'],
  BEHAVIOUR: [() => 'Low-level disruption widespread; behaviour policy not applied consistently', (r) => `Suspensions up ${r.int(20, 80)}% on last year; routines inconsistent`],
  SEND: [() => 'SEND register out of date; new SENCO needs support with provision maps and EHCP reviews', () => 'Adaptive teaching for pupils with SEND weak across the school'],
  EARLY_YEARS: [(r) => `Good level of development ${r.int(45, 62)}%; continuous provision lacks purpose`, () => 'Communication and language weak on entry; staff need training in interactions'],
  CLOSING_THE_GAP: [(r) => `Disadvantaged pupils ${r.int(15, 35)} points behind peers in combined RWM; pupil premium strategy lacks focus`],
  SAFEGUARDING: [() => 'Safeguarding records inconsistent; DSL new to post', () => 'Safeguarding culture judged weak at inspection; training out of date'],
  CURRICULUM_LEADERSHIP: [() => 'Foundation subjects lack sequencing; subject leaders new to role', () => 'Curriculum intent unclear; leaders need support to plan progression'],
  SCIENCE: [() => 'Science curriculum not sequenced; outcomes falling', () => 'Non-specialists teaching physics; practical work rare'],
  MODERN_FOREIGN_LANGUAGES: [(r) => `Only ${r.int(15, 35)}% take a language at GCSE; department understaffed`],
  TRANSITION: [() => 'Year 7 reading dip; information from feeder primaries arrives late'],
  GOVERNANCE: [() => 'Governors do not challenge leaders on outcomes; new chair needs support'],
};

