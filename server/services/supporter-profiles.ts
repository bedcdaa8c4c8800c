// Loads supporters (staff, or academies as a whole) as the pure ranking's SupporterProfile,
// with the few batched queries the facts need: home academies, track record, live
// deployments and the home schools' own high-severity needs. With FerretDB the facts come
// from the collections' in-process copies instead (read-cache/): no round trips.
import type { Types } from 'mongoose';
import type { ExpertiseLevel } from '../domain/enums';
import { EXPERTISE_LEVELS } from '../domain/enums';
import type { ExpertiseArea } from '../domain/taxonomy';
import { Academy, type AcademyRecord } from '../models/academy';
import { Deployment, type DeploymentRecord } from '../models/deployment';
import { ImprovementNeed, type ImprovementNeedRecord } from '../models/improvement-need';
import type { StaffMemberRecord } from '../models/staff-member';
import { StaffMember } from '../models/staff-member';
import type { AcademyProfile, ExpertiseEntry, ImpactRecord, SupporterProfile } from '../ranking/types';
import type { LeanDoc } from '../models/lean';
import { academyProfile } from './profiles';
import { type CollectionCopy, readCopy } from '../db/read-cache';

export const LIVE_DEPLOYMENT_STATUSES = ['PROPOSED', 'AGREED', 'ACTIVE'];
export const LIVE_NEED_STATUSES = ['OPEN', 'MATCHED', 'IN_PROGRESS'];
const HIGH_SEVERITIES = ['HIGH', 'CRITICAL'];
const TRACKED_DEPLOYMENT_STATUSES = ['COMPLETED', ...LIVE_DEPLOYMENT_STATUSES];

type StaffLean = LeanDoc<StaffMemberRecord>;
type AcademyLean = LeanDoc<AcademyRecord>;
type NeedLean = LeanDoc<ImprovementNeedRecord>;
type DeploymentFacts = Pick<LeanDoc<DeploymentRecord>, 'staffId' | 'supportingAcademyId' | 'needId' | 'area' | 'status' | 'impactRating'>;
type StaffExpertise = Pick<StaffLean, '_id' | 'homeAcademyId' | 'expertise' | 'designations'>;

/** The fields of an academy its profile uses (a projection for database reads). */
export const ACADEMY_PROFILE_FIELDS = { name: 1, phase: 1, ofstedRating: 1, fsmPercent: 1, latitude: 1, longitude: 1, trustId: 1, clusterId: 1 } as const;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const inAreas = (areas: readonly string[] | null) => (area: string) => areas === null || areas.includes(area);
const NONE: readonly never[] = Object.freeze([]);

// With copies, what never changes while a document stays the same is computed once per
// document (copies replace a document object whenever it changes, so these never go stale).
const academyProfileMemo = new WeakMap<object, AcademyProfile>();
function academyProfileOf(academy: AcademyLean): AcademyProfile {
  let profile = academyProfileMemo.get(academy);
  if (!profile) {
    profile = Object.freeze(academyProfile(academy)) as AcademyProfile;
    academyProfileMemo.set(academy, profile);
  }
  return profile;
}

type StaffBase = Pick<SupporterProfile, 'id' | 'name' | 'expertise' | 'designations' | 'remainingDays' | 'maxTravelKm' | 'safeguardingCheckExpiresOn'> & { homeId: string };
const staffBaseMemo = new WeakMap<object, StaffBase>();
function staffBaseOf(s: StaffLean): StaffBase {
  let base = staffBaseMemo.get(s);
  if (!base) {
    base = {
      id: s._id.toString(),
      homeId: s.homeAcademyId.toString(),
      name: s.name,
      expertise: Object.freeze((s.expertise ?? []).map((e) => Object.freeze({ area: e.area as ExpertiseArea, level: e.level, phases: e.phases ?? [], evidence: e.evidence ?? null }))) as ExpertiseEntry[],
      designations: s.designations ?? [],
      remainingDays: s.remainingDays,
      maxTravelKm: s.maxTravelKm ?? null,
      safeguardingCheckExpiresOn: s.safeguardingCheckExpiresOn ?? null,
    };
    staffBaseMemo.set(s, base);
  }
  return base;
}

