// A realistic synthetic national dataset for benchmarks (issue 8): English geography,
// trusts clustered in space with hubs of 3-4, a phase and Ofsted mix like England's, a
// right-skewed FSM distribution with a national mean near 24%, and expertise by phase.
//
// Pure and deterministic: the same options (and seed) give deeply equal data. Plain arrays
// are simplest at national size (22,000 academies, 50,000 staff, 5,000 needs build in well
// under a second and a few tens of MB); `inChunks` slices them for batched inserts.
import type { Designation, ExpertiseLevel, NeedSeverity, OfstedRating, Phase, StaffRole } from '../server/domain/enums';
import { expertiseAreaInfo, type ExpertiseArea } from '../server/domain/taxonomy';
import type { SeedAcademy, SeedCluster, SeedCompletedDeployment, SeedDataset, SeedNeed, SeedStaff, SeedTrust } from './dataset';
import { emailLocalPart, randomName, type NameLocale } from './names';
import { createPrng, pickWeighted, weightedPicker, type Prng } from './prng';

export interface NationalOptions {
  academies: number;
  staff: number;
  /** Open needs. */
  needs: number;
  /** Completed deployments (history for track record); default half the number of needs. */
  completedDeployments?: number;
  seed?: number;
}

export const DEFAULT_NATIONAL_SEED = 20261123;
/** Safeguarding dates are written relative to this day. */
export const NATIONAL_REFERENCE_DATE = '2026-11-23';

