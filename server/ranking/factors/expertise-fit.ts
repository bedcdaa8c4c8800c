// Expertise fit: how well the person's expertise in the need's area matches it, from their
// level, their experience of the need's phase, and a designation relevant to the area.
// Every part can only rise with more expertise (a higher level, another phase, another
// designation, another entry), so more expertise never lowers a score.
import { EXPERTISE_LEVELS, rankOf, type Designation, type ExpertiseLevel, type Phase } from '../../domain/enums';
import type { ExpertiseArea } from '../../domain/taxonomy';
import type { RankingConfig } from '../config';
import { clamp01, formatNumber } from '../numbers';
import type { ExpertiseEntry, NeedProfile, SupporterProfile } from '../types';
import { areaGroup, areaLabel, type Factor, type FitInput } from './factor';

/**
 * Phases that share much of their practice (symmetric): early years runs into primary,
 * middle schools straddle primary and secondary, all-through schools span them all,
 * sixteen-plus continues secondary, special schools and alternative provision both serve
 * pupils with additional needs.
 */
export const RELATED_PHASES: Readonly<Record<Phase, readonly Phase[]>> = {
  NURSERY: ['PRIMARY'],
  PRIMARY: ['NURSERY', 'MIDDLE', 'ALL_THROUGH'],
  MIDDLE: ['PRIMARY', 'SECONDARY', 'ALL_THROUGH'],
  SECONDARY: ['MIDDLE', 'SIXTEEN_PLUS', 'ALL_THROUGH'],
  ALL_THROUGH: ['PRIMARY', 'MIDDLE', 'SECONDARY', 'SIXTEEN_PLUS'],
  SIXTEEN_PLUS: ['SECONDARY', 'ALL_THROUGH'],
  SPECIAL: ['ALTERNATIVE_PROVISION'],
  ALTERNATIVE_PROVISION: ['SPECIAL'],
};

/** 1 for the same phase, the configured related value for a related one, else 0. */
export function phaseAffinity(worked: Phase, needed: Phase, config: RankingConfig): number {
  if (worked === needed) return 1;
  return RELATED_PHASES[needed].includes(worked) ? clamp01(config.expertise.relatedPhaseValue) : 0;
}

/**
 * Whether a designation vouches for expertise in this area at this level:
 * - SLE: specialists, designated in a specialism the profile does not record; count it
 *   where the person's level in the area is at least the configured minimum (EXPERT).
 * - NLE / LLE: leaders of whole-school improvement; count for leadership-and-management
 *   areas, and for any area where the person is a SYSTEM_LEADER.
 * - NLG: governance leaders; count for GOVERNANCE.
 */
export function isRelevantDesignation(
  designation: Designation,
  area: ExpertiseArea,
  level: ExpertiseLevel,
  config: RankingConfig,
): boolean {
  switch (designation) {
    case 'SLE':
      return rankOf(EXPERTISE_LEVELS, level) >= rankOf(EXPERTISE_LEVELS, config.expertise.sleMinimumLevel);
    case 'NLE':
    case 'LLE':
      return level === 'SYSTEM_LEADER' || areaGroup(area) === 'LEADERSHIP_AND_MANAGEMENT';
    case 'NLG':
      return area === 'GOVERNANCE';
  }
}

/** The person's designations that vouch for this area at this level, without repeats. */
export function relevantDesignations(
  area: ExpertiseArea,
  level: ExpertiseLevel,
  designations: readonly Designation[],
  config: RankingConfig,
): Designation[] {
  return [...new Set(designations)].filter((d) => isRelevantDesignation(d, area, level, config));
}

type Need = Pick<NeedProfile, 'area' | 'phase'>;
type Person = Pick<SupporterProfile, 'homeAcademy' | 'designations' | 'expertise'>;

/**
 * Best affinity over the phases the person has worked in for this area, plus their home
 * school's phase (they work there, so they know it; this also means listing more phases
 * can never lower the value, and an empty "not stated" list still says something).
 */
function phaseValue(entry: ExpertiseEntry, homePhase: Phase, needed: Phase, config: RankingConfig): number {
  let best = phaseAffinity(homePhase, needed, config);
  for (const phase of entry.phases) best = Math.max(best, phaseAffinity(phase, needed, config));
  return best;
}

