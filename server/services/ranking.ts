// Loads what a ranking needs with index-backed pre-filters, counts the exclusions the
// database can count without loading those documents, and hands the rest to the pure
// ranking code. With FerretDB, which cannot use the indexes, the same facts come from the
// collections' in-process copies (read-cache/) instead.
import { performance } from 'node:perf_hooks';
import type { CandidateKind } from '../domain/enums';
import type { ExpertiseArea } from '../domain/taxonomy';
import { Academy, type AcademyRecord } from '../models/academy';
import { ImprovementNeed, type ImprovementNeedRecord } from '../models/improvement-need';
import { StaffMember, type StaffMemberRecord } from '../models/staff-member';
import { DEFAULT_RANKING_CONFIG, rankCandidatesForNeed, rankNeedsForSupporter, requiredDays } from '../ranking';
import type { CandidateRankingResult, NeedProfile, NeedRankingResult, SupporterProfile } from '../ranking/types';
import type { LeanDoc } from '../models/lean';
import { academyProfile, needProfile } from './profiles';
import { ACADEMY_PROFILE_FIELDS, academyProfiles, type FactCopies, factCopies, staffPoolFromCopies, staffProfiles } from './supporter-profiles';

type NeedLean = LeanDoc<ImprovementNeedRecord>;
type AcademyLean = LeanDoc<AcademyRecord>;
type StaffLean = LeanDoc<StaffMemberRecord>;

export interface Timings {
  /** Getting the facts: database queries, or with FerretDB bringing the copies up to date and reading them. */
  databaseMs: number;
  scoringMs: number;
}

export interface CandidateRankingView extends CandidateRankingResult {
  need: NeedLean;
  /** The stored document behind each returned candidate, by supporter id (only those returned). */
  documents: Map<string, StaffLean | AcademyLean>;
  timings: Timings;
}

export class RankingInputError extends Error {}

/** Academies offering whole-school support are those that set support days. */
const OFFERS_SUPPORT = { supportCapacityDays: { $gt: 0 } };
const offersSupport = (a: AcademyLean) => typeof a.supportCapacityDays === 'number' && a.supportCapacityDays > 0;
const atLeast = (value: unknown, threshold: number) => typeof value === 'number' && value >= threshold;

/** What the ranking reads of a staff member (a projection for database reads). */
const STAFF_RANKING_FIELDS = {
  name: 1,
  homeAcademyId: 1,
  expertise: 1,
  designations: 1,
  remainingDays: 1,
  maxTravelKm: 1,
  safeguardingCheckExpiresOn: 1,
} as const;

interface Pool<T> {
  supporters: { profile: SupporterProfile; doc: T }[];
  /** The supporters' profiles, when already listed. */
  profiles?: SupporterProfile[];
  prefiltered: { NO_MATCHING_EXPERTISE: number; NO_CAPACITY: number };
}

async function staffPool(area: ExpertiseArea, threshold: number, copies: FactCopies | null): Promise<Pool<StaffLean>> {
  if (copies) {
    const pool = staffPoolFromCopies(area, threshold, copies);
    return {
      supporters: pool.supporters,
      profiles: pool.profiles,
      prefiltered: { NO_MATCHING_EXPERTISE: copies.staff.size - pool.withArea, NO_CAPACITY: pool.withArea - pool.withDays },
    };
  }
  // Index { expertiseAreas, remainingDays }: only people with the area and the days are loaded,
  // and only the fields the ranking reads.
  const [total, withArea, candidates] = await Promise.all([
    StaffMember.countDocuments({}),
    StaffMember.countDocuments({ expertiseAreas: area }),
    StaffMember.find({ expertiseAreas: area, remainingDays: { $gte: threshold } }, STAFF_RANKING_FIELDS).lean() as Promise<StaffLean[]>,
  ]);
  return {
    supporters: [...(await staffProfiles(candidates, [area], null)).values()],
    prefiltered: { NO_MATCHING_EXPERTISE: total - withArea, NO_CAPACITY: withArea - candidates.length },
  };
}

