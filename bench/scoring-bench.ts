// Pure scoring cost at national scale, with no database and no server: the 50,000 staff of
// the generated national dataset as ranking profiles, and 200 of its needs ranked against
// their area's pool three ways: the reference (every candidate screened and fully scored),
// top-k with a score bound, and that with the travel index (as the service ranks). Prints
// p50/p95 wall time, CPU per ranking (steadier on a shared machine) and whether the three
// agree. `npx tsx bench/scoring-bench.ts` (add --cpu-prof via node for a profile).
import { performance } from 'node:perf_hooks';
import { committedDaysByStaff } from '../seeds/dataset';
import { generateNationalDataset } from '../seeds/national';
import { isDeepStrictEqual } from 'node:util';
import type { ExpertiseArea } from '../server/domain/taxonomy';
import { rankCandidatesByFullScoring, rankCandidatesForNeed, rankCandidatesIndexed, travelIndex, type TravelIndex } from '../server/ranking';
import type { AcademyProfile, CandidateRankingResult, NeedProfile, SupporterProfile } from '../server/ranking/types';

const now = new Date('2026-11-23T12:00:00Z');
const data = generateNationalDataset({ academies: 22_000, staff: 50_000, needs: 5_000 });
const academies = new Map<string, AcademyProfile>(
  data.academies.map((a) => [
    a.urn,
    { id: a.urn, name: a.name, phase: a.phase, ofstedRating: a.ofstedRating, fsmPercent: a.fsmPercent, location: { latitude: a.latitude, longitude: a.longitude }, trustId: a.trustKey, clusterId: null },
  ]),
);
const committed = committedDaysByStaff(data);
const staff: SupporterProfile[] = data.staff.map((s, i) => ({
  kind: 'STAFF',
  id: String(i).padStart(24, '0'),
  name: s.name,
  homeAcademy: academies.get(s.homeAcademyUrn)!,
  expertise: s.expertise,
  designations: s.designations,
  remainingDays: s.capacityDays - (committed.get(s.email.toLowerCase()) ?? 0),
  maxTravelKm: s.maxTravelKm,
  safeguardingCheckExpiresOn: s.safeguardingCheckExpiresOn ? new Date(s.safeguardingCheckExpiresOn) : null,
  trackRecord: [],
  supportingNeedIds: [],
  homeOpenHighSeverityAreas: [],
  availability: [],
}));
const byArea = new Map<string, SupporterProfile[]>();
for (const s of staff) for (const area of new Set(s.expertise.map((e) => e.area))) byArea.set(area, [...(byArea.get(area) ?? []), s]);
const needs: NeedProfile[] = data.needs.slice(0, 200 * 25).filter((_, i) => i % 25 === 0).map((n, i) => ({
  id: String(i),
  academy: academies.get(n.academyUrn)!,
  area: n.area,
  phase: n.phase,
  severity: n.severity,
  daysRequested: n.daysRequested,
  daysCovered: 0,
  raisedAt: new Date(now.getTime() - n.raisedDaysAgo * 86_400_000),
  windowStart: null,
  windowEnd: null,
}));

// The pools as the service keeps them (per area, with their travel index), built once.
const pools = new Map<string, { supporters: SupporterProfile[]; index: TravelIndex }>();
for (const [area, list] of byArea) {
  const supporters = list.filter((s) => s.remainingDays >= 1);
  pools.set(area, { supporters, index: travelIndex(area as ExpertiseArea, supporters) });
}

function measure(label: string, rank: (need: NeedProfile) => CandidateRankingResult): CandidateRankingResult[] {
  const times: number[] = [];
  const results: CandidateRankingResult[] = [];
  let scored = 0;
  let cpu = { user: 0, system: 0 };
  for (let round = 0; round < 3; round += 1) {
    if (round === 2) cpu = process.cpuUsage();
    for (const need of needs) {
      const t = performance.now();
      const result = rank(need);
      if (round === 2) {
        times.push(performance.now() - t);
        scored += result.consideredCount;
        results.push(result);
      }
    }
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(2);
  console.log(`${label}: ${needs.length} rankings, ${Math.round(scored / needs.length)} candidates each on average: p50 ${at(50)} ms, p95 ${at(95)} ms, max ${at(100)} ms; CPU ${((used.user + used.system) / 1000 / needs.length).toFixed(2)} ms a ranking on average`);
  return results;
}

const empty = { supporters: [], index: travelIndex('MATHS', []) };
const reference = measure('every candidate screened and scored (reference)', (need) => rankCandidatesByFullScoring(need, (pools.get(need.area) ?? empty).supporters, { now, first: 10 }));
const pruned = measure('top-k with a score bound', (need) => rankCandidatesForNeed(need, (pools.get(need.area) ?? empty).supporters, { now, first: 10 }));
const indexed = measure('top-k with a score bound, and the travel index', (need) => rankCandidatesIndexed(need, (pools.get(need.area) ?? empty).index, { now, first: 10 }));
const same = reference.every((r, i) => isDeepStrictEqual(r, indexed[i]) && isDeepStrictEqual(r, pruned[i]));
console.log(`same answers: ${same ? 'yes' : 'NO'}`);
if (!same) process.exitCode = 1;
const mean = (f: (r: CandidateRankingResult) => number) => Math.round(reference.reduce((s, r) => s + f(r), 0) / reference.length);
console.log(`per ranking on average: ${mean((r) => r.eligibleCount)} eligible, ${mean((r) => r.exclusions.OUT_OF_TRAVEL_RANGE)} out of travel range, ${mean((r) => r.exclusions.SAFEGUARDING_EXPIRED)} safeguarding expired`);
