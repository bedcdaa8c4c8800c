// How GIAS vocabulary maps onto the service's enums. docs/gias-import.md shows the same
// tables for people; keep the two in step. Keys are compared lower-cased with single spaces.
import type { OfstedRating, Phase } from '../../domain/enums';

export function vocabularyKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** "EstablishmentStatus (name)": which establishments are imported. */
export type StatusVerdict = { import: true } | { import: false; skip: string; closed?: true };
const STATUSES: Record<string, StatusVerdict> = {
  open: { import: true },
  'open, but proposed to close': { import: true },
  closed: { import: false, skip: 'closed', closed: true },
  // Not a school yet: no pupils, no staff, nobody to support or be supported.
  'proposed to open': { import: false, skip: 'proposed to open (not yet open)' },
};
export function statusVerdict(value: string): StatusVerdict | undefined {
  return STATUSES[vocabularyKey(value)];
}

/**
 * "TypeOfEstablishment (name)". In scope: state-funded schools (local-authority maintained,
 * academies, free schools, special schools, pupil referral units). A type may fix the phase,
 * whatever "PhaseOfEducation" says: a special school is SPECIAL even when GIAS also gives it
 * a phase. Out of scope types are skipped with a reason; an unknown type rejects the row, so
 * a new GIAS type is noticed and added here rather than guessed.
 */
export type TypeVerdict = { import: true; phase: Phase | null } | { import: false; skip: string };

const inScope = (phase: Phase | null = null): TypeVerdict => ({ import: true, phase });
const skip = (reason: string): TypeVerdict => ({ import: false, skip: reason });

const TYPES: Record<string, TypeVerdict> = {
  'community school': inScope(),
  'voluntary aided school': inScope(),
  'voluntary controlled school': inScope(),
  'foundation school': inScope(),
  'city technology college': inScope(),
  'academy converter': inScope(),
  'academy sponsor led': inScope(),
  'free schools': inScope(),
  'university technical college': inScope(),
  'studio schools': inScope(),
  'academy secure 16 to 19': inScope(),
  'la nursery school': inScope('NURSERY'),
  'sixth form centres': inScope('SIXTEEN_PLUS'),
  'free schools 16 to 19': inScope('SIXTEEN_PLUS'),
  'academy 16-19 converter': inScope('SIXTEEN_PLUS'),
  'academy 16 to 19 sponsor led': inScope('SIXTEEN_PLUS'),
  'community special school': inScope('SPECIAL'),
  'foundation special school': inScope('SPECIAL'),
  'non-maintained special school': inScope('SPECIAL'),
  'academy special converter': inScope('SPECIAL'),
  'academy special sponsor led': inScope('SPECIAL'),
  'free schools special': inScope('SPECIAL'),
  'pupil referral unit': inScope('ALTERNATIVE_PROVISION'),
  'academy alternative provision converter': inScope('ALTERNATIVE_PROVISION'),
  'academy alternative provision sponsor led': inScope('ALTERNATIVE_PROVISION'),
  'free schools alternative provision': inScope('ALTERNATIVE_PROVISION'),

  'other independent school': skip('independent school'),
  'other independent special school': skip('independent school'),
  'welsh establishment': skip('not in England (Welsh establishment)'),
  'british schools overseas': skip('outside England (overseas or offshore)'),
  'offshore schools': skip('outside England (overseas or offshore)'),
  "service children's education": skip('outside England (overseas or offshore)'),
  'further education': skip('college or university'),
  'higher education institutions': skip('college or university'),
  'special post 16 institution': skip('college or university'),
  'online provider': skip('online provider'),
  'secure units': skip('other provision, not a school'),
  'institution funded by other government department': skip('other provision, not a school'),
  miscellaneous: skip('other provision, not a school'),
  "children's centre": skip('other provision, not a school'),
  "children's centre linked site": skip('other provision, not a school'),
};
export function typeVerdict(value: string): TypeVerdict | undefined {
  return TYPES[vocabularyKey(value)];
}

/** "PhaseOfEducation (name)". "Not applicable" (usual for special schools and PRUs) maps to null. */
const PHASES_BY_NAME: Record<string, Phase | null> = {
  nursery: 'NURSERY',
  primary: 'PRIMARY',
  'middle deemed primary': 'MIDDLE',
  'middle deemed secondary': 'MIDDLE',
  secondary: 'SECONDARY',
  '16 plus': 'SIXTEEN_PLUS',
  'all-through': 'ALL_THROUGH',
  'all through': 'ALL_THROUGH',
  'not applicable': null,
  '': null,
};
/** undefined: a value GIAS does not use (the row is rejected); null: no phase given. */
export function phaseByName(value: string): Phase | null | undefined {
  const key = vocabularyKey(value);
  return key in PHASES_BY_NAME ? PHASES_BY_NAME[key] : undefined;
}

/** Last resort when neither the type nor the phase column says: the statutory age range. */
export function phaseByAges(low: number, high: number): Phase {
  if (high <= 5) return 'NURSERY';
  if (low >= 16) return 'SIXTEEN_PLUS';
  if (low <= 5 && high >= 16) return 'ALL_THROUGH';
  if (high <= 11) return 'PRIMARY';
  if (low >= 11) return 'SECONDARY';
  return 'MIDDLE';
}

/**
 * "OfstedRating (name)": the overall effectiveness judgement. Serious weaknesses and special
 * measures are the two categories of an Inadequate judgement. Pre-2012 "Satisfactory" became
 * "Requires improvement". Blank means never inspected (or not yet as this URN).
 */
const RATINGS: Record<string, OfstedRating> = {
  outstanding: 'OUTSTANDING',
  good: 'GOOD',
  'requires improvement': 'REQUIRES_IMPROVEMENT',
  satisfactory: 'REQUIRES_IMPROVEMENT',
  inadequate: 'INADEQUATE',
  'serious weaknesses': 'INADEQUATE',
  'special measures': 'INADEQUATE',
  '': 'NOT_INSPECTED',
  'not applicable': 'NOT_INSPECTED',
  'not inspected': 'NOT_INSPECTED',
};
/** undefined for a judgement this table does not know. */
export function ratingByName(value: string): OfstedRating | undefined {
  return RATINGS[vocabularyKey(value)];
}

/**
 * "TrustSchoolFlag (name)": only academy trusts run school improvement across their schools.
 * A foundation trust ("Supported by a trust") holds land for maintained schools, so it is
 * not recorded as a Trust and does not link the school to one.
 */
export function isAcademyTrustFlag(value: string): boolean {
  const key = vocabularyKey(value);
  return key.includes('multi-academy trust') || key.includes('single-academy trust');
}
