// Rankings kept with their pool (server/db/ranking-facts/ranking-memo.ts): asked again, a
// need's ranking comes from the memo; after a write to any collection the ranking reads
// (staff, academies, needs, deployments), or once a safeguarding check has expired, it must
// be the ranking the database gives then, never the one kept.
import { generateNationalDataset } from '../../seeds/national';
import { loadDataset } from '../../seeds/load';
import { Academy } from '../../server/models/academy';
import { Deployment } from '../../server/models/deployment';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { setReadCacheMode } from '../../server/db/read-cache';
import { rankCandidates } from '../../server/services/ranking';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
const NOW = new Date('2026-11-23T12:00:00Z');

beforeAll(async () => {
  api = await startTestApi();
  await loadDataset(generateNationalDataset({ academies: 200, staff: 500, needs: 40, seed: 29 }));
});
afterAll(async () => {
  setReadCacheMode('auto');
  await api.close();
});

/** What a caller sees of a ranking: everything but timings, documents by id. */
async function ranking(needId: string, now = NOW) {
  const view = await rankCandidates(needId, 'STAFF', 5, now);
  if (!view) throw new Error(`need ${needId} not found`);
  const { timings: _t, documents, ...rest } = view;
  return { ...rest, documents: [...documents.keys()].sort() };
}

/**
 * With the copies in use throughout (switching them resets them): the need ranked, ranked
 * again (from the memo: the same), then `change` made (a write, or a later moment), then
 * ranked again. That last ranking must be the database's at that moment.
 */
async function rankedAcross(needId: string, change: () => Promise<unknown>, now = NOW, later = NOW) {
  setReadCacheMode('on');
  let kept;
  let after;
  try {
    kept = await ranking(needId, now);
    expect(await ranking(needId, now)).toEqual(kept);
    await change();
    after = await ranking(needId, later);
  } finally {
    setReadCacheMode('auto');
  }
  setReadCacheMode('off');
  try {
    expect(after).toEqual(await ranking(needId, later));
  } finally {
    setReadCacheMode('auto');
  }
  return { kept, after };
}

const noWrite = async () => undefined;

describe('rankings kept with their pool', () => {
  it('follow every write to the collections they read, and the clock past a safeguarding expiry', async () => {
    const needs = await ImprovementNeed.find({ status: 'OPEN' }).sort({ _id: 1 }).lean();
    let need: (typeof needs)[number] | undefined;
    let before;
    for (const candidate of needs) {
      before = (await rankedAcross(String(candidate._id), noWrite)).after;
      if (before.candidates.length >= 2) {
        need = candidate;
        break;
      }
    }
    expect(need).toBeDefined();
    const needId = String(need!._id);
    const topId = before!.candidates[0]!.supporter.id;

    // Staff: the top candidate's check expired yesterday.
    const staff = await rankedAcross(needId, () => StaffMember.updateOne({ _id: topId }, { $set: { safeguardingCheckExpiresOn: new Date(NOW.getTime() - 86_400_000) } }));
    expect(staff.kept.candidates[0]!.supporter.id).toBe(topId);
    expect(staff.after.candidates.map((c) => c.supporter.id)).not.toContain(topId);
    expect(staff.after.exclusions.SAFEGUARDING_EXPIRED).toBe(staff.kept.exclusions.SAFEGUARDING_EXPIRED + 1);

    // Academies: the need's school far more disadvantaged (the context factor moves).
    const academy = await rankedAcross(needId, () => Academy.updateOne({ _id: need!.academyId }, { $set: { fsmPercent: 95 } }));
    expect(academy.after.candidates.map((c) => c.score)).not.toEqual(academy.kept.candidates.map((c) => c.score));

    // Deployments: the top candidate gains a completed deployment rated 4 in the area.
    const secondId = academy.after.candidates[0]!.supporter.id;
    const completed = await Deployment.findOne({ status: 'COMPLETED' }).lean();
    expect(completed).not.toBeNull();
    const deployment = await rankedAcross(needId, () =>
      Deployment.updateOne({ _id: completed!._id }, { $set: { staffId: secondId, supportingAcademyId: null, area: need!.area, impactRating: 4 } }),
    );
    const valueOf = (r: typeof deployment.after, id: string, factor: string) => r.candidates.find((c) => c.supporter.id === id)?.factors.find((f) => f.name === factor)?.value ?? null;
    expect(valueOf(deployment.after, secondId, 'trackRecord')).toBeGreaterThan(valueOf(deployment.kept, secondId, 'trackRecord')!);

    // Needs: the need asks for another phase: the top candidate's home school's, or if the
    // need has it already, one unrelated to it (their expertise fit moves either way).
    const top = deployment.after.candidates[0]!;
    const homePhase = (await Academy.findById((await StaffMember.findById(top.supporter.id).lean())!.homeAcademyId).lean())!.phase;
    const phase = need!.phase === homePhase ? (homePhase === 'SPECIAL' ? 'NURSERY' : 'SPECIAL') : homePhase;
    const needWrite = await rankedAcross(needId, () => ImprovementNeed.updateOne({ _id: need!._id }, { $set: { phase } }));
    expect(valueOf(needWrite.after, top.supporter.id, 'expertiseFit')).not.toBe(valueOf(needWrite.kept, top.supporter.id, 'expertiseFit'));

    // The clock: once the top candidate's check has expired, the kept ranking no longer holds.
    const next = needWrite.after.candidates[0]!.supporter.id;
    const expiry = new Date(NOW.getTime() + 30 * 86_400_000);
    await StaffMember.updateOne({ _id: next }, { $set: { safeguardingCheckExpiresOn: expiry } });
    const clock = await rankedAcross(needId, noWrite, NOW, new Date(expiry.getTime() + 1));
    expect(clock.kept.candidates[0]!.supporter.id).toBe(next);
    expect(clock.after.candidates.map((c) => c.supporter.id)).not.toContain(next);
    // Up to the expiry itself, the kept ranking is still the answer.
    expect((await rankedAcross(needId, noWrite, NOW, expiry)).after).toEqual(clock.kept);
  });
});