interface TrackedDeployment {
  area: string;
  status: string;
  impactRating: number | null | undefined;
  needId: string;
}

/** Completed and live deployments by supporter (staff or academy) id, from the copy. */
function trackedDeploymentsBy(copies: FactCopies, field: 'staffId' | 'supportingAcademyId'): Map<string, TrackedDeployment[]> {
  return copies.deployments.derive(`tracked:${field}`, (docs) => {
    const by = new Map<string, TrackedDeployment[]>();
    for (const d of docs) {
      const owner = d[field];
      if (owner == null || !TRACKED_DEPLOYMENT_STATUSES.includes(d.status)) continue;
      const key = owner.toString();
      const entry = { area: d.area, status: d.status, impactRating: d.impactRating, needId: d.needId.toString() };
      const list = by.get(key);
      if (list) list.push(entry);
      else by.set(key, [entry]);
    }
    return by;
  });
}

/** Areas of each academy's live HIGH or CRITICAL needs, from the copy. */
function highSeverityAreasBy(copies: FactCopies): Map<string, ExpertiseArea[]> {
  return copies.needs.derive('highSeverityAreas', (docs) => {
    const by = new Map<string, ExpertiseArea[]>();
    for (const n of docs) {
      if (!LIVE_NEED_STATUSES.includes(n.status) || !HIGH_SEVERITIES.includes(n.severity)) continue;
      const key = n.academyId.toString();
      const list = by.get(key);
      if (list) list.push(n.area as ExpertiseArea);
      else by.set(key, [n.area as ExpertiseArea]);
    }
    return by;
  });
}

/** The copies the facts come from, or null when they come from the database. */
export interface FactCopies {
  academies: CollectionCopy<AcademyLean>;
  needs: CollectionCopy<NeedLean>;
  deployments: CollectionCopy<LeanDoc<DeploymentRecord>>;
  staff: CollectionCopy<StaffLean>;
}

export async function factCopies(): Promise<FactCopies | null> {
  const academies = await readCopy<AcademyLean>(Academy);
  if (!academies) return null;
  const needs = await readCopy<NeedLean>(ImprovementNeed);
  const deployments = await readCopy<LeanDoc<DeploymentRecord>>(Deployment);
  const staff = await readCopy<StaffLean>(StaffMember);
  if (!needs || !deployments || !staff) return null;
  return { academies, needs, deployments, staff };
}

interface HomeFacts {
  profiles: Map<string, AcademyProfile>;
  highAreas: Map<string, ExpertiseArea[]>;
}

async function homeFacts(academyIds: Types.ObjectId[], areas: ExpertiseArea[] | null, copies: FactCopies | null): Promise<HomeFacts> {
  const wanted = inAreas(areas);
  const profiles = new Map<string, AcademyProfile>();
  const highAreas = new Map<string, ExpertiseArea[]>();
  const addHigh = (n: Pick<NeedLean, 'academyId' | 'area'>) => {
    const k = n.academyId.toString();
    highAreas.set(k, [...(highAreas.get(k) ?? []), n.area as ExpertiseArea]);
  };
  if (copies) {
    const high = highSeverityAreasBy(copies);
    for (const id of academyIds) {
      const key = id.toString();
      const academy = copies.academies.get(key);
      if (academy) profiles.set(key, academyProfileOf(academy));
      const areasHere = (high.get(key) ?? NONE).filter(wanted);
      if (areasHere.length) highAreas.set(key, areasHere);
    }
    return { profiles, highAreas };
  }
  const needFilter: Record<string, unknown> = { academyId: { $in: academyIds }, status: { $in: LIVE_NEED_STATUSES }, severity: { $in: HIGH_SEVERITIES } };
  if (areas) needFilter.area = { $in: areas };
  const [academies, highNeeds] = await Promise.all([
    Academy.find({ _id: { $in: academyIds } }, ACADEMY_PROFILE_FIELDS).lean() as Promise<AcademyLean[]>,
    ImprovementNeed.find(needFilter, { academyId: 1, area: 1 }).lean(),
  ]);
  for (const a of academies) profiles.set(a._id.toString(), academyProfile(a));
  for (const n of highNeeds) addHigh(n);
  return { profiles, highAreas };
}

