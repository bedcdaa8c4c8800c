// An academy offering support as a whole has no expertise of its own: it has its staff's.
// For each area, the best level any of its staff holds; the phases, every phase any of them
// lists for that area (so adding a person never narrows them); the evidence, that of the
// first entry at the best level; the designations, every one any of them holds.
import { type Designation, EXPERTISE_LEVELS, type ExpertiseLevel } from '../domain/enums';
import type { ExpertiseArea } from '../domain/taxonomy';
import type { ExpertiseEntry } from './types';

/** What the rule reads of one staff member. */
export interface StaffExpertise {
  expertise?: readonly { area: string; level: ExpertiseLevel; phases?: readonly ExpertiseEntry['phases'][number][] | null; evidence?: string | null }[] | null;
  designations?: readonly Designation[] | null;
}

const levelRank = (level: ExpertiseLevel) => EXPERTISE_LEVELS.indexOf(level);

/**
 * The academy's expertise from its staff's, limited to `areas` when given (the designations
 * are not limited: they are the staff's whatever the area). Areas appear in the order first
 * met, phases in the order first listed.
 */
export function academyExpertise(
  staff: readonly StaffExpertise[],
  areas: readonly ExpertiseArea[] | null,
): { expertise: ExpertiseEntry[]; designations: Designation[] } {
  const best = new Map<string, ExpertiseEntry>();
  const designations = new Set<Designation>();
  for (const s of staff) {
    for (const e of s.expertise ?? []) {
      if (areas && !areas.includes(e.area as ExpertiseArea)) continue;
      const current = best.get(e.area);
      const phases = [...new Set([...(current?.phases ?? []), ...(e.phases ?? [])])];
      if (!current || levelRank(e.level) > levelRank(current.level)) best.set(e.area, { area: e.area as ExpertiseArea, level: e.level, phases, evidence: e.evidence ?? null });
      else current.phases = phases;
    }
    for (const d of s.designations ?? []) designations.add(d);
  }
  return { expertise: [...best.values()], designations: [...designations] };
}
