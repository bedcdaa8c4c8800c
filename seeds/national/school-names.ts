// School names ("Oakfield Primary Academy", "St Mary's CofE High School") and the web/email
// domain each school gets ("oakfield-leeds.org.uk"), unique across the dataset.
import type { Phase } from '../../server/domain/enums';
import { pickWeighted, type Prng } from '../prng';
import type { Town } from './towns';

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

/** A name for a school and the stem of its domain (stem and town, before making it unique). */
export function schoolName(rng: Prng, town: Town, phase: Phase, inTrust: boolean): { name: string; slug: string } {
  const faith = (phase === 'PRIMARY' || phase === 'SECONDARY') && rng.chance(phase === 'PRIMARY' ? 0.3 : 0.15);
  const stem = faith ? rng.pick(FAITH_WORDS) : rng.pick(SCHOOL_WORDS);
  const suffix = kindOfSchool(rng, phase, inTrust);
  const withTown = !faith && rng.chance(0.35);
  const name = withTown ? `${town.name} ${stem} ${suffix}` : `${stem} ${suffix}`;
  const slug = `${slugify(stem)}-${slugify(town.name)}`;
  return { name, slug };
}

/** The end of a school's name, by phase; schools in a trust are more often called academies. */
function kindOfSchool(rng: Prng, phase: Phase, academy: boolean): string {
  switch (phase) {
    case 'PRIMARY':
      return pickWeighted(rng, [[academy ? 'Primary Academy' : 'Primary School', 8], [academy ? 'Junior Academy' : 'Junior School', 1], ['Infant and Nursery School', 1]] as const);
    case 'SECONDARY':
      return pickWeighted(rng, [['Academy', academy ? 5 : 1], ['High School', 3], ['School', 2], ['Community College', 1]] as const);
    case 'MIDDLE':
      return 'Middle School';
    case 'ALL_THROUGH':
      return 'All-Through Academy';
    case 'SIXTEEN_PLUS':
      return 'Sixth Form College';
    case 'SPECIAL':
      return rng.pick(['Special School', 'School', 'Academy']);
    case 'ALTERNATIVE_PROVISION':
      return rng.pick(['Pupil Referral Unit', 'Learning Centre', 'Alternative Provision Academy']);
    case 'NURSERY':
      return 'Nursery School';
  }
}

/** Each school its own web/email domain: "oakfield-leeds", else "oakfield-leeds-ls12", else numbered. */
export function uniqueSlug(stem: string, postcode: string, taken: Set<string>): string {
  let slug = stem;
  if (taken.has(slug)) slug = `${stem}-${postcode.split(' ')[0]!.toLowerCase()}`;
  for (let n = 2; taken.has(slug); n += 1) slug = `${stem}-${n}`;
  taken.add(slug);
  return slug;
}

const slugify = (s: string): string =>
  s.toLowerCase().normalize('NFKD').replace(/['\u2019]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
