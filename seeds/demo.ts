// The demo world loaded by `npm start` (embedded database) and `npm run seed`: an
// ASPIRE-style trust in Cornwall with three hubs of four academies, a second trust in
// Lancashire with two hubs of three, and standalone schools. Deterministic.
import type { ExpertiseLevel, NeedSeverity, OfstedRating, Phase, StaffRole } from '../server/domain/enums';
import type { ExpertiseArea } from '../server/domain/taxonomy';
import type { SeedAcademy, SeedCluster, SeedDataset, SeedNeed, SeedStaff, SeedTrust } from './dataset';
import { createPrng } from './prng';

type AcademyRow = [urn: string, name: string, phase: Phase, ofsted: OfstedRating, fsm: number, pupils: number, postcode: string, lat: number, lng: number];

const TRUSTS: SeedTrust[] = [
  { key: 'kernow', name: 'Kernow Learning Partnership', region: 'South West' },
  { key: 'pennine', name: 'Pennine Schools Trust', region: 'North West' },
];

// [hub key, hub name, trust key, academies (lead first)]
const HUBS: [string, string, string, AcademyRow[]][] = [
  ['bodmin', 'Bodmin Hub', 'kernow', [
    ['141201', "St Petroc's Academy", 'PRIMARY', 'OUTSTANDING', 14.2, 412, 'PL31 1DS', 50.4709, -4.7196],
    ['141202', 'Lostwithiel Primary Academy', 'PRIMARY', 'GOOD', 21.5, 196, 'PL22 0BL', 50.4075, -4.6712],
    ['141203', 'Lanivet Community Academy', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 33.8, 151, 'PL30 5HE', 50.4433, -4.7625],
    ['141204', 'Bodmin College Academy', 'SECONDARY', 'GOOD', 24.9, 1320, 'PL31 2HS', 50.4628, -4.7083],
  ]],
  ['truro', 'Truro and Penwith Hub', 'kernow', [
    ['141211', 'Truro Learning Academy', 'PRIMARY', 'OUTSTANDING', 18.7, 630, 'TR1 1TN', 50.2632, -5.051],
    ['141212', 'Camborne Science Academy', 'SECONDARY', 'REQUIRES_IMPROVEMENT', 36.4, 1180, 'TR14 7PP', 50.2123, -5.2985],
    ['141213', 'Redruth Primary Academy', 'PRIMARY', 'INADEQUATE', 47.9, 288, 'TR15 1HT', 50.2331, -5.2262],
    ['141214', 'Penzance Nursery School', 'NURSERY', 'GOOD', 39.2, 96, 'TR18 2SP', 50.1188, -5.5371],
  ]],
  ['launceston', 'Launceston Hub', 'kernow', [
    ['141221', 'Launceston Primary Academy', 'PRIMARY', 'GOOD', 16.3, 402, 'PL15 8AX', 50.6372, -4.3601],
    ['141222', 'Callington Community Academy', 'SECONDARY', 'GOOD', 22.1, 980, 'PL17 7DR', 50.5032, -4.3165],
    ['141223', 'Liskeard Hillfort Primary', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 41.6, 330, 'PL14 3HZ', 50.4551, -4.4654],
    ['141224', 'Tamar Valley Special Academy', 'SPECIAL', 'GOOD', 58.7, 88, 'PL15 7AN', 50.6305, -4.3467],
  ]],
  ['bolton', 'Bolton Hub', 'pennine', [
    ['142301', 'Bolton Moor Primary Academy', 'PRIMARY', 'OUTSTANDING', 29.4, 450, 'BL1 4LQ', 53.5786, -2.4297],
    ['142302', 'Farnworth Park Academy', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 52.3, 360, 'BL4 7QH', 53.5503, -2.3966],
    ['142303', 'Horwich All-Through Academy', 'ALL_THROUGH', 'GOOD', 26.8, 1510, 'BL6 7RU', 53.6009, -2.5493],
  ]],
  ['burnley', 'Burnley and Blackburn Hub', 'pennine', [
    ['142311', 'Burnley Rosegrove Academy', 'SECONDARY', 'GOOD', 38.1, 1050, 'BB12 6HH', 53.7893, -2.2647],
    ['142312', 'Blackburn Larkhill Primary', 'PRIMARY', 'INADEQUATE', 55.6, 240, 'BB1 5DN', 53.7512, -2.4734],
    ['142313', 'Accrington Hyndburn Academy', 'PRIMARY', 'REQUIRES_IMPROVEMENT', 44.0, 310, 'BB5 1QX', 53.7534, -2.3641],
  ]],
];

