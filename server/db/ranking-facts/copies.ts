// Ranking facts from the in-process copies (FerretDB): no round trips. What never changes
// while a document stays the same is computed once per document, and per-area pools once per
// version of the copies they draw on (copies replace a document object whenever it changes,
// so these never go stale).
import { trackRecordRating } from '../../domain/impact';
import type { DeploymentDoc, AcademyDoc, NeedDoc, StaffDoc } from '../store';
import { type CollectionCopy, idString } from '../read-cache';
import { LIVE_NEED_STATUSES } from '../../domain/statuses';
import type { ExpertiseArea } from '../../domain/taxonomy';
import { needProfile, academyProfile } from './profiles';
import { staffLeftOut } from '../../ranking/pools';
import { travelIndex, type TravelIndex } from '../../ranking/travel-index';
import type { AcademyProfile, CandidateRankingResult, ExpertiseEntry, ImpactRecord, NeedProfile, SupporterProfile } from '../../ranking/types';
import { academyPoolOf, academySupporters, availabilityOf, HIGH_SEVERITIES, inAreas, mayHaveDaysIn, offersSupport, profileInYear, supportDaysLeftIn, type StaffExpertiseDoc, TRACKED_DEPLOYMENT_STATUSES, type DeploymentFacts } from './shared';
import type { SchoolYear } from '../../domain/school-year';
import { RankingMemo } from './ranking-memo';
import type { CandidatePool, OpenNeeds, RankingFacts, Supporter } from './types';

const NONE: readonly never[] = Object.freeze([]);

/** Staff in post, from the copy (kept until the staff copy changes). */
function staffInPostCount(copies: FactCopies): number {
  return copies.staff.derive('inPostCount', (docs) => docs.reduce((n, s) => (s.leftAt ? n : n + 1), 0));
}

/** The copies the facts come from. */
export interface FactCopies {
  academies: CollectionCopy<AcademyDoc>;
  needs: CollectionCopy<NeedDoc>;
  deployments: CollectionCopy<DeploymentDoc>;
  staff: CollectionCopy<StaffDoc>;
}

const academyProfileMemo = new WeakMap<object, AcademyProfile>();
function academyProfileOf(academy: AcademyDoc): AcademyProfile {
  let profile = academyProfileMemo.get(academy);
  if (!profile) {
    profile = Object.freeze(academyProfile(academy)) as AcademyProfile;
    academyProfileMemo.set(academy, profile);
  }
  return profile;
}

// The copy's documents are frozen, so a profile may hold their lists themselves when they
// already have the profile's shape (as records written through the model do), rather than a
// copy of them per person: the same values, ~200 bytes a person less. That also makes a
// profile cheap to build, so nothing per person is kept beside the per-area data.
const hasExactly = (value: object, keys: readonly string[]) => {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key, i) => own[i] === key && (value as Record<string, unknown>)[key] !== undefined);
};
const EXPERTISE_ENTRY_KEYS = ['area', 'level', 'phases', 'evidence'] as const;
const WINDOW_KEYS = ['from', 'to'] as const;

function expertiseOf(s: StaffDoc): ExpertiseEntry[] {
  const entries = s.expertise ?? NONE;
  if (Object.isFrozen(entries) && entries.every((e) => Object.isFrozen(e) && hasExactly(e, EXPERTISE_ENTRY_KEYS))) return entries as ExpertiseEntry[];
  return Object.freeze(entries.map((e) => Object.freeze({ area: e.area as ExpertiseArea, level: e.level, phases: e.phases ?? [], evidence: e.evidence ?? null }))) as ExpertiseEntry[];
}

function availabilityIn(s: StaffDoc): SupporterProfile['availability'] {
  const windows = s.availability ?? NONE;
  if (Object.isFrozen(windows) && windows.every((w) => Object.isFrozen(w) && hasExactly(w, WINDOW_KEYS))) return windows as SupporterProfile['availability'];
  return Object.freeze(availabilityOf(s)) as SupporterProfile['availability'];
}

interface TrackedDeployment {
  area: string;
  status: string;
  impactRating: number | null | undefined;
  needId: string;
}

