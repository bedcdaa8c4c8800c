// Step 1 of the national dataset: every school, placed region by region, with its profile,
// name and domain. Trust membership is decided here (in a trust or standalone); the trusts
// themselves are formed afterwards from these drafts (trusts.ts).
import type { SeedAcademy } from '../dataset';
import { weightedPicker, type Prng } from '../prng';
import { hilbertKey, placeNear, postcodeFor } from './places';
import { schoolName, uniqueSlug } from './school-names';
import { fsmFor, ofstedFor, PHASE_MIX, pupilsFor, STANDALONE_SHARE } from './school-profile';
import { REGION_SHARE, TOWNS, type Region } from './towns';

/** An academy while the dataset is built: the seed record plus what the later steps need. */
export interface Draft extends SeedAcademy {
  /** Index into TOWNS. */
  town: number;
  rural: boolean;
  /** The school's web/email domain, unique: staff emails are made from it. */
  slug: string;
  /** Hilbert key of its location: sorting by it keeps neighbours together. */
  key: number;
}

/** Draft `count` academies; a draft's trustKey is null when standalone, '' until its trust is formed. */
export function draftAcademies(rng: Prng, count: number): Draft[] {
  const pickPlace = placePicker();
  const pickPhase = weightedPicker(PHASE_MIX.map(([p]) => p), PHASE_MIX.map(([, w]) => w));
  const drafts: Draft[] = new Array(count);
  const slugs = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const { region, townIndex } = pickPlace(rng);
    drafts[i] = draftAcademy(rng, { urn: urnFor(i, count), region, townIndex, phase: pickPhase(rng) }, slugs);
  }
  return drafts;
}

/** A region by its share of schools, then a town in it weighted by population^0.8. */
function placePicker(): (rng: Prng) => { region: Region; townIndex: number } {
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
  return (rng) => {
    const region = pickRegion(rng);
    return { region, townIndex: pickTownIn.get(region)!(rng) };
  };
}

interface Placement {
  urn: string;
  region: Region;
  townIndex: number;
  phase: SeedAcademy['phase'];
}

// The draws below run in a fixed order (the same seed must give the same dataset): keep it.
function draftAcademy(rng: Prng, { urn, region, townIndex, phase }: Placement, slugs: Set<string>): Draft {
  const town = TOWNS[townIndex]!;
  const { lat, lng, rural } = placeNear(rng, town);
  const fsm = fsmFor(rng, region, phase, rural);
  const standalone = rng.chance(STANDALONE_SHARE[phase]);
  const { name, slug: stem } = schoolName(rng, town, phase, !standalone);
  const postcode = postcodeFor(rng, town);
  const slug = uniqueSlug(stem, postcode, slugs);
  const ofstedRating = ofstedFor(rng, fsm);
  const fsmPercent = rng.chance(0.005) ? null : fsm; // a few new schools without a census yet
  const pupils = pupilsFor(rng, phase);
  return {
    urn,
    name,
    phase,
    ofstedRating,
    fsmPercent,
    pupils,
    postcode,
    latitude: lat,
    longitude: lng,
    trustKey: standalone ? null : '', // filled in when trusts are formed
    town: townIndex,
    rural,
    slug,
    key: hilbertKey(lat, lng),
  };
}

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

/** The seed record of a draft: the draft's working fields dropped, field order kept. */
export function toSeedAcademy(d: Draft): SeedAcademy {
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
}
