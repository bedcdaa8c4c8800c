import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let school: string;
let home: string;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) {
    deployment { id status days explanation { score factors { name contribution } } need { id status daysCovered } }
    userErrors { field message code }
  }
}`;
const move = (name: string, input = 'DeploymentIdInput') => `mutation ($input: ${input}!) {
  ${name}(input: $input) { deployment { id status release { by { sub } } acceptance { by { sub } } impactRating } userErrors { field code message } }
}`;
const staffDays = async (id: string) =>
  (await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { remainingDays } } }`, { id }, { token: admin })).data.node.remainingDays;
const needState = async (id: string) => (await api.gql(`query ($id: ID!) { node(id: $id) { ... on ImprovementNeed { status daysCovered } } }`, { id })).data.node;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-1' });
  trustId = await createTrust(api, admin, 'Deploy Trust');
  school = await createAcademy(api, admin, { name: 'Receiving School', trustId, fsmPercent: 42 });
  home = await createAcademy(api, admin, { name: 'Home School', trustId, latitude: 50.41, longitude: -4.67 });
});
afterAll(() => api.close());

describe('a deployment from proposal to impact', () => {
  it('reserves days, needs both schools to agree, and completes with impact that is audited', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 4 });
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-1' });
    const proposed = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 4 } }, lead, 'proposeDeployment');
    const id = proposed.deployment.id;
    expect(proposed.deployment).toMatchObject({ status: 'PROPOSED', days: 4, need: { status: 'MATCHED', daysCovered: 4 } });
    const sum = proposed.deployment.explanation.factors.reduce((t: number, f: any) => t + f.contribution, 0);
    expect(sum).toBeCloseTo(proposed.deployment.explanation.score, 9);
    expect(await staffDays(person.id)).toBe(6);

    const homeHead = await api.token('HEADTEACHER', { academyId: home, sub: 'home-head' });
    const receivingHead = await api.token('HEADTEACHER', { academyId: school, sub: 'receiving-head' });
    const released = await must(api, move('agreeDeployment'), { input: { id } }, homeHead, 'agreeDeployment');
    expect(released.deployment).toMatchObject({ status: 'PROPOSED', release: { by: { sub: 'home-head' } }, acceptance: null });
    const accepted = await must(api, move('agreeDeployment'), { input: { id } }, receivingHead, 'agreeDeployment');
    expect(accepted.deployment).toMatchObject({ status: 'AGREED', acceptance: { by: { sub: 'receiving-head' } } });

    await must(api, move('startDeployment'), { input: { id } }, lead, 'startDeployment');
    expect((await needState(need.id)).status).toBe('IN_PROGRESS');
    const badImpact = await api.gql(move('completeDeployment', 'CompleteDeploymentInput'), { input: { id, impactRating: 5, impactEvidence: 'x' } }, { token: lead });
    expect(badImpact.data.completeDeployment.userErrors.map((e: any) => e.field[0]).sort()).toEqual(['impactEvidence', 'impactRating']);
    const done = await must(api, move('completeDeployment', 'CompleteDeploymentInput'), { input: { id, impactRating: 4, impactEvidence: 'Reasoning scores up 11 points in a term' } }, lead, 'completeDeployment');
    expect(done.deployment).toMatchObject({ status: 'COMPLETED', impactRating: 4 });
    expect(await needState(need.id)).toEqual({ status: 'MET', daysCovered: 4 });
    expect(await staffDays(person.id)).toBe(6);

    const history = await api.gql(`query ($id: ID!) { history(id: $id) { action actor { sub role } } }`, { id }, { token: admin });
    expect(history.data.history.map((h: any) => `${h.action}:${h.actor.sub}`)).toEqual(['COMPLETE:lead-1', 'START:lead-1', 'AGREE:receiving-head', 'AGREE:home-head', 'PROPOSED:lead-1']);
  });

  it('refuses every illegal move with INVALID_TRANSITION, changing nothing', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 3 });
    const { deployment } = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 3 } }, admin, 'proposeDeployment');
    for (const name of ['startDeployment']) {
      const res = await api.gql(move(name), { input: { id: deployment.id } }, { token: admin });
      expect(res.data[name].userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    }
    const complete = await api.gql(move('completeDeployment', 'CompleteDeploymentInput'), { input: { id: deployment.id, impactRating: 3, impactEvidence: 'Too early to say anything' } }, { token: admin });
    expect(complete.data.completeDeployment.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    await must(api, move('cancelDeployment'), { input: { id: deployment.id } }, admin, 'cancelDeployment');
    for (const name of ['agreeDeployment', 'startDeployment', 'declineDeployment', 'cancelDeployment']) {
      const res = await api.gql(move(name), { input: { id: deployment.id } }, { token: admin });
      expect(res.data[name].userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    }
    expect(await staffDays(person.id)).toBe(10);
    expect(await needState(need.id)).toEqual({ status: 'OPEN', daysCovered: 0 });
  });

  it('answers a proposal beyond the supporter’s days with INSUFFICIENT_CAPACITY and reserves nothing', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 3 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 8 });
    const res = await api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: 5 } }, { token: admin });
    expect(res.data.proposeDeployment).toEqual({ deployment: null, userErrors: [expect.objectContaining({ code: 'INSUFFICIENT_CAPACITY' })] });
    expect(await staffDays(person.id)).toBe(3);
    expect(await needState(need.id)).toEqual({ status: 'OPEN', daysCovered: 0 });
  });

  it('re-checks hard constraints at proposal time', async () => {
    const sameSchool = await createStaff(api, admin, school);
    const need = await raiseNeed(api, admin, school, { daysRequested: 2 });
    const res = await api.gql(PROPOSE, { input: { needId: need.id, staffId: sameSchool.id, days: 2 } }, { token: admin });
    expect(res.data.proposeDeployment.userErrors).toEqual([expect.objectContaining({ field: ['staffId'], code: 'SAME_SCHOOL' })]);
  });
});

