// The school year (1 September to 31 August) through the real API: capacity belongs to a
// year, a deployment across 31 August takes days from both, rankings and plans use the
// need's year and say so, and starting a year archives last year's record untouched.
import { decodeGlobalId } from '../../server/auth/global-id';
import { AuditEntry } from '../../server/models/audit-entry';
import { StaffMember } from '../../server/models/staff-member';
import { backfillCapacityYears, openSchoolYearEverywhere } from '../../server/services/school-year';
import { lastYear, nextYear, nextYearDay, thisYear } from '../support/school-years';
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let home: string;
let receiving: string;
let lead: string;

const CAPACITY = `query ($id: ID!, $year: String) {
  node(id: $id) { ... on StaffMember {
    capacityDays remainingDays daysCommitted
    capacity(schoolYear: $year) { schoolYear daysOffered daysCommitted daysLeft }
  } }
}`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) { deployment { id status days } userErrors { field message code } }
}`;
const CANCEL = `mutation ($input: DeploymentIdInput!) { cancelDeployment(input: $input) { deployment { id status } userErrors { code } } }`;
const RANK = `query ($needId: ID!) {
  rankCandidates(needId: $needId, first: 100) { schoolYear exclusions { reason count } candidates { candidate { ... on StaffMember { id } } } }
}`;
const RANK_NEEDS = `query ($staffId: ID!) { rankNeedsForStaff(staffId: $staffId, first: 100) { schoolYear need { id } } }`;
const PLAN = `query ($input: PlanAllocationInput!) {
  planAllocation(input: $input) { plan { schoolYear assignments { need { id } staffMember { id } days } } userErrors { field code message } }
}`;
const START = `mutation ($input: StartSchoolYearInput!) {
  startSchoolYear(input: $input) { schoolYear trust { id } openedCount alreadyOpenCount userErrors { field message code } }
}`;
const UPDATE = `mutation ($input: UpdateStaffMemberInput!) {
  updateStaffMember(input: $input) { staffMember { id capacityDays remainingDays } userErrors { field message code } }
}`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'School Year Trust');
  home = await createAcademy(api, admin, { name: 'Year Home', trustId });
  receiving = await createAcademy(api, admin, { name: 'Year Receiving', trustId });
  lead = await api.token('IMPROVEMENT_LEAD', { trustId });
});
afterAll(() => api.close());

async function capacityOf(staffId: string, year?: string) {
  const res = await api.gql(CAPACITY, { id: staffId, year }, { token: admin });
  expect(res.errors).toBeUndefined();
  return res.data.node;
}

/** Weekdays (Monday to Friday) from `from` to `to`, both included, split at 1 September (restated here, independently of the server). */
function weekdaysEachSide(from: string, to: string, september: Date) {
  let before = 0;
  let after = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day === 0 || day === 6) continue;
    if (t < september.getTime()) before += 1;
    else after += 1;
  }
  return { before, after };
}

/** Makes a person's record look as it did last year: their days belonged to lastYear, `used` of them reserved. */
async function asIfFromLastYear(staffId: string, used: number) {
  const id = decodeGlobalId(staffId)!.id;
  const doc = (await StaffMember.findById(id).lean())!;
  await StaffMember.updateOne({ _id: id }, { $set: { capacityYear: lastYear.label, remainingDays: doc.capacityDays - used } });
}

describe('capacity belongs to a school year', () => {
  it("reads this year's figures by default and next year's from the standing offer, naming the year", async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 12 });
    const now = await capacityOf(person.id);
    expect(now).toMatchObject({ capacityDays: 12, remainingDays: 12, daysCommitted: 0 });
    expect(now.capacity).toEqual({ schoolYear: thisYear.label, daysOffered: 12, daysCommitted: 0, daysLeft: 12 });
    expect((await capacityOf(person.id, nextYear.label)).capacity).toEqual({ schoolYear: nextYear.label, daysOffered: 12, daysCommitted: 0, daysLeft: 12 });
    // Before the person had a record there was nothing to offer.
    expect((await capacityOf(person.id, lastYear.label)).capacity).toEqual({ schoolYear: lastYear.label, daysOffered: 0, daysCommitted: 0, daysLeft: 0 });
  });

  it('refuses a schoolYear that is not one, naming the argument', async () => {
    const person = await createStaff(api, admin, home);
    for (const bad of ['2026-27', `${thisYear.startYear}/${String((thisYear.startYear + 2) % 100).padStart(2, '0')}`]) {
      const res = await api.gql(CAPACITY, { id: person.id, year: bad }, { token: admin });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/schoolYear.*YYYY\/YY/);
    }
  });
});

describe('a deployment across 31 August', () => {
  // 20 August to 11 September, across the end of this school year: weekdays fall on both sides in any year.
  const from = `${nextYear.startYear}-08-20`;
  const to = `${nextYear.startYear}-09-11`;
  const split = weekdaysEachSide(from, to, nextYear.start);

  it('takes from each year the days falling in it (pro rata by weekdays), and gives them back to the same years', async () => {
    expect(split.before).toBeGreaterThan(0);
    expect(split.after).toBeGreaterThan(0);
    const person = await createStaff(api, admin, home, { capacityDays: 20 });
    const need = await raiseNeed(api, admin, receiving, { daysRequested: split.before + split.after });
    const proposed = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: split.before + split.after, startDate: from, endDate: to } }, admin, 'proposeDeployment');
    expect((await capacityOf(person.id, thisYear.label)).capacity).toEqual({ schoolYear: thisYear.label, daysOffered: 20, daysCommitted: split.before, daysLeft: 20 - split.before });
    expect((await capacityOf(person.id, nextYear.label)).capacity).toEqual({ schoolYear: nextYear.label, daysOffered: 20, daysCommitted: split.after, daysLeft: 20 - split.after });
    expect(await capacityOf(person.id)).toMatchObject({ remainingDays: 20 - split.before, daysCommitted: split.before });

    await must(api, CANCEL, { input: { id: proposed.deployment.id } }, admin, 'cancelDeployment');
    expect((await capacityOf(person.id, thisYear.label)).capacity.daysCommitted).toBe(0);
    expect((await capacityOf(person.id, nextYear.label)).capacity.daysCommitted).toBe(0);
  });

  it("refuses when one year lacks the days, and takes nothing from the other", async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 20 });
    // Next year's days are mostly taken by an autumn deployment.
    const autumn = await raiseNeed(api, admin, receiving, { daysRequested: 18, windowStart: nextYearDay('09-14') });
    await must(api, PROPOSE, { input: { needId: autumn.id, staffId: person.id, days: 18 } }, admin, 'proposeDeployment');
    expect((await capacityOf(person.id, nextYear.label)).capacity.daysLeft).toBe(2);
    const need = await raiseNeed(api, admin, receiving, { daysRequested: split.before + split.after });
    const res = await api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: split.before + split.after, startDate: from, endDate: to } }, { token: admin });
    expect(res.data.proposeDeployment.deployment).toBeNull();
    expect(res.data.proposeDeployment.userErrors[0]).toMatchObject({ field: ['days'], code: 'INSUFFICIENT_CAPACITY' });
    expect(res.data.proposeDeployment.userErrors[0].message).toContain(nextYear.label);
    expect((await capacityOf(person.id, thisYear.label)).capacity.daysCommitted).toBe(0);
    expect((await capacityOf(person.id, nextYear.label)).capacity.daysCommitted).toBe(18);
  });
});

describe("rankings and plans use the need's school year", () => {
  it("ranks a person with no days left this year for a need next autumn, and says which year", async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 5, expertise: [{ area: 'SEND', level: 'EXPERT', phases: ['PRIMARY'] }] });
    const now = await raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 5 });
    await must(api, PROPOSE, { input: { needId: now.id, staffId: person.id, days: 5 } }, admin, 'proposeDeployment');
    const thisYearNeed = await raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 4 });
    const nextAutumn = await raiseNeed(api, admin, receiving, { area: 'SEND', daysRequested: 4, windowStart: nextYearDay('09-07'), windowEnd: nextYearDay('12-18') });

    const ids = (r: { candidates: { candidate: { id: string } }[] }) => r.candidates.map((c) => c.candidate.id);
    const current = (await api.gql(RANK, { needId: thisYearNeed.id }, { token: admin })).data.rankCandidates;
    expect(current.schoolYear).toBe(thisYear.label);
    expect(ids(current)).not.toContain(person.id);
    expect(current.exclusions.find((e: { reason: string }) => e.reason === 'NO_CAPACITY').count).toBeGreaterThanOrEqual(1);
    const later = (await api.gql(RANK, { needId: nextAutumn.id }, { token: admin })).data.rankCandidates;
    expect(later.schoolYear).toBe(nextYear.label);
    expect(ids(later)).toContain(person.id);

    const forPerson = (await api.gql(RANK_NEEDS, { staffId: person.id }, { token: admin })).data.rankNeedsForStaff as { schoolYear: string; need: { id: string } }[];
    expect(forPerson.find((n) => n.need.id === nextAutumn.id)?.schoolYear).toBe(nextYear.label);
    expect(forPerson.map((n) => n.need.id)).not.toContain(thisYearNeed.id);

    // Proposing for next autumn takes next year's days.
    await must(api, PROPOSE, { input: { needId: nextAutumn.id, staffId: person.id, days: 4 } }, admin, 'proposeDeployment');
    expect((await capacityOf(person.id, nextYear.label)).capacity).toMatchObject({ daysCommitted: 4, daysLeft: 1 });
    expect((await capacityOf(person.id)).capacity).toMatchObject({ schoolYear: thisYear.label, daysCommitted: 5, daysLeft: 0 });
  });

  it("plans one school year: this year's by default, next year's when asked, never a past one", async () => {
    const planTrust = await createTrust(api, admin, 'Planning Years Trust');
    const a = await createAcademy(api, admin, { name: 'Plan Home', trustId: planTrust });
    const b = await createAcademy(api, admin, { name: 'Plan Receiving', trustId: planTrust });
    const person = await createStaff(api, admin, a, { capacityDays: 4 });
    const nowNeed = await raiseNeed(api, admin, b, { daysRequested: 4 });
    await must(api, PROPOSE, { input: { needId: nowNeed.id, staffId: person.id, days: 4 } }, admin, 'proposeDeployment');
    const later = await raiseNeed(api, admin, b, { daysRequested: 3, windowStart: nextYearDay('10-05') });

    const current = (await api.gql(PLAN, { input: { trustId: planTrust } }, { token: admin })).data.planAllocation;
    expect(current.plan.schoolYear).toBe(thisYear.label);
    expect(current.plan.assignments).toEqual([]);
    const next = (await api.gql(PLAN, { input: { trustId: planTrust, schoolYear: nextYear.label } }, { token: admin })).data.planAllocation;
    expect(next.plan.schoolYear).toBe(nextYear.label);
    expect(next.plan.assignments).toEqual([{ need: { id: later.id }, staffMember: { id: person.id }, days: 3 }]);
    const past = (await api.gql(PLAN, { input: { trustId: planTrust, schoolYear: lastYear.label } }, { token: admin })).data.planAllocation;
    expect(past).toMatchObject({ plan: null, userErrors: [{ field: ['schoolYear'], code: 'YEAR_OVER' }] });
    const wrongYear = (await api.gql(PLAN, { input: { trustId: planTrust, needIds: [later.id] } }, { token: admin })).data.planAllocation;
    expect(wrongYear).toMatchObject({ plan: null, userErrors: [{ field: ['needIds'], code: 'OTHER_SCHOOL_YEAR' }] });
  });
});

describe('starting a new school year', () => {
  it("opens this year from each person's standing offer and keeps last year's record as it was", async () => {
    const yearTrust = await createTrust(api, admin, 'Rollover Trust');
    const school = await createAcademy(api, admin, { name: 'Rollover School', trustId: yearTrust });
    const yearLead = await api.token('IMPROVEMENT_LEAD', { trustId: yearTrust });
    const people = [await createStaff(api, admin, school, { capacityDays: 10 }), await createStaff(api, admin, school, { capacityDays: 6 })];
    await asIfFromLastYear(people[0].id, 7);
    await asIfFromLastYear(people[1].id, 6);
    const lastYearBefore = await Promise.all(people.map(async (p) => (await capacityOf(p.id, lastYear.label)).capacity));
    expect(lastYearBefore).toEqual([
      { schoolYear: lastYear.label, daysOffered: 10, daysCommitted: 7, daysLeft: 3 },
      { schoolYear: lastYear.label, daysOffered: 6, daysCommitted: 6, daysLeft: 0 },
    ]);
    // Before anyone starts the year, this year's figures are already the standing offer.
    expect(await capacityOf(people[0].id)).toMatchObject({ capacityDays: 10, remainingDays: 10, daysCommitted: 0 });

    const started = await must(api, START, { input: { trustId: yearTrust, schoolYear: thisYear.label } }, yearLead, 'startSchoolYear');
    expect(started).toMatchObject({ schoolYear: thisYear.label, trust: { id: yearTrust }, openedCount: 2, alreadyOpenCount: 0 });
    for (const [i, p] of people.entries()) {
      expect((await capacityOf(p.id, lastYear.label)).capacity).toEqual(lastYearBefore[i]);
      expect((await capacityOf(p.id)).capacity).toEqual({ schoolYear: thisYear.label, daysOffered: [10, 6][i], daysCommitted: 0, daysLeft: [10, 6][i] });
      const doc = await StaffMember.findById(decodeGlobalId(p.id)!.id).lean();
      expect(doc).toMatchObject({ capacityYear: thisYear.label, updatedBy: { role: 'IMPROVEMENT_LEAD' } });
    }
    expect(await AuditEntry.countDocuments({ entityId: decodeGlobalId(yearTrust)!.id, action: 'SCHOOL_YEAR_STARTED' })).toBe(1);
    expect(await AuditEntry.countDocuments({ entityId: { $in: people.map((p) => decodeGlobalId(p.id)!.id) }, action: 'SCHOOL_YEAR_OPENED' })).toBe(2);

    // Idempotent: again, nobody moves and nothing changes.
    const again = await must(api, START, { input: { trustId: yearTrust, schoolYear: thisYear.label } }, yearLead, 'startSchoolYear');
    expect(again).toMatchObject({ openedCount: 0, alreadyOpenCount: 2 });
    expect((await capacityOf(people[0].id, lastYear.label)).capacity).toEqual(lastYearBefore[0]);
  });

  it('starts by itself for everyone in post (as at start-up and each hour), by the system, leaving leavers as they were', async () => {
    const stayer = await createStaff(api, admin, home, { capacityDays: 9 });
    const leaver = await createStaff(api, admin, home, { capacityDays: 9 });
    for (const p of [stayer, leaver]) await asIfFromLastYear(p.id, 4);
    await must(api, `mutation ($input: MarkStaffLeftInput!) { markStaffLeft(input: $input) { staffMember { id } userErrors { code } } }`, { input: { staffId: leaver.id } }, admin, 'markStaffLeft');
    expect(await openSchoolYearEverywhere()).toBeGreaterThanOrEqual(1);
    const [stayed, left] = await Promise.all([stayer, leaver].map((p) => StaffMember.findById(decodeGlobalId(p.id)!.id).lean()));
    expect(stayed).toMatchObject({ capacityYear: thisYear.label, updatedBy: { role: 'SYSTEM' } });
    expect(left?.capacityYear).toBe(lastYear.label);
    expect((await capacityOf(stayer.id, lastYear.label)).capacity).toEqual({ schoolYear: lastYear.label, daysOffered: 9, daysCommitted: 4, daysLeft: 5 });
    expect(await openSchoolYearEverywhere()).toBe(0);
  });

  it('started twice at once, moves each person once', async () => {
    const yearTrust = await createTrust(api, admin, 'Racing Rollover Trust');
    const school = await createAcademy(api, admin, { name: 'Racing School', trustId: yearTrust });
    const people = await Promise.all([1, 2, 3, 4].map(() => createStaff(api, admin, school, { capacityDays: 8 })));
    for (const p of people) await asIfFromLastYear(p.id, 5);
    const [one, two] = await Promise.all([
      must(api, START, { input: { trustId: yearTrust, schoolYear: thisYear.label } }, admin, 'startSchoolYear'),
      must(api, START, { input: { trustId: yearTrust, schoolYear: thisYear.label } }, admin, 'startSchoolYear'),
    ]);
    expect(one.openedCount + two.openedCount).toBe(4);
    expect(await AuditEntry.countDocuments({ entityId: { $in: people.map((p) => decodeGlobalId(p.id)!.id) }, action: 'SCHOOL_YEAR_OPENED' })).toBe(4);
    for (const p of people) {
      expect((await capacityOf(p.id, lastYear.label)).capacity).toEqual({ schoolYear: lastYear.label, daysOffered: 8, daysCommitted: 5, daysLeft: 3 });
      expect((await capacityOf(p.id)).capacity).toMatchObject({ daysOffered: 8, daysLeft: 8 });
    }
  });

  it("changing one's days in a new year moves that person on first, leaving last year's record alone", async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    await asIfFromLastYear(person.id, 4);
    const updated = await must(api, UPDATE, { input: { id: person.id, capacityDays: 15 } }, admin, 'updateStaffMember');
    expect(updated.staffMember).toMatchObject({ capacityDays: 15, remainingDays: 15 });
    expect((await capacityOf(person.id, lastYear.label)).capacity).toEqual({ schoolYear: lastYear.label, daysOffered: 10, daysCommitted: 4, daysLeft: 6 });
  });

  it('refuses an offer below the days committed in a later year, writing nothing (not even moving the person on)', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const autumn = await raiseNeed(api, admin, receiving, { daysRequested: 6, windowStart: nextYearDay('09-21') });
    await must(api, PROPOSE, { input: { needId: autumn.id, staffId: person.id, days: 6 } }, admin, 'proposeDeployment');
    await asIfFromLastYear(person.id, 1);
    const res = await api.gql(UPDATE, { input: { id: person.id, capacityDays: 5 } }, { token: admin });
    expect(res.data.updateStaffMember.staffMember).toBeNull();
    expect(res.data.updateStaffMember.userErrors).toEqual([{ field: ['capacityDays'], code: 'BELOW_COMMITTED', message: expect.stringContaining('6 days') }]);
    const doc = await StaffMember.findById(decodeGlobalId(person.id)!.id).lean();
    expect(doc).toMatchObject({ capacityYear: lastYear.label, capacityDays: 10, remainingDays: 9 });
    expect((await capacityOf(person.id, nextYear.label)).capacity).toEqual({ schoolYear: nextYear.label, daysOffered: 10, daysCommitted: 6, daysLeft: 4 });
  });

  it('refuses other roles, other trusts and years other than the current one, writing nothing', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 9 });
    await asIfFromLastYear(person.id, 2);
    const teacher = await api.token('TEACHER', { staffId: person.id });
    const otherLead = await api.token('IMPROVEMENT_LEAD', { trustId: await createTrust(api, admin, 'Another Trust') });
    for (const token of [teacher, otherLead]) {
      const res = await api.gql(START, { input: { trustId, schoolYear: thisYear.label } }, { token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const cases: [string, string][] = [
      [nextYear.label, 'NOT_BEGUN'],
      [lastYear.label, 'YEAR_OVER'],
      ['next year', 'INVALID_SCHOOL_YEAR'],
    ];
    for (const [schoolYear, code] of cases) {
      const res = await api.gql(START, { input: { trustId, schoolYear } }, { token: lead });
      expect(res.data.startSchoolYear).toMatchObject({ schoolYear: null, openedCount: null, userErrors: [{ field: ['schoolYear'], code }] });
    }
    const doc = await StaffMember.findById(decodeGlobalId(person.id)!.id).lean();
    expect(doc?.capacityYear).toBe(lastYear.label);
  });
});

describe('records from before school years', () => {
  it('still reserve and give back days, and are given the current year at start-up', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 7 });
    const id = decodeGlobalId(person.id)!.id;
    await StaffMember.updateOne({ _id: id }, { $unset: { capacityYear: '', otherYears: '', capacityVersion: '' } });
    expect((await StaffMember.findById(id).lean())?.capacityYear).toBeUndefined();
    const need = await raiseNeed(api, admin, receiving, { daysRequested: 3 });
    const proposed = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 3 } }, admin, 'proposeDeployment');
    expect((await capacityOf(person.id)).capacity).toEqual({ schoolYear: thisYear.label, daysOffered: 7, daysCommitted: 3, daysLeft: 4 });
    await must(api, CANCEL, { input: { id: proposed.deployment.id } }, admin, 'cancelDeployment');
    expect((await capacityOf(person.id)).capacity.daysLeft).toBe(7);

    expect(await backfillCapacityYears()).toBeGreaterThanOrEqual(1);
    expect((await StaffMember.findById(id).lean())?.capacityYear).toBe(thisYear.label);
    expect(await backfillCapacityYears()).toBe(0);
  });
});