function entryValue(entry: ExpertiseEntry, need: Need, supporter: Person, config: RankingConfig): number {
  return entryValueWithPhase(entry, phaseValue(entry, supporter.homeAcademy.phase, need.phase, config), need.area, supporter.designations, config);
}

/** An entry's value given its phase affinity (in [0, 1]): non-decreasing in it, as the parts are >= 0. */
function entryValueWithPhase(entry: ExpertiseEntry, phase: number, area: ExpertiseArea, designations: readonly Designation[], config: RankingConfig): number {
  const { parts, levelValues } = config.expertise;
  const level = clamp01(levelValues[entry.level]);
  const designation = designations.some((d) => isRelevantDesignation(d, area, entry.level, config)) ? 1 : 0;
  return clamp01(
    (parts.level * level + parts.phase * phase + parts.designation * designation) / (parts.level + parts.phase + parts.designation),
  );
}

/**
 * The most expertiseFitValue can be for this person and any need in the area, whatever its
 * phase: each entry with its phase affinity at the most it can be (1). Only the need's phase
 * is left out, so this bounds the value from above (ranking's pruning, rank-pairs.ts).
 */
export function expertiseFitUpperBound(area: ExpertiseArea, supporter: Pick<Person, 'designations' | 'expertise'>, config: RankingConfig): number {
  let best = 0;
  for (const entry of supporter.expertise) {
    if (entry.area === area) best = Math.max(best, entryValueWithPhase(entry, 1, area, supporter.designations, config));
  }
  return best;
}

/** The person's best entry in the need's area (the first of equals), or null if none. */
function bestEntry(need: Need, supporter: Person, config: RankingConfig): { entry: ExpertiseEntry; value: number } | null {
  let best: { entry: ExpertiseEntry; value: number } | null = null;
  for (const entry of supporter.expertise) {
    if (entry.area !== need.area) continue;
    const value = entryValue(entry, need, supporter, config);
    if (best === null || value > best.value) best = { entry, value };
  }
  return best;
}

/** Several entries in one area (e.g. an academy's best per phase): the best one counts; none gives 0. */
export function expertiseFitValue(need: Need, supporter: Person, config: RankingConfig): number {
  let best = 0;
  for (const entry of supporter.expertise) {
    if (entry.area === need.area) best = Math.max(best, entryValue(entry, need, supporter, config));
  }
  return best;
}

function describePhase(entry: ExpertiseEntry, homePhase: Phase, needed: Phase, config: RankingConfig): string {
  // Name a stated phase when it is as good as the home school's.
  let best = { phase: homePhase, value: phaseAffinity(homePhase, needed, config), viaHome: true };
  for (const phase of entry.phases) {
    const value = phaseAffinity(phase, needed, config);
    if (value >= best.value && (best.viaHome || value > best.value)) best = { phase, value, viaHome: false };
  }
  if (best.value === 0) return `no experience of ${needed} or a related phase`;
  const source = best.viaHome ? 'home school is' : 'has worked in';
  return best.value === 1 ? `${source} ${needed}` : `${source} ${best.phase}, related to ${needed}`;
}

export function expertiseFitDetail(need: Need, supporter: Person, config: RankingConfig): string {
  const best = bestEntry(need, supporter, config);
  if (best === null) return `no expertise in ${areaLabel(need.area)}`;
  const { entry } = best;
  const relevant = relevantDesignations(need.area, entry.level, supporter.designations, config);
  const designationText = relevant.length ? `${relevant.join(', ')} relevant` : 'no relevant designation';
  const level = formatNumber(clamp01(config.expertise.levelValues[entry.level]), 2);
  return `${entry.level} in ${areaLabel(need.area)} (${level}); ${describePhase(entry, supporter.homeAcademy.phase, need.phase, config)}; ${designationText}`;
}

export const expertiseFit: Factor<FitInput> = {
  name: 'expertiseFit',
  value: ({ need, supporter, config }) => expertiseFitValue(need, supporter, config),
  detail: ({ need, supporter, config }) => expertiseFitDetail(need, supporter, config),
};