/** Completed and live deployments by supporter (staff or academy) id. */
function trackedDeploymentsBy(copies: FactCopies, field: 'staffId' | 'supportingAcademyId'): Map<string, TrackedDeployment[]> {
  return copies.deployments.derive(`tracked:${field}`, (docs) => {
    const by = new Map<string, TrackedDeployment[]>();
    for (const d of docs) {
      const owner = d[field];
      if (owner == null || !TRACKED_DEPLOYMENT_STATUSES.includes(d.status)) continue;
      const key = idString(owner);
      // The track record's rating: both schools' ratings combined (domain/impact.ts).
      const entry = { area: d.area, status: d.status, impactRating: trackRecordRating(d.impactRating, d.receivingImpact?.rating), needId: idString(d.needId) };
      const list = by.get(key);
      if (list) list.push(entry);
      else by.set(key, [entry]);
    }
    return by;
  });
}

/** Areas of each academy's live HIGH or CRITICAL needs. */
function highSeverityAreasBy(copies: FactCopies): Map<string, ExpertiseArea[]> {
  return copies.needs.derive('highSeverityAreas', (docs) => {
    const by = new Map<string, ExpertiseArea[]>();
    for (const n of docs) {
      if (!LIVE_NEED_STATUSES.includes(n.status) || !HIGH_SEVERITIES.includes(n.severity)) continue;
      const key = idString(n.academyId);
      const list = by.get(key);
      if (list) list.push(n.area as ExpertiseArea);
      else by.set(key, [n.area as ExpertiseArea]);
    }
    return by;
  });
}

// Most supporters have no track record, no live deployment and no urgent need at home in a
// given area, so their lists are empty: one frozen empty list serves them all (a profile is
// never changed once built; the ranking core is pure).
const NO_IMPACTS = NONE as unknown as ImpactRecord[];
const NO_IDS = NONE as unknown as string[];
const NO_AREAS = NONE as unknown as ExpertiseArea[];
const NO_DESIGNATIONS = NONE as unknown as SupporterProfile['designations'];

/**
 * One staff member's profile, with facts limited to the areas; null when their home academy
 * is missing. The only area-dependent parts are the three lists; when all are empty the
 * profile is the same for every area, so `areaFree` (kept with the per-area data, see
 * areaHolder) hands out one profile per person instead of one per person and area.
 */
function staffProfileOf(
  s: StaffDoc,
  wanted: (area: string) => boolean,
  copies: FactCopies,
  deployments: Map<string, TrackedDeployment[]>,
  high: Map<string, ExpertiseArea[]>,
  areaFree?: WeakMap<StaffDoc, SupporterProfile>,
): SupporterProfile | null {
  const id = idString(s._id);
  const homeId = idString(s.homeAcademyId);
  const home = copies.academies.get(homeId);
  if (!home) return null; // a dangling home academy cannot be placed on the map
  let trackRecord = NO_IMPACTS;
  let supportingNeedIds = NO_IDS;
  for (const d of deployments.get(id) ?? NONE) {
    if (!wanted(d.area)) continue;
    if (d.status === 'COMPLETED') {
      if (d.impactRating != null) {
        if (trackRecord === NO_IMPACTS) trackRecord = [];
        trackRecord.push({ area: d.area as ExpertiseArea, impactRating: d.impactRating });
      }
    } else {
      if (supportingNeedIds === NO_IDS) supportingNeedIds = [];
      supportingNeedIds.push(d.needId);
    }
  }
  const highHere = high.get(homeId)?.filter(wanted);
  const homeOpenHighSeverityAreas = highHere?.length ? highHere : NO_AREAS;
  const sameInEveryArea = areaFree && trackRecord === NO_IMPACTS && supportingNeedIds === NO_IDS && homeOpenHighSeverityAreas === NO_AREAS;
  if (sameInEveryArea) {
    const known = areaFree.get(s);
    if (known) return known;
  }
  const profile: SupporterProfile = {
    kind: 'STAFF',
    id,
    name: s.name,
    homeAcademy: academyProfileOf(home),
    expertise: expertiseOf(s),
    designations: s.designations ?? NO_DESIGNATIONS,
    remainingDays: s.remainingDays,
    maxTravelKm: s.maxTravelKm ?? null,
    safeguardingCheckExpiresOn: s.safeguardingCheckExpiresOn ?? null,
    availability: availabilityIn(s),
    trackRecord,
    supportingNeedIds,
    homeOpenHighSeverityAreas,
  };
  if (sameInEveryArea) areaFree.set(s, Object.freeze(profile) as SupporterProfile);
  return profile;
}