async function academyPool(area: ExpertiseArea, threshold: number, copies: FactCopies | null): Promise<Pool<AcademyLean>> {
  let offering: number;
  let withDays: AcademyLean[];
  let lackingDaysWithArea: () => Promise<number>;
  if (copies) {
    const all = copies.academies.derive('offersSupport', (docs) => docs.filter(offersSupport));
    offering = all.length;
    withDays = all.filter((a) => atLeast(a.supportRemainingDays, threshold));
    lackingDaysWithArea = async () => {
      const homes = new Set((copies.staff.groupedBy('expertiseAreas').get(area) ?? []).map((s) => s.homeAcademyId.toString()));
      return all.filter((a) => !atLeast(a.supportRemainingDays, threshold) && typeof a.supportRemainingDays === 'number' && homes.has(a._id.toString())).length;
    };
  } else {
    [offering, withDays] = await Promise.all([
      Academy.countDocuments(OFFERS_SUPPORT),
      Academy.find({ ...OFFERS_SUPPORT, supportRemainingDays: { $gte: threshold } }).lean() as Promise<AcademyLean[]>,
    ]);
    lackingDaysWithArea = async () =>
      Academy.countDocuments({
        ...OFFERS_SUPPORT,
        supportRemainingDays: { $lt: threshold },
        _id: { $in: await StaffMember.distinct('homeAcademyId', { expertiseAreas: area }) },
      });
  }
  const loaded = await academyProfiles(withDays, [area], copies);
  const withExpertise = [...loaded.values()].filter((s) => s.profile.expertise.some((e) => e.area === area));
  // Expertise comes before capacity in the reason order; academies lacking days were not
  // loaded, so their expertise is unknown here: count them under NO_CAPACITY only when
  // they have someone with the area.
  const lackingDays = offering - withDays.length;
  const lacking = lackingDays ? await lackingDaysWithArea() : 0;
  return {
    supporters: withExpertise,
    prefiltered: { NO_MATCHING_EXPERTISE: withDays.length - withExpertise.length + (lackingDays - lacking), NO_CAPACITY: lacking },
  };
}


async function needById(id: string, copies: FactCopies | null): Promise<NeedLean | null> {
  if (copies) return copies.needs.byId(id) ?? null;
  return (await ImprovementNeed.findById(id).lean()) as NeedLean | null;
}

async function academyById(id: string, copies: FactCopies | null): Promise<AcademyLean | null> {
  if (copies) return copies.academies.byId(id) ?? null;
  return (await Academy.findById(id).lean()) as AcademyLean | null;
}

export async function rankCandidates(needId: string, kind: CandidateKind, first: number, now = new Date()): Promise<CandidateRankingView | null> {
  const t0 = performance.now();
  const copies = await factCopies();
  const need = await needById(needId, copies);
  if (!need) return null;
  const academy = await academyById(need.academyId.toString(), copies);
  if (!academy) return null;
  const profile = needProfile(need, academyProfile(academy));
  const threshold = Math.max(requiredDays(profile, DEFAULT_RANKING_CONFIG), 1);
  const area = need.area as ExpertiseArea;

  const { supporters, profiles, prefiltered } =
    kind === 'STAFF' ? await staffPool(area, threshold, copies) : await academyPool(area, threshold, copies);
  const t1 = performance.now();
  const result = rankCandidatesForNeed(profile, profiles ?? supporters.map((s) => s.profile), { now, first });
  result.exclusions.NO_MATCHING_EXPERTISE += prefiltered.NO_MATCHING_EXPERTISE;
  result.exclusions.NO_CAPACITY += prefiltered.NO_CAPACITY;
  result.consideredCount += prefiltered.NO_MATCHING_EXPERTISE + prefiltered.NO_CAPACITY;
  const t2 = performance.now();
  const returnedIds = new Set(result.candidates.map((c) => c.supporter.id));
  // Only the returned candidates' documents: from the copies by id, else from the loaded pool.
  const copyOfKind = copies ? (kind === 'STAFF' ? copies.staff : copies.academies) : null;
  const documents = new Map<string, StaffLean | AcademyLean>(
    copyOfKind
      ? [...returnedIds].flatMap((id) => {
          const doc = copyOfKind.get(id);
          return doc ? [[id, doc] as [string, StaffLean | AcademyLean]] : [];
        })
      : supporters.filter((s) => returnedIds.has(s.profile.id)).map((s) => [s.profile.id, s.doc]),
  );
  if (kind === 'STAFF' && !copies && returnedIds.size) {
    // Staff were read with the ranking's fields only; the returned ones are read whole.
    const returned = (await StaffMember.find({ _id: { $in: [...returnedIds] } }).lean()) as StaffLean[];
    for (const doc of returned) documents.set(doc._id.toString(), doc);
  }
  const t3 = performance.now();
  return { ...result, need, documents, timings: { databaseMs: t1 - t0 + (t3 - t2), scoringMs: t2 - t1 } };
}

