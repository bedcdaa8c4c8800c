// The demo world loaded by `npm start` (embedded database) and `npm run seed`.
//
// - An ASPIRE-style trust in Cornwall and West Devon (the model Ofsted describes in
//   background/001): four hubs of four academies, each led by an Outstanding or Good lead
//   academy with an executive headteacher, plus an Inadequate school that has just joined
//   and is not yet in a hub.
// - A second trust in Lancashire and Greater Manchester with two hubs of four.
// - Standalone schools (no trust) that give and receive support too.
//
// Schools, people and figures are fictional; towns, coordinates and postcode districts are
// real. Everything is deterministic: a seeded PRNG fills in the details (levels, capacity,
// travel radius, check dates), so two builds are deeply equal. Dates are relative to the
// reference day 2026-11-23 (safeguarding checks) or to load time (needs, history).
import type { Designation, ExpertiseLevel, NeedSeverity, OfstedRating, Phase, StaffRole } from '../server/domain/enums';
import type { ExpertiseArea } from '../server/domain/taxonomy';
import type {
  SeedAcademy,
  SeedCluster,
  SeedCompletedDeployment,
  SeedDataset,
  SeedNeed,
  SeedStaff,
  SeedTrust,
} from './dataset';
import { emailLocalPart, randomName } from './names';
import { createPrng, pickWeighted, type Prng } from './prng';

/** The day the demo's safeguarding dates are written against (ISO). */
export const DEMO_REFERENCE_DATE = '2026-11-23';

type Locale = 'CORNWALL' | 'LANCASHIRE';

interface DemoSchool {
  urn: string;
  name: string;
  /** Web/email domain of the school. */
  domain: string;
  phase: Phase;
  ofsted: OfstedRating;
  fsm: number;
  pupils: number;
  postcode: string;
  lat: number;
  lng: number;
  /** One staff member is created per area listed, with it as their main strength. */
  specialisms: ExpertiseArea[];
}

interface DemoHub {
  key: string;
  name: string;
  trustKey: string;
  /** Lead academy first. */
  schools: DemoSchool[];
}

const school = (
  urn: string,
  name: string,
  domain: string,
  phase: Phase,
  ofsted: OfstedRating,
  fsm: number,
  pupils: number,
  postcode: string,
  lat: number,
  lng: number,
  specialisms: ExpertiseArea[],
): DemoSchool => ({ urn, name, domain, phase, ofsted, fsm, pupils, postcode, lat, lng, specialisms });

const TRUSTS: SeedTrust[] = [
  { key: 'trelawny', name: 'Trelawny Academy Trust', region: 'South West' },
  { key: 'pendle-irwell', name: 'Pendle and Irwell Learning Trust', region: 'North West' },
];

const LOCALE_OF_TRUST: Record<string, Locale> = { trelawny: 'CORNWALL', 'pendle-irwell': 'LANCASHIRE' };

