// Issue 20's "must not change": the optimised rankings (travel index, top-k with a score
// bound) against the reference that screens and fully scores every supporter of the pool
// (rankCandidatesByFullScoring) or every open need in the supporter's areas
// (rankNeedsByFullScoring), for every sampled need and staff member of the national data.
// The pools themselves are held to "everyone" by tests (pools.test.ts, ranking-equivalence).
import { isDeepStrictEqual } from 'node:util';
import { academyProfile, needProfile, rankingFacts } from '../../server/db/ranking-facts';
import type { ExpertiseArea } from '../../server/domain/taxonomy';
import { DEFAULT_RANKING_CONFIG, needsLeftOut, poolThreshold, rankCandidatesByFullScoring, rankNeedsByFullScoring, withLeftOut } from '../../server/ranking';
import { needSchoolYear } from '../../server/domain/year-capacity';
import { profileInYear } from '../../server/db/ranking-facts/shared';
import { rankNeedsByYear } from '../../server/services/rank-needs-by-year';
import { rankCandidates, rankNeedsForStaff } from '../../server/services/ranking';
import { log } from './log';

export interface EquivalenceResult {
  needs: number;
  staff: number;
  differing: number;
}

/** What the core decides: no timings or documents, and not the school year, which the service adds. */
function answer(view: object): object {
  const { timings: _t, documents: _d, needDocuments: _n, need: _need, schoolYear: _y, schoolYears: _ys, ...rest } = view as Record<string, unknown>;
  return rest;
}

export async function checkAgainstFullScoring(needIds: readonly string[], staffIds: readonly string[]): Promise<EquivalenceResult> {
  const now = new Date();
  const facts = await rankingFacts();
  let differing = 0;
  let needs = 0;
  for (const id of needIds) {
    const need = await facts.need(id);
    const academy = need && (await facts.academy(need.academyId.toString()));
    if (!need || !academy) continue;
    const profile = needProfile(need, academyProfile(academy));
    const pool = await facts.staffPool(need.area as ExpertiseArea, poolThreshold(profile, DEFAULT_RANKING_CONFIG), needSchoolYear(need.windowStart, now));
    const reference = withLeftOut(rankCandidatesByFullScoring(profile, pool.profiles ?? pool.supporters.map((s) => s.profile), { now, first: 10 }), pool.leftOut);
    const view = await rankCandidates(id, 'STAFF', 10, now);
    if (!view || !isDeepStrictEqual(answer(view), reference)) differing += 1;
    needs += 1;
  }
  let staff = 0;
  for (const id of staffIds) {
    const doc = await facts.staffMember(id);
    if (!doc || doc.leftAt) continue;
    const supporter = (await facts.staffProfiles([doc], null)).get(id)!.profile;
    const { open, needs: inAreas, profiles } = await facts.openNeedsIn([...new Set(supporter.expertise.map((e) => e.area))]);
    const { schoolYears: _years, ...byYear } = rankNeedsByYear((year) => profileInYear(supporter, doc, year), profiles, { now, first: 10 }, rankNeedsByFullScoring);
    const reference = withLeftOut(byYear, needsLeftOut({ open, inAreas: inAreas.length }));
    const view = await rankNeedsForStaff(id, 10, now);
    if (!view || !isDeepStrictEqual(answer(view), reference)) differing += 1;
    staff += 1;
  }
  log(`against full scoring: ${needs} needs and ${staff} staff compared, ${differing} differing`);
  return { needs, staff, differing };
}
