// Hubs: within a trust, groups of 3-4 neighbouring academies led by a good or outstanding
// school, each with an executive head (made with the staff, staff.ts).
import type { OfstedRating } from '../../server/domain/enums';
import type { SeedCluster } from '../dataset';
import type { Prng } from '../prng';
import type { Draft } from './academies';
import { TOWNS } from './towns';

/** A hub and its lead academy (whose executive head and support capacity come later). */
export interface Hub {
  cluster: SeedCluster;
  lead: Draft;
}

/** Most trusts of three or more organise into hubs; members already run in space order. */
export function organiseHubs(rng: Prng, trustKey: string, members: readonly Draft[], hubs: Hub[]): void {
  if (members.length < 3 || rng.chance(0.15)) return;
  const hubNames = new Set<string>();
  let offset = 0;
  for (const hubSize of hubSizes(members.length)) {
    const group = members.slice(offset, offset + hubSize);
    offset += hubSize;
    hubs.push(formHub(`H${String(hubs.length + 1).padStart(5, '0')}`, trustKey, group, hubNames));
  }
}

/** Split n academies into hubs of 3 or 4 (the ASPIRE norm); a remainder of 1-2 stays outside. */
export function hubSizes(n: number): number[] {
  if (n < 3) return [];
  if (n === 5) return [4];
  const fours = n % 3 === 0 ? 0 : n % 3 === 1 ? 1 : 2;
  if (n - 4 * fours < 0) return [4];
  return [...Array<number>(fours).fill(4), ...Array<number>((n - 4 * fours) / 3).fill(3)];
}

/** The group's best school leads it, raised to Good if none is good or outstanding. */
function formHub(key: string, trustKey: string, group: readonly Draft[], hubNames: Set<string>): Hub {
  const lead = group.reduce((best, d) => (leadRank(d) > leadRank(best) ? d : best), group[0]!);
  if (lead.ofstedRating !== 'OUTSTANDING' && lead.ofstedRating !== 'GOOD') lead.ofstedRating = 'GOOD';
  const cluster: SeedCluster = {
    key,
    name: hubName(TOWNS[lead.town]!.name, hubNames),
    trustKey,
    leadAcademyUrn: lead.urn,
    executiveHeadEmail: '', // filled in with the executive head (staff.ts)
    memberAcademyUrns: [lead.urn, ...group.filter((d) => d !== lead).map((d) => d.urn)],
  };
  return { cluster, lead };
}

const OFSTED_ORDER: Record<OfstedRating, number> = { OUTSTANDING: 4, GOOD: 3, NOT_INSPECTED: 1, REQUIRES_IMPROVEMENT: 1, INADEQUATE: 0 };
/** Best Ofsted first, then the larger school. */
const leadRank = (d: Draft): number => OFSTED_ORDER[d.ofstedRating] * 10_000 + (d.pupils ?? 0);

/** "Leeds Hub", then "Leeds North Hub" and so on: hub names are unique within a trust. */
function hubName(town: string, taken: Set<string>): string {
  let name = `${town} Hub`;
  for (const qualifier of ['North', 'South', 'East', 'West', 'Central']) {
    if (!taken.has(name)) break;
    name = `${town} ${qualifier} Hub`;
  }
  if (taken.has(name)) name = `${town} Hub ${taken.size + 1}`;
  taken.add(name);
  return name;
}

/** Every hub needs an executive head; with fewer staff than hubs, keep the first hubs only. */
export function keepHubsStaffCanHead(hubs: Hub[], staffCount: number): void {
  if (hubs.length > staffCount) hubs.length = staffCount;
}

/** Hub leads offer days of support as a school. */
export function giveHubLeadsSupportCapacity(rng: Prng, hubs: readonly Hub[]): void {
  for (const { lead } of hubs) lead.supportCapacityDays = rng.pick([10, 15, 20, 20, 30]);
}
