// Closed schools, through the GIAS import and the API: a school the register lists as closed
// is marked closed (kept, with its close date), its open needs are withdrawn with a reason
// the lead can read, a need already under way is left to the lead, its staff are no longer
// ranked (HOME_SCHOOL_CLOSED) or proposed, and no new need can be raised there.
// The register fixture (tests/fixtures/gias/edubasealldata-sample.csv) lists URN 199011,
// Bodmin Old Junior School, as closed on 31-08-2019.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importGiasFile } from '../../server/import/gias';
import { AuditEntry } from '../../server/models/audit-entry';
import { setExternalWriteCheckInterval } from '../../server/db/read-cache';
import { type TestApi, startTestApi } from '../support/test-api';
import { createStaff, createTrust, must, RAISE_NEED, raiseNeed, UPSERT_ACADEMY } from '../support/world';

jest.setTimeout(120_000);

const SAMPLE = resolve(__dirname, '../fixtures/gias/edubasealldata-sample.csv');
const CLOSED_URN = '199011';
const NEED = `query ($id: ID!) { node(id: $id) { ... on ImprovementNeed { status withdrawnReason academy { status closedOn } } } }`;
const RANK = `query ($needId: ID!) {
  rankCandidates(needId: $needId, first: 20) { exclusions { reason count } candidates { candidate { ... on StaffMember { id } } } }
}`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) { deployment { id status } userErrors { field message code } }
}`;
const PLAN = `query ($input: PlanAllocationInput!) { planAllocation(input: $input) { plan { assignments { staffMember { id } } } userErrors { field message code } } }`;

let api: TestApi;
let admin: string;
let trustId: string;
const id = { closing: '', other: '', third: '', closingTeacher: '', otherTeacher: '', openNeed: '', matchedNeed: '', needElsewhere: '' };

beforeAll(async () => {
  api = await startTestApi();
  setExternalWriteCheckInterval(0);
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Kernow Learning');
  const school = async (urn: string, name: string) =>
    (await must(api, UPSERT_ACADEMY, { input: { urn, name, phase: 'PRIMARY', ofstedRating: 'GOOD', fsmPercent: 30, pupils: 200, postcode: 'PL31 1EZ', latitude: 50.47, longitude: -4.72, trustId } }, admin, 'upsertAcademy')).academy.id;
  id.closing = await school(CLOSED_URN, 'Bodmin Old Junior School');
  id.other = await school('150001', 'Lanivet Primary');
  id.third = await school('150002', 'Nanstallon Primary');
  id.closingTeacher = (await createStaff(api, admin, id.closing)).id;
  id.otherTeacher = (await createStaff(api, admin, id.third)).id;
  id.openNeed = (await raiseNeed(api, admin, id.closing, { area: 'ENGLISH' })).id;
  // A need at the closing school already matched: a deployment is proposed for all its days.
  id.matchedNeed = (await raiseNeed(api, admin, id.closing, { area: 'MATHS', daysRequested: 2 })).id;
  await must(api, PROPOSE, { input: { needId: id.matchedNeed, staffId: id.otherTeacher, days: 2 } }, admin, 'proposeDeployment');
  id.needElsewhere = (await raiseNeed(api, admin, id.other)).id;
});
afterAll(async () => {
  setExternalWriteCheckInterval(2_000);
  await api.close();
});

async function need(needId: string) {
  const res = await api.gql(NEED, { id: needId }, { token: admin });
  expect(res.errors).toBeUndefined();
  return res.data.node;
}
async function ranking(needId: string) {
  const res = await api.gql(RANK, { needId }, { token: admin });
  expect(res.errors).toBeUndefined();
  const r = res.data.rankCandidates;
  return { ids: r.candidates.map((c: any) => c.candidate.id) as string[], closed: r.exclusions.find((e: any) => e.reason === 'HOME_SCHOOL_CLOSED').count as number, reasons: r.exclusions.map((e: any) => e.reason) as string[] };
}

it('while open, the school and its staff are like any other', async () => {
  expect(await need(id.openNeed)).toEqual({ status: 'OPEN', withdrawnReason: null, academy: { status: 'OPEN', closedOn: null } });
  const r = await ranking(id.needElsewhere);
  expect(r.ids).toContain(id.closingTeacher);
  expect(r.closed).toBe(0);
  expect(r.reasons[r.reasons.length - 1]).toBe('HOME_SCHOOL_CLOSED'); // added at the end of ExclusionReason
});

it('a dry run says what would close and be withdrawn, and changes nothing', async () => {
  const s = await importGiasFile(SAMPLE, { dryRun: true });
  expect(s.closedHere).toEqual({ count: 1, listed: [{ line: 13, urn: CLOSED_URN, reason: 'closed in GIAS: marked closed here' }] });
  expect(s.needsWithdrawn).toBe(1);
  expect((await need(id.openNeed)).status).toBe('OPEN');
});

describe('the import marks the school closed', () => {
  beforeAll(async () => {
    const s = await importGiasFile(SAMPLE);
    expect(s.closedHere.count).toBe(1);
    expect(s.needsWithdrawn).toBe(1);
  });

  it('with its close date; its open need withdrawn with a reason the lead can read', async () => {
    expect(await need(id.openNeed)).toEqual({
      status: 'CLOSED',
      withdrawnReason: 'The school has closed (the register, GIAS, lists it as closed from 31 Aug 2019): withdrawn by the GIAS import.',
      academy: { status: 'CLOSED', closedOn: '2019-08-31' },
    });
  });

  it('leaves a need already under way to the lead', async () => {
    expect(await need(id.matchedNeed)).toMatchObject({ status: 'MATCHED', withdrawnReason: null });
  });

  it('its staff are no longer ranked, counted under HOME_SCHOOL_CLOSED', async () => {
    const r = await ranking(id.needElsewhere);
    expect(r.ids).not.toContain(id.closingTeacher);
    expect(r.ids).toContain(id.otherTeacher);
    expect(r.closed).toBe(1);
  });

  it('nor proposed, nor planned', async () => {
    const res = await api.gql(PROPOSE, { input: { needId: id.needElsewhere, staffId: id.closingTeacher, days: 2 } }, { token: admin });
    expect(res.data.proposeDeployment).toMatchObject({ deployment: null, userErrors: [{ field: ['staffId'], code: 'HOME_SCHOOL_CLOSED' }] });
    const plan = await api.gql(PLAN, { input: { trustId } }, { token: admin });
    expect(plan.errors).toBeUndefined();
    expect(plan.data.planAllocation.userErrors).toEqual([]);
    const planned = plan.data.planAllocation.plan.assignments.map((a: any) => a.staffMember.id);
    expect(planned).toContain(id.otherTeacher); // the plan does plan people: just not this one
    expect(planned).not.toContain(id.closingTeacher);
  });

  it('no new need can be raised there', async () => {
    const res = await api.gql(RAISE_NEED, { input: { academyId: id.closing, area: 'SEND', phase: 'PRIMARY', severity: 'HIGH', description: 'Pupils with SEND need a new support plan', daysRequested: 2 } }, { token: admin });
    expect(res.data.raiseNeed).toMatchObject({ need: null, userErrors: [{ field: ['academyId'], code: 'ACADEMY_CLOSED' }] });
  });

  it('audits the closure and the withdrawal as the import', async () => {
    const entries = await AuditEntry.find({ action: { $in: ['CLOSED', 'WITHDRAWN'] } }).lean();
    expect(entries.map((e) => `${e.entityType}:${e.action}:${e.actor.sub}`).sort()).toEqual(['Academy:CLOSED:gias-import', 'ImprovementNeed:WITHDRAWN:gias-import']);
  });

  it('a re-run changes nothing more', async () => {
    const s = await importGiasFile(SAMPLE);
    expect(s).toMatchObject({ closedHere: { count: 0, listed: [] }, needsWithdrawn: 0 });
    expect(await AuditEntry.countDocuments({ action: { $in: ['CLOSED', 'WITHDRAWN'] } })).toBe(2);
  });
});

describe('a school the register lists as open again', () => {
  // The same register, with Bodmin Old Junior School's row saying Open: a closure reversed in
  // GIAS, or the school reopened.
  let reopenedRegister = '';
  beforeAll(() => {
    const lines = readFileSync(SAMPLE, 'latin1').split('\n');
    expect(lines[12]).toMatch(/^199011,.*"2","Closed"/);
    lines[12] = lines[12]!.replace('"2","Closed"', '"1","Open"');
    const dir = mkdtempSync(join(tmpdir(), 'gias-reopen-'));
    reopenedRegister = join(dir, 'edubasealldata-reopened.csv');
    writeFileSync(reopenedRegister, lines.join('\n'), 'latin1');
  });

  it('a dry run says it would reopen it, and changes nothing', async () => {
    const s = await importGiasFile(reopenedRegister, { dryRun: true });
    expect(s.reopenedHere).toEqual({ count: 1, listed: [{ line: 13, urn: CLOSED_URN, reason: 'open in GIAS again: reopened here' }] });
    expect((await need(id.openNeed)).academy).toEqual({ status: 'CLOSED', closedOn: '2019-08-31' });
  });

  it('is reopened, audited as the import: its staff are ranked again and needs can be raised; what was withdrawn stays withdrawn', async () => {
    const s = await importGiasFile(reopenedRegister);
    expect(s.reopenedHere.count).toBe(1);
    expect(s.closedHere.count).toBe(0);
    expect((await need(id.openNeed)).academy).toEqual({ status: 'OPEN', closedOn: null });
    expect((await need(id.openNeed)).status).toBe('CLOSED');
    const r = await ranking(id.needElsewhere);
    expect(r.ids).toContain(id.closingTeacher);
    expect(r.closed).toBe(0);
    await raiseNeed(api, admin, id.closing, { area: 'SEND' });
    const reopened = await AuditEntry.find({ action: 'REOPENED' }).lean();
    expect(reopened.map((e) => `${e.entityType}:${e.actor.sub}`)).toEqual(['Academy:gias-import']);
    // A re-run changes nothing more.
    expect((await importGiasFile(reopenedRegister)).reopenedHere.count).toBe(0);
  });
});

