// The parts of building supporter profiles both fact sources share.
import { trackRecordRating } from '../../domain/impact';
import type { SchoolYear } from '../../domain/school-year';
import type { ExpertiseArea } from '../../domain/taxonomy';
import { capacityIn, capacityRecordOf, supportCapacityRecordOf } from '../../domain/year-capacity';
import { academyExpertise, type StaffExpertise } from '../../ranking/academy-expertise';
import { academiesLeftOut } from '../../ranking/pools';
import type { AvailabilityWindow } from '../../ranking/availability';
import type { AcademyProfile, ExpertiseEntry, ImpactRecord, SupporterProfile } from '../../ranking/types';
import { LIVE_DEPLOYMENT_STATUSES } from '../../domain/statuses';
import type { AcademyDoc, DeploymentDoc, StaffDoc } from '../store';
import { academyProfile } from './profiles';
import type { CandidatePool, Supporter } from './types';

export const HIGH_SEVERITIES = ['HIGH', 'CRITICAL'];

/** Staff still in post: a leaver (leftAt set, services/leavers.ts) is no supporter. Also matches records from before leftAt existed. */
export const IN_POST = { leftAt: null } as const;

/** A person's stated availability as the ranking takes it (empty: always). */
export function availabilityOf(s: Pick<StaffDoc, 'availability'>): AvailabilityWindow[] {
  return (s.availability ?? []).map((w) => ({ from: w.from, to: w.to }));
}
/**
 * A staff supporter's profile with the school year's days as its remainingDays (the ranking
 * core reads only that figure): the same profile when the year is the record's open year.
 */
export function profileInYear(profile: SupporterProfile, doc: CapacityDoc, year: SchoolYear): SupporterProfile {
  if (doc.capacityYear === year.label) return profile;
  const left = capacityIn(capacityRecordOf(doc), year).left;
  return left === profile.remainingDays ? profile : { ...profile, remainingDays: left };
}

/**
 * An academy supporter's profile with its whole-school support days in the school year as
 * its remainingDays (the same rules as a person's): the same profile in its open year.
 */
export function supportProfileInYear(profile: SupporterProfile, doc: SupportCapacityDoc, year: SchoolYear): SupporterProfile {
  const left = supportDaysLeftIn(doc, year);
  return left === profile.remainingDays ? profile : { ...profile, remainingDays: left };
}

type SupportCapacityDoc = Pick<AcademyDoc, 'supportCapacityYear' | 'supportCapacityDays' | 'supportRemainingDays' | 'supportOtherYears'>;

/** A school's whole-school support days left in the school year. */
export function supportDaysLeftIn(doc: SupportCapacityDoc, year: SchoolYear): number {
  return capacityIn(supportCapacityRecordOf(doc), year).left;
}

/** The fields of a staff record its capacity in any school year is read from (a projection). */
export const STAFF_CAPACITY_FIELDS = { capacityYear: 1, capacityDays: 1, remainingDays: 1, otherYears: 1 } as const;
type CapacityDoc = Pick<StaffDoc, 'capacityYear' | 'capacityDays' | 'remainingDays' | 'otherYears'>;

/**
 * Whether the record may have `threshold` days in the year, as an index can tell: the open
 * year's pair when it is that year, else anyone (their figure for it is worked out).
 */
export function mayHaveDaysIn(doc: CapacityDoc, year: SchoolYear, threshold: number): boolean {
  return doc.capacityYear !== year.label || atLeast(doc.remainingDays, threshold);
}

/** mayHaveDaysIn as a query (index { expertiseAreas, remainingDays } serves the first branch). */
export function mayHaveDaysInFilter(year: SchoolYear, threshold: number): Record<string, unknown> {
  return { $or: [{ capacityYear: year.label, remainingDays: { $gte: threshold } }, { capacityYear: { $ne: year.label } }] };
}

export const TRACKED_DEPLOYMENT_STATUSES = ['COMPLETED', ...LIVE_DEPLOYMENT_STATUSES];

/** The fields of an academy its profile uses (a projection for database reads). */
export const ACADEMY_PROFILE_FIELDS = { name: 1, phase: 1, ofstedRating: 1, ofstedJudgedOn: 1, status: 1, ofstedReportCard: 1, fsmPercent: 1, latitude: 1, longitude: 1, trustId: 1, clusterId: 1 } as const;

