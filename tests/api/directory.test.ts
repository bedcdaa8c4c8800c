// The user directory: who may sign in with the OpenID Connect issuer, as which role. Managed
// by ADMIN, and by an improvement lead for their own trust only; every write audited; bad
// input named field by field with nothing written. (Sign-in itself: sign-in.test.ts.)
import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must } from '../support/world';

let api: TestApi;
let admin: string;
let northLead: string;
let north: string;
let south: string;
let northSchool: string;
let northSchool2: string;
let southSchool: string;
let northHub: string;
let northTeacher: string;

const ENROL = `mutation ($input: EnrolUserInput!) {
  enrolUser(input: $input) {
    directoryUser { id email subject name role trust { id } cluster { id } academy { id } staffMember { id } }
    userErrors { field message code }
  }
}`;
const UPDATE = `mutation ($input: UpdateDirectoryUserInput!) {
  updateDirectoryUser(input: $input) { directoryUser { id email role trust { id } academy { id } } userErrors { field message code } }
}`;
const REMOVE = `mutation ($input: RemoveDirectoryUserInput!) { removeDirectoryUser(input: $input) { removedId userErrors { field message code } } }`;
const LIST = `query ($filter: DirectoryUserFilter) { directoryUsers(first: 50, filter: $filter) { edges { node { email role trust { id } } } } }`;

async function emails(token: string, filter?: Record<string, unknown>): Promise<string[]> {
  const res = await api.gql(LIST, { filter }, { token });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.directoryUsers.edges.map((e: any) => e.node.email);
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  north = await createTrust(api, admin, 'North Trust');
  south = await createTrust(api, admin, 'South Trust');
  northSchool = await createAcademy(api, admin, { name: 'North Primary', trustId: north });
  northSchool2 = await createAcademy(api, admin, { name: 'North Juniors', trustId: north });
  southSchool = await createAcademy(api, admin, { name: 'South Primary', trustId: south });
  const northSchool3 = await createAcademy(api, admin, { name: 'North Infants', trustId: north });
  northHub = (await must(api, CREATE_CLUSTER, { input: { name: 'North Hub', trustId: north, leadAcademyId: northSchool, memberAcademyIds: [northSchool2, northSchool3] } }, admin, 'createCluster')).cluster.id;
  northTeacher = (await createStaff(api, admin, northSchool, { role: 'TEACHER' })).id;
  northLead = await api.token('IMPROVEMENT_LEAD', { trustId: north, sub: 'north-lead' });
});
afterAll(() => api.close());