const HUBS: DemoHub[] = [
  {
    key: 'camel-valley',
    name: 'Camel Valley Hub',
    trustKey: 'trelawny',
    schools: [
      school('141201', "St Petroc's Primary Academy", 'stpetrocs-bodmin.org.uk', 'PRIMARY', 'OUTSTANDING', 17.8, 418, 'PL31 1DS', 50.4709, -4.7196, ['MATHS', 'PHONICS', 'INITIAL_TEACHER_TRAINING', 'SCIENCE']),
      school('141202', 'Lostwithiel Riverside Primary Academy', 'lostwithielriverside.org.uk', 'PRIMARY', 'GOOD', 14.9, 192, 'PL22 0BL', 50.4075, -4.6712, ['ENGLISH', 'EARLY_YEARS']),
      school('141203', 'Lanivet Moor Primary Academy', 'lanivetmoor.org.uk', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 31.6, 148, 'PL30 5HE', 50.4433, -4.7625, ['PE', 'PSHE']),
      school('141204', 'Wadebridge Estuary Academy', 'wadebridgeestuary.org.uk', 'SECONDARY', 'GOOD', 19.3, 1185, 'PL27 7DN', 50.517, -4.835, ['ENGLISH', 'SCIENCE', 'HISTORY', 'SAFEGUARDING', 'MODERN_FOREIGN_LANGUAGES']),
    ],
  },
  {
    key: 'clay-country',
    name: 'Clay Country Hub',
    trustKey: 'trelawny',
    schools: [
      school('141211', 'Menacuddle Primary Academy', 'menacuddle.org.uk', 'PRIMARY', 'OUTSTANDING', 22.4, 402, 'PL25 4TF', 50.3398, -4.7897, ['SEND', 'CLOSING_THE_GAP', 'PHONICS', 'ATTENDANCE']),
      school('141212', 'Par Harbour Primary Academy', 'parharbour.org.uk', 'PRIMARY', 'GOOD', 27.5, 235, 'PL24 2AS', 50.349, -4.705, ['MATHS', 'EARLY_YEARS']),
      school('141213', 'Roche Hensbarrow Primary Academy', 'hensbarrow.org.uk', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 38.2, 171, 'PL26 8HA', 50.407, -4.83, ['COMPUTING']),
      school('141214', 'Mevagissey Bay Primary Academy', 'mevagisseybay.org.uk', 'PRIMARY', 'GOOD', 12.3, 118, 'PL26 6TH', 50.27, -4.787, ['ART', 'MUSIC']),
    ],
  },
  {
    key: 'truro-penwith',
    name: 'Truro and Penwith Hub',
    trustKey: 'trelawny',
    schools: [
      school('141221', 'Kenwyn Primary Academy', 'kenwyn-truro.org.uk', 'PRIMARY', 'OUTSTANDING', 15.2, 630, 'TR1 3SL', 50.2712, -5.0618, ['MATHS', 'ENGLISH', 'EARLY_YEARS', 'CPD_LEADERSHIP', 'BEHAVIOUR']),
      school('141222', 'Tolvaddon Academy', 'tolvaddon.org.uk', 'SECONDARY', 'REQUIRES_IMPROVEMENT', 36.4, 1140, 'TR14 0HX', 50.226, -5.301, ['COMPUTING', 'DESIGN_AND_TECHNOLOGY', 'GEOGRAPHY']),
      school('141223', 'Carn Brea Primary Academy', 'carnbrea.org.uk', 'PRIMARY', 'INADEQUATE', 48.6, 287, 'TR15 3AX', 50.2331, -5.2262, ['PHONICS']),
      school('141224', "Mount's Bay Nursery School", 'mountsbaynursery.org.uk', 'NURSERY', 'GOOD', 41.3, 94, 'TR18 2SP', 50.1188, -5.5371, ['EARLY_YEARS']),
    ],
  },
  {
    key: 'tamar',
    name: 'Tamar Hub',
    trustKey: 'trelawny',
    schools: [
      school('141231', 'Castle Primary Academy', 'castleprimary-launceston.org.uk', 'PRIMARY', 'GOOD', 16.3, 402, 'PL15 8AX', 50.6372, -4.3601, ['MATHS', 'BEHAVIOUR', 'ATTENDANCE']),
      school('141232', 'Hillfort Primary Academy', 'hillfort-liskeard.org.uk', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 42.1, 331, 'PL14 3HZ', 50.4551, -4.4654, ['RE']),
      school('141233', 'Kit Hill Academy', 'kithill.org.uk', 'SECONDARY', 'GOOD', 22.7, 968, 'PL17 7DR', 50.5032, -4.3165, ['MATHS', 'ENGLISH', 'GEOGRAPHY', 'PE', 'TRANSITION']),
      school('141234', 'Tamar Valley Special Academy', 'tamarvalley.org.uk', 'SPECIAL', 'GOOD', 57.9, 86, 'PL19 8AZ', 50.55, -4.144, ['SEND', 'BEHAVIOUR', 'SAFEGUARDING']),
    ],
  },
  {
    key: 'bolton',
    name: 'Bolton Hub',
    trustKey: 'pendle-irwell',
    schools: [
      school('142301', 'Smithills Primary Academy', 'smithills-bolton.org.uk', 'PRIMARY', 'OUTSTANDING', 29.4, 452, 'BL1 6JS', 53.596, -2.444, ['PHONICS', 'MATHS', 'CLOSING_THE_GAP', 'ENGLISH', 'SEND']),
      school('142302', 'Market Street Primary Academy', 'marketstreet-farnworth.org.uk', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 52.3, 361, 'BL4 7PQ', 53.5503, -2.3966, ['ART']),
      school('142303', 'Rivington All-Through Academy', 'rivington-horwich.org.uk', 'ALL_THROUGH', 'GOOD', 26.8, 1512, 'BL6 7RU', 53.6009, -2.5493, ['MATHS', 'SCIENCE', 'MODERN_FOREIGN_LANGUAGES', 'TRANSITION', 'SAFEGUARDING', 'ENGLISH']),
      school('142304', 'Hunger Hill Primary Academy', 'hungerhill-westhoughton.org.uk', 'PRIMARY', 'GOOD', 18.9, 274, 'BL5 3PL', 53.549, -2.524, ['EARLY_YEARS', 'MUSIC', 'ATTENDANCE', 'TRANSITION']),
    ],
  },
  {
    key: 'pendle-hyndburn',
    name: 'Pendle and Hyndburn Hub',
    trustKey: 'pendle-irwell',
    schools: [
      school('142311', 'Brunshaw Academy', 'brunshaw-burnley.org.uk', 'SECONDARY', 'GOOD', 38.1, 1046, 'BB10 4BX', 53.781, -2.226, ['ENGLISH', 'MATHS', 'BEHAVIOUR', 'ATTENDANCE', 'SCIENCE']),
      school('142312', 'Larkhill Primary Academy', 'larkhill-blackburn.org.uk', 'PRIMARY', 'INADEQUATE', 55.6, 238, 'BB1 5DN', 53.7512, -2.4734, []),
      school('142313', 'Peel Park Primary Academy', 'peelpark-accrington.org.uk', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 44.0, 309, 'BB5 1QX', 53.7534, -2.3641, ['PE']),
      school('142314', 'Walverden Primary Academy', 'walverden-nelson.org.uk', 'PRIMARY', 'GOOD', 46.7, 412, 'BB9 0TL', 53.835, -2.218, ['CLOSING_THE_GAP', 'PHONICS', 'ENGLISH']),
    ],
  },
];

