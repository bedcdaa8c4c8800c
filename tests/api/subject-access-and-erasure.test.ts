// Subject access (GET /exports/me.json) and erasure of a leaver (eraseStaffMember), through
// HTTP on the real server and database (UK GDPR articles 15 and 17; issue 16).
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { type TestApi, startServer, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
const w = {} as Record<'T' | 'U' | 'A' | 'B' | 'X' | 'hub', string>;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { code message } } }`;
const MOVE = (name: string) => `mutation ($input: DeploymentIdInput!) { ${name}(input: $input) { deployment { id status } userErrors { code message } } }`;
const COMPLETE = `mutation ($input: CompleteDeploymentInput!) { completeDeployment(input: $input) { deployment { id status } userErrors { code message } } }`;
const UPDATE = `mutation ($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { staffMember { id } userErrors { code message } } }`;
const ENROL = `mutation ($input: EnrolUserInput!) { enrolUser(input: $input) { directoryUser { id } userErrors { code message } } }`;
const ERASE = `mutation ($input: EraseStaffMemberInput!) {
  eraseStaffMember(input: $input) {
    staffMember { id name email role safeguardingCheckExpiresOn capacityDays remainingDays designations expertise { area } }
    deploymentsKept auditEntriesRedacted directoryRecordsRemoved
    userErrors { field code message }
  }
}`;

async function exportFor(token: string | null, method = 'GET', server: { url: string } = api) {
  const response = await fetch(server.url.replace('/graphql', '/exports/me.json'), { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

/** A person at B who gave one completed deployment (with evidence naming them) to a need at A. */
async function personWithHistory(name: string, email: string) {
  const person = await createStaff(api, admin, w.B, { name, email, safeguardingCheckExpiresOn: '2031-01-31', designations: ['SLE'], capacityDays: 20 });
  const token = await api.token('TEACHER', { staffId: person.id, academyId: w.B });
  await must(api, UPDATE, { input: { id: person.id, maxTravelKm: 25, expertise: [{ area: 'MATHS', level: 'EXPERT', phases: ['PRIMARY'], evidence: `${name} lifted KS2 maths` }] } }, token, 'updateStaffMember');
  const need = await raiseNeed(api, admin, w.A, { daysRequested: 10 });
  const { deployment } = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 3 } }, admin, 'proposeDeployment');
  await must(api, MOVE('agreeDeployment'), { input: { id: deployment.id } }, admin, 'agreeDeployment');
  await must(api, MOVE('startDeployment'), { input: { id: deployment.id } }, admin, 'startDeployment');
  await must(api, COMPLETE, { input: { id: deployment.id, impactRating: 4, impactEvidence: `Thanks to ${name}, reading ages up` } }, admin, 'completeDeployment');
  const enrolled = await must(api, ENROL, { input: { email, name, role: 'TEACHER', staffMemberId: person.id } }, admin, 'enrolUser');
  return { person, token, needId: need.id as string, deploymentId: deployment.id as string, directoryId: enrolled.directoryUser.id as string };
}

/** Every document of every collection, as JSON (for "the erased data is nowhere"). */
async function everything(): Promise<string> {
  const db = mongoose.connection.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const parts: string[] = [];
  for (const name of names) parts.push(JSON.stringify(await db.collection(name).find({}).sort({ _id: 1 }).toArray()));
  return parts.join('\n');
}
const digest = async () => createHash('sha256').update(await everything()).digest('hex');

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'privacy-admin' });
  w.T = await createTrust(api, admin, 'Privacy Trust In');
  w.U = await createTrust(api, admin, 'Privacy Trust Out');
  w.A = await createAcademy(api, admin, { trustId: w.T });
  w.B = await createAcademy(api, admin, { trustId: w.T });
  w.X = await createAcademy(api, admin, { trustId: w.U });
  w.hub = (await must(api, CREATE_CLUSTER, { input: { name: 'Privacy Hub', trustId: w.T, leadAcademyId: w.A, memberAcademyIds: [w.B] } }, admin, 'createCluster')).cluster.id;
});
afterAll(() => api.close());

describe('subject access: GET /exports/me.json', () => {
  it('gives a person their staff record, directory record, deployments and the audit entries about them, and nothing of anyone else', async () => {
    const me = await personWithHistory('Sam Subject', 'sam.subject@example.org.uk');
    const other = await personWithHistory('Olive Other', 'olive.other@example.org.uk');
    const res = await exportFor(me.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="my-data.json"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = res.body;
    expect(body.about).toMatchObject({ sub: me.person.id, role: 'TEACHER', staffMemberId: me.person.id, directoryUserIds: [me.directoryId] });
    expect(body.staffMember).toMatchObject({ id: me.person.id, name: 'Sam Subject', email: 'sam.subject@example.org.uk', homeAcademyId: w.B, designations: ['SLE'], maxTravelKm: 25 });
    expect(body.staffMember.safeguardingCheckExpiresOn).toMatch(/^2031-01-31/);
    expect(body.directoryRecords.map((d: any) => [d.id, d.email])).toEqual([[me.directoryId, 'sam.subject@example.org.uk']]);
    expect(body.deployments.map((d: any) => [d.id, d.status, d.days, d.impactRating])).toEqual([[me.deploymentId, 'COMPLETED', 3, 4]]);
    const entries = body.auditEntries.map((e: any) => `${e.entityType}:${e.entityId === me.person.id || e.entityId === me.deploymentId || e.entityId === me.directoryId ? 'mine' : e.entityId}:${e.action}`);
    expect(entries).toEqual(
      expect.arrayContaining(['StaffMember:mine:CREATED', 'StaffMember:mine:UPDATED', 'Deployment:mine:PROPOSED', 'Deployment:mine:COMPLETE', 'DirectoryUser:mine:ENROLLED']),
    );
    // Changes they made themselves are theirs too (their own profile update, by their subject).
    expect(body.auditEntries.filter((e: any) => e.actor.sub === me.person.id).length).toBeGreaterThan(0);
    const text = JSON.stringify(body);
    for (const foreign of ['Olive Other', 'olive.other@example.org.uk', other.person.id, other.deploymentId]) expect(text).not.toContain(foreign);
  });

  it('answers a person with no staff record (an administrator) with empty sections, and POST alike', async () => {
    const res = await exportFor(admin, 'POST');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ about: { sub: 'privacy-admin', role: 'ADMIN', staffMemberId: null }, staffMember: null, directoryRecords: [], deployments: [] });
  });

  it.each([
    ['no token', null],
    ['a malformed token', 'not-a-jwt'],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_title, token) => {
    const res = await exportFor(token);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.staffMember).toBeUndefined();
  });
});

describe('subject access is audited and rate-limited', () => {
  const HISTORY = `query ($id: ID!) { history(id: $id) { action at actor { sub role } } }`;
  const exportsIn = async (id: string) => ((await api.gql(HISTORY, { id }, { token: admin })).data.history as any[]).filter((e) => e.action === 'EXPORTED');

  it('records who exported, and when, on the staff record and the directory record, before answering', async () => {
    const me = await personWithHistory('Ada Audited', 'ada.audited@example.org.uk');
    expect(await exportsIn(me.person.id)).toEqual([]);
    const before = Date.now();
    const res = await exportFor(me.token);
    expect(res.status).toBe(200);
    const after = Date.now();
    for (const id of [me.person.id, me.directoryId]) {
      const entries = await exportsIn(id);
      expect(entries).toEqual([{ action: 'EXPORTED', at: expect.any(String), actor: { sub: me.person.id, role: 'TEACHER' } }]);
      const at = new Date(entries[0].at).getTime();
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
    }
    // The next export shows the person the earlier one.
    const again = await exportFor(me.token);
    expect(again.body.auditEntries.filter((e: any) => e.action === 'EXPORTED' && e.entityId === me.person.id)).toHaveLength(1);
    expect(await exportsIn(me.person.id)).toHaveLength(2);
  });

  it('allows each person SUBJECT_ACCESS_EXPORTS_PER_HOUR exports an hour, refusing more with 429 and writing no audit entry for them', async () => {
    const limited = await startServer({ config: { security: { exportsPerHour: 2 } } });
    try {
      const me = await personWithHistory('Rita Repeat', 'rita.repeat@example.org.uk');
      const other = await personWithHistory('Otto Other', 'otto.other@example.org.uk');
      expect((await exportFor(me.token, 'GET', limited)).status).toBe(200);
      expect((await exportFor(me.token, 'POST', limited)).status).toBe(200);
      const refused = await exportFor(me.token, 'GET', limited);
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect(refused.body.errors[0].message).toMatch(/^Too many exports of your data: at most 2 an hour\. .*retry after \d+ s/);
      expect(refused.body.staffMember).toBeUndefined();
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Only the two exports answered are audited.
      expect(await exportsIn(me.person.id)).toHaveLength(2);
      // Another person has their own allowance.
      expect((await exportFor(other.token, 'GET', limited)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('erasure of a leaver: eraseStaffMember', () => {
  it.each([
    ['the person themself', async (p: { person: { id: string } }) => api.token('TEACHER', { staffId: p.person.id, academyId: w.B })],
    ['their headteacher', async () => api.token('HEADTEACHER', { academyId: w.B, trustId: w.T })],
    ['their executive head', async () => api.token('EXECUTIVE_HEAD', { clusterId: w.hub, trustId: w.T })],
    ['the improvement lead of another trust', async () => api.token('IMPROVEMENT_LEAD', { trustId: w.U })],
  ])('refuses %s FORBIDDEN, writing nothing', async (_title, tokenFor) => {
    const p = await personWithHistory(`Refused ${_title}`, `refused.${_title.replace(/\W+/g, '.')}@example.org.uk`);
    const before = await digest();
    const res = await api.gql(ERASE, { input: { staffId: p.person.id } }, { token: await tokenFor(p) });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toBe("Forbidden: a person's data is erased only by ADMIN, or the improvement lead of the trust of the person's school");
    expect(await digest()).toBe(before);
  });

  it('refuses without a token, and a person with a live deployment, writing nothing', async () => {
    const person = await createStaff(api, admin, w.B, { name: 'Still Busy', email: 'still.busy@example.org.uk' });
    const need = await raiseNeed(api, admin, w.A, { daysRequested: 5 });
    await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2 } }, admin, 'proposeDeployment');
    const before = await digest();
    const anonymous = await api.gql(ERASE, { input: { staffId: person.id } }, { token: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const busy = await api.gql(ERASE, { input: { staffId: person.id } }, { token: admin });
    expect(busy.data.eraseStaffMember.userErrors).toEqual([{ field: ['staffId'], code: 'LIVE_DEPLOYMENTS', message: expect.stringContaining('PROPOSED') }]);
    const unknown = await api.gql(ERASE, { input: { staffId: 'nonsense' } }, { token: admin });
    expect(unknown.data.eraseStaffMember.userErrors).toEqual([{ field: ['staffId'], code: 'INVALID_ID', message: 'staffId is not a valid StaffMember ID' }]);
    expect(await digest()).toBe(before);
  });

  it('lets their trust’s improvement lead erase them: the personal data is nowhere in the database, the deployment and its impact remain, and the erasure is audited', async () => {
    const p = await personWithHistory('Lee Leaver', 'Lee.Leaver@example.org.uk');
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId: w.T, sub: 'lead-of-t' });
    const res = await api.gql(ERASE, { input: { staffId: p.person.id } }, { token: lead });
    expect(res.errors).toBeUndefined();
    expect(res.data.eraseStaffMember).toMatchObject({
      staffMember: { id: p.person.id, name: 'Former staff member', role: 'MIDDLE_LEADER', safeguardingCheckExpiresOn: null, capacityDays: 3, remainingDays: 0, designations: [], expertise: [] },
      deploymentsKept: 1,
      directoryRecordsRemoved: 1,
      userErrors: [],
    });
    expect(res.data.eraseStaffMember.staffMember.email).not.toMatch(/lee/i);
    expect(res.data.eraseStaffMember.auditEntriesRedacted).toBeGreaterThanOrEqual(3);

    // Nothing the person was identified by is left anywhere: records, audit trail, sign-in.
    const all = (await everything()).toLowerCase();
    expect(['lee leaver', 'lee.leaver@example.org.uk', 'thanks to lee'].filter((erased) => all.includes(erased))).toEqual([]);
    const trail = await api.gql(`query ($id: ID!) { history(id: $id, first: 100) { changes { field from to } } }`, { id: p.person.id }, { token: admin });
    const values = trail.data.history.flatMap((e: any) => e.changes.filter((c: any) => c.field === 'safeguardingCheckExpiresOn' || c.field === 'expertise'));
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((c: any) => [c.from, c.to].some((v) => v !== null && v !== 'null' && v !== '"[erased]"'))).toEqual([]);

    // The deployment stays, with its days, status and impact: the school's record stays true.
    const need = await api.gql(
      `query ($n: ID!) { node(id: $n) { ... on ImprovementNeed { daysCovered deployments { id status days impactRating impactEvidence staffMember { name } } } } }`,
      { n: p.needId },
      { token: admin },
    );
    expect(need.data.node).toEqual({ daysCovered: 3, deployments: [{ id: p.deploymentId, status: 'COMPLETED', days: 3, impactRating: 4, impactEvidence: null, staffMember: { name: 'Former staff member' } }] });

    // Audited, by whom, naming the fields erased and not their values.
    const history = await api.gql(`query ($id: ID!) { history(id: $id, first: 1) { action actor { sub role } changes { field to } } }`, { id: p.person.id }, { token: admin });
    expect(history.data.history[0]).toMatchObject({ action: 'ERASED', actor: { sub: 'lead-of-t', role: 'IMPROVEMENT_LEAD' } });
    expect(history.data.history[0].changes.map((c: { field: string }) => c.field).sort()).toEqual(['deploymentsKept', 'erasedFields']);

    // Never ranked again; their former token's subject access shows the erased record.
    const ranking = await api.gql(`query ($n: ID!) { rankCandidates(needId: $n, first: 100) { candidates { candidate { ... on StaffMember { id } } } } }`, { n: (await raiseNeed(api, admin, w.A)).id }, { token: admin });
    expect(ranking.data.rankCandidates.candidates.map((c: any) => c.candidate.id)).not.toContain(p.person.id);
    const exported = await exportFor(p.token);
    expect(exported.body.staffMember).toMatchObject({ name: 'Former staff member', safeguardingCheckExpiresOn: null });
    expect(exported.body.directoryRecords).toEqual([]);
  });
});
