// The shape of a soft factor: a value in [0, 1] and a sentence explaining it, as two
// separate pure functions of the same input. Rankings compute values for everyone and
// sentences only for the results they return (tens of thousands scored, ten shown).
import { EXPERTISE_TAXONOMY, type ExpertiseArea, type ExpertiseAreaInfo, type ExpertiseGroup } from '../../domain/taxonomy';
import type { RankingConfig } from '../config';
import type { NeedProfile, SupporterProfile } from '../types';

/** What a need-priority component may look at. */
export interface PriorityInput {
  need: Pick<NeedProfile, 'severity' | 'academy' | 'raisedAt'>;
  now: Date;
  config: RankingConfig;
}

/** What a fit factor may look at: one need, one supporter, their distance (null: unknown). */
export interface FitInput {
  need: NeedProfile;
  supporter: SupporterProfile;
  distanceKm: number | null;
  now: Date;
  config: RankingConfig;
}

export interface Factor<I> {
  /** As shown in ScoreFactor.name, and the key of its weight in the configuration. */
  readonly name: string;
  /** In [0, 1]. */
  value(input: I): number;
  /** Human-readable reason for the value. */
  detail(input: I): string;
}

// Lookups that tolerate a code missing from the taxonomy (old data): a ranking should
// degrade, not throw.
const areas = new Map<string, ExpertiseAreaInfo>(EXPERTISE_TAXONOMY.map((a) => [a.code, a]));

/** The area's label for explanations; the code itself if the taxonomy lacks it. */
export function areaLabel(area: ExpertiseArea): string {
  return areas.get(area)?.label ?? area;
}

/** The area's Ofsted-focus group; OTHER if the taxonomy lacks it. */
export function areaGroup(area: ExpertiseArea): ExpertiseGroup {
  return areas.get(area)?.group ?? 'OTHER';
}
