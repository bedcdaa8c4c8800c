// Step 2 of the national dataset: trusts. Per region, the academies joining a trust are
// sorted along a space-filling curve and cut into trusts of 2-40, so each trust is a local
// network; most trusts then organise into hubs of 3-4 (hubs.ts).
import type { SeedTrust } from '../dataset';
import { pickWeighted, type Prng } from '../prng';
import type { Draft } from './academies';
import { organiseHubs, type Hub } from './hubs';
import { REGION_SHARE, TOWNS, type Region, type Town } from './towns';

export interface TrustsAndHubs {
  trusts: SeedTrust[];
  hubs: Hub[];
  /** Indexes into the drafts, by trust key. */
  membersByTrust: Map<string, number[]>;
}

/** Form the trusts and hubs, filling in each draft's trustKey (null for a lone academy). */
export function formTrusts(rng: Prng, drafts: readonly Draft[]): TrustsAndHubs {
  const formed: TrustsAndHubs = { trusts: [], hubs: [], membersByTrust: new Map() };
  const takenNames = new Set<string>();
  const indexOfDraft = new Map<Draft, number>();
  drafts.forEach((d, i) => indexOfDraft.set(d, i));
  for (const [region] of REGION_SHARE) {
    const inRegion = joiningATrustIn(region, drafts);
    let cursor = 0;
    while (cursor < inRegion.length) {
      const members = inRegion.slice(cursor, cursor + nextTrustSize(rng, inRegion.length - cursor));
      cursor += members.length;
      if (members.length < 2) {
        for (const m of members) m.trustKey = null; // a lone academy is a standalone school
        continue;
      }
      const trust = newTrust(rng, region, TOWNS[members[0]!.town]!, formed.trusts.length + 1, takenNames);
      formed.trusts.push(trust);
      formed.membersByTrust.set(trust.key, members.map((m) => indexOfDraft.get(m)!));
      for (const m of members) m.trustKey = trust.key;
      organiseHubs(rng, trust.key, members, formed.hubs);
    }
  }
  return formed;
}

/** The region's academies waiting for a trust, in space order (URN breaks ties). */
function joiningATrustIn(region: Region, drafts: readonly Draft[]): Draft[] {
  return drafts.filter((d) => d.trustKey === '' && TOWNS[d.town]!.region === region).sort((a, b) => a.key - b.key || (a.urn < b.urn ? -1 : 1));
}

/** The next trust's size given the academies left: never leave a trust of one behind, and never exceed 40. */
function nextTrustSize(rng: Prng, remaining: number): number {
  const size = Math.min(trustSize(rng), remaining);
  if (remaining - size === 1) return size + (size >= 40 ? -1 : 1);
  return size;
}

/** Trust sizes: many small, a few large (2-40). */
function trustSize(rng: Prng): number {
  return pickWeighted(rng, [
    [() => rng.int(2, 4), 0.33],
    [() => rng.int(5, 10), 0.4],
    [() => rng.int(11, 25), 0.21],
    [() => rng.int(26, 40), 0.06],
  ] as const)();
}

/** A trust with a name unique across the dataset (some named after the first member's town). */
function newTrust(rng: Prng, region: Region, homeTown: Town, number: number, takenNames: Set<string>): SeedTrust {
  const key = `T${String(number).padStart(5, '0')}`;
  let name = '';
  for (let attempt = 0; attempt < 20 && (name === '' || takenNames.has(name.toLowerCase())); attempt += 1) {
    name = rng.chance(0.3)
      ? `${homeTown.name} ${rng.pick(TRUST_WORDS)} ${rng.pick(TRUST_KINDS)}`
      : `${rng.pick(TRUST_WORDS)} ${rng.pick(TRUST_KINDS)}`;
  }
  if (takenNames.has(name.toLowerCase())) name = `${name} (${key})`;
  takenNames.add(name.toLowerCase());
  return { key, name, region };
}

const TRUST_WORDS = [
  'Horizon', 'Compass', 'Beacon', 'Pathways', 'Unity', 'Endeavour', 'Summit', 'Evolve', 'Inspire', 'Bright Futures',
  'Keystone', 'Lighthouse', 'Greenwood', 'Heritage', 'Oak', 'Willow', 'Cedar', 'Rowan', 'Trinity', 'Phoenix',
  'Harmony', 'Vision', 'Discovery', 'Pioneer', 'Alliance', 'Elevate', 'Ascent', 'Quest', 'Spire', 'Kite',
  'Northern Star', 'Meridian', 'Cornerstone', 'Riverside', 'Forest', 'Coastal', 'Moorland', 'Vale', 'Ridgeway', 'Crescent',
];
const TRUST_KINDS = ['Academy Trust', 'Learning Trust', 'Education Trust', 'Multi-Academy Trust', 'Schools Trust', 'Learning Partnership', 'Academies Trust'];