/** In a trust but not yet in a hub: joined after an Inadequate judgement. */
const UNHUBBED: { trustKey: string; school: DemoSchool }[] = [
  {
    trustKey: 'trelawny',
    school: school('141241', 'Rough Tor Primary Academy', 'roughtor-camelford.org.uk', 'PRIMARY', 'INADEQUATE', 35.5, 162, 'PL32 9UE', 50.621, -4.679, []),
  },
];

const STANDALONE: { locale: Locale; school: DemoSchool }[] = [
  { locale: 'CORNWALL', school: school('143401', 'Porth Academy', 'porthacademy-newquay.org.uk', 'SECONDARY', 'GOOD', 19.4, 1402, 'TR7 3NR', 50.415, -5.073, ['ENGLISH', 'MATHS', 'COMPUTING', 'DRAMA', 'ATTENDANCE']) },
  { locale: 'CORNWALL', school: school('143402', 'Pennance Primary School', 'pennance-falmouth.org.uk', 'PRIMARY', 'OUTSTANDING', 5.8, 284, 'TR11 4EP', 50.148, -5.078, ['MOST_ABLE_PUPILS', 'MATHS', 'REMOTE_LEARNING', 'SAFEGUARDING']) },
  { locale: 'CORNWALL', school: school('143404', 'Lowertown Primary School', 'lowertown-helston.org.uk', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 33.0, 205, 'TR13 8NB', 50.101, -5.275, ['HISTORY', 'EARLY_YEARS']) },
  { locale: 'LANCASHIRE', school: school('143403', 'Ribbleton Pupil Referral Unit', 'ribbletonpru.org.uk', 'ALTERNATIVE_PROVISION', 'GOOD', 61.4, 46, 'PR2 6EE', 53.775, -2.665, ['BEHAVIOUR', 'ATTENDANCE', 'SAFEGUARDING']) },
];

/** Standalone, and closed in the register: its staff are not lent (HOME_SCHOOL_CLOSED). */
const CLOSED: DemoSchool = school('143405', 'Trenance Infant School', 'trenance-newquay.org.uk', 'PRIMARY', 'GOOD', 21.7, 164, 'TR7 2LZ', 50.4095, -5.0719, []);

/** Subject pools by phase: the areas a second string of expertise is drawn from. */
const AREA_POOLS: Record<'PRIMARY_LIKE' | 'SECONDARY_LIKE' | 'SPECIALIST' | 'EARLY', ExpertiseArea[]> = {
  PRIMARY_LIKE: ['PHONICS', 'EARLY_YEARS', 'MATHS', 'ENGLISH', 'SEND', 'CLOSING_THE_GAP', 'SCIENCE', 'ASSESSMENT', 'BEHAVIOUR', 'ATTENDANCE', 'TRANSITION', 'PE', 'MUSIC', 'ART', 'PSHE', 'COMPUTING'],
  SECONDARY_LIKE: ['MATHS', 'ENGLISH', 'SCIENCE', 'MODERN_FOREIGN_LANGUAGES', 'COMPUTING', 'HISTORY', 'GEOGRAPHY', 'BEHAVIOUR', 'ATTENDANCE', 'SEND', 'CLOSING_THE_GAP', 'ASSESSMENT', 'TRANSITION', 'MOST_ABLE_PUPILS', 'CITIZENSHIP', 'INITIAL_TEACHER_TRAINING'],
  SPECIALIST: ['SEND', 'BEHAVIOUR', 'SAFEGUARDING', 'ATTENDANCE', 'PSHE', 'ENGLISH', 'MATHS'],
  EARLY: ['EARLY_YEARS', 'PHONICS', 'SEND', 'SAFEGUARDING'],
};

const poolFor = (phase: Phase): ExpertiseArea[] => {
  switch (phase) {
    case 'SECONDARY':
    case 'ALL_THROUGH':
    case 'SIXTEEN_PLUS':
      return AREA_POOLS.SECONDARY_LIKE;
    case 'SPECIAL':
    case 'ALTERNATIVE_PROVISION':
      return AREA_POOLS.SPECIALIST;
    case 'NURSERY':
      return AREA_POOLS.EARLY;
    default:
      return AREA_POOLS.PRIMARY_LIKE;
  }
};

/** Phases an expertise entry covers: the home phase, and the neighbouring one where it carries over. */
function phasesFor(area: ExpertiseArea, home: Phase): Phase[] {
  if (area === 'EARLY_YEARS' && home === 'PRIMARY') return ['PRIMARY', 'NURSERY'];
  if (area === 'EARLY_YEARS' && home === 'NURSERY') return ['NURSERY', 'PRIMARY'];
  if (area === 'TRANSITION' && home === 'SECONDARY') return ['SECONDARY', 'PRIMARY'];
  if (area === 'TRANSITION' && home === 'PRIMARY') return ['PRIMARY', 'SECONDARY'];
  if (home === 'ALL_THROUGH') return ['ALL_THROUGH', 'PRIMARY', 'SECONDARY'];
  if (home === 'SPECIAL' && (area === 'SEND' || area === 'BEHAVIOUR')) return ['SPECIAL', 'PRIMARY', 'SECONDARY'];
  if (home === 'ALTERNATIVE_PROVISION' && (area === 'BEHAVIOUR' || area === 'ATTENDANCE')) return ['ALTERNATIVE_PROVISION', 'SECONDARY'];
  return [home];
}