/** Completed and live deployments of these supporters, limited to the areas when given. */
async function deploymentsOf(field: 'staffId' | 'supportingAcademyId', ids: Types.ObjectId[], areas: ExpertiseArea[] | null, copies: FactCopies | null): Promise<DeploymentFacts[]> {
  if (copies) {
    const wanted = inAreas(areas);
    const byField = copies.deployments.groupedBy(field);
    return ids.flatMap((id) => (byField.get(id.toString()) ?? NONE).filter((d) => TRACKED_DEPLOYMENT_STATUSES.includes(d.status) && wanted(d.area)));
  }
  const filter: Record<string, unknown> = { [field]: { $in: ids }, status: { $in: TRACKED_DEPLOYMENT_STATUSES } };
  if (areas) filter.area = { $in: areas };
  return (await Deployment.find(filter, { staffId: 1, supportingAcademyId: 1, needId: 1, area: 1, status: 1, impactRating: 1 }).lean()) as DeploymentFacts[];
}

function impactsOf(deployments: { area: string; impactRating?: number | null }[]): ImpactRecord[] {
  return deployments
    .filter((d) => d.impactRating != null)
    .map((d) => ({ area: d.area as ExpertiseArea, impactRating: d.impactRating as ImpactRecord['impactRating'] }));
}

/**
 * Staff as supporters. `areas` limits the facts loaded to what the ranking will look at.
 * `copies` (from factCopies()) when the caller already has them; looked up otherwise.
 */
export async function staffProfiles(
  staff: StaffLean[],
  areas: ExpertiseArea[] | null,
  copies?: FactCopies | null,
): Promise<Map<string, { profile: SupporterProfile; doc: StaffLean }>> {
  if (!staff.length) return new Map();
  const source = copies === undefined ? await factCopies() : copies;
  if (source) return staffProfilesFromCopies(staff, areas, source);
  const staffIds = staff.map((s) => s._id);
  const homeIds = [...new Map(staff.map((s) => [s.homeAcademyId.toString(), s.homeAcademyId as Types.ObjectId])).values()];
  const [home, deployments] = await Promise.all([homeFacts(homeIds, areas, source), deploymentsOf('staffId', staffIds, areas, source)]);
  const byStaff = groupBy(deployments, (d) => String(d.staffId));
  const result = new Map<string, { profile: SupporterProfile; doc: StaffLean }>();
  for (const s of staff) {
    const homeProfile = home.profiles.get(s.homeAcademyId.toString());
    if (!homeProfile) continue; // a dangling home academy cannot be placed on the map
    const mine = byStaff.get(s._id.toString()) ?? [];
    result.set(s._id.toString(), {
      doc: s,
      profile: {
        kind: 'STAFF',
        id: s._id.toString(),
        name: s.name,
        homeAcademy: homeProfile,
        expertise: (s.expertise ?? []).map((e) => ({ area: e.area as ExpertiseArea, level: e.level, phases: e.phases ?? [], evidence: e.evidence ?? null })),
        designations: s.designations ?? [],
        remainingDays: s.remainingDays,
        maxTravelKm: s.maxTravelKm ?? null,
        safeguardingCheckExpiresOn: s.safeguardingCheckExpiresOn ?? null,
        trackRecord: impactsOf(mine.filter((d) => d.status === 'COMPLETED')),
        supportingNeedIds: mine.filter((d) => LIVE_DEPLOYMENT_STATUSES.includes(d.status)).map((d) => d.needId.toString()),
        homeOpenHighSeverityAreas: home.highAreas.get(s.homeAcademyId.toString()) ?? [],
      },
    });
  }
  return result;
}