/** Slice an array into consecutive batches (for loaders inserting in batches). */
export function* inChunks<T>(items: readonly T[], size: number): Generator<T[]> {
  if (!(size >= 1)) throw new Error('chunk size must be at least 1');
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

// ---------------------------------------------------------------------------------------
// Geography

type Region =
  | 'North East'
  | 'North West'
  | 'Yorkshire and the Humber'
  | 'East Midlands'
  | 'West Midlands'
  | 'East of England'
  | 'London'
  | 'South East'
  | 'South West';

/** Share of England's state schools by region (DfE school census, rounded). */
const REGION_SHARE: readonly (readonly [Region, number])[] = [
  ['London', 0.14],
  ['South East', 0.16],
  ['North West', 0.14],
  ['East of England', 0.12],
  ['West Midlands', 0.11],
  ['South West', 0.11],
  ['Yorkshire and the Humber', 0.1],
  ['East Midlands', 0.09],
  ['North East', 0.05],
];

/** Regional FSM relative to the national mean (North East highest, South East lowest). */
const REGION_FSM_FACTOR: Record<Region, number> = {
  'North East': 1.25,
  'North West': 1.15,
  'West Midlands': 1.15,
  'Yorkshire and the Humber': 1.1,
  London: 1.05,
  'East Midlands': 0.98,
  'South West': 0.85,
  'East of England': 0.85,
  'South East': 0.78,
};

interface Town {
  readonly name: string;
  readonly region: Region;
  readonly lat: number;
  readonly lng: number;
  /** Built-up area population, thousands. */
  readonly pop: number;
  /** Postcode areas and district range, e.g. ['LS', 1, 29]. */
  readonly postcodes: readonly (readonly [string, number, number])[];
  /** Compass bearings (degrees, from..to clockwise) where open sea lies within ~15 km. */
  readonly sea?: readonly [number, number];
  readonly names?: NameLocale;
}

const t = (
  name: string,
  region: Region,
  lat: number,
  lng: number,
  pop: number,
  postcodes: readonly (readonly [string, number, number])[],
  extra: { sea?: readonly [number, number]; names?: NameLocale } = {},
): Town => ({ name, region, lat, lng, pop, postcodes, ...extra });

/** Real English towns and cities with approximate centres and populations. */
export const TOWNS: readonly Town[] = [
  t('London', 'London', 51.5072, -0.1276, 8900, [['E', 1, 18], ['N', 1, 22], ['SE', 1, 28], ['SW', 2, 20], ['W', 2, 14], ['NW', 2, 11]]),
  t('Croydon', 'London', 51.3762, -0.0982, 390, [['CR', 0, 8]]),
  t('Ilford', 'London', 51.559, 0.0741, 310, [['IG', 1, 11]]),
  t('Harrow', 'London', 51.5806, -0.3420, 260, [['HA', 0, 9]]),
  t('Birmingham', 'West Midlands', 52.4862, -1.8904, 1150, [['B', 1, 48]]),
  t('Coventry', 'West Midlands', 52.4068, -1.5197, 370, [['CV', 1, 6]]),
  t('Wolverhampton', 'West Midlands', 52.5862, -2.1288, 260, [['WV', 1, 14]]),
  t('Stoke-on-Trent', 'West Midlands', 53.0027, -2.1794, 260, [['ST', 1, 6]]),
  t('Telford', 'West Midlands', 52.6784, -2.4453, 145, [['TF', 1, 7]]),
  t('Worcester', 'West Midlands', 52.192, -2.22, 100, [['WR', 1, 5]]),
  t('Hereford', 'West Midlands', 52.0565, -2.716, 60, [['HR', 1, 4]]),
  t('Shrewsbury', 'West Midlands', 52.7073, -2.7553, 75, [['SY', 1, 3]]),
  t('Manchester', 'North West', 53.4808, -2.2426, 550, [['M', 1, 40]]),
  t('Liverpool', 'North West', 53.4084, -2.9916, 500, [['L', 1, 38]], { sea: [200, 340] }),
  t('Bolton', 'North West', 53.5769, -2.4282, 195, [['BL', 1, 3]], { names: 'LANCASHIRE' }),
  t('Oldham', 'North West', 53.5409, -2.1114, 100, [['OL', 1, 9]], { names: 'LANCASHIRE' }),
  t('Stockport', 'North West', 53.4106, -2.1575, 135, [['SK', 1, 7]]),
  t('Wigan', 'North West', 53.545, -2.6325, 105, [['WN', 1, 6]], { names: 'LANCASHIRE' }),
  t('Warrington', 'North West', 53.39, -2.597, 210, [['WA', 1, 5]]),
  t('Preston', 'North West', 53.7632, -2.7031, 145, [['PR', 1, 5]], { names: 'LANCASHIRE' }),
  t('Blackburn', 'North West', 53.7486, -2.482, 120, [['BB', 1, 2]], { names: 'LANCASHIRE' }),
  t('Burnley', 'North West', 53.7893, -2.248, 75, [['BB', 10, 12]], { names: 'LANCASHIRE' }),
  t('Blackpool', 'North West', 53.8175, -3.0357, 140, [['FY', 1, 4]], { sea: [190, 350], names: 'LANCASHIRE' }),
  t('Lancaster', 'North West', 54.0466, -2.8007, 52, [['LA', 1, 2]], { sea: [200, 300], names: 'LANCASHIRE' }),
  t('Carlisle', 'North West', 54.8925, -2.9329, 75, [['CA', 1, 3]], { sea: [240, 300] }),
  t('Kendal', 'North West', 54.328, -2.746, 30, [['LA', 9, 9]]),
  t('Leeds', 'Yorkshire and the Humber', 53.8008, -1.5491, 790, [['LS', 1, 29]]),
  t('Sheffield', 'Yorkshire and the Humber', 53.3811, -1.4701, 580, [['S', 1, 36]]),
  t('Bradford', 'Yorkshire and the Humber', 53.796, -1.7594, 360, [['BD', 1, 15]]),
  t('Hull', 'Yorkshire and the Humber', 53.7676, -0.3274, 270, [['HU', 1, 9]], { sea: [150, 250] }),
  t('York', 'Yorkshire and the Humber', 53.96, -1.0873, 200, [['YO', 1, 32]]),
  t('Huddersfield', 'Yorkshire and the Humber', 53.6458, -1.785, 160, [['HD', 1, 5]]),
  t('Wakefield', 'Yorkshire and the Humber', 53.683, -1.4977, 100, [['WF', 1, 4]]),
  t('Doncaster', 'Yorkshire and the Humber', 53.5228, -1.1285, 110, [['DN', 1, 5]]),
  t('Barnsley', 'Yorkshire and the Humber', 53.5526, -1.4797, 95, [['S', 70, 75]]),
  t('Grimsby', 'Yorkshire and the Humber', 53.5675, -0.08, 90, [['DN', 31, 34]], { sea: [0, 130] }),
  t('Scarborough', 'Yorkshire and the Humber', 54.283, -0.399, 60, [['YO', 11, 12]], { sea: [0, 180] }),
  t('Newcastle upon Tyne', 'North East', 54.9783, -1.6178, 300, [['NE', 1, 15]], { sea: [60, 120] }),
  t('Sunderland', 'North East', 54.9069, -1.3838, 175, [['SR', 1, 6]], { sea: [20, 160] }),
  t('Middlesbrough', 'North East', 54.5742, -1.235, 140, [['TS', 1, 8]], { sea: [0, 90] }),
  t('Durham', 'North East', 54.7761, -1.5733, 50, [['DH', 1, 7]]),
  t('Darlington', 'North East', 54.5236, -1.5595, 95, [['DL', 1, 3]]),
  t('Nottingham', 'East Midlands', 52.9548, -1.1581, 330, [['NG', 1, 16]]),
  t('Leicester', 'East Midlands', 52.6369, -1.1398, 370, [['LE', 1, 5]]),
  t('Derby', 'East Midlands', 52.9225, -1.4746, 260, [['DE', 1, 24]]),
  t('Northampton', 'East Midlands', 52.2405, -0.9027, 225, [['NN', 1, 5]]),
  t('Lincoln', 'East Midlands', 53.2307, -0.5406, 100, [['LN', 1, 6]]),
  t('Mansfield', 'East Midlands', 53.1472, -1.1987, 110, [['NG', 18, 21]]),
  t('Chesterfield', 'East Midlands', 53.235, -1.421, 105, [['S', 40, 45]]),
  t('Boston', 'East Midlands', 52.9789, -0.0266, 45, [['PE', 21, 21]], { sea: [30, 120] }),
  t('Norwich', 'East of England', 52.6309, 1.2974, 145, [['NR', 1, 7]]),
  t('Luton', 'East of England', 51.8787, -0.42, 225, [['LU', 1, 4]]),
  t('Peterborough', 'East of England', 52.5695, -0.2405, 200, [['PE', 1, 7]]),
  t('Cambridge', 'East of England', 52.2053, 0.1218, 145, [['CB', 1, 5]]),
  t('Ipswich', 'East of England', 52.0567, 1.1482, 140, [['IP', 1, 4]]),
  t('Colchester', 'East of England', 51.8959, 0.8919, 130, [['CO', 1, 4]], { sea: [100, 150] }),
  t('Chelmsford', 'East of England', 51.7356, 0.4685, 110, [['CM', 1, 3]]),
  t('Southend-on-Sea', 'East of England', 51.5459, 0.7077, 180, [['SS', 1, 9]], { sea: [100, 250] }),
  t("King's Lynn", 'East of England', 52.7517, 0.3952, 45, [['PE', 30, 34]], { sea: [320, 40] }),
  t('Southampton', 'South East', 50.9097, -1.4044, 250, [['SO', 14, 19]], { sea: [150, 220] }),
  t('Portsmouth', 'South East', 50.8198, -1.088, 210, [['PO', 1, 6]], { sea: [110, 250] }),
  t('Brighton', 'South East', 50.8225, -0.1372, 230, [['BN', 1, 3]], { sea: [100, 260] }),
  t('Reading', 'South East', 51.4543, -0.9781, 175, [['RG', 1, 6]]),
  t('Milton Keynes', 'South East', 52.0406, -0.7594, 230, [['MK', 1, 15]]),
  t('Oxford', 'South East', 51.752, -1.2577, 160, [['OX', 1, 4]]),
  t('Maidstone', 'South East', 51.272, 0.529, 110, [['ME', 14, 17]]),
  t('Canterbury', 'South East', 51.2802, 1.0789, 55, [['CT', 1, 2]], { sea: [330, 30] }),
  t('Guildford', 'South East', 51.2362, -0.5704, 80, [['GU', 1, 4]]),
  t('Crawley', 'South East', 51.1092, -0.1872, 115, [['RH', 10, 11]]),
  t('Hastings', 'South East', 50.8543, 0.5735, 92, [['TN', 34, 35]], { sea: [90, 260] }),
  t('Bristol', 'South West', 51.4545, -2.5879, 470, [['BS', 1, 16]]),
  t('Plymouth', 'South West', 50.3755, -4.1427, 265, [['PL', 1, 9]], { sea: [120, 240] }),
  t('Bournemouth', 'South West', 50.7192, -1.8808, 190, [['BH', 1, 11]], { sea: [90, 260] }),
  t('Swindon', 'South West', 51.5558, -1.7797, 185, [['SN', 1, 5]]),
  t('Exeter', 'South West', 50.7184, -3.5339, 130, [['EX', 1, 4]], { sea: [150, 190] }),
  t('Gloucester', 'South West', 51.8642, -2.2382, 130, [['GL', 1, 4]]),
  t('Taunton', 'South West', 51.015, -3.1029, 65, [['TA', 1, 2]]),
  t('Salisbury', 'South West', 51.0688, -1.7945, 45, [['SP', 1, 2]]),
  t('Barnstaple', 'South West', 51.08, -4.06, 30, [['EX', 31, 32]], { sea: [230, 330] }),
  t('Truro', 'South West', 50.2632, -5.051, 20, [['TR', 1, 4]], { sea: [100, 210], names: 'CORNWALL' }),
  t('Bodmin', 'South West', 50.4715, -4.7245, 15, [['PL', 30, 31]], { names: 'CORNWALL' }),
  t('Camborne', 'South West', 50.2123, -5.2985, 40, [['TR', 14, 15]], { sea: [270, 30], names: 'CORNWALL' }),
];

const KM_PER_DEG_LAT = 111.32;
const toRad = (d: number) => (d * Math.PI) / 180;

/** In a bearing range [from, to] (clockwise, wrapping through north). */
const inSector = (bearing: number, [from, to]: readonly [number, number]): boolean =>
  from <= to ? bearing >= from && bearing <= to : bearing >= from || bearing <= to;

/** A point around a town: most within the built-up area, some in the villages around it. */
function placeNear(rng: Prng, town: Town): { lat: number; lng: number; rural: boolean } {
  const urbanRadius = Math.max(1.5, 0.6 * Math.sqrt(town.pop / 10)); // km: London ~18, Truro ~1.5
  const rural = town.pop < 500 && rng.chance(0.35);
  let bearing = rng.float(0, 360);
  if (rural && town.sea && inSector(bearing, town.sea)) {
    // Turn the village inland: reflect the bearing to the opposite side.
    bearing = (bearing + 180) % 360;
  }
  const distance = rural ? rng.float(4, 16) : urbanRadius * Math.sqrt(rng.next());
  const dLat = (distance * Math.cos(toRad(bearing))) / KM_PER_DEG_LAT;
  const dLng = (distance * Math.sin(toRad(bearing))) / (KM_PER_DEG_LAT * Math.cos(toRad(town.lat)));
  return { lat: round(town.lat + dLat, 5), lng: round(town.lng + dLng, 5), rural };
}

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split(''); // inward-code letters exclude C I K M O V
function postcodeFor(rng: Prng, town: Town): string {
  const [area, lo, hi] = rng.pick(town.postcodes);
  return `${area}${rng.int(lo, hi)} ${rng.int(1, 9)}${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}`;
}

/** Hilbert index of a point on a 1024 x 1024 grid over England: close indexes are close in space. */
function hilbertKey(lat: number, lng: number): number {
  const n = 1024;
  let x = Math.min(n - 1, Math.max(0, Math.floor(((lng + 6) / 8) * n)));
  let y = Math.min(n - 1, Math.max(0, Math.floor(((lat - 49.8) / 6) * n)));
  let d = 0;
  for (let s = n >> 1; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const tmp = x;
      x = y;
      y = tmp;
    }
  }
  return d;
}