const STANDALONE: AcademyRow[] = [
  ['143401', 'Newquay Tretherras School', 'SECONDARY', 'GOOD', 19.4, 1400, 'TR7 3BH', 50.4089, -5.0631],
  ['143402', 'Falmouth Harbour Primary', 'PRIMARY', 'OUTSTANDING', 6.1, 280, 'TR11 2NX', 50.1543, -5.0727],
  ['143403', 'Preston Brookfield Pupil Referral Unit', 'ALTERNATIVE_PROVISION', 'GOOD', 61.2, 45, 'PR2 6TU', 53.7788, -2.6947],
];

const FIRST = ['Amelia', 'Oliver', 'Priya', 'Mohammed', 'Grace', 'Kwame', 'Siobhan', 'Tomasz', 'Aisha', 'James', 'Chloe', 'Rhys', 'Fatima', 'Daniel', 'Hannah', 'Samuel', 'Zara', 'Ewan', 'Imogen', 'Kofi', 'Lucy', 'Arjun', 'Megan', 'Callum', 'Nadia', 'Joseph', 'Elena', 'Harry', 'Yasmin', 'Owen'];
const LAST = ['Trelawny', 'Pascoe', 'Shah', 'Hussain', 'Rowe', 'Mensah', "O'Neill", 'Nowak', 'Begum', 'Penrose', 'Hughes', 'Evans', 'Khan', 'Jago', 'Clarke', 'Nance', 'Ahmed', 'Campbell', 'Tremayne', 'Boateng', 'Williams', 'Patel', 'Roberts', 'Stewart', 'Ali', 'Mitchell', 'Kowalski', 'Turner', 'Iqbal', 'Bennett'];

const PRIMARY_AREAS: ExpertiseArea[] = ['PHONICS', 'EARLY_YEARS', 'MATHS', 'ENGLISH', 'SEND', 'CLOSING_THE_GAP', 'SCIENCE', 'CURRICULUM_LEADERSHIP', 'ASSESSMENT', 'BEHAVIOUR', 'ATTENDANCE', 'TRANSITION'];
const SECONDARY_AREAS: ExpertiseArea[] = ['MATHS', 'ENGLISH', 'SCIENCE', 'MODERN_FOREIGN_LANGUAGES', 'COMPUTING', 'HISTORY', 'GEOGRAPHY', 'BEHAVIOUR', 'ATTENDANCE', 'SEND', 'CLOSING_THE_GAP', 'ASSESSMENT', 'TRANSITION', 'SAFEGUARDING'];
const SPECIALIST_AREAS: ExpertiseArea[] = ['SEND', 'BEHAVIOUR', 'SAFEGUARDING', 'ATTENDANCE', 'EARLY_YEARS'];
const LEVELS: ExpertiseLevel[] = ['SECURE', 'EXPERT', 'EXPERT', 'SYSTEM_LEADER'];

const EVIDENCE: Partial<Record<ExpertiseArea, string>> = {
  PHONICS: 'Year 1 phonics screening pass rate raised from 64% to 89% in two years',
  MATHS: 'KS2 maths progress score moved from -2.1 to +1.4; led mastery training across the hub',
  ENGLISH: 'Reading at expected standard up 18 points after a whole-school reading spine',
  SEND: 'Rebuilt the SEND register and provision maps; EHCP reviews now on time',
  BEHAVIOUR: 'Suspensions down 60% after a consistent behaviour curriculum',
  ATTENDANCE: 'Persistent absence reduced from 24% to 13% with a family-liaison model',
  EARLY_YEARS: 'Good level of development up from 58% to 74%',
  CLOSING_THE_GAP: 'Disadvantaged pupils’ attainment gap halved at KS2 over three years',
  SCIENCE: 'Introduced a knowledge-rich science curriculum; outcomes above national',
  SAFEGUARDING: 'Designated safeguarding lead; trained DSLs in four schools',
  ASSESSMENT: 'Replaced termly data drops with responsive formative assessment',
  CURRICULUM_LEADERSHIP: 'Led the curriculum redesign praised in the last Ofsted report',
};