// A need's profile from the copies, kept per need document while its academy's document
// stays the same (copies replace a document object whenever it changes).
const needProfileMemo = new WeakMap<object, { academyId: string; academy: AcademyLean; profile: NeedProfile }>();
function needProfileFromCopies(need: NeedLean, copies: FactCopies): NeedProfile | null {
  const memo = needProfileMemo.get(need);
  const academyId = memo?.academyId ?? need.academyId.toString();
  const academy = copies.academies.get(academyId);
  if (!academy) return null;
  if (memo && memo.academy === academy) return memo.profile;
  const profile = Object.freeze(needProfile(need, Object.freeze(academyProfile(academy)))) as NeedProfile;
  needProfileMemo.set(need, { academyId, academy, profile });
  return profile;
}

export interface NeedRankingView extends NeedRankingResult {
  needDocuments: Map<string, NeedLean>;
  timings: Timings;
}

async function rankNeedsFor(supporter: SupporterProfile, now: Date, first: number, copies: FactCopies | null, t0: number): Promise<NeedRankingView> {
  const areas = [...new Set(supporter.expertise.map((e) => e.area))];
  let total: number;
  let needs: NeedLean[];
  let needProfiles: NeedProfile[];
  if (copies) {
    const open = copies.needs.derive('open', (docs) => docs.filter((n) => n.status === 'OPEN'));
    total = open.length;
    needs = open.filter((n) => areas.includes(n.area as ExpertiseArea));
    needProfiles = needs.flatMap((n) => needProfileFromCopies(n, copies) ?? []);
  } else {
    // Only needs still wanting days are candidates; index { status, area, phase }.
    [total, needs] = await Promise.all([
      ImprovementNeed.countDocuments({ status: 'OPEN' }),
      ImprovementNeed.find({ status: 'OPEN', area: { $in: areas } }).lean() as Promise<NeedLean[]>,
    ]);
    const academyIds = [...new Set(needs.map((n) => n.academyId.toString()))];
    const academies = (await Academy.find({ _id: { $in: academyIds } }, ACADEMY_PROFILE_FIELDS).lean()) as AcademyLean[];
    const profiles = new Map(academies.map((a) => [a._id.toString(), academyProfile(a)]));
    needProfiles = needs.flatMap((n) => {
      const a = profiles.get(n.academyId.toString());
      return a ? [needProfile(n, a)] : [];
    });
  }
  const t1 = performance.now();
  const result = rankNeedsForSupporter(supporter, needProfiles, { now, first });
  const elsewhere = total - needs.length;
  result.exclusions.NO_MATCHING_EXPERTISE += elsewhere;
  result.consideredCount += elsewhere;
  const t2 = performance.now();
  const returnedIds = new Set(result.needs.map((n) => n.need.id));
  const needDocuments = new Map(needs.filter((n) => returnedIds.has(n._id.toString())).map((n) => [n._id.toString(), n]));
  return { ...result, needDocuments, timings: { databaseMs: t1 - t0, scoringMs: t2 - t1 } };
}

export async function rankNeedsForStaff(staffId: string, first: number, now = new Date()): Promise<NeedRankingView | null> {
  const t0 = performance.now();
  const copies = await factCopies();
  const staff = copies ? (copies.staff.byId(staffId) ?? null) : ((await StaffMember.findById(staffId).lean()) as StaffLean | null);
  if (!staff) return null;
  const supporter = (await staffProfiles([staff], null, copies)).get(staff._id.toString());
  if (!supporter) return null;
  return rankNeedsFor(supporter.profile, now, first, copies, t0);
}

export async function rankNeedsForAcademy(academyId: string, first: number, now = new Date()): Promise<NeedRankingView | null> {
  const t0 = performance.now();
  const copies = await factCopies();
  const academy = await academyById(academyId, copies);
  if (!academy) return null;
  const supporter = (await academyProfiles([academy], null, copies)).get(academy._id.toString());
  if (!supporter) return null;
  return rankNeedsFor(supporter.profile, now, first, copies, t0);
}
