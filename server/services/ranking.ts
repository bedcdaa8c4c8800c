// Rankings: the facts from the ranking's read model (server/db/ranking-facts: the database
// through its indexes, or the in-process copies), the scoring from the pure ranking core,
// which also counts every candidate left out of the loaded pool, once (server/ranking/pools.ts).
import { performance } from 'node:perf_hooks';
import type { CandidateKind, ExclusionReason } from '../domain/enums';
import type { ExpertiseArea } from '../domain/taxonomy';
import type { AcademyDoc, NeedDoc, StaffDoc } from '../db/store';
import { academyProfile, type CandidatePool, needProfile, type RankingFacts, rankingFacts } from '../db/ranking-facts';
import { DEFAULT_RANKING_CONFIG, emptyExclusionCounts, needsLeftOut, poolThreshold, rankCandidatesForNeed, rankCandidatesIndexed, rankNeedsForSupporter, withLeftOut } from '../ranking';
import type { CandidateRankingResult, NeedProfile, NeedRankingResult, RankedCandidate, ScoreFactor, SupporterProfile } from '../ranking/types';
import { unchangedWindow } from '../ranking/unchanged-window';
import type { SchoolYear } from '../domain/school-year';
import { needSchoolYear } from '../domain/year-capacity';
import { profileInYear, supportProfileInYear } from '../db/ranking-facts/shared';
import { rankNeedsByYear } from './rank-needs-by-year';

type NeedLean = NeedDoc;
type AcademyLean = AcademyDoc;
type StaffLean = StaffDoc;

export interface Timings {
  /** Getting the facts: database queries, or with FerretDB bringing the copies up to date and reading them. */
  databaseMs: number;
  scoringMs: number;
}

export interface CandidateRankingView extends CandidateRankingResult {
  need: NeedLean;
  /** The school year whose days the candidates were ranked on (the need's: domain/year-capacity.ts, needSchoolYear). */
  schoolYear: SchoolYear;
  /** The stored document behind each returned candidate, by supporter id (only those returned). */
  documents: Map<string, StaffLean | AcademyLean>;
  timings: Timings;
}

export async function rankCandidates(needId: string, kind: CandidateKind, first: number, now = new Date()): Promise<CandidateRankingView | null> {
  const t0 = performance.now();
  const facts = await rankingFacts();
  const need = await facts.need(needId);
  if (!need) return null;
  const academy = await facts.academy(need.academyId.toString());
  if (!academy) return null;
  const profile = needProfile(need, academyProfile(academy));
  const threshold = poolThreshold(profile, DEFAULT_RANKING_CONFIG);
  const area = need.area as ExpertiseArea;
  const schoolYear = needSchoolYear(need.windowStart, now);

  // People and schools alike are ranked on their days in the need's school year.
  const pool = kind === 'STAFF' ? await facts.staffPool(area, threshold, schoolYear) : await facts.academyPool(area, threshold, schoolYear);
  const t1 = performance.now();
  const result = rankPool(profile, pool, { now, first });
  const t2 = performance.now();
  const returnedIds = new Set(result.candidates.map((c) => c.supporter.id));
  const documents = await facts.candidateDocuments(pool, kind, returnedIds);
  const t3 = performance.now();
  return { ...result, need, schoolYear, documents, timings: { databaseMs: t1 - t0 + (t3 - t2), scoringMs: t2 - t1 } };
}

/**
 * The pool's ranking for the need, with those left out of the pool counted. Where the pool
 * is kept between requests (the copies) the ranking is kept with it, and given again while
 * no safeguarding check expires (ranking/unchanged-window.ts): the pool is dropped with
 * every ranking kept on it as soon as any collection it draws on changes.
 */
let rankingsKept = true;

/**
 * Whether rankings are kept with their pools (on by default). Off, every request ranks
 * afresh: for the bench's first-time figure (a kept ranking answers in a fraction of a
 * millisecond, so timing repeats alone would say little about ranking itself).
 */
export function setRankingsKept(on: boolean): void {
  rankingsKept = on;
}

function rankPool(need: NeedProfile, pool: CandidatePool<StaffLean | AcademyLean>, options: { now: Date; first: number }): CandidateRankingResult {
  const { travelIndex: index } = pool;
  const rankings = rankingsKept ? pool.rankings : undefined;
  const key = `${need.id}:${options.first}`;
  const nowMs = options.now.getTime();
  const kept = index && rankings ? rankings.get(key, nowMs) : undefined;
  if (kept) return { ...kept, candidates: [...kept.candidates], exclusions: { ...kept.exclusions } };
  const ranking = index ? rankCandidatesIndexed(need, index, options) : rankCandidatesForNeed(need, pool.profiles ?? pool.supporters.map((s) => s.profile), options);
  const result = withLeftOut(ranking, pool.leftOut);
  if (index && rankings) {
    // Shared by the requests to come: frozen, and the caller gets its own lists.
    const candidates = result.candidates.map((c) => Object.freeze({ ...c, factors: Object.freeze([...c.factors]) as ScoreFactor[] }));
    rankings.set(key, Object.freeze({ ...result, candidates: Object.freeze(candidates) as RankedCandidate[], exclusions: Object.freeze({ ...result.exclusions }) }), unchangedWindow(index, nowMs));
  }
  return result;
}