interface StaffInArea {
  doc: StaffDoc;
  /** Null when the home academy is missing (such a person is neither ranked nor counted). */
  profile: SupporterProfile | null;
}

interface StaffPool {
  supporters: Supporter<StaffDoc>[];
  profiles: SupporterProfile[];
  /** The profiles by travel range: built once per pool, used by every need in its area. */
  travelIndex: TravelIndex;
  /** People with the area at all, and of those, people with the days (placed or not). */
  withArea: number;
  withDays: number;
  rankings: RankingMemo<CandidateRankingResult>;
}

interface AreaHolder {
  key: string;
  byArea: Map<string, StaffInArea[]>;
  pools: Map<string, StaffPool>;
  /** Profiles that are the same in every area (staffProfileOf), one per person. */
  areaFree: WeakMap<StaffDoc, SupporterProfile>;
}

/** Per-area data, kept while the staff copy and every copy the profiles draw on stay the same. */
function areaHolder(copies: FactCopies): AreaHolder {
  const key = `${copies.academies.version}:${copies.needs.version}:${copies.deployments.version}`;
  const holder = copies.staff.derive<AreaHolder>('profilesByArea', () => ({ key, byArea: new Map(), pools: new Map(), areaFree: new WeakMap() }));
  if (holder.key !== key) {
    holder.key = key;
    holder.byArea = new Map();
    holder.pools = new Map();
    holder.areaFree = new WeakMap();
  }
  return holder;
}

/** Everyone with expertise in the area, each with their profile for it (shared: callers must not change them). */
function staffInArea(area: ExpertiseArea, copies: FactCopies): StaffInArea[] {
  const holder = areaHolder(copies);
  let list = holder.byArea.get(area);
  if (!list) {
    const wanted = inAreas([area]);
    const deployments = trackedDeploymentsBy(copies, 'staffId');
    const high = highSeverityAreasBy(copies);
    list = (copies.staff.groupedBy('expertiseAreas').get(area) ?? NONE).filter((doc) => !doc.leftAt).map((doc) => {
      const profile = staffProfileOf(doc, wanted, copies, deployments, high, holder.areaFree);
      return { doc, profile: profile && (Object.freeze(profile) as SupporterProfile) };
    });
    holder.byArea.set(area, list);
  }
  return list;
}

/**
 * The candidates for a need in this area needing at least `threshold` days in the school
 * year: what the database's query would select (shared.ts, mayHaveDaysInFilter), kept per
 * (area, threshold, year) while the copies stay the same (thresholds are small whole numbers).
 */
function staffPoolOf(area: ExpertiseArea, threshold: number, year: SchoolYear, copies: FactCopies): StaffPool {
  const holder = areaHolder(copies);
  const poolKey = `${area}:${threshold}:${year.label}`;
  let pool = holder.pools.get(poolKey);
  if (!pool) {
    const withArea = staffInArea(area, copies);
    const supporters: Supporter<StaffDoc>[] = [];
    let withDays = 0;
    for (const entry of withArea) {
      const { doc, profile } = entry;
      if (!mayHaveDaysIn(doc, year, threshold)) continue;
      withDays += 1;
      if (!profile) continue;
      const inYear = profileInYear(profile, doc, year);
      // The area's entry is already { profile, doc }: shared, unless the year changes the days.
      supporters.push(inYear === profile ? (entry as Supporter<StaffDoc>) : { profile: inYear, doc });
    }
    const profiles = supporters.map((s) => s.profile);
    pool = { supporters, profiles, travelIndex: travelIndex(area, profiles), withArea: withArea.length, withDays, rankings: new RankingMemo() };
    holder.pools.set(poolKey, pool);
  }
  return pool;
}