describe('enrolUser', () => {
  it("derives a record's scopes from the records it names and audits who enrolled whom", async () => {
    const res = await api.gql(ENROL, { input: { email: 'T.One@North.example', name: 'Tee One', role: 'TEACHER', staffMemberId: northTeacher } }, { token: northLead });
    expect(res.errors).toBeUndefined();
    const { directoryUser, userErrors } = res.data.enrolUser;
    expect(userErrors).toEqual([]);
    expect(directoryUser).toMatchObject({
      email: 'T.One@North.example',
      subject: null,
      role: 'TEACHER',
      trust: { id: north },
      cluster: { id: northHub },
      academy: { id: northSchool },
      staffMember: { id: northTeacher },
    });
    const history = await api.gql(`query ($id: ID!) { history(id: $id) { action actor { sub role } changes { field to } } }`, { id: directoryUser.id }, { token: admin });
    expect(history.data.history[0]).toMatchObject({ action: 'ENROLLED', actor: { sub: 'north-lead', role: 'IMPROVEMENT_LEAD' } });
    // Values are recorded as JSON, as for every audited record.
    expect(history.data.history[0].changes).toEqual(expect.arrayContaining([{ field: 'role', to: '"TEACHER"' }, { field: 'email', to: '"T.One@North.example"' }]));
  });

  it('names the field of bad input and writes nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: 'not-an-email', role: 'ADMIN' }, 'email', 'INVALID'],
      [{ email: 'head@north.example', role: 'HEADTEACHER' }, 'academyId', 'REQUIRED'],
      [{ email: 'teach@north.example', role: 'TEACHER' }, 'staffMemberId', 'REQUIRED'],
      [{ email: 'eh@north.example', role: 'EXECUTIVE_HEAD', academyId: northSchool }, 'clusterId', 'REQUIRED'],
      [{ email: 'lead2@north.example', role: 'IMPROVEMENT_LEAD' }, 'trustId', 'REQUIRED'],
      [{ email: 'x@north.example', role: 'HEADTEACHER', academyId: northTeacher }, 'academyId', 'INVALID_ID'],
      [{ email: 'x@north.example', role: 'HEADTEACHER', academyId: southSchool, trustId: north }, 'trustId', 'INCONSISTENT'],
      [{ email: 'x@north.example', role: 'TEACHER', staffMemberId: northTeacher, academyId: northSchool2 }, 'staffMemberId', 'INCONSISTENT'],
      [{ email: 't.one@north.example', role: 'ADMIN' }, 'email', 'TAKEN'],
    ];
    const before = await emails(admin);
    for (const [input, field, code] of cases) {
      const res = await api.gql(ENROL, { input }, { token: admin });
      expect(res.errors).toBeUndefined();
      expect(res.data.enrolUser.directoryUser).toBeNull();
      expect(res.data.enrolUser.userErrors).toEqual([{ field: [field], code, message: expect.stringContaining(field) }]);
    }
    expect(await emails(admin)).toEqual(before);
  });

  it("lets an improvement lead enrol only their own trust's people, and never as ADMIN", async () => {
    const other = await api.gql(ENROL, { input: { email: 'head@south.example', role: 'HEADTEACHER', academyId: southSchool } }, { token: northLead });
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/own trust only/) });
    const raise = await api.gql(ENROL, { input: { email: 'boss@north.example', role: 'ADMIN' } }, { token: northLead });
    expect(raise.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const role of ['TEACHER', 'HEADTEACHER', 'EXECUTIVE_HEAD'] as const) {
      const token = await api.token(role, { trustId: north, academyId: northSchool, clusterId: northHub, staffId: northTeacher });
      const res = await api.gql(ENROL, { input: { email: `by-${role}@north.example`, role: 'TEACHER', staffMemberId: northTeacher } }, { token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await api.gql(ENROL, { input: { email: 'anon@north.example', role: 'TEACHER', staffMemberId: northTeacher } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await emails(admin)).toEqual(['T.One@North.example']);
  });

  it('keeps subjects unique', async () => {
    const first = await api.gql(ENROL, { input: { email: 'sub1@north.example', subject: 'abc-123', role: 'HEADTEACHER', academyId: northSchool2 } }, { token: admin });
    expect(first.data.enrolUser.userErrors).toEqual([]);
    const second = await api.gql(ENROL, { input: { email: 'sub2@north.example', subject: 'abc-123', role: 'HEADTEACHER', academyId: northSchool2 } }, { token: admin });
    expect(second.data.enrolUser.userErrors).toEqual([{ field: ['subject'], code: 'TAKEN', message: expect.stringContaining('abc-123') }]);
  });
});