export interface NeedRankingView extends NeedRankingResult {
  needDocuments: Map<string, NeedLean>;
  /** The school year each returned need was judged in (the supporter's days in it), by need id. */
  schoolYears: Map<string, string>;
  timings: Timings;
}

/**
 * `inYear`: the supporter with their days in a school year (a person's differ by year); a
 * school's one figure serves every year.
 */
async function rankNeedsFor(
  supporter: SupporterProfile,
  inYear: (year: SchoolYear) => SupporterProfile,
  now: Date,
  first: number,
  facts: RankingFacts,
  t0: number,
): Promise<NeedRankingView> {
  const areas = [...new Set(supporter.expertise.map((e) => e.area))];
  const { open, needs, profiles, documentOf } = await facts.openNeedsIn(areas);
  const t1 = performance.now();
  const { schoolYears, ...ranked } = rankNeedsByYear(inYear, profiles, { now, first });
  const result = withLeftOut(ranked, needsLeftOut({ open, inAreas: needs.length }));
  const t2 = performance.now();
  const needDocuments = new Map<string, NeedLean>();
  for (const { need } of result.needs) {
    const doc = documentOf(need);
    if (doc) needDocuments.set(need.id, doc);
  }
  return { ...result, needDocuments, schoolYears, timings: { databaseMs: t1 - t0, scoringMs: t2 - t1 } };
}

/** What a leaver's "where could I help?" shows: nothing, with nothing considered. */
function leaverView(t0: number): NeedRankingView {
  return { needs: [], eligibleCount: 0, consideredCount: 0, exclusions: emptyExclusionCounts(), needDocuments: new Map(), schoolYears: new Map(), timings: { databaseMs: performance.now() - t0, scoringMs: 0 } };
}

export async function rankNeedsForStaff(staffId: string, first: number, now = new Date()): Promise<NeedRankingView | null> {
  const t0 = performance.now();
  const facts = await rankingFacts();
  const staff = await facts.staffMember(staffId);
  if (!staff) return null;
  if (staff.leftAt) return leaverView(t0); // a leaver is never ranked again
  const supporter = (await facts.staffProfiles([staff], null)).get(staff._id.toString());
  if (!supporter) return null;
  return rankNeedsFor(supporter.profile, (year) => profileInYear(supporter.profile, staff, year), now, first, facts, t0);
}

export async function rankNeedsForAcademy(academyId: string, first: number, now = new Date()): Promise<NeedRankingView | null> {
  const t0 = performance.now();
  const facts = await rankingFacts();
  const academy = await facts.academy(academyId);
  if (!academy) return null;
  const supporter = (await facts.academyProfiles([academy], null)).get(academy._id.toString());
  if (!supporter) return null;
  return rankNeedsFor(supporter.profile, (year) => supportProfileInYear(supporter.profile, academy, year), now, first, facts, t0);
}

/** Why an offerer would (or would not) be a fit for the need they offered on. */
export interface OfferExplanation {
  /** The score the offerer's "where could I help most" gives this need; null when excluded. */
  score: number | null;
  factors: RankedNeedFactors;
  distanceKm: number | null;
  /** The hard constraint that keeps the offerer from this need, if any (the first in ExclusionReason order). */
  excludedFor: ExclusionReason | null;
}
type RankedNeedFactors = NeedRankingResult['needs'][number]['factors'];

/**
 * The explanation an offerer would get for this one need from their own "where could I help
 * most" (rankNeedsForStaff / rankNeedsForAcademy): the same supporter profile, the same need
 * profile, the same model, ranked over just this need. Null when a record has gone.
 */
export async function explainOffer(offer: { needId: unknown; staffId?: unknown; supportingAcademyId?: unknown }, now = new Date()): Promise<OfferExplanation | null> {
  const facts = await rankingFacts();
  const need = await facts.need(String(offer.needId));
  if (!need) return null;
  const academy = await facts.academy(need.academyId.toString());
  if (!academy) return null;
  const area = need.area as ExpertiseArea;
  let supporter: SupporterProfile | undefined;
  if (offer.staffId) {
    const staff = await facts.staffMember(String(offer.staffId));
    if (!staff) return null;
    supporter = (await facts.staffProfiles([staff], [area])).get(staff._id.toString())?.profile;
  } else {
    const school = await facts.academy(String(offer.supportingAcademyId));
    if (!school) return null;
    supporter = (await facts.academyProfiles([school], [area])).get(school._id.toString())?.profile;
  }
  if (!supporter) return null;
  const result = rankNeedsForSupporter(supporter, [needProfile(need, academyProfile(academy))], { now, first: 1 });
  const ranked = result.needs[0];
  if (ranked) return { score: ranked.score, factors: ranked.factors, distanceKm: ranked.distanceKm ?? null, excludedFor: null };
  const excludedFor = (Object.entries(result.exclusions).find(([, count]) => count > 0)?.[0] ?? null) as ExclusionReason | null;
  return { score: null, factors: [], distanceKm: null, excludedFor };
}
