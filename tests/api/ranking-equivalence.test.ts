// The optimised rankings (per-area pools, the travel index, top-k with a score bound) give
// exactly the answers of the straightforward path: every supporter profiled, screened by
// every hard constraint and scored in full (rankCandidatesByFullScoring,
// rankNeedsByFullScoring, kept in the ranking core as the reference). Checked for every open
// need (staff and academies) and every staff member of a generated national dataset, on the
// suite's database, through the in-process copies as the server reads with FerretDB.
import { generateNationalDataset } from '../../seeds/national';
import { loadDataset } from '../../seeds/load';
import { rankingFacts } from '../../server/db/ranking-facts';
import { academyProfile, needProfile } from '../../server/db/ranking-facts/profiles';
import { setReadCacheMode } from '../../server/db/read-cache';
import type { ExpertiseArea } from '../../server/domain/taxonomy';
import { Academy } from '../../server/models/academy';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { rankCandidatesByFullScoring, rankNeedsByFullScoring } from '../../server/ranking';
import type { NeedProfile, SupporterProfile } from '../../server/ranking/types';
import { rankCandidates, rankNeedsForStaff } from '../../server/services/ranking';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
const NOW = new Date('2026-11-23T12:00:00Z');
const DAY = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  api = await startTestApi();
  await loadDataset(generateNationalDataset({ academies: 400, staff: 1200, needs: 150, seed: 20 }));
  // Every hard constraint in play: leavers, stated availability, needs with windows.
  const staff = (await StaffMember.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((s) => s._id);
  await StaffMember.updateMany({ _id: { $in: staff.filter((_, i) => i % 11 === 0) } }, { $set: { leftAt: NOW } });
  await StaffMember.updateMany({ _id: { $in: staff.filter((_, i) => i % 5 === 2) } }, { $set: { availability: [{ from: DAY('2027-04-12'), to: DAY('2027-07-21') }] } });
  const needs = (await ImprovementNeed.find({ status: 'OPEN' }, { _id: 1 }).sort({ _id: 1 }).lean()).map((n) => n._id);
  await ImprovementNeed.updateMany({ _id: { $in: needs.filter((_, i) => i % 4 === 1) } }, { $set: { windowStart: DAY('2027-01-04'), windowEnd: DAY('2027-03-26') } });
  setReadCacheMode('on');
}, 120_000);

afterAll(async () => {
  setReadCacheMode('auto');
  await api.close();
});

/** What the core decides: no timings or documents, and not the school year, which the service adds (every need here is in this year). */
function answer<T extends object>(view: T): Omit<T, 'timings' | 'documents' | 'needDocuments' | 'need' | 'schoolYear' | 'schoolYears'> {
  const { timings: _t, documents: _d, needDocuments: _n, need: _need, schoolYear: _y, schoolYears: _ys, ...rest } = view as Record<string, unknown>;
  return rest as Omit<T, 'timings' | 'documents' | 'needDocuments' | 'need' | 'schoolYear' | 'schoolYears'>;
}

/** Every open need's profile (the straightforward path: no pre-filter by area). */
async function allOpenNeeds(): Promise<NeedProfile[]> {
  const facts = await rankingFacts();
  const open = await ImprovementNeed.find({ status: 'OPEN' }).sort({ _id: 1 }).lean();
  const profiles: NeedProfile[] = [];
  for (const n of open) {
    const academy = await facts.academy(n.academyId.toString());
    if (academy) profiles.push(needProfile(n, academyProfile(academy)));
  }
  return profiles;
}

describe('optimised rankings against full scoring of everyone', () => {
  it('rankCandidates (STAFF and ACADEMY, several lengths) gives the same candidates, scores, explanations and counts for every open need', async () => {
    const facts = await rankingFacts();
    expect(facts.fromCopies).toBe(true);
    const inPost = await StaffMember.find({ leftAt: null }).lean();
    const offering = await Academy.find({ supportCapacityDays: { $gt: 0 } }).lean();
    const needs = await allOpenNeeds();
    expect(needs.length).toBeGreaterThan(100);
    const everyoneFor = new Map<string, { staff: SupporterProfile[]; academies: SupporterProfile[] }>();
    let outOfRange = 0;
    let compared = 0;
    for (const need of needs) {
      let everyone = everyoneFor.get(need.area);
      if (!everyone) {
        const areas: ExpertiseArea[] = [need.area];
        everyone = {
          staff: [...(await facts.staffProfiles(inPost, areas)).values()].map((s) => s.profile),
          academies: [...(await facts.academyProfiles(offering, areas)).values()].map((s) => s.profile),
        };
        everyoneFor.set(need.area, everyone);
      }
      for (const first of [1, 10]) {
        const staffView = await rankCandidates(need.id, 'STAFF', first, NOW);
        const staffReference = rankCandidatesByFullScoring(need, everyone.staff, { now: NOW, first });
        expect(answer(staffView!)).toEqual(staffReference);
        const academyView = await rankCandidates(need.id, 'ACADEMY', first, NOW);
        expect(answer(academyView!)).toEqual(rankCandidatesByFullScoring(need, everyone.academies, { now: NOW, first }));
        outOfRange += staffReference.exclusions.OUT_OF_TRAVEL_RANGE;
        compared += staffReference.candidates.length;
      }
    }
    // Not vacuous: the travel index and the bound had work to do.
    expect(outOfRange).toBeGreaterThan(needs.length * 10);
    expect(compared).toBeGreaterThan(needs.length * 5);
  }, 300_000);

  it('rankNeedsForStaff gives the same needs, scores, explanations and counts for every staff member in post', async () => {
    const facts = await rankingFacts();
    const needs = await allOpenNeeds();
    const inPost = await StaffMember.find({ leftAt: null }).sort({ _id: 1 }).lean();
    const profiles = await facts.staffProfiles(inPost, null);
    let ranked = 0;
    for (const staff of inPost) {
      const supporter = profiles.get(staff._id.toString())!.profile;
      for (const first of [3, 10]) {
        const view = await rankNeedsForStaff(staff._id.toString(), first, NOW);
        const reference = rankNeedsByFullScoring(supporter, needs, { now: NOW, first });
        expect(answer(view!)).toEqual(reference);
        ranked += reference.needs.length;
      }
    }
    expect(ranked).toBeGreaterThan(inPost.length);
  }, 300_000);
});