/** One staff member's profile from the copies, with facts limited to the areas; null when their home academy is missing. */
function staffProfileFromCopies(
  s: StaffLean,
  wanted: (area: string) => boolean,
  copies: FactCopies,
  deployments: Map<string, TrackedDeployment[]>,
  high: Map<string, ExpertiseArea[]>,
): SupporterProfile | null {
  const base = staffBaseOf(s);
  const home = copies.academies.get(base.homeId);
  if (!home) return null; // a dangling home academy cannot be placed on the map
  const trackRecord: ImpactRecord[] = [];
  const supportingNeedIds: string[] = [];
  for (const d of deployments.get(base.id) ?? NONE) {
    if (!wanted(d.area)) continue;
    if (d.status === 'COMPLETED') {
      if (d.impactRating != null) trackRecord.push({ area: d.area as ExpertiseArea, impactRating: d.impactRating as ImpactRecord['impactRating'] });
    } else supportingNeedIds.push(d.needId);
  }
  const highHere = high.get(base.homeId);
  return {
    kind: 'STAFF',
    id: base.id,
    name: base.name,
    homeAcademy: academyProfileOf(home),
    expertise: base.expertise,
    designations: base.designations,
    remainingDays: base.remainingDays,
    maxTravelKm: base.maxTravelKm,
    safeguardingCheckExpiresOn: base.safeguardingCheckExpiresOn,
    trackRecord,
    supportingNeedIds,
    homeOpenHighSeverityAreas: highHere ? highHere.filter(wanted) : [],
  };
}

/** staffProfiles from the copies: the same profiles, with per-document parts computed once. */
function staffProfilesFromCopies(staff: StaffLean[], areas: ExpertiseArea[] | null, copies: FactCopies): Map<string, { profile: SupporterProfile; doc: StaffLean }> {
  const wanted = inAreas(areas);
  const deployments = trackedDeploymentsBy(copies, 'staffId');
  const high = highSeverityAreasBy(copies);
  const result = new Map<string, { profile: SupporterProfile; doc: StaffLean }>();
  for (const s of staff) {
    const profile = staffProfileFromCopies(s, wanted, copies, deployments, high);
    if (profile) result.set(profile.id, { doc: s, profile });
  }
  return result;
}

export interface StaffInArea {
  doc: StaffLean;
  /** Null when the home academy is missing (such a person is neither ranked nor counted). */
  profile: SupporterProfile | null;
}

/**
 * Everyone with expertise in the area, each with their profile for it, from the copies.
 * Built once per area and kept until any of the copies it draws on changes, so a ranking
 * only filters a ready list (the profiles are shared: callers must not change them).
 */
export function staffInAreaFromCopies(area: ExpertiseArea, copies: FactCopies): StaffInArea[] {
  const holder = areaHolder(copies);
  let list = holder.byArea.get(area);
  if (!list) {
    const wanted = inAreas([area]);
    const deployments = trackedDeploymentsBy(copies, 'staffId');
    const high = highSeverityAreasBy(copies);
    list = (copies.staff.groupedBy('expertiseAreas').get(area) ?? NONE).map((doc) => {
      const profile = staffProfileFromCopies(doc, wanted, copies, deployments, high);
      return { doc, profile: profile && (Object.freeze(profile) as SupporterProfile) };
    });
    holder.byArea.set(area, list);
  }
  return list;
}

interface AreaHolder {
  key: string;
  byArea: Map<string, StaffInArea[]>;
  pools: Map<string, StaffPool>;
}

/** Per-area data, kept while the staff copy and every copy the profiles draw on stay the same. */
function areaHolder(copies: FactCopies): AreaHolder {
  const key = `${copies.academies.version}:${copies.needs.version}:${copies.deployments.version}`;
  const holder = copies.staff.derive<AreaHolder>('profilesByArea', () => ({ key, byArea: new Map(), pools: new Map() }));
  if (holder.key !== key) {
    holder.key = key;
    holder.byArea = new Map();
    holder.pools = new Map();
  }
  return holder;
}

export interface StaffPool {
  /** People with the area and at least the days, with their profiles (shared: do not change). */
  supporters: { profile: SupporterProfile; doc: StaffLean }[];
  profiles: SupporterProfile[];
  /** People with the area at all, and of those, people with the days (placed or not). */
  withArea: number;
  withDays: number;
}

/**
 * The candidates for a need in this area needing at least `threshold` days: what the
 * database's { expertiseAreas, remainingDays } index would select, from the copies, kept per
 * (area, threshold) while the copies stay the same (thresholds are small whole numbers).
 */