describe('directoryUsers', () => {
  it("lists every record for ADMIN and only their own trust's for a lead", async () => {
    await must(api, ENROL, { input: { email: 'head@south.example', role: 'HEADTEACHER', academyId: southSchool } }, admin, 'enrolUser');
    expect(await emails(admin)).toEqual(['head@south.example', 'sub1@north.example', 'T.One@North.example']);
    expect(await emails(admin, { trustId: south })).toEqual(['head@south.example']);
    expect(await emails(northLead)).toEqual(['sub1@north.example', 'T.One@North.example']);
    const peek = await api.gql(LIST, { filter: { trustId: south } }, { token: northLead });
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const teacher = await api.token('TEACHER', { staffId: northTeacher });
    expect((await api.gql(LIST, {}, { token: teacher })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("does not show another trust's record to a lead through node()", async () => {
    const south1 = (await api.gql(LIST, { filter: { trustId: south } }, { token: admin })).data.directoryUsers.edges[0].node;
    expect(south1.email).toBe('head@south.example');
    const id = (await api.gql(`{ directoryUsers(first: 1, filter: { emailContains: "south" }) { edges { node { id } } } }`, {}, { token: admin })).data.directoryUsers.edges[0].node.id;
    const res = await api.gql(`query ($id: ID!) { node(id: $id) { ... on DirectoryUser { email } } }`, { id }, { token: northLead });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.node ?? null).toBeNull();
  });
});

describe('updateDirectoryUser and removeDirectoryUser', () => {
  it('changes a record, audited field by field; a lead cannot move it out of their trust', async () => {
    const id = (await api.gql(`{ directoryUsers(first: 1, filter: { emailContains: "sub1" }) { edges { node { id } } } }`, {}, { token: admin })).data.directoryUsers.edges[0].node.id;
    const moved = await api.gql(UPDATE, { input: { id, email: 'sub1@north.example', subject: 'abc-123', role: 'HEADTEACHER', academyId: southSchool } }, { token: northLead });
    expect(moved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await api.gql(UPDATE, { input: { id, email: 'sub1@north.example', subject: 'abc-123', role: 'EXECUTIVE_HEAD', clusterId: northHub } }, { token: northLead });
    expect(res.data.updateDirectoryUser).toEqual({ directoryUser: { id, email: 'sub1@north.example', role: 'EXECUTIVE_HEAD', trust: { id: north }, academy: null }, userErrors: [] });
    const history = await api.gql(`query ($id: ID!) { history(id: $id, first: 1) { action changes { field from to } } }`, { id }, { token: admin });
    expect(history.data.history[0].action).toBe('UPDATED');
    expect(history.data.history[0].changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role', from: '"HEADTEACHER"', to: '"EXECUTIVE_HEAD"' })]));
  });

  it('removes a record, audited; a lead cannot remove another trust\'s', async () => {
    const southId = (await api.gql(`{ directoryUsers(first: 1, filter: { emailContains: "south" }) { edges { node { id } } } }`, {}, { token: admin })).data.directoryUsers.edges[0].node.id;
    const refused = await api.gql(REMOVE, { input: { id: southId } }, { token: northLead });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const removed = await api.gql(REMOVE, { input: { id: southId } }, { token: admin });
    expect(removed.data.removeDirectoryUser).toEqual({ removedId: southId, userErrors: [] });
    const again = await api.gql(REMOVE, { input: { id: southId } }, { token: admin });
    expect(again.data.removeDirectoryUser).toEqual({ removedId: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: expect.any(String) }] });
    const history = await api.gql(`query ($id: ID!) { history(id: $id, first: 1) { action actor { role } } }`, { id: southId }, { token: admin });
    expect(history.data.history[0]).toEqual({ action: 'REMOVED', actor: { role: 'ADMIN' } });
  });
});

describe('viewer', () => {
  it('is null without a token, and says who a service token is', async () => {
    expect((await api.gql(`{ viewer { role } }`)).data.viewer).toBeNull();
    const res = await api.gql(`{ viewer { subject role signedInWith trust { id } directoryUser { id } } }`, {}, { token: northLead });
    expect(res.data.viewer).toEqual({ subject: 'north-lead', role: 'IMPROVEMENT_LEAD', signedInWith: 'SERVICE_TOKEN', trust: { id: north }, directoryUser: null });
  });

  it('is an UNAUTHENTICATED error for a token that is not valid', async () => {
    const res = await api.gql(`{ viewer { role } }`, {}, { token: 'not.a.token' });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
