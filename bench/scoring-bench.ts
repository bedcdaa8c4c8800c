// Pure scoring cost at national scale, with no database and no server: the 50,000 staff of
// the generated national dataset as ranking profiles, and rankCandidatesForNeed for 200 of
// its needs, filtered as the service filters (area, days). Prints p50/p95 per ranking and the
// candidates scored. `npx tsx bench/scoring-bench.ts` (add --cpu-prof via node for a profile).
import { performance } from 'node:perf_hooks';
import { committedDaysByStaff } from '../seeds/dataset';
import { generateNationalDataset } from '../seeds/national';
import { rankCandidatesForNeed } from '../server/ranking';
import type { AcademyProfile, NeedProfile, SupporterProfile } from '../server/ranking/types';

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

const times: number[] = [];
let scored = 0;
for (let round = 0; round < 3; round += 1) {
  for (const need of needs) {
    const pool = (byArea.get(need.area) ?? []).filter((s) => s.remainingDays >= 1);
    const t = performance.now();
    const result = rankCandidatesForNeed(need, pool, { now, first: 10 });
    if (round === 2) {
      times.push(performance.now() - t);
      scored += result.consideredCount;
    }
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(2);
console.log(`${needs.length} rankings, ${Math.round(scored / needs.length)} candidates each on average: p50 ${at(50)} ms, p95 ${at(95)} ms, max ${at(100)} ms`);