/** Evidence a supporter can name (004: staff who "know the impact of their work and can name it"). */
const EVIDENCE: Partial<Record<ExpertiseArea, string[]>> = {
  PHONICS: ['Year 1 phonics screening pass rate raised from 64% to 89% in two years', 'Trained every KS1 adult in the school’s validated scheme; keep-up sessions daily'],
  MATHS: ['KS2 maths progress moved from -2.1 to +1.4; led mastery training across the hub', 'GCSE maths grade 5+ up 14 points over three years'],
  ENGLISH: ['Reading at the expected standard up 18 points after a whole-school reading spine', 'GCSE English language grade 4+ rose from 62% to 77%'],
  SEND: ['Rebuilt the SEND register and provision maps; EHCP reviews now on time', 'SENCO award holder; trained teaching assistants in precision teaching'],
  BEHAVIOUR: ['Suspensions down 60% after a consistent behaviour curriculum', 'Designed the trust’s restorative approach; internal exclusions halved'],
  ATTENDANCE: ['Persistent absence reduced from 24% to 13% with a family-liaison model', 'Attendance of disadvantaged pupils up 4 points in a year'],
  EARLY_YEARS: ['Good level of development up from 58% to 74%', 'Local authority moderator for the EYFS profile'],
  CLOSING_THE_GAP: ['Disadvantaged pupils’ attainment gap halved at KS2 over three years', 'Wrote the pupil premium strategy cited as effective by Ofsted'],
  SCIENCE: ['Introduced a knowledge-rich science curriculum; outcomes above national', 'Combined science grade 4+ up 12 points'],
  SAFEGUARDING: ['Designated safeguarding lead; trained DSLs in four schools', 'Led a safeguarding audit judged effective at inspection'],
  ASSESSMENT: ['Replaced termly data drops with responsive formative assessment'],
  CURRICULUM_LEADERSHIP: ['Led the curriculum redesign praised in the last Ofsted report', 'Took two academies from Requires Improvement to Good'],
  ACADEMY_TRANSITION: ['Led three schools through conversion and their first year in the trust'],
  MODERN_FOREIGN_LANGUAGES: ['Raised GCSE language entry from 31% to 58%'],
  TRANSITION: ['Built a Year 6 to 7 reading handover used by twelve feeder primaries'],
  INITIAL_TEACHER_TRAINING: ['Lead mentor for a school-centred ITT partnership; 40 trainees placed'],
  CPD_LEADERSHIP: ['Runs the hub’s instructional coaching programme'],
  GOVERNANCE: ['Chaired three local governing bodies through inspection'],
  COMPUTING: ['Computing curriculum adopted by the local authority'],
};

const ROLE_FOR_PHASE: Record<'PRIMARY' | 'SECONDARY', [StaffRole, number][]> = {
  PRIMARY: [['MIDDLE_LEADER', 4], ['TEACHER', 3], ['SENIOR_LEADER', 2]],
  SECONDARY: [['MIDDLE_LEADER', 5], ['TEACHER', 2], ['SENIOR_LEADER', 1]],
};

/** Travel radius people state: longer in rural Cornwall than between Lancashire towns; null means no limit. */
const TRAVEL_KM: Record<Locale, readonly (readonly [number | null, number])[]> = {
  CORNWALL: [[20, 1], [25, 1], [30, 2], [40, 3], [50, 3], [60, 3], [null, 2]],
  LANCASHIRE: [[10, 1], [15, 2], [20, 2], [25, 2], [30, 3], [40, 2], [null, 1]],
};
/** Subject specialists offering support expect to travel across their hub or trust. */
const SPECIALIST_TRAVEL_KM: Record<Locale, readonly (readonly [number | null, number])[]> = {
  CORNWALL: [[30, 1], [40, 2], [50, 2], [60, 2], [null, 1]],
  LANCASHIRE: [[30, 2], [40, 2], [50, 1], [null, 1]],
};

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (utcMs: number): string => new Date(utcMs).toISOString().slice(0, 10);
const REFERENCE_MS = Date.UTC(2026, 10, 23);

interface NeedSpec {
  urn: string;
  area: ExpertiseArea;
  severity: NeedSeverity;
  days: number;
  raisedDaysAgo: number;
  window: [number, number] | null;
  description: string;
}

