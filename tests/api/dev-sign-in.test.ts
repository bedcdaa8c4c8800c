// The development sign-in (devSignInPeople, devSignIn) and `viewer`, through HTTP on the demo
// data: everyone the records imply is listed by role, each sign-in gives a token scoped like
// that person, bad input is named field by field, and production refuses both fields.
import { buildDemoDataset } from '../../seeds/demo';
import { loadDataset } from '../../seeds/load';
import { encodeGlobalId } from '../../server/auth/global-id';
import { mintToken } from '../../server/auth/tokens';
import { ConfigError, loadConfig } from '../../server/config';
import { TEST_JWT_SECRET, type TestApi, startServer, startTestApi } from '../support/test-api';

let api: TestApi;
const demo = buildDemoDataset();
const HEAD_POSTS = ['HEADTEACHER', 'EXECUTIVE_HEADTEACHER'];

const PEOPLE = `query ($roles: [Role!], $academyId: ID, $first: Int) {
  devSignInPeople(roles: $roles, academyId: $academyId, first: $first) {
    role name label scopeId staffMemberId academy { id name } cluster { id name } trust { id name }
  }
}`;
const SIGN_IN = `mutation ($input: DevSignInInput!) { devSignIn(input: $input) { token expiresAt role userErrors { field message code } } }`;
const VIEWER = `{ viewer { subject role staffMember { id name email } academy { id } cluster { id } trust { id } } }`;

async function signIn(role: string, scopeId: string | null) {
  const response = await api.gql(SIGN_IN, { input: { role, scopeId } });
  expect(response.errors).toBeUndefined();
  return response.data.devSignIn;
}

beforeAll(async () => {
  api = await startTestApi();
  await loadDataset(demo);
});
afterAll(() => api.close());