// ---------------------------------------------------------------------------------------
// Schools

/** England's phase mix, roughly (DfE: ~75% primary, ~15% secondary). */
const PHASE_MIX: readonly (readonly [Phase, number])[] = [
  ['PRIMARY', 0.745],
  ['SECONDARY', 0.15],
  ['SPECIAL', 0.045],
  ['ALTERNATIVE_PROVISION', 0.015],
  ['NURSERY', 0.015],
  ['ALL_THROUGH', 0.01],
  ['SIXTEEN_PLUS', 0.01],
  ['MIDDLE', 0.01],
];

/** Pupils on roll: [mean, sd, min, max]. */
const PUPILS: Record<Phase, readonly [number, number, number, number]> = {
  NURSERY: [90, 35, 25, 220],
  PRIMARY: [285, 130, 25, 950],
  MIDDLE: [480, 150, 180, 950],
  SECONDARY: [1020, 330, 250, 2300],
  ALL_THROUGH: [1450, 420, 500, 2800],
  SIXTEEN_PLUS: [900, 600, 150, 3000],
  SPECIAL: [120, 60, 25, 350],
  ALTERNATIVE_PROVISION: [55, 35, 8, 200],
};

/** FSM relative to mainstream, by phase (special and AP intakes are far more disadvantaged). */
const PHASE_FSM_FACTOR: Record<Phase, number> = {
  NURSERY: 1.1,
  PRIMARY: 1,
  MIDDLE: 0.85,
  SECONDARY: 0.95,
  ALL_THROUGH: 1,
  SIXTEEN_PLUS: 0.9,
  SPECIAL: 1.7,
  ALTERNATIVE_PROVISION: 2.1,
};