describe('concurrency', () => {
  it('never overdraws capacity: 50 parallel 2-day proposals against 10 days, exactly 5 succeed', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const needs: string[] = [];
    for (let i = 0; i < 50; i += 1) needs.push((await raiseNeed(api, admin, school, { daysRequested: 2 })).id);
    const results = await Promise.all(needs.map((needId) => api.gql(PROPOSE, { input: { needId, staffId: person.id, days: 2 } }, { token: admin })));
    const succeeded = results.filter((r) => r.data?.proposeDeployment?.deployment);
    const refused = results.filter((r) => r.data?.proposeDeployment?.userErrors?.[0]?.code === 'INSUFFICIENT_CAPACITY');
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(succeeded).toHaveLength(5);
    expect(refused).toHaveLength(45);
    expect(await staffDays(person.id)).toBe(0);
  });

  it('releases days exactly once when two cancellations race', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 4 });
    const { deployment } = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 4 } }, admin, 'proposeDeployment');
    const both = await Promise.all([1, 2].map(() => api.gql(move('cancelDeployment'), { input: { id: deployment.id } }, { token: admin })));
    const ok = both.filter((r) => r.data.cancelDeployment.userErrors.length === 0);
    expect(ok).toHaveLength(1);
    expect(await staffDays(person.id)).toBe(10);
    expect(await needState(need.id)).toEqual({ status: 'OPEN', daysCovered: 0 });
  });
});

describe('access', () => {
  it('refuses proposals from a teacher or another trust’s lead, writing nothing', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 2 });
    const teacher = await api.token('TEACHER', { staffId: person.id });
    const otherTrust = await createTrust(api, admin, 'Other Deploy Trust');
    const outsider = await api.token('IMPROVEMENT_LEAD', { trustId: otherTrust });
    for (const token of [teacher, outsider]) {
      const res = await api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2 } }, { token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2 } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await staffDays(person.id)).toBe(10);
  });
});