/** Open needs, mostly at Requires Improvement, Inadequate or high-FSM academies. */
const NEEDS: NeedSpec[] = [
  { urn: '141203', area: 'MATHS', severity: 'HIGH', days: 8, raisedDaysAgo: 21, window: [7, 120], description: 'KS2 reasoning outcomes below national for three years; new maths lead needs coaching to embed a mastery approach' },
  { urn: '141203', area: 'EARLY_YEARS', severity: 'MEDIUM', days: 6, raisedDaysAgo: 45, window: null, description: 'Reception good level of development 54%; continuous provision lacks purpose and adult interactions are inconsistent' },
  { urn: '141213', area: 'PHONICS', severity: 'HIGH', days: 10, raisedDaysAgo: 30, window: [14, 150], description: 'Year 1 phonics screening pass rate 63%, well below national; the scheme adopted last year is not taught with fidelity' },
  { urn: '141213', area: 'ATTENDANCE', severity: 'MEDIUM', days: 5, raisedDaysAgo: 52, window: null, description: 'Persistent absence 22% and rising among disadvantaged pupils; no attendance lead in post' },
  { urn: '141222', area: 'SCIENCE', severity: 'HIGH', days: 12, raisedDaysAgo: 14, window: [0, 90], description: 'KS4 combined science outcomes falling; curriculum not sequenced and two non-specialists teaching physics' },
  { urn: '141222', area: 'ATTENDANCE', severity: 'CRITICAL', days: 12, raisedDaysAgo: 7, window: [0, 60], description: 'Persistent absence 31% in Years 9 to 11; attendance named as a key weakness at the last inspection' },
  { urn: '141222', area: 'MODERN_FOREIGN_LANGUAGES', severity: 'LOW', days: 4, raisedDaysAgo: 60, window: null, description: 'EBacc entry falling; a Spanish department of two early-career teachers needs a curriculum model' },
  { urn: '141223', area: 'SAFEGUARDING', severity: 'CRITICAL', days: 6, raisedDaysAgo: 3, window: [0, 30], description: 'Inspection found safeguarding ineffective: records incomplete and the DSL new to post; monitoring visit expected within six months' },
  { urn: '141223', area: 'PHONICS', severity: 'HIGH', days: 10, raisedDaysAgo: 30, window: [7, 120], description: 'Reading is not prioritised: a third of Year 2 cannot read fluently; staff need training in the trust’s phonics scheme' },
  { urn: '141223', area: 'BEHAVIOUR', severity: 'HIGH', days: 8, raisedDaysAgo: 28, window: null, description: 'Low-level disruption widespread; the behaviour policy is not applied consistently and suspensions are rising' },
  { urn: '141224', area: 'EARLY_YEARS', severity: 'MEDIUM', days: 5, raisedDaysAgo: 60, window: [30, 180], description: 'Two-year-old provision expanding; new room leaders need support with communication and language' },
  { urn: '141232', area: 'ENGLISH', severity: 'HIGH', days: 8, raisedDaysAgo: 10, window: [7, 100], description: 'Writing at the expected standard 48% at KS2; staff lack confidence teaching sentence construction' },
  { urn: '141232', area: 'CLOSING_THE_GAP', severity: 'MEDIUM', days: 6, raisedDaysAgo: 90, window: null, description: 'Disadvantaged pupils 28 points behind peers in reading, writing and maths combined; pupil premium strategy lacks focus' },
  { urn: '141234', area: 'CURRICULUM_LEADERSHIP', severity: 'MEDIUM', days: 4, raisedDaysAgo: 40, window: null, description: 'Pre-formal curriculum for pupils with profound and multiple learning difficulties needs redesign; new curriculum lead' },
  { urn: '141241', area: 'ACADEMY_TRANSITION', severity: 'CRITICAL', days: 15, raisedDaysAgo: 5, window: [0, 60], description: 'Joined the trust in September after an Inadequate judgement; needs interim leadership, a raising-standards plan and the trust’s policies in place' },
  { urn: '141241', area: 'MATHS', severity: 'HIGH', days: 10, raisedDaysAgo: 5, window: [14, 120], description: 'Maths teaching relies on worksheets; KS2 progress -3.8 and no subject leader' },
  { urn: '142302', area: 'MATHS', severity: 'HIGH', days: 10, raisedDaysAgo: 18, window: [7, 120], description: 'Year 6 maths at the expected standard 51%; arithmetic fluency weak across KS2' },
  { urn: '142302', area: 'ATTENDANCE', severity: 'HIGH', days: 8, raisedDaysAgo: 25, window: null, description: 'Persistent absence 26%; a third of disadvantaged pupils miss more than one day in ten' },
  { urn: '142312', area: 'PHONICS', severity: 'CRITICAL', days: 12, raisedDaysAgo: 5, window: [0, 90], description: 'Phonics screening pass rate 49%; many pupils new to English; phonics teaching inconsistent across Reception and Year 1' },
  { urn: '142312', area: 'CURRICULUM_LEADERSHIP', severity: 'HIGH', days: 10, raisedDaysAgo: 12, window: null, description: 'Foundation subjects not planned or sequenced; subject leaders new to role' },
  { urn: '142312', area: 'GOVERNANCE', severity: 'MEDIUM', days: 4, raisedDaysAgo: 15, window: null, description: 'Local governing body did not challenge leaders on outcomes; new chair needs induction and support' },
  { urn: '142313', area: 'ENGLISH', severity: 'MEDIUM', days: 6, raisedDaysAgo: 35, window: null, description: 'Reading comprehension weak in upper KS2; no whole-school approach to vocabulary' },
  { urn: '142311', area: 'MODERN_FOREIGN_LANGUAGES', severity: 'MEDIUM', days: 6, raisedDaysAgo: 50, window: [30, 200], description: 'Only 22% of pupils take a language at GCSE; staffing instability in the languages department' },
  { urn: '142303', area: 'TRANSITION', severity: 'LOW', days: 4, raisedDaysAgo: 70, window: null, description: 'Year 7 reading dip; information from feeder primaries arrives late and inconsistently' },
  { urn: '143403', area: 'ENGLISH', severity: 'HIGH', days: 8, raisedDaysAgo: 20, window: null, description: 'Many pupils arrive with reading ages four years below their age; no systematic reading intervention' },
  { urn: '143404', area: 'PHONICS', severity: 'MEDIUM', days: 6, raisedDaysAgo: 40, window: [14, 150], description: 'Phonics screening 68%; staff turnover means half the KS1 team are untrained in the scheme' },
  { urn: '143401', area: 'SEND', severity: 'LOW', days: 4, raisedDaysAgo: 15, window: null, description: 'SEND register out of date; new SENCO needs support with provision maps and EHCP reviews' },
];