/** Share of each phase outside any trust (maintained or single-academy). */
const STANDALONE_SHARE: Record<Phase, number> = {
  NURSERY: 0.85,
  PRIMARY: 0.41,
  MIDDLE: 0.45,
  SECONDARY: 0.22,
  ALL_THROUGH: 0.3,
  SIXTEEN_PLUS: 0.55,
  SPECIAL: 0.5,
  ALTERNATIVE_PROVISION: 0.6,
};

const OFSTED_BASE: Record<OfstedRating, number> = {
  OUTSTANDING: 0.15,
  GOOD: 0.69,
  REQUIRES_IMPROVEMENT: 0.12,
  INADEQUATE: 0.03,
  NOT_INSPECTED: 0.01,
};

/** Ofsted grade, a little more likely to be weak where disadvantage is high (as in England). */
function ofstedFor(rng: Prng, fsm: number): OfstedRating {
  const risk = Math.min(2, Math.max(0.5, 1 + (fsm - 24) / 40));
  const weak = (OFSTED_BASE.REQUIRES_IMPROVEMENT + OFSTED_BASE.INADEQUATE) * risk;
  const outstanding = OFSTED_BASE.OUTSTANDING / Math.sqrt(risk);
  const good = Math.max(0, 1 - weak - outstanding - OFSTED_BASE.NOT_INSPECTED);
  return pickWeighted(rng, [
    ['OUTSTANDING', outstanding],
    ['GOOD', good],
    ['REQUIRES_IMPROVEMENT', OFSTED_BASE.REQUIRES_IMPROVEMENT * risk],
    ['INADEQUATE', OFSTED_BASE.INADEQUATE * risk],
    ['NOT_INSPECTED', OFSTED_BASE.NOT_INSPECTED],
  ] as const);
}

/**
 * FSM %: lognormal (right-skewed, median ~20, mean ~25 before adjustments), scaled by
 * region, phase and rurality, clipped to [0.5, 75], one decimal.
 */
function fsmFor(rng: Prng, region: Region, phase: Phase, rural: boolean): number {
  const base = Math.exp(3.06 + 0.55 * rng.normal());
  const value = base * REGION_FSM_FACTOR[region] * PHASE_FSM_FACTOR[phase] * (rural ? 0.78 : 1.04);
  return round(Math.min(75, Math.max(0.5, value)), 1);
}

const SCHOOL_WORDS = [
  'Oakfield', 'Park View', 'Meadowside', 'Hillside', 'Brookfield', 'Greenfield', 'Westfield', 'Eastfield', 'Northgate', 'Southgate',
  'Riverside', 'Woodlands', 'Beechwood', 'Ashgrove', 'Elmwood', 'Highfield', 'Fairfield', 'Kingsway', 'Queensbridge', 'Millbrook',
  'Thornton', 'Valley', 'Castle', 'Abbey', 'Priory', 'Manor', 'Grange', 'Heath', 'Moorside', 'Springfield',
  'Churchill', 'Victoria', 'Willow', 'Hawthorn', 'Rosewood', 'Chestnut', 'Larkspur', 'Holly Bank', 'Broadoak', 'Cherry Tree',
  'Redhill', 'Stonebridge', 'Foxhill', 'Bankside', 'Lime Tree', 'Orchard', 'Saxon', 'Marlborough', 'Ravenswood', 'Whitegate',
];
const FAITH_WORDS = [
  "St Mary's CofE", "St Joseph's Catholic", 'Holy Trinity CofE', "St Peter's CofE", "St John's CofE", 'Sacred Heart Catholic',
  "Our Lady's Catholic", "St Paul's CofE", "St Michael's CofE", 'Christ Church CofE', "St Anne's Catholic", "St Andrew's CofE",
];

