// Step 5 of the national dataset: history, completed support (the track record ranking
// uses) given within the supporter's trust, or their town for standalone schools.
import type { ExpertiseArea } from '../../server/domain/taxonomy';
import type { SeedCompletedDeployment, SeedStaff } from '../dataset';
import { pickWeighted, type Prng } from '../prng';
import type { Draft } from './academies';

/** Up to `count` completed deployments (fewer if few staff have a school near them to help). */
export function generateCompletedDeployments(
  rng: Prng,
  drafts: readonly Draft[],
  staff: readonly SeedStaff[],
  membersByTrust: ReadonlyMap<string, number[]>,
  count: number,
): SeedCompletedDeployment[] {
  const completed: SeedCompletedDeployment[] = [];
  if (!(count > 0 && staff.length > 0 && drafts.length > 1)) return completed;
  const draftByUrn = new Map(drafts.map((d) => [d.urn, d]));
  const neighboursOf = neighbourPools(drafts, membersByTrust);
  // Days given count against a person's capacity (see committedDaysByStaff): never beyond it.
  const given = new Map<SeedStaff, number>();
  // Bounded: a supporter alone in their trust and town can never be placed.
  for (let attempts = 0; completed.length < count && attempts < count * 20; attempts += 1) {
    const supporter = rng.pick(staff);
    const home = draftByUrn.get(supporter.homeAcademyUrn)!;
    const receiving = drafts[rng.pick(neighboursOf(home))]!;
    if (receiving === home) continue;
    const area: ExpertiseArea = rng.pick(supporter.expertise).area;
    const days = rng.int(2, 12);
    const before = given.get(supporter) ?? 0;
    if (before + days > supporter.capacityDays) continue;
    given.set(supporter, before + days);
    completed.push(completedSupport(rng, supporter, receiving, area, days));
  }
  return completed;
}

/** The schools (indexes into the drafts) a school's staff may have helped: its trust, else its town. */
function neighbourPools(drafts: readonly Draft[], membersByTrust: ReadonlyMap<string, number[]>): (home: Draft) => number[] {
  const byTown = new Map<number, number[]>();
  drafts.forEach((d, i) => {
    const list = byTown.get(d.town);
    if (list) list.push(i);
    else byTown.set(d.town, [i]);
  });
  return (home) => (home.trustKey ? membersByTrust.get(home.trustKey) : undefined) ?? byTown.get(home.town)!;
}

// The draws below run in a fixed order (the same seed must give the same dataset): keep it.
function completedSupport(rng: Prng, supporter: SeedStaff, receiving: Draft, area: ExpertiseArea, days: number): SeedCompletedDeployment {
  return {
    needAcademyUrn: receiving.urn,
    area,
    phase: receiving.phase,
    staffEmail: supporter.email,
    days,
    impactRating: pickWeighted(rng, [[1, 0.1], [2, 0.25], [3, 0.4], [4, 0.25]] as const),
    impactEvidence: rng.pick(IMPACT_EVIDENCE),
    completedDaysAgo: rng.int(30, 900),
  };
}

const IMPACT_EVIDENCE = [
  'Outcomes improved at the next assessment point; approach now embedded',
  'Leaders report sustained change; confirmed at a trust review',
  'Partial impact: practice improved but staff turnover slowed progress',
  'Attendance and behaviour data improved over two terms',
  'Support ended early; little measurable change',
];
