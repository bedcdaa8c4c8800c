// A realistic synthetic national dataset for benchmarks (issue 8): English geography,
// trusts clustered in space with hubs of 3-4, a phase and Ofsted mix like England's, a
// right-skewed FSM distribution with a national mean near 24%, and expertise by phase.
//
// Pure and deterministic: the same options (and seed) give deeply equal data. Plain arrays
// are simplest at national size (22,000 academies, 50,000 staff, 5,000 needs build in well
// under a second and a few tens of MB); `inChunks` slices them for batched inserts.
//
// One generator per thing made, run in order from one random sequence: academies.ts,
// trusts.ts (with hubs.ts), staff.ts, needs.ts, history.ts. Each step draws from the
// sequence where the one before stopped, so reordering steps or draws inside them changes
// every record after: the same seed would then give a different dataset.
import type { SeedDataset } from '../dataset';
import { createPrng } from '../prng';
import { draftAcademies, toSeedAcademy } from './academies';
import { generateCompletedDeployments } from './history';
import { giveHubLeadsSupportCapacity, keepHubsStaffCanHead } from './hubs';
import { generateNeeds } from './needs';
import { generateStaff } from './staff';
import { formTrusts } from './trusts';

export { NATIONAL_REFERENCE_DATE } from './staff';
export { TOWNS } from './towns';

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

/** Slice an array into consecutive batches (for loaders inserting in batches). */
export function* inChunks<T>(items: readonly T[], size: number): Generator<T[]> {
  if (!(size >= 1)) throw new Error('chunk size must be at least 1');
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Generate a national dataset. Deterministic for given options. */
export function generateNationalDataset(opts: NationalOptions): SeedDataset {
  const counts = countsOf(opts);
  const rng = createPrng(opts.seed ?? DEFAULT_NATIONAL_SEED);
  const drafts = draftAcademies(rng, counts.academies);
  const { trusts, hubs, membersByTrust } = formTrusts(rng, drafts);
  keepHubsStaffCanHead(hubs, counts.staff);
  giveHubLeadsSupportCapacity(rng, hubs);
  const staff = generateStaff(rng, drafts, hubs, counts.staff);
  const needs = generateNeeds(rng, drafts, counts.needs);
  const completedDeployments = generateCompletedDeployments(rng, drafts, staff, membersByTrust, counts.history);
  const academies = drafts.map(toSeedAcademy);
  return { trusts, academies, clusters: hubs.map((h) => h.cluster), staff, needs, completedDeployments };
}

/** Whole, non-negative counts; staff and needs need somewhere to be. */
function countsOf(opts: NationalOptions): { academies: number; staff: number; needs: number; history: number } {
  const academies = Math.max(0, Math.floor(opts.academies));
  const staff = Math.max(0, Math.floor(opts.staff));
  const needs = Math.max(0, Math.floor(opts.needs));
  const history = Math.max(0, Math.floor(opts.completedDeployments ?? needs / 2));
  if (staff > 0 && academies === 0) throw new Error('staff need academies to work at');
  if (needs > 0 && academies === 0) throw new Error('needs need academies');
  return { academies, staff, needs, history };
}