function schoolName(rng: Prng, town: Town, phase: Phase, inTrust: boolean): { name: string; slug: string } {
  const faith = (phase === 'PRIMARY' || phase === 'SECONDARY') && rng.chance(phase === 'PRIMARY' ? 0.3 : 0.15);
  const stem = faith ? rng.pick(FAITH_WORDS) : rng.pick(SCHOOL_WORDS);
  const academy = inTrust;
  let suffix: string;
  switch (phase) {
    case 'PRIMARY':
      suffix = pickWeighted(rng, [[academy ? 'Primary Academy' : 'Primary School', 8], [academy ? 'Junior Academy' : 'Junior School', 1], ['Infant and Nursery School', 1]] as const);
      break;
    case 'SECONDARY':
      suffix = pickWeighted(rng, [['Academy', academy ? 5 : 1], ['High School', 3], ['School', 2], ['Community College', 1]] as const);
      break;
    case 'MIDDLE':
      suffix = 'Middle School';
      break;
    case 'ALL_THROUGH':
      suffix = 'All-Through Academy';
      break;
    case 'SIXTEEN_PLUS':
      suffix = 'Sixth Form College';
      break;
    case 'SPECIAL':
      suffix = rng.pick(['Special School', 'School', 'Academy']);
      break;
    case 'ALTERNATIVE_PROVISION':
      suffix = rng.pick(['Pupil Referral Unit', 'Learning Centre', 'Alternative Provision Academy']);
      break;
    case 'NURSERY':
      suffix = 'Nursery School';
      break;
  }
  const withTown = !faith && rng.chance(0.35);
  const name = withTown ? `${town.name} ${stem} ${suffix}` : `${stem} ${suffix}`;
  const slug = `${slugify(stem)}-${slugify(town.name)}`;
  return { name, slug };
}

// ---------------------------------------------------------------------------------------
// Expertise

type AreaWeights = readonly (readonly [ExpertiseArea, number])[];

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