const NEED_TEXT: Partial<Record<ExpertiseArea, string>> = {
  PHONICS: 'Phonics screening pass rate 61%, well below national; new reading lead needs coaching on the scheme',
  MATHS: 'KS2 reasoning outcomes below national for three years; new maths lead needs coaching',
  ENGLISH: 'Writing at greater depth far below national; moderation judged generous',
  SEND: 'SEND register out of date and provision maps missing; SENCO new to post',
  BEHAVIOUR: 'Low-level disruption reported in the last inspection; inconsistent routines',
  ATTENDANCE: 'Persistent absence at 27%, rising among disadvantaged pupils',
  EARLY_YEARS: 'Good level of development 52%; continuous provision weak',
  CLOSING_THE_GAP: 'Disadvantaged pupils 30 points behind peers in reading, writing and maths',
  SCIENCE: 'Science curriculum lacks sequencing; KS4 combined science outcomes falling',
  SAFEGUARDING: 'Safeguarding records inconsistent; DSL needs support before re-inspection',
  CURRICULUM_LEADERSHIP: 'Foundation subjects lack progression; subject leaders new to role',
  MODERN_FOREIGN_LANGUAGES: 'EBacc entry falling; Spanish department understaffed and inexperienced',
  TRANSITION: 'Year 7 dip in reading; weak information sharing with feeder primaries',
  GOVERNANCE: 'Local governing body not challenging leaders; new chair needs support',
};