describe('devSignInPeople lists everyone one can sign in as, by role, without a token', () => {
  let people: any[];
  beforeAll(async () => {
    const response = await api.gql(PEOPLE, { first: 500 });
    expect(response.errors).toBeUndefined();
    people = response.data.devSignInPeople;
  });
  const of = (role: string) => people.filter((p) => p.role === role);

  it('puts ADMIN first, then leads, executive heads, headteachers and teachers', () => {
    const order = ['ADMIN', 'IMPROVEMENT_LEAD', 'EXECUTIVE_HEAD', 'HEADTEACHER', 'TEACHER'];
    const ranks = people.map((p) => order.indexOf(p.role));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(of('ADMIN')).toEqual([expect.objectContaining({ scopeId: null, staffMemberId: null })]);
  });

  it('has one improvement lead per trust and one executive head per hub, named from the records', () => {
    expect(of('IMPROVEMENT_LEAD').map((p) => p.trust.name).sort()).toEqual(demo.trusts.map((t) => t.name).sort());
    expect(of('IMPROVEMENT_LEAD').every((p) => p.scopeId === p.trust.id)).toBe(true);
    const heads = of('EXECUTIVE_HEAD');
    expect(heads.map((p) => p.cluster.name).sort()).toEqual(demo.clusters.map((c) => c.name).sort());
    for (const head of heads) {
      const cluster = demo.clusters.find((c) => c.name === head.cluster.name)!;
      const person = demo.staff.find((s) => s.email === cluster.executiveHeadEmail)!;
      expect(head).toMatchObject({ name: person.name, scopeId: head.cluster.id, staffMemberId: expect.any(String) });
    }
  });

  it("has every school's headteacher, and every other member of staff as a teacher with their school", () => {
    const heads = of('HEADTEACHER');
    expect(heads.map((p) => p.academy.name).sort()).toEqual(demo.academies.map((a) => a.name).sort());
    for (const head of heads) {
      const urn = demo.academies.find((a) => a.name === head.academy.name)!.urn;
      const onRecord = demo.staff.filter((s) => s.homeAcademyUrn === urn && s.role === 'HEADTEACHER').map((s) => s.name).sort();
      expect(head.scopeId).toBe(head.academy.id);
      if (onRecord.length) expect(head.name).toBe(onRecord[0]);
    }
    const teachers = of('TEACHER');
    const expected = demo.staff.filter((s) => !HEAD_POSTS.includes(s.role));
    expect(teachers.map((p) => p.name).sort()).toEqual(expected.map((s) => s.name).sort());
    for (const teacher of teachers) {
      const record = expected.find((s) => s.name === teacher.name)!;
      expect(teacher.academy.name).toBe(demo.academies.find((a) => a.urn === record.homeAcademyUrn)!.name);
      expect(teacher.scopeId).toBe(teacher.staffMemberId);
    }
  });

  it('filters by role and academy, and caps the list at `first`', async () => {
    const teacher = of('TEACHER')[0];
    const atSchool = (await api.gql(PEOPLE, { academyId: teacher.academy.id, roles: ['HEADTEACHER', 'TEACHER'] })).data.devSignInPeople;
    expect(new Set(atSchool.map((p: any) => p.academy.id))).toEqual(new Set([teacher.academy.id]));
    expect(atSchool.filter((p: any) => p.role === 'HEADTEACHER')).toHaveLength(1);
    expect(atSchool.map((p: any) => p.name)).toContain(teacher.name);
    const leads = (await api.gql(PEOPLE, { roles: ['IMPROVEMENT_LEAD'] })).data.devSignInPeople;
    expect(leads).toEqual(of('IMPROVEMENT_LEAD'));
    expect((await api.gql(PEOPLE, { first: 3 })).data.devSignInPeople).toEqual(people.slice(0, 3));
    const tooMany = await api.gql('query ($first: Int) { devSignInPeople(first: $first) { name } }', { first: 1001 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const notAnAcademy = await api.gql(PEOPLE, { academyId: of('IMPROVEMENT_LEAD')[0].trust.id });
    expect(notAnAcademy.errors?.[0]).toMatchObject({ message: expect.stringContaining('academyId'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('signs in as each listed person with a token scoped like theirs', async () => {
    // Every lead, executive head and headteacher, and the teachers of one school.
    const school = of('TEACHER')[0].academy.id;
    const sample = people.filter((p) => p.role !== 'TEACHER' || p.academy.id === school);
    for (const person of sample) {
      const result = await signIn(person.role, person.scopeId);
      expect(result).toMatchObject({ role: person.role, userErrors: [] });
      expect(Date.parse(result.expiresAt)).toBeGreaterThan(Date.now());
      const { data, errors } = await api.gql(VIEWER, {}, { token: result.token });
      expect(errors).toBeUndefined();
      expect(data.viewer).toMatchObject({
        role: person.role,
        staffMember: person.staffMemberId ? { id: person.staffMemberId, name: person.name, email: expect.stringContaining('@') } : null,
        trust: person.role === 'TEACHER' ? null : person.trust ? { id: person.trust.id } : null,
        cluster: person.role === 'EXECUTIVE_HEAD' ? { id: person.cluster.id } : null,
        academy: person.role === 'HEADTEACHER' || person.role === 'TEACHER' ? { id: person.academy.id } : null,
      });
    }
  });

  it('gives tokens that act with the person’s rights: a teacher edits their own profile, not a colleague’s', async () => {
    const [me, colleague] = of('TEACHER').filter((p) => p.academy.id === of('TEACHER')[0].academy.id);
    const { token } = await signIn('TEACHER', me.scopeId);
    const UPDATE = `mutation ($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { staffMember { maxTravelKm } userErrors { field code } } }`;
    const own = await api.gql(UPDATE, { input: { id: me.staffMemberId, maxTravelKm: 33 } }, { token });
    expect(own.data.updateStaffMember).toEqual({ staffMember: { maxTravelKm: 33 }, userErrors: [] });
    const other = await api.gql(UPDATE, { input: { id: colleague.staffMemberId, maxTravelKm: 33 } }, { token });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('devSignIn names bad input field by field and makes no token', () => {
  let ids: { trust: string; staff: string };
  beforeAll(async () => {
    const people = (await api.gql(PEOPLE, { roles: ['IMPROVEMENT_LEAD', 'TEACHER'], first: 5 })).data.devSignInPeople;
    ids = { trust: people.find((p: any) => p.role === 'IMPROVEMENT_LEAD').scopeId, staff: people.find((p: any) => p.role === 'TEACHER').scopeId };
  });

  it.each([
    ['TEACHER without scopeId', 'TEACHER', undefined, 'REQUIRED'],
    ['TEACHER with a Trust ID', 'TEACHER', 'trust', 'INVALID_ID'],
    ['HEADTEACHER with a StaffMember ID', 'HEADTEACHER', 'staff', 'INVALID_ID'],
    ['ADMIN with a scopeId', 'ADMIN', 'trust', 'INVALID'],
    ['a lead of a trust that does not exist', 'IMPROVEMENT_LEAD', 'missing', 'NOT_FOUND'],
  ])('%s', async (_title, role, scope, code) => {
    const scopeId = scope === 'trust' ? ids.trust : scope === 'staff' ? ids.staff : scope === 'missing' ? encodeGlobalId('Trust', '000000000000000000000000') : undefined;
    const response = await api.gql(SIGN_IN, { input: { role, ...(scopeId ? { scopeId } : {}) } });
    expect(response.errors).toBeUndefined();
    expect(response.data.devSignIn).toEqual({ token: null, expiresAt: null, role: null, userErrors: [{ field: ['scopeId'], message: expect.stringContaining('scopeId'), code }] });
  });
});

describe('viewer', () => {
  it('is null without a token, and says why a sent token is refused', async () => {
    expect((await api.gql(VIEWER)).data).toEqual({ viewer: null });
    const expired = await mintToken({ sub: 'x', role: 'ADMIN' }, TEST_JWT_SECRET, Math.floor(Date.now() / 1000) - 60);
    const refused = await api.gql(VIEWER, {}, { token: expired });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('expired'), extensions: { code: 'UNAUTHENTICATED' } });
    const forged = await mintToken({ sub: 'x', role: 'ADMIN' }, 'another-secret-that-is-long-enough-0123456789');
    expect((await api.gql(VIEWER, {}, { token: forged })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('outside development the sign-in is refused', () => {
  it.each([
    ['production', { nodeEnv: 'production' as const }],
    ['DEV_SIGN_IN=off', { devSignIn: false }],
  ])('in %s both fields answer FORBIDDEN and no token', async (_title, config) => {
    const server = await startServer({ config });
    try {
      const post = async (query: string, variables = {}) =>
        (await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as any;
      const listed = await post('{ devSignInPeople { name } }');
      expect(listed).toMatchObject({ data: null, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
      const signedIn = await post(SIGN_IN, { input: { role: 'ADMIN' } });
      expect(signedIn.data).toBeNull();
      expect(signedIn.errors[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      await server.close();
    }
  });

  it('is on in development with the embedded demo database, off against MONGODB_URI, and never allowed in production', () => {
    expect(loadConfig({}).devSignIn).toBe(true);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db.example/school' }).devSignIn).toBe(false);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db.example/school', DEV_SIGN_IN: 'on' }).devSignIn).toBe(true);
    expect(loadConfig({ DEV_SIGN_IN: 'off' }).devSignIn).toBe(false);
    const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'c0ffee-5ecret-for-production-7f3a9b2e41d8' };
    expect(loadConfig(production).devSignIn).toBe(false);
    expect(() => loadConfig({ ...production, DEV_SIGN_IN: 'on' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, DEV_SIGN_IN: 'on' })).toThrow(/DEV_SIGN_IN/);
  });
});

describe("the issue's journey across roles, every token from the dev sign-in", () => {
  const RANK = `query ($needId: ID!) { rankCandidates(needId: $needId, first: 50) {
    need { id area daysOutstanding academy { id cluster { id } } }
    candidates { candidate { ... on StaffMember { id remainingDays homeAcademy { id cluster { id } } } } factors { name value } }
  } }`;
  const WAITING = `{ waitingForMe { kind deployment { id } } }`;
  const move = (name: string, input = 'DeploymentIdInput') => `mutation ($input: ${input}!) { ${name}(input: $input) { deployment { id status } userErrors { field message code } } }`;
  const as = async (role: string, scopeId: string | null) => (await signIn(role, scopeId)).token as string;
  const gqlOk = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await api.gql(query, variables, { token });
    expect(res.errors).toBeUndefined();
    for (const payload of Object.values(res.data ?? {})) if (payload && typeof payload === 'object' && 'userErrors' in payload) expect((payload as any).userErrors).toEqual([]);
    return res.data;
  };
  const waitingFor = async (token: string) => (await gqlOk(token, WAITING)).waitingForMe.map((s: any) => `${s.kind} ${s.deployment.id}`);
  const trackRecordOf = (ranking: any, staffId: string) =>
    ranking.candidates.find((c: any) => c.candidate.id === staffId)?.factors.find((f: any) => f.name === 'trackRecord').value as number | undefined;

  it('the lead proposes the best candidate; the release and acceptance are agreed; the teacher completes with impact; the next ranking shows it', async () => {
    const leadEntry = (await api.gql(PEOPLE, { roles: ['IMPROVEMENT_LEAD'] })).data.devSignInPeople[0];
    const lead = await as('IMPROVEMENT_LEAD', leadEntry.scopeId);
    const needs = (await gqlOk(lead, `query ($trustId: ID!) { needs(filter: { trustId: $trustId, statuses: [OPEN] }, first: 10) { edges { node { id } } } }`, { trustId: leadEntry.trust.id })).needs.edges;
    // The top need whose best candidate has at least two days (the minimum useful support).
    let ranking: any = null;
    for (const { node } of needs) {
      ranking = (await gqlOk(lead, RANK, { needId: node.id })).rankCandidates;
      if (ranking.candidates[0]?.candidate.remainingDays >= 2 && ranking.need.daysOutstanding >= 2) break;
    }
    const need = ranking.need;
    const best = ranking.candidates[0].candidate;
    const before = trackRecordOf(ranking, best.id)!;
    const proposed = await gqlOk(lead, `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id status } userErrors { field message code } } }`, {
      input: { needId: need.id, staffId: best.id, days: 2 },
    });
    const id = proposed.proposeDeployment.deployment.id;

    // The supporter's side releases: their hub's executive head, else their headteacher.
    const releaser = best.homeAcademy.cluster ? await as('EXECUTIVE_HEAD', best.homeAcademy.cluster.id) : await as('HEADTEACHER', best.homeAcademy.id);
    expect(await waitingFor(releaser)).toContain(`RELEASE ${id}`);
    const released = await gqlOk(releaser, move('agreeDeployment'), { input: { id } });
    // The receiving school accepts, unless the same executive head has just signed for it too.
    if (released.agreeDeployment.deployment.status === 'PROPOSED') {
      const receiving = await as('HEADTEACHER', need.academy.id);
      expect(await waitingFor(receiving)).toContain(`ACCEPTANCE ${id}`);
      await gqlOk(receiving, move('agreeDeployment'), { input: { id } });
    }
    expect(await waitingFor(lead)).toContain(`START ${id}`);

    const teacher = await as('TEACHER', best.id);
    expect(await waitingFor(teacher)).toEqual([`START ${id}`]);
    await gqlOk(teacher, move('startDeployment'), { input: { id } });
    expect(await waitingFor(teacher)).toEqual([`COMPLETE ${id}`]);
    const done = await gqlOk(teacher, move('completeDeployment', 'CompleteDeploymentInput'), { input: { id, impactRating: 4, impactEvidence: 'Reading ages up a year in two terms' } });
    expect(done.completeDeployment.deployment.status).toBe('COMPLETED');
    expect(await waitingFor(teacher)).toEqual([]);

    // The lead's next ranking for this area counts the new, strong impact.
    const again = await gqlOk(lead, `mutation ($input: RaiseNeedInput!) { raiseNeed(input: $input) { need { id } userErrors { field message code } } }`, {
      input: { academyId: need.academy.id, area: need.area, phase: 'PRIMARY', severity: 'HIGH', description: 'The same weakness in another key stage', daysRequested: 2 },
    });
    const next = (await gqlOk(lead, RANK, { needId: again.raiseNeed.need.id })).rankCandidates;
    expect(trackRecordOf(next, best.id)).toBeGreaterThan(before);
  });
});