// ---------------------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;
const REFERENCE_MS = Date.UTC(2026, 10, 23);
const round = (v: number, dp: number): number => {
  const f = 10 ** dp;
  return Math.round(v * f) / f;
};
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const slugify = (s: string): string =>
  s.toLowerCase().normalize('NFKD').replace(/['\u2019]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * URNs: 6 digits in 100000-139999 and 150000-199999 (so they never collide with the demo's
 * 14xxxx), in a scattered but unique order; 7 digits beyond 90,000 academies.
 */
function urnFor(index: number, total: number): string {
  if (total <= 90_000) {
    const k = (index * 7919) % 90_000; // 7919 is prime and coprime with 90,000: a permutation
    return String(k < 40_000 ? 100_000 + k : 110_000 + k);
  }
  return String(1_000_000 + index);
}

const TRUST_WORDS = [
  'Horizon', 'Compass', 'Beacon', 'Pathways', 'Unity', 'Endeavour', 'Summit', 'Evolve', 'Inspire', 'Bright Futures',
  'Keystone', 'Lighthouse', 'Greenwood', 'Heritage', 'Oak', 'Willow', 'Cedar', 'Rowan', 'Trinity', 'Phoenix',
  'Harmony', 'Vision', 'Discovery', 'Pioneer', 'Alliance', 'Elevate', 'Ascent', 'Quest', 'Spire', 'Kite',
  'Northern Star', 'Meridian', 'Cornerstone', 'Riverside', 'Forest', 'Coastal', 'Moorland', 'Vale', 'Ridgeway', 'Crescent',
];
const TRUST_KINDS = ['Academy Trust', 'Learning Trust', 'Education Trust', 'Multi-Academy Trust', 'Schools Trust', 'Learning Partnership', 'Academies Trust'];

/** Trust sizes: many small, a few large (2-40). */
function trustSize(rng: Prng): number {
  return pickWeighted(rng, [
    [() => rng.int(2, 4), 0.33],
    [() => rng.int(5, 10), 0.4],
    [() => rng.int(11, 25), 0.21],
    [() => rng.int(26, 40), 0.06],
  ] as const)();
}

/** Split n academies into hubs of 3 or 4 (the ASPIRE norm); a remainder of 1-2 stays outside. */
function hubSizes(n: number): number[] {
  if (n < 3) return [];
  if (n === 5) return [4];
  const fours = n % 3 === 0 ? 0 : n % 3 === 1 ? 1 : 2;
  if (n - 4 * fours < 0) return [4];
  return [...Array<number>(fours).fill(4), ...Array<number>((n - 4 * fours) / 3).fill(3)];
}

interface Draft extends SeedAcademy {
  town: number;
  rural: boolean;
  slug: string;
  key: number;
}

/** Generate a national dataset. Deterministic for given options. */
export function generateNationalDataset(opts: NationalOptions): SeedDataset {
  const nAcademies = Math.max(0, Math.floor(opts.academies));
  const nStaff = Math.max(0, Math.floor(opts.staff));
  const nNeeds = Math.max(0, Math.floor(opts.needs));
  const nHistory = Math.max(0, Math.floor(opts.completedDeployments ?? nNeeds / 2));
  const rng = createPrng(opts.seed ?? DEFAULT_NATIONAL_SEED);
  if (nStaff > 0 && nAcademies === 0) throw new Error('staff need academies to work at');
  if (nNeeds > 0 && nAcademies === 0) throw new Error('needs need academies');

  // 1. Academies, placed region by region.
  const pickRegion = weightedPicker(REGION_SHARE.map(([r]) => r), REGION_SHARE.map(([, w]) => w));
  const townsByRegion = new Map<Region, number[]>();
  TOWNS.forEach((town, i) => {
    const list = townsByRegion.get(town.region);
    if (list) list.push(i);
    else townsByRegion.set(town.region, [i]);
  });
  const pickTownIn = new Map<Region, (r: Prng) => number>();
  for (const [region, indexes] of townsByRegion) {
    pickTownIn.set(region, weightedPicker(indexes, indexes.map((i) => TOWNS[i]!.pop ** 0.8)));
  }
  const pickPhase = weightedPicker(PHASE_MIX.map(([p]) => p), PHASE_MIX.map(([, w]) => w));

  const drafts: Draft[] = new Array(nAcademies);
  const slugs = new Set<string>();
  for (let i = 0; i < nAcademies; i += 1) {
    const region = pickRegion(rng);
    const townIndex = pickTownIn.get(region)!(rng);
    const town = TOWNS[townIndex]!;
    const phase = pickPhase(rng);
    const { lat, lng, rural } = placeNear(rng, town);
    const fsm = fsmFor(rng, region, phase, rural);
    const [mean, sd, min, max] = PUPILS[phase];
    const standalone = rng.chance(STANDALONE_SHARE[phase]);
    const { name, slug: stem } = schoolName(rng, town, phase, !standalone);
    const postcode = postcodeFor(rng, town);
    // Each school its own web/email domain: "oakfield-leeds", else "oakfield-leeds-ls12", else numbered.
    let slug = stem;
    if (slugs.has(slug)) slug = `${stem}-${postcode.split(' ')[0]!.toLowerCase()}`;
    for (let n = 2; slugs.has(slug); n += 1) slug = `${stem}-${n}`;
    slugs.add(slug);
    drafts[i] = {
      urn: urnFor(i, nAcademies),
      name,
      phase,
      ofstedRating: ofstedFor(rng, fsm),
      fsmPercent: rng.chance(0.005) ? null : fsm, // a few new schools without a census yet
      pupils: Math.round(clamp(mean + sd * rng.normal(), min, max)),
      postcode,
      latitude: lat,
      longitude: lng,
      trustKey: standalone ? null : '', // filled in below
      town: townIndex,
      rural,
      slug,
      key: hilbertKey(lat, lng),
    };
  }

  // 2. Trusts: per region, academies in trusts sorted along a space-filling curve and cut
  //    into trusts of 2-40, so each trust is a local network; hubs of 3-4 within each.
  const trusts: SeedTrust[] = [];
  const clusters: SeedCluster[] = [];
  const trustNames = new Set<string>();
  const hubLeads: { cluster: SeedCluster; lead: Draft }[] = [];
  const trustMembers = new Map<string, number[]>();
  const indexOfDraft = new Map<Draft, number>();
  drafts.forEach((d, i) => indexOfDraft.set(d, i));

  for (const [region] of REGION_SHARE) {
    const inRegion = drafts.filter((d) => d.trustKey === '' && TOWNS[d.town]!.region === region).sort((a, b) => a.key - b.key || (a.urn < b.urn ? -1 : 1));
    let cursor = 0;
    while (cursor < inRegion.length) {
      let size = Math.min(trustSize(rng), inRegion.length - cursor);
      // Never leave a trust of one behind, and never exceed 40.
      if (inRegion.length - cursor - size === 1) size += size >= 40 ? -1 : 1;
      const members = inRegion.slice(cursor, cursor + size);
      cursor += size;
      if (members.length < 2) {
        for (const m of members) m.trustKey = null; // a lone academy is a standalone school
        continue;
      }
      const key = `T${String(trusts.length + 1).padStart(5, '0')}`;
      const homeTown = TOWNS[members[0]!.town]!;
      let name = '';
      for (let attempt = 0; attempt < 20 && (name === '' || trustNames.has(name.toLowerCase())); attempt += 1) {
        name = rng.chance(0.3)
          ? `${homeTown.name} ${rng.pick(TRUST_WORDS)} ${rng.pick(TRUST_KINDS)}`
          : `${rng.pick(TRUST_WORDS)} ${rng.pick(TRUST_KINDS)}`;
      }
      if (trustNames.has(name.toLowerCase())) name = `${name} (${key})`;
      trustNames.add(name.toLowerCase());
      trusts.push({ key, name, region });
      trustMembers.set(key, members.map((m) => indexOfDraft.get(m)!));
      for (const m of members) m.trustKey = key;

      // Most trusts of three or more organise into hubs; members already run in space order.
      if (members.length < 3 || rng.chance(0.15)) continue;
      const hubNames = new Set<string>();
      let offset = 0;
      for (const hubSize of hubSizes(members.length)) {
        const group = members.slice(offset, offset + hubSize);
        offset += hubSize;
        const lead = group.reduce((best, d) => (leadRank(d) > leadRank(best) ? d : best), group[0]!);
        if (lead.ofstedRating !== 'OUTSTANDING' && lead.ofstedRating !== 'GOOD') lead.ofstedRating = 'GOOD';
        const town = TOWNS[lead.town]!.name;
        let hubName = `${town} Hub`;
        for (const qualifier of ['North', 'South', 'East', 'West', 'Central']) {
          if (!hubNames.has(hubName)) break;
          hubName = `${town} ${qualifier} Hub`;
        }
        if (hubNames.has(hubName)) hubName = `${town} Hub ${hubNames.size + 1}`;
        hubNames.add(hubName);
        const cluster: SeedCluster = {
          key: `H${String(clusters.length + 1).padStart(5, '0')}`,
          name: hubName,
          trustKey: key,
          leadAcademyUrn: lead.urn,
          executiveHeadEmail: '', // filled in with the executive head below
          memberAcademyUrns: [lead.urn, ...group.filter((d) => d !== lead).map((d) => d.urn)],
        };
        clusters.push(cluster);
        hubLeads.push({ cluster, lead });
      }
    }
  }

  // Every hub needs an executive head; with fewer staff than hubs, keep the first hubs only.
  if (hubLeads.length > nStaff) {
    hubLeads.length = nStaff;
    clusters.length = nStaff;
  }
  for (const { lead } of hubLeads) lead.supportCapacityDays = rng.pick([10, 15, 20, 20, 30]);

  // 3. Staff: executive heads first, then people weighted towards larger and stronger schools.
  const staff: SeedStaff[] = [];
  const emails = new Set<string>();
  const makeStaff = (home: Draft, role: StaffRole): SeedStaff => {
    const town = TOWNS[home.town]!;
    const name = randomName(rng, town.names ?? (town.pop >= 250 ? 'URBAN' : 'TOWN'));
    const local = emailLocalPart(name);
    const domain = `${home.slug}.org.uk`;
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n += 1) email = `${local}${n}@${domain}`;
    emails.add(email);

    const expertise = expertiseFor(rng, home, role);
    const top = expertise[0]!.level;
    const designations: Designation[] = [];
    const leader = role === 'HEADTEACHER' || role === 'EXECUTIVE_HEADTEACHER';
    if (leader && home.ofstedRating === 'OUTSTANDING' && rng.chance(role === 'EXECUTIVE_HEADTEACHER' ? 0.6 : 0.3)) designations.push('NLE');
    else if (leader && home.ofstedRating === 'GOOD' && rng.chance(0.15)) designations.push('LLE');
    if ((top === 'SYSTEM_LEADER' && rng.chance(0.7)) || (top === 'EXPERT' && rng.chance(0.25))) designations.push('SLE');
    if (expertise.some((e) => e.area === 'GOVERNANCE') && rng.chance(0.2)) designations.push('NLG');

    const capacityDays = role === 'EXECUTIVE_HEADTEACHER' ? rng.int(15, 30) : pickWeighted(rng, [[5, 4], [6, 2], [8, 3], [10, 4], [12, 2], [15, 2], [20, 1.5], [25, 0.7], [30, 0.5]] as const);
    const urban = town.pop >= 250 && !home.rural;
    const maxTravelKm = rng.chance(0.12) ? null : urban ? rng.pick([10, 10, 15, 15, 20, 25, 30, 40]) : rng.pick([15, 20, 25, 30, 30, 40, 50, 60]);
    const checkRoll = rng.next();
    const safeguardingCheckExpiresOn =
      checkRoll < 0.08 ? null : checkRoll < 0.11 ? isoDay(REFERENCE_MS - rng.int(1, 400) * DAY_MS) : isoDay(REFERENCE_MS + rng.int(1, 1100) * DAY_MS);
    const record: SeedStaff = {
      name,
      email,
      role,
      homeAcademyUrn: home.urn,
      designations,
      capacityDays,
      maxTravelKm,
      safeguardingCheckExpiresOn,
      expertise,
    };
    staff.push(record);
    return record;
  };

  for (const { cluster, lead } of hubLeads) cluster.executiveHeadEmail = makeStaff(lead, 'EXECUTIVE_HEADTEACHER').email;
  if (nStaff > staff.length) {
    const pickHome = weightedPicker(drafts, drafts.map((d) => Math.sqrt(d.pupils ?? 100) * OFSTED_STAFF_FACTOR[d.ofstedRating]));
    const pickRole = weightedPicker<StaffRole>(['TEACHER', 'MIDDLE_LEADER', 'SENIOR_LEADER', 'HEADTEACHER', 'SUPPORT_STAFF'], [35, 33, 18, 8, 6]);
    while (staff.length < nStaff) makeStaff(pickHome(rng), pickRole(rng));
  }

  // 4. Open needs: mostly at weaker and more disadvantaged schools.
  const needs: SeedNeed[] = [];
  if (nNeeds > 0) {
    const pickNeedy = weightedPicker(drafts, drafts.map((d) => NEED_OFSTED_FACTOR[d.ofstedRating] * (0.5 + (d.fsmPercent ?? 24) / 24)));
    const pickers = new Map<Phase, (r: Prng) => ExpertiseArea>();
    const areaPicker = (phase: Phase) => {
      let p = pickers.get(phase);
      if (!p) {
        const weights = NEED_AREAS[phase];
        p = weightedPicker(weights.map(([a]) => a), weights.map(([, w]) => w));
        pickers.set(phase, p);
      }
      return p;
    };
    // One open need per academy and area, unless the options ask for more needs than the
    // academies can distinctly hold (then repeats are allowed rather than looping forever).
    const seen = new Set<string>();
    let repeats = 0;
    while (needs.length < nNeeds) {
      const academy = pickNeedy(rng);
      const area = areaPicker(academy.phase)(rng);
      const pair = `${academy.urn}|${area}`;
      if (seen.has(pair) && repeats < 200) {
        repeats += 1;
        continue;
      }
      repeats = 0;
      seen.add(pair);
      const severity = pickWeighted(rng, SEVERITY_MIX[academy.ofstedRating]);
      const templates = NEED_TEMPLATES[area];
      const description = templates ? rng.pick(templates)(rng) : `${expertiseAreaInfo(area).label}: ${rng.pick(GENERIC_NEEDS)}`;
      const windowed = rng.chance(0.5);
      const start = windowed ? rng.int(0, 60) : null;
      needs.push({
        academyUrn: academy.urn,
        area,
        phase: academy.phase,
        severity,
        description,
        daysRequested: pickWeighted(rng, [[2, 1], [4, 3], [5, 3], [6, 3], [8, 3], [10, 2], [12, 1], [15, 0.7], [20, 0.4]] as const),
        raisedDaysAgo: Math.floor(240 * rng.next() ** 2),
        windowStartInDays: start,
        windowEndInDays: start === null ? null : start + rng.int(30, 180),
      });
    }
  }

  // 5. History: completed support within the trust (or the town, for standalone schools).
  const completedDeployments: SeedCompletedDeployment[] = [];
  if (nHistory > 0 && staff.length > 0 && nAcademies > 1) {
    const draftByUrn = new Map(drafts.map((d) => [d.urn, d]));
    const byTown = new Map<number, number[]>();
    drafts.forEach((d, i) => {
      const list = byTown.get(d.town);
      if (list) list.push(i);
      else byTown.set(d.town, [i]);
    });
    // Days given count against a person's capacity (see committedDaysByStaff): never beyond it.
    const given = new Map<SeedStaff, number>();
    let attempts = 0;
    while (completedDeployments.length < nHistory && attempts < nHistory * 20) {
      attempts += 1;
      const supporter = rng.pick(staff);
      const home = draftByUrn.get(supporter.homeAcademyUrn)!;
      const pool = (home.trustKey ? trustMembers.get(home.trustKey) : undefined) ?? byTown.get(home.town)!;
      const receiving = drafts[rng.pick(pool)]!;
      if (receiving === home) continue;
      const entry = rng.pick(supporter.expertise);
      const days = rng.int(2, 12);
      const before = given.get(supporter) ?? 0;
      if (before + days > supporter.capacityDays) continue;
      given.set(supporter, before + days);
      completedDeployments.push({
        needAcademyUrn: receiving.urn,
        area: entry.area,
        phase: receiving.phase,
        staffEmail: supporter.email,
        days,
        impactRating: pickWeighted(rng, [[1, 0.1], [2, 0.25], [3, 0.4], [4, 0.25]] as const),
        impactEvidence: rng.pick(IMPACT_EVIDENCE),
        completedDaysAgo: rng.int(30, 900),
      });
    }
  }

  const academies: SeedAcademy[] = drafts.map((d) => {
    const academy: SeedAcademy = {
      urn: d.urn,
      name: d.name,
      phase: d.phase,
      ofstedRating: d.ofstedRating,
      fsmPercent: d.fsmPercent,
      pupils: d.pupils,
      postcode: d.postcode,
      latitude: d.latitude,
      longitude: d.longitude,
      trustKey: d.trustKey,
    };
    if (d.supportCapacityDays !== undefined) academy.supportCapacityDays = d.supportCapacityDays;
    return academy;
  });

  return { trusts, academies, clusters, staff, needs, completedDeployments };
}

