// Loads what a ranking needs with index-backed pre-filters, counts the exclusions the
// database can count without loading those documents, and hands the rest to the pure
// ranking code.
import { performance } from 'node:perf_hooks';
import type { CandidateKind } from '../domain/enums';
import type { ExpertiseArea } from '../domain/taxonomy';
import { Academy, type AcademyRecord } from '../models/academy';
import { ImprovementNeed, type ImprovementNeedRecord } from '../models/improvement-need';
import { StaffMember, type StaffMemberRecord } from '../models/staff-member';
import { DEFAULT_RANKING_CONFIG, rankCandidatesForNeed, rankNeedsForSupporter, requiredDays } from '../ranking';
import type { CandidateRankingResult, NeedProfile, NeedRankingResult, SupporterProfile } from '../ranking/types';
import type { LeanDoc } from './lean';
import { academyProfile, needProfile } from './profiles';
import { academyProfiles, staffProfiles } from './supporter-profiles';

type NeedLean = LeanDoc<ImprovementNeedRecord>;
type AcademyLean = LeanDoc<AcademyRecord>;
type StaffLean = LeanDoc<StaffMemberRecord>;

export interface Timings {
  databaseMs: number;
  scoringMs: number;
}

export interface CandidateRankingView extends CandidateRankingResult {
  need: NeedLean;
  /** The stored document behind each returned candidate, by supporter id. */
  documents: Map<string, StaffLean | AcademyLean>;
  timings: Timings;
}

export class RankingInputError extends Error {}

/** Academies offering whole-school support are those that set support days. */
const OFFERS_SUPPORT = { supportCapacityDays: { $gt: 0 } };

export async function rankCandidates(needId: string, kind: CandidateKind, first: number, now = new Date()): Promise<CandidateRankingView | null> {
  const t0 = performance.now();
  const need = (await ImprovementNeed.findById(needId).lean()) as NeedLean | null;
  if (!need) return null;
  const academy = (await Academy.findById(need.academyId).lean()) as AcademyLean | null;
  if (!academy) return null;
  const profile = needProfile(need, academyProfile(academy));
  const threshold = Math.max(requiredDays(profile, DEFAULT_RANKING_CONFIG), 1);
  const area = need.area as ExpertiseArea;

  let supporters: { profile: SupporterProfile; doc: StaffLean | AcademyLean }[];
  let prefiltered: { NO_MATCHING_EXPERTISE: number; NO_CAPACITY: number };
  if (kind === 'STAFF') {
    // Index { expertiseAreas, remainingDays }: only people with the area and the days are loaded.
    const [total, withArea, candidates] = await Promise.all([
      StaffMember.countDocuments({}),
      StaffMember.countDocuments({ expertiseAreas: area }),
      StaffMember.find({ expertiseAreas: area, remainingDays: { $gte: threshold } }).lean() as Promise<StaffLean[]>,
    ]);
    prefiltered = { NO_MATCHING_EXPERTISE: total - withArea, NO_CAPACITY: withArea - candidates.length };
    supporters = [...(await staffProfiles(candidates, [area])).values()];
  } else {
    const [offering, withDays] = await Promise.all([
      Academy.countDocuments(OFFERS_SUPPORT),
      Academy.find({ ...OFFERS_SUPPORT, supportRemainingDays: { $gte: threshold } }).lean() as Promise<AcademyLean[]>,
    ]);
    const loaded = await academyProfiles(withDays, [area]);
    const withExpertise = [...loaded.values()].filter((s) => s.profile.expertise.some((e) => e.area === area));
    // Expertise comes before capacity in the reason order; academies lacking days were not
    // loaded, so their expertise is unknown here: count them under NO_CAPACITY only when
    // they have someone with the area.
    const lackingDays = offering - withDays.length;
    const lackingDaysWithArea = lackingDays
      ? await Academy.countDocuments({
          ...OFFERS_SUPPORT,
          supportRemainingDays: { $lt: threshold },
          _id: { $in: await StaffMember.distinct('homeAcademyId', { expertiseAreas: area }) },
        })
      : 0;
    prefiltered = {
      NO_MATCHING_EXPERTISE: withDays.length - withExpertise.length + (lackingDays - lackingDaysWithArea),
      NO_CAPACITY: lackingDaysWithArea,
    };
    supporters = withExpertise;
  }
  const t1 = performance.now();
  const result = rankCandidatesForNeed(profile, supporters.map((s) => s.profile), { now, first });
  result.exclusions.NO_MATCHING_EXPERTISE += prefiltered.NO_MATCHING_EXPERTISE;
  result.exclusions.NO_CAPACITY += prefiltered.NO_CAPACITY;
  result.consideredCount += prefiltered.NO_MATCHING_EXPERTISE + prefiltered.NO_CAPACITY;
  const t2 = performance.now();
  const documents = new Map(supporters.map((s) => [s.profile.id, s.doc]));
  return { ...result, need, documents, timings: { databaseMs: t1 - t0, scoringMs: t2 - t1 } };
}

export interface NeedRankingView extends NeedRankingResult {
  needDocuments: Map<string, NeedLean>;
  timings: Timings;
}

async function rankNeedsFor(supporter: SupporterProfile, now: Date, first: number): Promise<NeedRankingView> {
  const t0 = performance.now();
  const areas = [...new Set(supporter.expertise.map((e) => e.area))];
  // Only needs still wanting days are candidates; index { status, area, phase }.
  const [total, needs] = await Promise.all([
    ImprovementNeed.countDocuments({ status: 'OPEN' }),
    ImprovementNeed.find({ status: 'OPEN', area: { $in: areas } }).lean() as Promise<NeedLean[]>,
  ]);
  const academyIds = [...new Set(needs.map((n) => n.academyId.toString()))];
  const academies = (await Academy.find({ _id: { $in: academyIds } }).lean()) as AcademyLean[];
  const profiles = new Map(academies.map((a) => [a._id.toString(), academyProfile(a)]));
  const needProfiles: NeedProfile[] = needs.flatMap((n) => {
    const a = profiles.get(n.academyId.toString());
    return a ? [needProfile(n, a)] : [];
  });
  const t1 = performance.now();
  const result = rankNeedsForSupporter(supporter, needProfiles, { now, first });
  const elsewhere = total - needs.length;
  result.exclusions.NO_MATCHING_EXPERTISE += elsewhere;
  result.consideredCount += elsewhere;
  const t2 = performance.now();
  return { ...result, needDocuments: new Map(needs.map((n) => [n._id.toString(), n])), timings: { databaseMs: t1 - t0, scoringMs: t2 - t1 } };
}

export async function rankNeedsForStaff(staffId: string, first: number, now = new Date()): Promise<NeedRankingView | null> {
  const staff = (await StaffMember.findById(staffId).lean()) as StaffLean | null;
  if (!staff) return null;
  const supporter = (await staffProfiles([staff], null)).get(staffId);
  if (!supporter) return null;
  return rankNeedsFor(supporter.profile, now, first);
}

export async function rankNeedsForAcademy(academyId: string, first: number, now = new Date()): Promise<NeedRankingView | null> {
  const academy = (await Academy.findById(academyId).lean()) as AcademyLean | null;
  if (!academy) return null;
  const supporter = (await academyProfiles([academy], null)).get(academyId);
  if (!supporter) return null;
  return rankNeedsFor(supporter.profile, now, first);
}