export function staffPoolFromCopies(area: ExpertiseArea, threshold: number, copies: FactCopies): StaffPool {
  const holder = areaHolder(copies);
  const poolKey = `${area}:${threshold}`;
  let pool = holder.pools.get(poolKey);
  if (!pool) {
    const withArea = staffInAreaFromCopies(area, copies);
    const supporters: { profile: SupporterProfile; doc: StaffLean }[] = [];
    let withDays = 0;
    for (const { doc, profile } of withArea) {
      if (!(typeof doc.remainingDays === 'number' && doc.remainingDays >= threshold)) continue;
      withDays += 1;
      if (profile) supporters.push({ profile, doc });
    }
    pool = { supporters, profiles: supporters.map((s) => s.profile), withArea: withArea.length, withDays };
    holder.pools.set(poolKey, pool);
  }
  return pool;
}

const levelRank = (level: ExpertiseLevel) => EXPERTISE_LEVELS.indexOf(level);

async function staffOfAcademies(ids: Types.ObjectId[], areas: ExpertiseArea[] | null, copies: FactCopies | null): Promise<StaffExpertise[]> {
  if (copies) {
    const byHome = copies.staff.groupedBy('homeAcademyId');
    return ids.flatMap((id) => (byHome.get(id.toString()) ?? []).filter((s) => areas === null || (s.expertiseAreas ?? []).some((a) => areas.includes(a as ExpertiseArea))));
  }
  const filter: Record<string, unknown> = { homeAcademyId: { $in: ids } };
  if (areas) filter.expertiseAreas = { $in: areas };
  return (await StaffMember.find(filter, { homeAcademyId: 1, expertise: 1, designations: 1 }).lean()) as StaffExpertise[];
}

/** Academies as supporters: their expertise is the best entry per area among their staff. */
export async function academyProfiles(
  academies: AcademyLean[],
  areas: ExpertiseArea[] | null,
  copies?: FactCopies | null,
): Promise<Map<string, { profile: SupporterProfile; doc: AcademyLean }>> {
  if (!academies.length) return new Map();
  const source = copies === undefined ? await factCopies() : copies;
  const ids = academies.map((a) => a._id);
  const [home, staff, deployments] = await Promise.all([
    homeFacts(ids, areas, source),
    staffOfAcademies(ids, areas, source),
    deploymentsOf('supportingAcademyId', ids, areas, source),
  ]);
  const staffByAcademy = groupBy(staff, (s) => s.homeAcademyId.toString());
  const deploymentsByAcademy = groupBy(deployments, (d) => String(d.supportingAcademyId));
  const result = new Map<string, { profile: SupporterProfile; doc: AcademyLean }>();
  for (const a of academies) {
    const id = a._id.toString();
    const best = new Map<string, ExpertiseEntry>();
    const designations = new Set<SupporterProfile['designations'][number]>();
    for (const s of staffByAcademy.get(id) ?? []) {
      for (const e of s.expertise ?? []) {
        if (areas && !areas.includes(e.area as ExpertiseArea)) continue;
        const current = best.get(e.area);
        const phases = [...new Set([...(current?.phases ?? []), ...(e.phases ?? [])])];
        if (!current || levelRank(e.level) > levelRank(current.level)) best.set(e.area, { area: e.area as ExpertiseArea, level: e.level, phases, evidence: e.evidence ?? null });
        else current.phases = phases;
      }
      for (const d of s.designations ?? []) designations.add(d);
    }
    const mine = deploymentsByAcademy.get(id) ?? [];
    result.set(id, {
      doc: a,
      profile: {
        kind: 'ACADEMY',
        id,
        name: a.name,
        homeAcademy: home.profiles.get(id) ?? academyProfile(a),
        expertise: [...best.values()],
        designations: [...designations],
        remainingDays: a.supportRemainingDays ?? 0,
        maxTravelKm: null,
        safeguardingCheckExpiresOn: null,
        trackRecord: impactsOf(mine.filter((d) => d.status === 'COMPLETED')),
        supportingNeedIds: mine.filter((d) => LIVE_DEPLOYMENT_STATUSES.includes(d.status)).map((d) => d.needId.toString()),
        homeOpenHighSeverityAreas: home.highAreas.get(id) ?? [],
      },
    });
  }
  return result;
}
