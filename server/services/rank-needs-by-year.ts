// "Where could I help?" across school years: each need is judged on the supporter's days in
// the need's year (a person who has given all this year's days may still help next autumn).
// The pure core ranks one supporter profile at a time, so the needs are ranked per year, each
// with that year's profile, and merged in the core's own order (score, then need id). With
// one year among the needs (the usual case) it is exactly one call to the core.
import type { SchoolYear } from '../domain/school-year';
import { needSchoolYear } from '../domain/year-capacity';
import { EXCLUSION_REASONS } from '../domain/enums';
import { rankNeedsForSupporter } from '../ranking';
import { byScoreThenKeys, resultLimit } from '../ranking/order';
import type { NeedProfile, NeedRankingResult, RankedNeed, SupporterProfile } from '../ranking/types';

export interface NeedRankingByYear extends NeedRankingResult {
  /** Each returned need's school year, by need id. */
  schoolYears: Map<string, string>;
}

/** Months since year 0 (UTC): the key of the school year a day falls in. */
const monthOf = (day: Date): number => day.getUTCFullYear() * 12 + day.getUTCMonth();

const order = byScoreThenKeys<RankedNeed>((n) => n.score, (n) => [n.need.id]);

export function rankNeedsByYear(
  inYear: (year: SchoolYear) => SupporterProfile,
  needs: readonly NeedProfile[],
  options: { now: Date; first: number },
  // The core's ranking; the full-scoring reference in the equivalence checks (issue 20).
  rank: typeof rankNeedsForSupporter = rankNeedsForSupporter,
): NeedRankingByYear {
  const groups = new Map<string, { year: SchoolYear; needs: NeedProfile[] }>();
  // A school year depends only on the UTC year and month of the day it is taken from:
  // worked out once per month seen, not built (label, dates) once per need.
  const byMonth = new Map<number, { year: SchoolYear; needs: NeedProfile[] }>();
  const nowMs = options.now.getTime();
  const nowMonth = monthOf(options.now);
  for (const need of needs) {
    const start = need.windowStart;
    const month = start && start.getTime() > nowMs ? monthOf(start) : nowMonth;
    let group = byMonth.get(month);
    if (!group) {
      const year = needSchoolYear(need.windowStart, options.now);
      group = groups.get(year.label);
      if (!group) {
        group = { year, needs: [] };
        groups.set(year.label, group);
      }
      byMonth.set(month, group);
    }
    group.needs.push(need);
  }
  if (groups.size <= 1) {
    const only = [...groups.values()][0] ?? { year: needSchoolYear(null, options.now), needs: [] };
    const result = rank(inYear(only.year), only.needs, options);
    return { ...result, schoolYears: new Map(result.needs.map((n) => [n.need.id, only.year.label])) };
  }
  const schoolYears = new Map<string, string>();
  const merged: RankedNeed[] = [];
  const total: NeedRankingResult = { needs: [], eligibleCount: 0, consideredCount: 0, exclusions: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as NeedRankingResult['exclusions'] };
  for (const { year, needs: inGroup } of groups.values()) {
    // Each year's first `first` hold the first `first` of all from that year (one order
    // throughout), and the counts cover every need whatever `first` is: so no year is ranked,
    // and explained, in full.
    const result = rank(inYear(year), inGroup, options);
    total.eligibleCount += result.eligibleCount;
    total.consideredCount += result.consideredCount;
    for (const reason of EXCLUSION_REASONS) total.exclusions[reason] += result.exclusions[reason];
    for (const ranked of result.needs) {
      schoolYears.set(ranked.need.id, year.label);
      merged.push(ranked);
    }
  }
  const limit = resultLimit(options.first);
  const top = merged.sort(order).slice(0, limit === Infinity ? undefined : limit).map((n, i) => ({ ...n, rank: i + 1 }));
  return { ...total, needs: top, schoolYears: new Map(top.map((n) => [n.need.id, schoolYears.get(n.need.id)!])) };
}