/** Past support, supporter named by home academy and area: the history behind track record. */
const HISTORY: { needUrn: string; supporterUrn: string; area: ExpertiseArea; days: number; impact: 1 | 2 | 3 | 4; evidence: string; completedDaysAgo: number }[] = [
  { needUrn: '141202', supporterUrn: '141201', area: 'MATHS', days: 6, impact: 4, evidence: 'Mastery approach embedded across KS2; reasoning at the expected standard up from 61% to 78%', completedDaysAgo: 120 },
  { needUrn: '141214', supporterUrn: '141211', area: 'PHONICS', days: 5, impact: 3, evidence: 'Phonics screening pass rate up from 70% to 84% in one year', completedDaysAgo: 200 },
  { needUrn: '142313', supporterUrn: '142301', area: 'PHONICS', days: 8, impact: 3, evidence: 'Phonics screening up from 58% to 76%; daily keep-up sessions now routine', completedDaysAgo: 90 },
  { needUrn: '142302', supporterUrn: '142301', area: 'CLOSING_THE_GAP', days: 6, impact: 2, evidence: 'Pupil premium strategy rewritten; gap narrowed only slightly after staff turnover', completedDaysAgo: 150 },
  { needUrn: '141232', supporterUrn: '141231', area: 'BEHAVIOUR', days: 6, impact: 3, evidence: 'Consistent routines introduced; suspensions halved in two terms', completedDaysAgo: 60 },
  { needUrn: '142312', supporterUrn: '142311', area: 'ATTENDANCE', days: 5, impact: 2, evidence: 'Attendance officer trained; persistent absence down 3 points but still well above national', completedDaysAgo: 45 },
  { needUrn: '141222', supporterUrn: '141204', area: 'ENGLISH', days: 10, impact: 4, evidence: 'GCSE English language grade 4+ up 11 points; the department now leads its own moderation', completedDaysAgo: 300 },
  { needUrn: '143404', supporterUrn: '143402', area: 'MATHS', days: 3, impact: 1, evidence: 'Support ended early when the class teacher left; no measurable change', completedDaysAgo: 240 },
  { needUrn: '141213', supporterUrn: '141212', area: 'EARLY_YEARS', days: 5, impact: 3, evidence: 'Continuous provision redesigned; good level of development up 9 points', completedDaysAgo: 80 },
];

function toAcademy(s: DemoSchool, trustKey: string | null): SeedAcademy {
  return {
    urn: s.urn,
    name: s.name,
    phase: s.phase,
    ofstedRating: s.ofsted,
    fsmPercent: s.fsm,
    pupils: s.pupils,
    postcode: s.postcode,
    latitude: s.lat,
    longitude: s.lng,
    trustKey,
  };
}

class StaffFactory {
  readonly staff: SeedStaff[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly rng: Prng) {}

