// Staff import files in the real format (docs/staff-import.md), for the documentation's
// example, the tests and the benchmark:
//
//   npx tsx seeds/staff-example.ts [--count 1500] [--out seeds/staff-import-example.csv]
//
// writes a whole-trust file for the demo world's Trelawny Academy Trust: its people as the
// demo has them, then generated people at its schools up to --count. Importing it into a
// database seeded with the demo (`npm run seed`) with `--full-trust "Trelawny Academy Trust"`
// adds the generated people, leaves the demo's own unchanged, and flags nobody.
import { writeFileSync } from 'node:fs';
import { DESIGNATIONS, EXPERTISE_LEVELS, type Phase, STAFF_ROLES } from '../server/domain/enums';
import { EXPERTISE_AREAS } from '../server/domain/taxonomy';
import type { SeedAcademy, SeedStaff } from './dataset';
import { buildDemoDataset } from './demo';
import { emailLocalPart, randomName } from './names';
import { createPrng, type Prng } from './prng';

export const STAFF_FILE_HEADER = 'name,email,role,homeUrn,designations,expertise,capacityDays,maxTravelKm,safeguardingCheckExpiresOn,availability';

/** One person as a row of the file (availability written as stretches, or empty for always). */
export interface StaffFileRow {
  name: string;
  email: string;
  role: string;
  homeUrn: string;
  designations: readonly string[];
  expertise: readonly { area: string; level: string; phases: readonly string[] }[];
  capacityDays: number;
  maxTravelKm: number | null;
  safeguardingCheckExpiresOn: string | null;
  availability?: readonly { from: string; to: string }[];
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function staffFileLine(row: StaffFileRow): string {
  return [
    row.name,
    row.email,
    row.role,
    row.homeUrn,
    row.designations.join(';'),
    row.expertise.map((e) => `${e.area}:${e.level}:${e.phases.join('+')}`).join(';'),
    String(row.capacityDays),
    row.maxTravelKm === null ? '' : String(row.maxTravelKm),
    row.safeguardingCheckExpiresOn ?? '',
    (row.availability ?? []).map((w) => `${w.from}..${w.to}`).join(';'),
  ]
    .map(field)
    .join(',');
}

function fromSeed(s: SeedStaff): StaffFileRow {
  return { ...s, homeUrn: s.homeAcademyUrn, expertise: s.expertise.map((e) => ({ area: e.area, level: e.level, phases: e.phases })) };
}

/** The school terms of 2026/27 a part-time supporter might offer (inclusive). */
const TERMS = [
  { from: '2026-09-02', to: '2026-12-18' },
  { from: '2027-01-05', to: '2027-03-26' },
  { from: '2027-04-12', to: '2027-07-21' },
];

/** A generated person at one of the schools, with a plausible profile. */
export function generatedPerson(rng: Prng, school: Pick<SeedAcademy, 'urn' | 'phase'>, index: number, domain: string): StaffFileRow {
  const name = randomName(rng, 'CORNWALL');
  const role = rng.chance(0.7) ? 'TEACHER' : rng.pick(STAFF_ROLES);
  const phases: Phase[] = [school.phase];
  const areas = rng.shuffle(EXPERTISE_AREAS).slice(0, rng.int(1, 3));
  return {
    name,
    email: `${emailLocalPart(name)}.${index}@${domain}`,
    role,
    homeUrn: school.urn,
    designations: rng.chance(0.1) ? [rng.pick(DESIGNATIONS)] : [],
    expertise: areas.map((area) => ({ area, level: rng.pick(EXPERTISE_LEVELS), phases })),
    capacityDays: rng.pick([0, 2, 4, 5, 6, 8, 10]),
    maxTravelKm: rng.chance(0.3) ? null : rng.pick([10, 15, 20, 30, 40]),
    safeguardingCheckExpiresOn: rng.chance(0.2) ? null : `${rng.int(2027, 2029)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`,
    availability: rng.chance(0.25) ? [rng.pick(TERMS)] : [],
  };
}

/** The example file's lines: Trelawny's demo staff, then generated people up to `count`. */
export function trelawnyStaffFile(count: number, seed = 2026): string[] {
  const demo = buildDemoDataset();
  const schools = demo.academies.filter((a) => a.trustKey === 'trelawny');
  const urns = new Set(schools.map((a) => a.urn));
  const rows = demo.staff.filter((s) => urns.has(s.homeAcademyUrn)).map(fromSeed);
  const rng = createPrng(seed);
  for (let i = rows.length; i < count; i += 1) rows.push(generatedPerson(rng, schools[i % schools.length]!, i, 'trelawny.example.org.uk'));
  return [STAFF_FILE_HEADER, ...rows.map(staffFileLine)];
}

function main(argv: readonly string[]): void {
  const at = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const count = Number(at('--count') ?? 1500);
  const out = at('--out') ?? 'seeds/staff-import-example.csv';
  writeFileSync(out, `${trelawnyStaffFile(count).join('\r\n')}\r\n`);
  console.log(`wrote ${count} people to ${out}`);
}

if (require.main === module) main(process.argv.slice(2));
