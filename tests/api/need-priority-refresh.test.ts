// Stored need priorities (services/need-priority.ts): the hourly refresh brings every live
// need's waiting time up to date; start-up refreshes only those more than an hour old, so a
// quick restart writes nothing (and keeps the copies' snapshot exact).
import { Types } from 'mongoose';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { refreshAllPriorities, refreshStalePriorities } from '../../server/services/need-priority';
import { startTestApi, type TestApi } from '../support/test-api';
import { createAcademy, createTrust, raiseNeed } from '../support/world';

const HOUR = 60 * 60 * 1000;
let api: TestApi;
let fresh: Types.ObjectId;
let stale: Types.ObjectId;

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.token('ADMIN');
  const trustId = await createTrust(api, admin, 'Priority Trust');
  const academyId = await createAcademy(api, admin, { trustId });
  await raiseNeed(api, admin, academyId);
  await raiseNeed(api, admin, academyId, { area: 'ENGLISH' });
  const needs = await ImprovementNeed.find({}).sort({ area: 1 }).lean();
  // ENGLISH sorts first: made stale (computed two hours ago, with a value the refresh must replace).
  stale = needs[0]!._id;
  fresh = needs[1]!._id;
  await ImprovementNeed.updateOne({ _id: stale }, { $set: { priority: 0.001, priorityComputedAt: new Date(Date.now() - 2 * HOUR) } });
});
afterAll(() => api.close());

const stored = async (id: Types.ObjectId) => (await ImprovementNeed.findById(id).lean())!;

it('at start-up, refreshes only the needs whose priority is more than an hour old', async () => {
  const freshBefore = await stored(fresh);
  expect(await refreshStalePriorities(HOUR)).toBe(1);
  const after = await stored(stale);
  expect(after.priority).toBeCloseTo(freshBefore.priority!, 2); // same school, severity and age: about the same priority
  expect(after.priorityComputedAt!.getTime()).toBeGreaterThan(Date.now() - HOUR);
  expect((await stored(fresh)).priorityComputedAt).toEqual(freshBefore.priorityComputedAt);
  // A second start at once writes nothing, reading the database or the server's store alike.
  expect(await refreshStalePriorities(HOUR)).toBe(0);
  expect(await refreshStalePriorities(HOUR, new Date(), 'store')).toBe(0);
});

it('hourly, brings every live need up to date as waiting time grows', async () => {
  const before = await stored(fresh);
  const tenDaysOn = new Date(Date.now() + 10 * 24 * HOUR);
  expect(await refreshAllPriorities(tenDaysOn, 'store')).toBe(2);
  const after = await stored(fresh);
  expect(after.priority!).toBeGreaterThan(before.priority!);
  expect(after.priorityComputedAt).toEqual(tenDaysOn);
});
