// A school's whole-school support days belong to a school year, under the same rules as a
// person's days (docs/school-year.md), through the real API: a deployment next year takes
// next year's days, rolling over keeps last year's record, ACADEMY rankings use the need's
// year, and racing proposals never reserve more than a year holds.
import { decodeGlobalId } from '../../server/auth/global-id';
import { Academy } from '../../server/models/academy';
import { AuditEntry } from '../../server/models/audit-entry';
import { openSchoolYearEverywhere } from '../../server/services/school-year';
import { lastYear, nextYear, nextYearDay, thisYear } from '../support/school-years';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let receiving: string;

const SUPPORT = `query ($id: ID!, $year: String) {
  node(id: $id) { ... on Academy {
    supportCapacityDays supportRemainingDays
    supportCapacity(schoolYear: $year) { schoolYear daysOffered daysCommitted daysLeft }
  } }
}`;
const SET = `mutation ($input: SetAcademySupportCapacityInput!) {
  setAcademySupportCapacity(input: $input) { academy { supportCapacityDays supportRemainingDays } userErrors { field message code } }
}`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) { deployment { id status days } userErrors { field message code } }
}`;
const CANCEL = `mutation ($input: DeploymentIdInput!) { cancelDeployment(input: $input) { deployment { id status } userErrors { code } } }`;
const RANK = `query ($needId: ID!) {
  rankCandidates(needId: $needId, kind: ACADEMY, first: 100) { schoolYear exclusions { reason count } candidates { candidate { ... on Academy { id } } } }
}`;
const RANK_NEEDS = `query ($academyId: ID!) { rankNeedsForAcademy(academyId: $academyId, first: 100) { schoolYear need { id } } }`;
const START = `mutation ($input: StartSchoolYearInput!) {
  startSchoolYear(input: $input) { schoolYear openedCount alreadyOpenCount userErrors { field message code } }
}`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Support Year Trust');
  receiving = await createAcademy(api, admin, { name: 'Support Year Receiving', trustId });
});
afterAll(() => api.close());

/** A school of the trust offering `days` of whole-school support, with someone expert in SEND (its expertise is its staff's). */
async function supportingSchool(days: number, trust = trustId): Promise<string> {
  const school = await createAcademy(api, admin, { name: 'Support Year School', trustId: trust, ofstedRating: 'OUTSTANDING' });
  await createStaff(api, admin, school, { expertise: [{ area: 'SEND', level: 'EXPERT', phases: ['PRIMARY'] }] });
  await must(api, SET, { input: { academyId: school, supportCapacityDays: days } }, admin, 'setAcademySupportCapacity');
  return school;
}

async function supportOf(academyId: string, year?: string) {
  const res = await api.gql(SUPPORT, { id: academyId, year }, { token: admin });
  expect(res.errors).toBeUndefined();
  return res.data.node;
}

/** Makes a school's record look as it did last year: its support days belonged to lastYear, `used` of them reserved. */
async function asIfFromLastYear(academyId: string, used: number) {
  const id = decodeGlobalId(academyId)!.id;
  const doc = (await Academy.findById(id).lean())!;
  await Academy.updateOne({ _id: id }, { $set: { supportCapacityYear: lastYear.label, supportRemainingDays: doc.supportCapacityDays - used } });
}

describe("a school's support days belong to a school year", () => {
  it("reads this year's by default, next year's from the standing offer and none before the school offered", async () => {
    const school = await supportingSchool(12);
    const now = await supportOf(school);
    expect(now).toMatchObject({ supportCapacityDays: 12, supportRemainingDays: 12 });
    expect(now.supportCapacity).toEqual({ schoolYear: thisYear.label, daysOffered: 12, daysCommitted: 0, daysLeft: 12 });
    expect((await supportOf(school, nextYear.label)).supportCapacity).toEqual({ schoolYear: nextYear.label, daysOffered: 12, daysCommitted: 0, daysLeft: 12 });
    expect((await supportOf(school, lastYear.label)).supportCapacity).toEqual({ schoolYear: lastYear.label, daysOffered: 0, daysCommitted: 0, daysLeft: 0 });
    const bad = await api.gql(SUPPORT, { id: school, year: '2026-27' }, { token: admin });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/schoolYear.*YYYY\/YY/);
  });

  it("takes a deployment next year from next year's days, and gives them back there", async () => {
    const school = await supportingSchool(10);
    const autumn = await raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 7, windowStart: nextYearDay('09-14') });
    const proposed = await must(api, PROPOSE, { input: { needId: autumn.id, supportingAcademyId: school, days: 7 } }, admin, 'proposeDeployment');
    expect((await supportOf(school, nextYear.label)).supportCapacity).toEqual({ schoolYear: nextYear.label, daysOffered: 10, daysCommitted: 7, daysLeft: 3 });
    const now = await supportOf(school);
    expect(now).toMatchObject({ supportCapacityDays: 10, supportRemainingDays: 10 });
    expect(now.supportCapacity).toMatchObject({ schoolYear: thisYear.label, daysCommitted: 0 });

    await must(api, CANCEL, { input: { id: proposed.deployment.id } }, admin, 'cancelDeployment');
    expect((await supportOf(school, nextYear.label)).supportCapacity).toMatchObject({ daysCommitted: 0, daysLeft: 10 });
  });

  it('refuses when next year lacks the days, taking nothing, and keeps the offer above what a later year holds', async () => {
    const school = await supportingSchool(8);
    const first = await raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 6, windowStart: nextYearDay('10-05') });
    await must(api, PROPOSE, { input: { needId: first.id, supportingAcademyId: school, days: 6 } }, admin, 'proposeDeployment');
    const second = await raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 3, windowStart: nextYearDay('10-05') });
    const res = await api.gql(PROPOSE, { input: { needId: second.id, supportingAcademyId: school, days: 3 } }, { token: admin });
    expect(res.data.proposeDeployment.deployment).toBeNull();
    expect(res.data.proposeDeployment.userErrors[0]).toMatchObject({ field: ['days'], code: 'INSUFFICIENT_CAPACITY' });
    expect(res.data.proposeDeployment.userErrors[0].message).toContain(nextYear.label);
    expect((await supportOf(school, nextYear.label)).supportCapacity).toMatchObject({ daysCommitted: 6, daysLeft: 2 });
    expect((await supportOf(school)).supportCapacity).toMatchObject({ daysCommitted: 0, daysLeft: 8 });

    // This year has nothing reserved, but next year holds 6: the standing offer cannot go below them.
    const below = await api.gql(SET, { input: { academyId: school, supportCapacityDays: 5 } }, { token: admin });
    expect(below.data.setAcademySupportCapacity).toMatchObject({ academy: null, userErrors: [{ field: ['supportCapacityDays'], code: 'BELOW_COMMITTED', message: expect.stringContaining('6 days') }] });
    expect(await supportOf(school)).toMatchObject({ supportCapacityDays: 8, supportRemainingDays: 8 });
  });

  it('never reserves more than a year holds when proposals race', async () => {
    const school = await supportingSchool(10);
    const needs = await Promise.all([1, 2, 3, 4, 5].map(() => raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 3, windowStart: nextYearDay('11-02') })));
    const results = await Promise.all(needs.map((n) => api.gql(PROPOSE, { input: { needId: n.id, supportingAcademyId: school, days: 3 } }, { token: admin })));
    const made = results.filter((r) => r.data.proposeDeployment.deployment).length;
    expect(made).toBe(3); // 3 x 3 of 10 days: a fourth would need 12
    for (const r of results.filter((r) => !r.data.proposeDeployment.deployment)) expect(r.data.proposeDeployment.userErrors[0].code).toBe('INSUFFICIENT_CAPACITY');
    expect((await supportOf(school, nextYear.label)).supportCapacity).toMatchObject({ daysOffered: 10, daysCommitted: 9, daysLeft: 1 });
    expect((await supportOf(school)).supportCapacity).toMatchObject({ daysCommitted: 0 });
  });
});

describe("ACADEMY rankings use the need's school year", () => {
  it("ranks a school with no days left this year for a need next autumn, and says which year", async () => {
    const rankTrust = await createTrust(api, admin, 'Ranking Years Trust');
    const receiver = await createAcademy(api, admin, { name: 'Ranking Years Receiving', trustId: rankTrust });
    const school = await supportingSchool(5, rankTrust);
    const now = await raiseNeed(api, admin, receiver, { area: 'SEND', daysRequested: 5 });
    await must(api, PROPOSE, { input: { needId: now.id, supportingAcademyId: school, days: 5 } }, admin, 'proposeDeployment');
    const thisYearNeed = await raiseNeed(api, admin, receiver, { area: 'SEND', daysRequested: 4 });
    const nextAutumn = await raiseNeed(api, admin, receiver, { area: 'SEND', daysRequested: 4, windowStart: nextYearDay('09-07'), windowEnd: nextYearDay('12-18') });

    const ids = (r: { candidates: { candidate: { id: string } }[] }) => r.candidates.map((c) => c.candidate.id);
    const current = (await api.gql(RANK, { needId: thisYearNeed.id }, { token: admin })).data.rankCandidates;
    expect(current.schoolYear).toBe(thisYear.label);
    expect(ids(current)).not.toContain(school);
    const later = (await api.gql(RANK, { needId: nextAutumn.id }, { token: admin })).data.rankCandidates;
    expect(later.schoolYear).toBe(nextYear.label);
    expect(ids(later)).toContain(school);

    const forSchool = (await api.gql(RANK_NEEDS, { academyId: school }, { token: admin })).data.rankNeedsForAcademy as { schoolYear: string; need: { id: string } }[];
    expect(forSchool.find((n) => n.need.id === nextAutumn.id)?.schoolYear).toBe(nextYear.label);
    expect(forSchool.map((n) => n.need.id)).not.toContain(thisYearNeed.id);

    await must(api, PROPOSE, { input: { needId: nextAutumn.id, supportingAcademyId: school, days: 4 } }, admin, 'proposeDeployment');
    expect((await supportOf(school, nextYear.label)).supportCapacity).toMatchObject({ daysCommitted: 4, daysLeft: 1 });
    expect((await supportOf(school)).supportCapacity).toMatchObject({ schoolYear: thisYear.label, daysCommitted: 5, daysLeft: 0 });
  });
});

describe("starting a new school year moves schools' support days on too", () => {
  it("opens this year from the standing offer and keeps last year's record as it was", async () => {
    const yearTrust = await createTrust(api, admin, 'Support Rollover Trust');
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId: yearTrust });
    const school = await supportingSchool(10, yearTrust);
    await asIfFromLastYear(school, 7);
    const before = (await supportOf(school, lastYear.label)).supportCapacity;
    expect(before).toEqual({ schoolYear: lastYear.label, daysOffered: 10, daysCommitted: 7, daysLeft: 3 });
    // Before anyone starts the year, this year's figures are already the standing offer.
    expect(await supportOf(school)).toMatchObject({ supportCapacityDays: 10, supportRemainingDays: 10 });

    await must(api, START, { input: { trustId: yearTrust, schoolYear: thisYear.label } }, lead, 'startSchoolYear');
    expect((await supportOf(school, lastYear.label)).supportCapacity).toEqual(before);
    expect((await supportOf(school)).supportCapacity).toEqual({ schoolYear: thisYear.label, daysOffered: 10, daysCommitted: 0, daysLeft: 10 });
    const id = decodeGlobalId(school)!.id;
    expect(await Academy.findById(id).lean()).toMatchObject({ supportCapacityYear: thisYear.label, updatedBy: { role: 'IMPROVEMENT_LEAD' } });
    expect(await AuditEntry.countDocuments({ entityId: id, action: 'SCHOOL_YEAR_OPENED' })).toBe(1);

    await must(api, START, { input: { trustId: yearTrust, schoolYear: thisYear.label } }, lead, 'startSchoolYear');
    expect(await AuditEntry.countDocuments({ entityId: id, action: 'SCHOOL_YEAR_OPENED' })).toBe(1);
    expect((await supportOf(school, lastYear.label)).supportCapacity).toEqual(before);
  });

  it('starts by itself (as at start-up and each hour), by the system', async () => {
    const school = await supportingSchool(9);
    await asIfFromLastYear(school, 4);
    await openSchoolYearEverywhere();
    expect(await Academy.findById(decodeGlobalId(school)!.id).lean()).toMatchObject({ supportCapacityYear: thisYear.label, updatedBy: { role: 'SYSTEM' } });
    expect((await supportOf(school, lastYear.label)).supportCapacity).toEqual({ schoolYear: lastYear.label, daysOffered: 9, daysCommitted: 4, daysLeft: 5 });
    expect((await supportOf(school)).supportCapacity).toEqual({ schoolYear: thisYear.label, daysOffered: 9, daysCommitted: 0, daysLeft: 9 });
  });

  it("setting the offer in a new year moves the school on first, leaving last year's record alone", async () => {
    const school = await supportingSchool(10);
    await asIfFromLastYear(school, 4);
    const set = await must(api, SET, { input: { academyId: school, supportCapacityDays: 15 } }, admin, 'setAcademySupportCapacity');
    expect(set.academy).toEqual({ supportCapacityDays: 15, supportRemainingDays: 15 });
    expect((await supportOf(school, lastYear.label)).supportCapacity).toEqual({ schoolYear: lastYear.label, daysOffered: 10, daysCommitted: 4, daysLeft: 6 });
  });
});
