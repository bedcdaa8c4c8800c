// Step 3 of the national dataset: staff. The hubs' executive heads first, then people
// weighted towards larger and stronger schools, each with expertise, designations,
// capacity, a travel limit and a safeguarding check.
import type { Designation, OfstedRating, StaffRole } from '../../server/domain/enums';
import type { SeedStaff } from '../dataset';
import { emailLocalPart, randomName } from '../names';
import { pickWeighted, weightedPicker, type Prng } from '../prng';
import type { Draft } from './academies';
import { expertiseFor } from './expertise';
import type { Hub } from './hubs';
import { TOWNS } from './towns';

/** Safeguarding dates are written relative to this day. */
export const NATIONAL_REFERENCE_DATE = '2026-11-23';
const REFERENCE_MS = Date.parse(NATIONAL_REFERENCE_DATE); // a date-only ISO string parses as UTC midnight
const DAY_MS = 24 * 60 * 60 * 1000;

/** Strong schools have more expertise to offer; a school in difficulty has little to spare. */
const OFSTED_STAFF_FACTOR: Record<OfstedRating, number> = { OUTSTANDING: 1.6, GOOD: 1, NOT_INSPECTED: 0.8, REQUIRES_IMPROVEMENT: 0.6, INADEQUATE: 0.3 };

/** `count` staff; fills in each hub's executive head (so hubs must already fit the count). */
export function generateStaff(rng: Prng, drafts: readonly Draft[], hubs: readonly Hub[], count: number): SeedStaff[] {
  const staff: SeedStaff[] = [];
  const emails = new Set<string>();
  const add = (home: Draft, role: StaffRole): SeedStaff => {
    const record = makeStaff(rng, home, role, emails);
    staff.push(record);
    return record;
  };
  for (const { cluster, lead } of hubs) cluster.executiveHeadEmail = add(lead, 'EXECUTIVE_HEADTEACHER').email;
  if (count > staff.length) {
    const pickHome = weightedPicker(drafts, drafts.map((d) => Math.sqrt(d.pupils ?? 100) * OFSTED_STAFF_FACTOR[d.ofstedRating]));
    const pickRole = weightedPicker<StaffRole>(['TEACHER', 'MIDDLE_LEADER', 'SENIOR_LEADER', 'HEADTEACHER', 'SUPPORT_STAFF'], [35, 33, 18, 8, 6]);
    while (staff.length < count) add(pickHome(rng), pickRole(rng));
  }
  return staff;
}

// The draws below run in a fixed order (the same seed must give the same dataset): keep it.
function makeStaff(rng: Prng, home: Draft, role: StaffRole, emails: Set<string>): SeedStaff {
  const town = TOWNS[home.town]!;
  const name = randomName(rng, town.names ?? (town.pop >= 250 ? 'URBAN' : 'TOWN'));
  const email = uniqueEmail(name, home.slug, emails);
  const expertise = expertiseFor(rng, home, role);
  const designations = designationsFor(rng, home, role, expertise);
  const capacityDays = capacityDaysFor(rng, role);
  const maxTravelKm = maxTravelKmFor(rng, town.pop >= 250 && !home.rural);
  const safeguardingCheckExpiresOn = safeguardingCheckExpiry(rng);
  return {
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
}

/** name@school-domain.org.uk, numbered when two people share a name at a school. */
function uniqueEmail(name: string, schoolSlug: string, taken: Set<string>): string {
  const local = emailLocalPart(name);
  const domain = `${schoolSlug}.org.uk`;
  let email = `${local}@${domain}`;
  for (let n = 2; taken.has(email); n += 1) email = `${local}${n}@${domain}`;
  taken.add(email);
  return email;
}

/** NLE for some heads of outstanding schools, LLE for some of good ones, SLE for experts, NLG for some governance experts. */
function designationsFor(rng: Prng, home: Draft, role: StaffRole, expertise: SeedStaff['expertise']): Designation[] {
  const top = expertise[0]!.level;
  const designations: Designation[] = [];
  const leader = role === 'HEADTEACHER' || role === 'EXECUTIVE_HEADTEACHER';
  if (leader && home.ofstedRating === 'OUTSTANDING' && rng.chance(role === 'EXECUTIVE_HEADTEACHER' ? 0.6 : 0.3)) designations.push('NLE');
  else if (leader && home.ofstedRating === 'GOOD' && rng.chance(0.15)) designations.push('LLE');
  if ((top === 'SYSTEM_LEADER' && rng.chance(0.7)) || (top === 'EXPERT' && rng.chance(0.25))) designations.push('SLE');
  if (expertise.some((e) => e.area === 'GOVERNANCE') && rng.chance(0.2)) designations.push('NLG');
  return designations;
}

function capacityDaysFor(rng: Prng, role: StaffRole): number {
  if (role === 'EXECUTIVE_HEADTEACHER') return rng.int(15, 30);
  return pickWeighted(rng, [[5, 4], [6, 2], [8, 3], [10, 4], [12, 2], [15, 2], [20, 1.5], [25, 0.7], [30, 0.5]] as const);
}

/** 12% set no limit; people in cities travel less far than those in towns and villages. */
function maxTravelKmFor(rng: Prng, urban: boolean): number | null {
  if (rng.chance(0.12)) return null;
  return urban ? rng.pick([10, 10, 15, 15, 20, 25, 30, 40]) : rng.pick([15, 20, 25, 30, 30, 40, 50, 60]);
}

/** 89% valid for up to three more years, 3% expired within the last 400 days, 8% not recorded. */
function safeguardingCheckExpiry(rng: Prng): string | null {
  const roll = rng.next();
  if (roll < 0.08) return null;
  if (roll < 0.11) return isoDay(REFERENCE_MS - rng.int(1, 400) * DAY_MS);
  return isoDay(REFERENCE_MS + rng.int(1, 1100) * DAY_MS);
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