  private name(locale: Locale): string {
    for (;;) {
      const name = randomName(this.rng, locale);
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  private safeguardingDate(): string | null {
    if (this.rng.chance(0.1)) return null; // not recorded
    return isoDay(Date.UTC(2027, 0, 4) + this.rng.int(0, 3 * 365) * DAY_MS);
  }

  private level(home: DemoSchool): ExpertiseLevel {
    // Strong schools grow system leaders; a school in difficulty rarely has them to spare.
    if (home.ofsted === 'OUTSTANDING') return pickWeighted(this.rng, [['SECURE', 1], ['EXPERT', 3], ['SYSTEM_LEADER', 2]] as const);
    if (home.ofsted === 'GOOD') return pickWeighted(this.rng, [['SECURE', 2], ['EXPERT', 3], ['SYSTEM_LEADER', 1]] as const);
    return pickWeighted(this.rng, [['DEVELOPING', 1], ['SECURE', 3], ['EXPERT', 1]] as const);
  }

  add(
    home: DemoSchool,
    locale: Locale,
    role: StaffRole,
    mainAreas: ExpertiseArea[],
    overrides: Partial<Omit<SeedStaff, 'name' | 'email' | 'homeAcademyUrn'>> & { mainLevel?: ExpertiseLevel } = {},
  ): SeedStaff {
    const rng = this.rng;
    const name = this.name(locale);
    const mainLevel = overrides.mainLevel ?? this.level(home);
    const areas = [...mainAreas];
    // A second string, from the subjects of the home phase.
    if (rng.chance(0.7)) {
      const pool = poolFor(home.phase).filter((a) => !areas.includes(a));
      if (pool.length > 0) areas.push(rng.pick(pool));
    }
    const expertise = areas.map((area, i) => {
      const level: ExpertiseLevel = i < mainAreas.length ? (i === 0 ? mainLevel : 'EXPERT') : rng.pick(['DEVELOPING', 'SECURE', 'SECURE'] as const);
      const evidence = i === 0 && level !== 'DEVELOPING' ? (EVIDENCE[area] ? rng.pick(EVIDENCE[area]) : null) : null;
      return { area, level, phases: phasesFor(area, home.phase), evidence };
    });
    const leader = role === 'SENIOR_LEADER' || role === 'HEADTEACHER' || role === 'EXECUTIVE_HEADTEACHER';
    const capacityDays = leader ? rng.pick([8, 10, 12, 15, 20]) : rng.pick([5, 6, 8, 10, 10, 12, 15]);
    const designations: Designation[] = [];
    if (mainLevel === 'SYSTEM_LEADER' || (mainLevel === 'EXPERT' && home.ofsted !== 'INADEQUATE' && rng.chance(0.35))) designations.push('SLE');
    const record: SeedStaff = {
      name,
      email: `${emailLocalPart(name)}@${home.domain}`,
      role,
      homeAcademyUrn: home.urn,
      designations,
      capacityDays,
      maxTravelKm: pickWeighted(rng, TRAVEL_KM[locale]),
      safeguardingCheckExpiresOn: this.safeguardingDate(),
      expertise,
    };
    const fields: Partial<SeedStaff> = { ...overrides };
    delete (fields as { mainLevel?: ExpertiseLevel }).mainLevel;
    Object.assign(record, fields);
    this.staff.push(record);
    return record;
  }
}

/** Deterministic, realistic demo data; every natural key resolves. */
export function buildDemoDataset(): SeedDataset {
  const rng = createPrng(20261123);
  const factory = new StaffFactory(rng);
  const academies: SeedAcademy[] = [];
  const clusters: SeedCluster[] = [];
  const schools = new Map<string, { school: DemoSchool; locale: Locale }>();

  const staffSchool = (s: DemoSchool, locale: Locale, isLead: boolean) => {
    const secondaryLike = s.phase === 'SECONDARY' || s.phase === 'ALL_THROUGH';
    if (!isLead) {
      factory.add(s, locale, 'HEADTEACHER', [s.ofsted === 'INADEQUATE' || s.ofsted === 'REQUIRES_IMPROVEMENT' ? 'ASSESSMENT' : 'CURRICULUM_LEADERSHIP'], {
        capacityDays: rng.pick([4, 5, 6, 8]),
        designations: s.ofsted === 'GOOD' && rng.chance(0.4) ? ['LLE'] : [],
      });
    } else {
      // The executive head leads the hub; a head of school runs the lead academy day to day.
      factory.add(s, locale, 'SENIOR_LEADER', ['CURRICULUM_LEADERSHIP'], { capacityDays: rng.pick([6, 8, 10]) });
    }
    for (const area of s.specialisms) {
      const role = pickWeighted(rng, ROLE_FOR_PHASE[secondaryLike ? 'SECONDARY' : 'PRIMARY']);
      factory.add(s, locale, role, [area], { maxTravelKm: pickWeighted(rng, SPECIALIST_TRAVEL_KM[locale]) });
    }
  };

  for (const hub of HUBS) {
    const locale = LOCALE_OF_TRUST[hub.trustKey]!;
    const lead = hub.schools[0]!;
    for (const s of hub.schools) {
      const academy = toAcademy(s, hub.trustKey);
      if (s === lead) academy.supportCapacityDays = 20; // the lead academy supports its hub as a whole
      academies.push(academy);
      schools.set(s.urn, { school: s, locale });
    }
    const head = factory.add(lead, locale, 'EXECUTIVE_HEADTEACHER', ['CURRICULUM_LEADERSHIP', 'ACADEMY_TRANSITION', 'CPD_LEADERSHIP'], {
      mainLevel: 'SYSTEM_LEADER',
      designations: lead.ofsted === 'OUTSTANDING' ? ['NLE'] : ['LLE'],
      capacityDays: 25,
      maxTravelKm: 60,
    });
    for (const s of hub.schools) staffSchool(s, locale, s === lead);
    clusters.push({
      key: hub.key,
      name: hub.name,
      trustKey: hub.trustKey,
      leadAcademyUrn: lead.urn,
      executiveHeadEmail: head.email,
      memberAcademyUrns: hub.schools.map((s) => s.urn),
    });
  }
  for (const { trustKey, school: s } of UNHUBBED) {
    const locale = LOCALE_OF_TRUST[trustKey]!;
    academies.push(toAcademy(s, trustKey));
    schools.set(s.urn, { school: s, locale });
    staffSchool(s, locale, false);
  }
  for (const { locale, school: s } of STANDALONE) {
    academies.push(toAcademy(s, null));
    schools.set(s.urn, { school: s, locale });
    staffSchool(s, locale, false);
  }

  // People who show particular rules at work.
  const at = (urn: string) => schools.get(urn)!;
  const kenwyn = at('141221');
  // A national leader of governance: governance support travels nationally.
  factory.add(kenwyn.school, kenwyn.locale, 'SENIOR_LEADER', ['GOVERNANCE'], {
    mainLevel: 'SYSTEM_LEADER',
    designations: ['NLG'],
    capacityDays: 10,
    maxTravelKm: null,
  });
  // Trust business managers.
  const stPetrocs = at('141201');
  factory.add(stPetrocs.school, stPetrocs.locale, 'SUPPORT_STAFF', ['BUSINESS_AND_FINANCIAL_MANAGEMENT'], { mainLevel: 'EXPERT', capacityDays: 6 });
  const smithills = at('142301');
  factory.add(smithills.school, smithills.locale, 'SUPPORT_STAFF', ['BUSINESS_AND_FINANCIAL_MANAGEMENT'], { mainLevel: 'EXPERT', capacityDays: 6 });
  // A safeguarding lead whose check has lapsed, and a maths lead with every day already given.
  const rivington = at('142303');
  factory.add(rivington.school, rivington.locale, 'SENIOR_LEADER', ['SAFEGUARDING', 'ATTENDANCE'], {
    mainLevel: 'EXPERT',
    safeguardingCheckExpiresOn: '2025-06-30',
  });
  factory.add(kenwyn.school, kenwyn.locale, 'MIDDLE_LEADER', ['PHONICS'], {
    mainLevel: 'EXPERT',
    safeguardingCheckExpiresOn: '2026-10-31',
  });
  const kitHill = at('141233');
  const fullyGiven = factory.add(kitHill.school, kitHill.locale, 'MIDDLE_LEADER', ['MATHS'], { mainLevel: 'EXPERT', capacityDays: 10 });
  // A check due to expire within weeks of the reference date.
  const walverden = at('142314');
  factory.add(walverden.school, walverden.locale, 'TEACHER', ['MATHS'], { mainLevel: 'SECURE', safeguardingCheckExpiresOn: '2026-12-14' });

  const staff = factory.staff;
  const phaseOf = (urn: string): Phase => at(urn).school.phase;

  const needs: SeedNeed[] = NEEDS.map((n) => ({
    academyUrn: n.urn,
    area: n.area,
    phase: phaseOf(n.urn),
    severity: n.severity,
    description: n.description,
    daysRequested: n.days,
    raisedDaysAgo: n.raisedDaysAgo,
    windowStartInDays: n.window ? n.window[0] : null,
    windowEndInDays: n.window ? n.window[1] : null,
  }));

  const completedDeployments: SeedCompletedDeployment[] = HISTORY.map((h) => {
    const supporter = staff.find((s) => s.homeAcademyUrn === h.supporterUrn && s.expertise[0]?.area === h.area)
      ?? staff.find((s) => s.homeAcademyUrn === h.supporterUrn && s.expertise.some((e) => e.area === h.area));
    if (!supporter) throw new Error(`demo data: nobody at ${h.supporterUrn} has ${h.area} expertise`);
    return {
      needAcademyUrn: h.needUrn,
      area: h.area,
      phase: phaseOf(h.needUrn),
      staffEmail: supporter.email,
      days: h.days,
      impactRating: h.impact,
      impactEvidence: h.evidence,
      completedDaysAgo: h.completedDaysAgo,
    };
  });

  // Every day of the Kit Hill maths lead was given to Tolvaddon this year: a deployment, not
  // a bare figure, so days offered minus days left always equals the days of their support.
  completedDeployments.push({
    needAcademyUrn: '141222',
    area: 'MATHS',
    phase: phaseOf('141222'),
    staffEmail: fullyGiven.email,
    days: fullyGiven.capacityDays,
    impactRating: 3,
    impactEvidence: 'Year 10 maths intervention redesigned; grade 4+ in mocks up from 52% to 61%',
    completedDaysAgo: 30,
  });

  // A school the register lists as closed (it merged into Porth Academy at the end of last
  // school year), kept because records refer to it, with the days it offered before it closed
  // and its headteacher: it lends nobody (docs/gias-import.md). Written out after every drawn
  // figure, so the rest of the demo stays as it was.
  academies.push({ ...toAcademy(CLOSED, null), supportCapacityDays: 3, closedOn: '2026-08-31' });
  staff.push({
    name: 'Morwenna Tregear',
    email: `morwenna.tregear@${CLOSED.domain}`,
    role: 'HEADTEACHER',
    homeAcademyUrn: CLOSED.urn,
    designations: [],
    capacityDays: 5,
    maxTravelKm: 30,
    safeguardingCheckExpiresOn: null,
    expertise: [{ area: 'CURRICULUM_LEADERSHIP', level: 'SECURE', phases: ['PRIMARY'], evidence: null }],
  });

  return { trusts: TRUSTS.map((t) => ({ ...t })), academies, clusters, staff, needs, completedDeployments };
}

/** The reference instant of the demo's dates, for tests that check "expired" relative to it. */
export const DEMO_REFERENCE_TIME = new Date(REFERENCE_MS);