const OFSTED_ORDER: Record<OfstedRating, number> = { OUTSTANDING: 4, GOOD: 3, NOT_INSPECTED: 1, REQUIRES_IMPROVEMENT: 1, INADEQUATE: 0 };
/** Best Ofsted first, then the larger school. */
const leadRank = (d: Draft): number => OFSTED_ORDER[d.ofstedRating] * 10_000 + (d.pupils ?? 0);

/** Strong schools have more expertise to offer; a school in difficulty has little to spare. */
const OFSTED_STAFF_FACTOR: Record<OfstedRating, number> = { OUTSTANDING: 1.6, GOOD: 1, NOT_INSPECTED: 0.8, REQUIRES_IMPROVEMENT: 0.6, INADEQUATE: 0.3 };
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

const IMPACT_EVIDENCE = [
  'Outcomes improved at the next assessment point; approach now embedded',
  'Leaders report sustained change; confirmed at a trust review',
  'Partial impact: practice improved but staff turnover slowed progress',
  'Attendance and behaviour data improved over two terms',
  'Support ended early; little measurable change',
];

function expertiseFor(rng: Prng, home: Draft, role: StaffRole): SeedStaff['expertise'] {
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
    const level: ExpertiseLevel =
      out.length === 0
        ? role === 'EXECUTIVE_HEADTEACHER'
          ? 'SYSTEM_LEADER'
          : levelFor(rng, home.ofstedRating)
        : pickWeighted(rng, [['DEVELOPING', 3], ['SECURE', 5], ['EXPERT', 2]] as const);
    const evidence = out.length === 0 && level !== 'DEVELOPING' && rng.chance(0.55) ? rng.pick(EVIDENCE_TEMPLATES)(expertiseAreaInfo(area).label, rng) : null;
    out.push({ area, level, phases: coveredPhases(area, home.phase), evidence });
  }
  return out;
}

function levelFor(rng: Prng, rating: OfstedRating): ExpertiseLevel {
  if (rating === 'OUTSTANDING') return pickWeighted(rng, [['DEVELOPING', 0.05], ['SECURE', 0.3], ['EXPERT', 0.45], ['SYSTEM_LEADER', 0.2]] as const);
  if (rating === 'GOOD') return pickWeighted(rng, [['DEVELOPING', 0.1], ['SECURE', 0.42], ['EXPERT', 0.38], ['SYSTEM_LEADER', 0.1]] as const);
  return pickWeighted(rng, [['DEVELOPING', 0.25], ['SECURE', 0.5], ['EXPERT', 0.22], ['SYSTEM_LEADER', 0.03]] as const);
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