// A need's profile, kept per need document while its academy's document stays the same.
const needProfileMemo = new WeakMap<object, { academyId: string; academy: AcademyDoc; profile: NeedProfile }>();
function needProfileOf(need: NeedDoc, copies: FactCopies): NeedProfile | null {
  const memo = needProfileMemo.get(need);
  const academyId = memo?.academyId ?? idString(need.academyId);
  const academy = copies.academies.get(academyId);
  if (!academy) return null;
  if (memo && memo.academy === academy) return memo.profile;
  const profile = Object.freeze(needProfile(need, Object.freeze(academyProfile(academy)))) as NeedProfile;
  needProfileMemo.set(need, { academyId, academy, profile });
  return profile;
}

interface OpenNeed {
  doc: NeedDoc;
  /** Null when the need's academy is missing. */
  profile: NeedProfile | null;
  /** Place among the open needs, to merge areas back into that order. */
  position: number;
}

interface OpenNeedsByArea {
  open: readonly NeedDoc[];
  byArea: Map<string, OpenNeed[]>;
  /**
   * Each open need's document by its profile: kept with the lists rather than built per
   * request over the person's areas (about 1,000 entries a "where could I help?", the
   * largest source of its garbage in a sampling heap profile, BENCHMARKS.md session 7).
   */
  documentOf: Map<NeedProfile, NeedDoc>;
}

/** Open needs by area with their profiles, kept while the needs and academies copies stay the same. */
function openNeedsByArea(copies: FactCopies): OpenNeedsByArea {
  const key = copies.academies.version;
  const held = copies.needs.derive<{ key: number; value: OpenNeedsByArea | null }>('openByArea', () => ({ key, value: null }));
  if (held.key !== key || !held.value) {
    const open = copies.needs.derive('open', (docs) => docs.filter((n) => n.status === 'OPEN'));
    const byArea = new Map<string, OpenNeed[]>();
    const documentOf = new Map<NeedProfile, NeedDoc>();
    open.forEach((doc, position) => {
      const entry = { doc, profile: needProfileOf(doc, copies), position };
      if (entry.profile) documentOf.set(entry.profile, doc);
      const list = byArea.get(doc.area);
      if (list) list.push(entry);
      else byArea.set(doc.area, [entry]);
    });
    held.key = key;
    held.value = { open, byArea, documentOf };
  }
  return held.value;
}

/**
 * Lists each already in position order, merged into one in that order: linear, where
 * sorting the concatenation cost a comparator call per comparison (issue 20: a third of
 * openNeedsIn's time on every "where could I help?").
 */
function mergeByPosition(lists: readonly (readonly OpenNeed[])[]): OpenNeed[] {
  const merged: OpenNeed[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let l = 0; l < lists.length; l += 1) {
      const next = lists[l]![at[l]!];
      if (next && (best < 0 || next.position < lists[best]![at[best]!]!.position)) best = l;
    }
    if (best < 0) return merged;
    merged.push(lists[best]![at[best]!]!);
    at[best] = at[best]! + 1;
  }
}