export type DeploymentFacts = Pick<DeploymentDoc, 'staffId' | 'supportingAcademyId' | 'needId' | 'area' | 'status' | 'impactRating' | 'receivingImpact'>;
export type StaffExpertiseDoc = Pick<StaffDoc, '_id' | 'homeAcademyId' | 'expertise' | 'designations'>;

/** Academies offering whole-school support are those that set support days. */
export const offersSupport = (a: AcademyDoc) => typeof a.supportCapacityDays === 'number' && a.supportCapacityDays > 0;
export const atLeast = (value: unknown, threshold: number) => typeof value === 'number' && value >= threshold;

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export const inAreas = (areas: readonly string[] | null) => (area: string) => areas === null || areas.includes(area);

/** The track record's ratings of these deployments (domain/impact.ts: both schools' ratings combined). */
export function impactsOf(deployments: { area: string; impactRating?: number | null; receivingImpact?: { rating?: number | null } | null }[]): ImpactRecord[] {
  const records: ImpactRecord[] = [];
  for (const d of deployments) {
    const rating = trackRecordRating(d.impactRating, d.receivingImpact?.rating);
    if (rating !== null) records.push({ area: d.area as ExpertiseArea, impactRating: rating });
  }
  return records;
}

export function expertiseEntries(s: Pick<StaffDoc, 'expertise'>): ExpertiseEntry[] {
  return (s.expertise ?? []).map((e) => ({ area: e.area as ExpertiseArea, level: e.level, phases: e.phases ?? [], evidence: e.evidence ?? null }));
}

/** The facts about academies' homes an academy supporter's profile needs. */
export interface AcademyFacts {
  profiles: Map<string, AcademyProfile>;
  highAreas: Map<string, ExpertiseArea[]>;
  staff: StaffExpertiseDoc[];
  deployments: DeploymentFacts[];
}

/** Academies as supporters, from their facts: expertise is their staff's (ranking/academy-expertise.ts). */
export function academySupporters(academies: AcademyDoc[], areas: ExpertiseArea[] | null, facts: AcademyFacts): Map<string, Supporter<AcademyDoc>> {
  const staffByAcademy = groupBy(facts.staff, (s) => s.homeAcademyId.toString());
  const deploymentsByAcademy = groupBy(facts.deployments, (d) => String(d.supportingAcademyId));
  const result = new Map<string, Supporter<AcademyDoc>>();
  for (const a of academies) {
    const id = a._id.toString();
    const { expertise, designations } = academyExpertise((staffByAcademy.get(id) ?? []) as StaffExpertise[], areas);
    const mine = deploymentsByAcademy.get(id) ?? [];
    const profile: SupporterProfile = {
      kind: 'ACADEMY',
      id,
      name: a.name,
      homeAcademy: facts.profiles.get(id) ?? academyProfile(a),
      expertise,
      designations,
      remainingDays: a.supportRemainingDays ?? 0,
      maxTravelKm: null,
      safeguardingCheckExpiresOn: null,
      availability: [], // a school as a whole plans its own cover
      trackRecord: impactsOf(mine.filter((d) => d.status === 'COMPLETED')),
      supportingNeedIds: mine.filter((d) => LIVE_DEPLOYMENT_STATUSES.includes(d.status)).map((d) => d.needId.toString()),
      homeOpenHighSeverityAreas: facts.highAreas.get(id) ?? [],
    };
    result.set(id, { doc: a, profile });
  }
  return result;
}

/**
 * An academy pool from the academies offering support: those with the days (in the need's
 * school year) loaded as
 * supporters, kept when someone there has the area; the rest counted (ranking/pools.ts).
 */
export async function academyPoolOf(
  area: ExpertiseArea,
  year: SchoolYear,
  offering: number,
  withDays: AcademyDoc[],
  lackingDaysWithArea: () => Promise<number>,
  profilesOf: (academies: AcademyDoc[], areas: ExpertiseArea[]) => Promise<Map<string, Supporter<AcademyDoc>>>,
): Promise<CandidatePool<AcademyDoc>> {
  const loaded = await profilesOf(withDays, [area]);
  const withExpertise = [...loaded.values()]
    .filter((s) => s.profile.expertise.some((e) => e.area === area))
    .map((s) => ({ doc: s.doc, profile: supportProfileInYear(s.profile, s.doc, year) }));
  const lacking = offering - withDays.length ? await lackingDaysWithArea() : 0;
  return {
    supporters: withExpertise,
    leftOut: academiesLeftOut({ offering, withDays: withDays.length, withExpertise: withExpertise.length, lackingDaysWithArea: lacking }),
  };
}