export function buildDemoDataset(): SeedDataset {
  const rng = createPrng(20261123);
  const academies: SeedAcademy[] = [];
  const clusters: SeedCluster[] = [];
  const staff: SeedStaff[] = [];
  const toAcademy = (row: AcademyRow, trustKey: string | null): SeedAcademy => {
    const [urn, name, phase, ofstedRating, fsmPercent, pupils, postcode, latitude, longitude] = row;
    return { urn, name, phase, ofstedRating, fsmPercent, pupils, postcode, latitude, longitude, trustKey };
  };
  let person = 0;
  const nextName = () => {
    const name = `${FIRST[person % FIRST.length]} ${LAST[(person * 7 + 3) % LAST.length]}`;
    person += 1;
    return name;
  };
  const emailFor = (name: string, school: string) =>
    `${name.toLowerCase().replace(/[^a-z ]/g, '').replace(/ /g, '.')}@${school.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-(academy|school|primary|community)/g, '').replace(/^-|-$/g, '')}.org.uk`;

  const addStaff = (academy: SeedAcademy, role: StaffRole, areas: ExpertiseArea[], extra: Partial<SeedStaff> = {}) => {
    const name = nextName();
    const level = rng.pick(LEVELS);
    const expertise = areas.map((area, i) => ({
      area,
      level: i === 0 ? level : rng.pick(['DEVELOPING', 'SECURE', 'EXPERT'] as ExpertiseLevel[]),
      phases: [academy.phase],
      evidence: i === 0 ? (EVIDENCE[area] ?? null) : null,
    }));
    const capacityDays = rng.pick([5, 8, 10, 12, 15, 20, 30]);
    const record: SeedStaff = {
      name,
      email: emailFor(name, academy.name),
      role,
      homeAcademyUrn: academy.urn,
      designations: level === 'SYSTEM_LEADER' || (level === 'EXPERT' && rng.chance(0.4)) ? ['SLE'] : [],
      capacityDays,
      daysCommitted: rng.chance(0.3) ? rng.int(1, Math.floor(capacityDays / 2)) : 0,
      maxTravelKm: rng.pick([15, 25, 30, 40, 60, null]),
      safeguardingCheckExpiresOn: rng.chance(0.7) ? `202${rng.int(7, 9)}-0${rng.int(1, 9)}-15` : null,
      expertise,
      ...extra,
    };
    staff.push(record);
    return record;
  };

  const areasFor = (phase: Phase): ExpertiseArea[] => (phase === 'SECONDARY' || phase === 'ALL_THROUGH' ? SECONDARY_AREAS : phase === 'SPECIAL' || phase === 'ALTERNATIVE_PROVISION' ? SPECIALIST_AREAS : PRIMARY_AREAS);

  for (const [key, name, trustKey, rows] of HUBS) {
    const members = rows.map((row) => toAcademy(row, trustKey));
    academies.push(...members);
    const lead = members[0]!;
    lead.supportCapacityDays = 20; // the ASPIRE lead academy supports its hub as a whole
    const head = addStaff(lead, 'EXECUTIVE_HEADTEACHER', ['CURRICULUM_LEADERSHIP', 'ACADEMY_TRANSITION'], {
      designations: ['NLE'],
      capacityDays: 20,
      daysCommitted: 4,
      maxTravelKm: 60,
    });
    clusters.push({ key, name, trustKey, leadAcademyUrn: lead.urn, executiveHeadEmail: head.email, memberAcademyUrns: members.map((m) => m.urn) });
  }
  academies.push(...STANDALONE.map((row) => toAcademy(row, null)));

  for (const academy of academies) {
    const pool = areasFor(academy.phase);
    addStaff(academy, 'HEADTEACHER', ['CURRICULUM_LEADERSHIP', rng.pick(pool)], { capacityDays: 6 });
    for (let i = 0; i < 2; i += 1) {
      const first = pool[(academies.indexOf(academy) * 3 + i * 5) % pool.length]!;
      const second = rng.pick(pool.filter((a) => a !== first));
      addStaff(academy, rng.pick(['MIDDLE_LEADER', 'MIDDLE_LEADER', 'SENIOR_LEADER', 'TEACHER'] as StaffRole[]), [first, second]);
    }
  }
  // A national leader of governance and a safeguarding lead whose check has lapsed.
  addStaff(academies.find((a) => a.urn === '141211')!, 'SENIOR_LEADER', ['GOVERNANCE'], { designations: ['NLG'], capacityDays: 10 });
  addStaff(academies.find((a) => a.urn === '142303')!, 'SENIOR_LEADER', ['SAFEGUARDING', 'ATTENDANCE'], { safeguardingCheckExpiresOn: '2025-06-30' });

  const byUrn = new Map(academies.map((a) => [a.urn, a]));
  const need = (urn: string, area: ExpertiseArea, severity: NeedSeverity, daysRequested: number, raisedDaysAgo: number): SeedNeed => {
    const academy = byUrn.get(urn)!;
    return {
      academyUrn: urn,
      area,
      phase: academy.phase === 'NURSERY' ? 'NURSERY' : academy.phase,
      severity,
      description: NEED_TEXT[area] ?? `Support needed in ${area.toLowerCase().replace(/_/g, ' ')}`,
      daysRequested,
      raisedDaysAgo,
      windowStartInDays: rng.chance(0.5) ? rng.int(7, 30) : null,
      windowEndInDays: rng.chance(0.5) ? rng.int(60, 180) : null,
    };
  };
  const needs: SeedNeed[] = [
    need('141203', 'MATHS', 'HIGH', 8, 21),
    need('141203', 'PHONICS', 'MEDIUM', 6, 45),
    need('141212', 'SCIENCE', 'HIGH', 10, 14),
    need('141212', 'ATTENDANCE', 'CRITICAL', 12, 7),
    need('141213', 'SAFEGUARDING', 'CRITICAL', 6, 3),
    need('141213', 'PHONICS', 'HIGH', 10, 30),
    need('141213', 'BEHAVIOUR', 'HIGH', 8, 30),
    need('141214', 'EARLY_YEARS', 'MEDIUM', 5, 60),
    need('141223', 'ENGLISH', 'HIGH', 8, 10),
    need('141223', 'CLOSING_THE_GAP', 'MEDIUM', 6, 90),
    need('141224', 'SEND', 'LOW', 4, 40),
    need('142302', 'MATHS', 'HIGH', 10, 18),
    need('142302', 'ATTENDANCE', 'HIGH', 8, 25),
    need('142312', 'PHONICS', 'CRITICAL', 12, 5),
    need('142312', 'CURRICULUM_LEADERSHIP', 'HIGH', 10, 12),
    need('142313', 'ENGLISH', 'MEDIUM', 6, 35),
    need('142311', 'MODERN_FOREIGN_LANGUAGES', 'MEDIUM', 6, 50),
    need('143403', 'BEHAVIOUR', 'HIGH', 8, 20),
    need('142303', 'TRANSITION', 'LOW', 4, 70),
    need('142311', 'GOVERNANCE', 'MEDIUM', 4, 15),
  ];

  const withArea = (area: ExpertiseArea) => staff.find((s) => s.expertise[0]?.area === area && s.role !== 'HEADTEACHER');
  const completedDeployments = (
    [
      ['141202', 'MATHS', 4, 'Maths mastery approach embedded; KS2 reasoning up 9 points'],
      ['142313', 'PHONICS', 3, 'Phonics screening up from 58% to 76%'],
      ['141222', 'BEHAVIOUR', 3, 'Consistent routines; suspensions halved in a term'],
      ['142302', 'SEND', 2, 'Provision maps rewritten; some staff turnover slowed impact'],
      ['141221', 'ENGLISH', 4, 'Reading spine adopted across KS2; outcomes above national'],
      ['142311', 'ATTENDANCE', 3, 'Persistent absence down 6 points'],
    ] as [string, ExpertiseArea, 1 | 2 | 3 | 4, string][]
  ).flatMap(([urn, area, impactRating, impactEvidence], i) => {
    const supporter = withArea(area);
    if (!supporter) return [];
    const academy = byUrn.get(urn)!;
    return [{ needAcademyUrn: urn, area, phase: academy.phase, staffEmail: supporter.email, days: 4 + i, impactRating, impactEvidence, completedDaysAgo: 60 + i * 20 }];
  });

  return { trusts: TRUSTS, academies, clusters, staff, needs, completedDeployments };
}