export function copyFacts(copies: FactCopies): RankingFacts {
  async function staffProfiles(staff: StaffDoc[], areas: ExpertiseArea[] | null): Promise<Map<string, Supporter<StaffDoc>>> {
    const wanted = inAreas(areas);
    const deployments = trackedDeploymentsBy(copies, 'staffId');
    const high = highSeverityAreasBy(copies);
    const result = new Map<string, Supporter<StaffDoc>>();
    for (const s of staff) {
      const profile = staffProfileOf(s, wanted, copies, deployments, high);
      if (profile) result.set(profile.id, { doc: s, profile });
    }
    return result;
  }

  async function academyProfiles(academies: AcademyDoc[], areas: ExpertiseArea[] | null): Promise<Map<string, Supporter<AcademyDoc>>> {
    if (!academies.length) return new Map();
    const wanted = inAreas(areas);
    const high = highSeverityAreasBy(copies);
    const profiles = new Map<string, AcademyProfile>();
    const highAreas = new Map<string, ExpertiseArea[]>();
    for (const a of academies) {
      const key = a._id.toString();
      const academy = copies.academies.get(key);
      if (academy) profiles.set(key, academyProfileOf(academy));
      const areasHere = (high.get(key) ?? NONE).filter(wanted);
      if (areasHere.length) highAreas.set(key, areasHere);
    }
    const byHome = copies.staff.groupedBy('homeAcademyId');
    const staff: StaffExpertiseDoc[] = academies.flatMap((a) =>
      (byHome.get(a._id.toString()) ?? []).filter((s) => !s.leftAt && (areas === null || (s.expertiseAreas ?? []).some((x) => areas.includes(x as ExpertiseArea)))),
    );
    const byField = copies.deployments.groupedBy('supportingAcademyId');
    const deployments: DeploymentFacts[] = academies.flatMap((a) =>
      (byField.get(a._id.toString()) ?? NONE).filter((d) => TRACKED_DEPLOYMENT_STATUSES.includes(d.status) && wanted(d.area)),
    );
    return academySupporters(academies, areas, { profiles, highAreas, staff, deployments });
  }

  return {
    fromCopies: true,

    need: async (id) => copies.needs.byId(id) ?? null,
    academy: async (id) => copies.academies.byId(id) ?? null,
    staffMember: async (id) => copies.staff.byId(id) ?? null,

    async staffPool(area, threshold, year) {
      const pool = staffPoolOf(area, threshold, year, copies);
      return {
        supporters: pool.supporters,
        profiles: pool.profiles,
        travelIndex: pool.travelIndex,
        rankings: pool.rankings,
        leftOut: staffLeftOut({ population: staffInPostCount(copies), withArea: pool.withArea, withDays: pool.withDays }),
      };
    },

    async academyPool(area, threshold, year) {
      const all = copies.academies.derive('offersSupport', (docs) => docs.filter(offersSupport));
      // What the database's pre-filter selects: the days the school has in the need's year.
      const hasDays = (a: AcademyDoc) => supportDaysLeftIn(a, year) >= threshold;
      const withDays = all.filter(hasDays);
      const lackingDaysWithArea = async () => {
        const homes = new Set((copies.staff.groupedBy('expertiseAreas').get(area) ?? []).filter((s) => !s.leftAt).map((s) => s.homeAcademyId.toString()));
        return all.filter((a) => !hasDays(a) && homes.has(a._id.toString())).length;
      };
      return academyPoolOf(area, year, all.length, withDays, lackingDaysWithArea, academyProfiles);
    },

    async candidateDocuments(_pool: CandidatePool<StaffDoc | AcademyDoc>, kind, ids) {
      // Only the returned candidates' documents, from the copies by id.
      const copy: CollectionCopy<StaffDoc | AcademyDoc> = kind === 'STAFF' ? copies.staff : copies.academies;
      return new Map(
        [...ids].flatMap((id) => {
          const doc = copy.get(id);
          return doc ? [[id, doc] as [string, StaffDoc | AcademyDoc]] : [];
        }),
      );
    },

    staffProfiles,
    academyProfiles,

    async openNeedsIn(areas): Promise<OpenNeeds> {
      const { open, byArea, documentOf } = openNeedsByArea(copies);
      // Each area's needs in the copy's order, merged back into that order: the same list
      // as filtering every open need by the areas.
      const lists = [...new Set(areas)].map((area) => byArea.get(area) ?? []).filter((list) => list.length > 0);
      const parts = lists.length > 1 ? mergeByPosition(lists) : (lists[0] ?? []);
      const needs: NeedDoc[] = new Array(parts.length);
      const profiles: NeedProfile[] = [];
      for (let i = 0; i < parts.length; i += 1) {
        const { doc, profile } = parts[i]!;
        needs[i] = doc;
        if (profile) profiles.push(profile);
      }
      return { open: open.length, needs, profiles, documentOf: (profile) => documentOf.get(profile) };
    },
  };
}
