// Cross-trust proposals hold the supporter's days only once their home school releases them
// (issue 16; docs/security.md, "Cross-trust proposals"): another trust cannot tie up a
// school's staff by proposing them. Through HTTP on the real server and database, races
// included.
import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
const w = {} as Record<'T' | 'U' | 'A' | 'B' | 'X' | 'hubT' | 'hubU', string>;
let leadT: string;
let leadU: string;
let headX: string;
let headA: string;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id status daysHeld } userErrors { field code message } } }`;
const move = (name: string) => `mutation ($input: DeploymentIdInput!) { ${name}(input: $input) { deployment { id status daysHeld } userErrors { field code message } } }`;
const DAYS = `query ($id: ID!) { node(id: $id) { ... on StaffMember { capacityDays remainingDays } } }`;

const remaining = async (staffId: string) => (await api.gql(DAYS, { id: staffId }, { token: admin })).data.node.remainingDays as number;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'cross-admin' });
  w.T = await createTrust(api, admin, 'Receiving Trust');
  w.U = await createTrust(api, admin, 'Releasing Trust');
  w.A = await createAcademy(api, admin, { trustId: w.T });
  w.B = await createAcademy(api, admin, { trustId: w.T });
  w.X = await createAcademy(api, admin, { trustId: w.U });
  w.hubT = (await must(api, CREATE_CLUSTER, { input: { name: 'Hub T', trustId: w.T, leadAcademyId: w.A, memberAcademyIds: [w.B] } }, admin, 'createCluster')).cluster.id;
  leadT = await api.token('IMPROVEMENT_LEAD', { trustId: w.T });
  leadU = await api.token('IMPROVEMENT_LEAD', { trustId: w.U });
  headX = await api.token('HEADTEACHER', { academyId: w.X, trustId: w.U });
  headA = await api.token('HEADTEACHER', { academyId: w.A, trustId: w.T });
});
afterAll(() => api.close());

async function propose(needAt: string, staffId: string, days: number, token = leadT) {
  const need = await raiseNeed(api, admin, needAt, { daysRequested: Math.max(days, 5) });
  const res = await api.gql(PROPOSE, { input: { needId: need.id, staffId, days } }, { token });
  expect(res.data.proposeDeployment.userErrors).toEqual([]);
  return res.data.proposeDeployment.deployment as { id: string; status: string; daysHeld: boolean };
}

describe('who holds the days', () => {
  it('a proposal inside the supporter’s trust reserves their days at once', async () => {
    const person = await createStaff(api, admin, w.B, { capacityDays: 10 });
    const d = await propose(w.A, person.id, 3);
    expect({ daysHeld: d.daysHeld, remaining: await remaining(person.id) }).toEqual({ daysHeld: true, remaining: 7 });
  });

  it('a proposal from another trust holds nothing until the home school releases; then the days are reserved', async () => {
    const person = await createStaff(api, admin, w.X, { capacityDays: 10 });
    const d = await propose(w.A, person.id, 4);
    expect({ daysHeld: d.daysHeld, remaining: await remaining(person.id) }).toEqual({ daysHeld: false, remaining: 10 });
    // The receiving school accepting does not reserve the other trust's staff either.
    const accepted = await api.gql(move('agreeDeployment'), { input: { id: d.id } }, { token: headA });
    expect(accepted.data.agreeDeployment.deployment).toEqual({ id: d.id, status: 'PROPOSED', daysHeld: false });
    expect(await remaining(person.id)).toBe(10);
    const released = await api.gql(move('agreeDeployment'), { input: { id: d.id } }, { token: headX });
    expect(released.data.agreeDeployment).toEqual({ deployment: { id: d.id, status: 'AGREED', daysHeld: true }, userErrors: [] });
    expect(await remaining(person.id)).toBe(6);
    const history = await api.gql(`query ($id: ID!) { history(id: $id, first: 1) { action changes { field to } } }`, { id: d.id }, { token: admin });
    expect(history.data.history[0]).toEqual({ action: 'AGREE', changes: expect.arrayContaining([{ field: 'daysHeld', to: 'true' }]) });
    // Cancelled after the release: the days come back exactly once.
    await must(api, move('cancelDeployment'), { input: { id: d.id } }, leadT, 'cancelDeployment');
    expect(await remaining(person.id)).toBe(10);
  });

  it('declining a cross-trust proposal before release gives back nothing it never took', async () => {
    const person = await createStaff(api, admin, w.X, { capacityDays: 10 });
    const d = await propose(w.A, person.id, 4);
    await must(api, move('declineDeployment'), { input: { id: d.id } }, headX, 'declineDeployment');
    expect(await remaining(person.id)).toBe(10);
  });

  it('refuses a release the supporter no longer has the days for, writing nothing', async () => {
    const person = await createStaff(api, admin, w.X, { capacityDays: 5 });
    const first = await propose(w.A, person.id, 4);
    const second = await propose(w.A, person.id, 4);
    await must(api, move('agreeDeployment'), { input: { id: first.id } }, headX, 'agreeDeployment');
    const res = await api.gql(move('agreeDeployment'), { input: { id: second.id } }, { token: headX });
    expect(res.data.agreeDeployment).toEqual({ deployment: null, userErrors: [{ field: ['id'], code: 'INSUFFICIENT_CAPACITY', message: 'the supporter no longer has 4 days left to release' }] });
    const after = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Deployment { status daysHeld release { at } } } }`, { id: second.id }, { token: admin });
    expect(after.data.node).toEqual({ status: 'PROPOSED', daysHeld: false, release: null });
    expect(await remaining(person.id)).toBe(1);
  });
});

describe('races', () => {
  it('50 simultaneous releases of 50 cross-trust proposals never reserve more days than the person has', async () => {
    const person = await createStaff(api, admin, w.X, { capacityDays: 10 });
    const proposals: string[] = [];
    for (let i = 0; i < 50; i += 1) proposals.push((await propose(w.A, person.id, 1)).id);
    expect(await remaining(person.id)).toBe(10);
    const answers = await Promise.all(proposals.map((id) => api.gql(move('agreeDeployment'), { input: { id } }, { token: leadU })));
    const outcomes = answers.map((r) => r.data?.agreeDeployment?.userErrors?.[0]?.code ?? (r.data?.agreeDeployment?.deployment?.daysHeld ? 'HELD' : JSON.stringify(r.errors)));
    expect(outcomes.filter((o) => o === 'HELD')).toHaveLength(10);
    expect(outcomes.filter((o) => o !== 'HELD')).toEqual(Array(40).fill('INSUFFICIENT_CAPACITY'));
    expect(await remaining(person.id)).toBe(0);
    const listed = await api.gql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Deployment { daysHeld days } } }`,
      { ids: proposals },
      { token: admin },
    );
    expect(listed.data.nodes.filter((d: { daysHeld: boolean }) => d.daysHeld)).toHaveLength(10);
  });

  it('50 simultaneous releases of one proposal reserve its days once', async () => {
    const person = await createStaff(api, admin, w.X, { capacityDays: 10 });
    const d = await propose(w.A, person.id, 3);
    const answers = await Promise.all(Array.from({ length: 50 }, () => api.gql(move('agreeDeployment'), { input: { id: d.id } }, { token: headX })));
    const codes = answers.map((r) => r.data?.agreeDeployment?.userErrors?.[0]?.code ?? 'RELEASED');
    expect(codes.filter((c) => c === 'RELEASED')).toHaveLength(1);
    // The others lost the race: on the sign-off (CONFLICT), after it (ALREADY_AGREED), or on the
    // days while a racing twin held them (INSUFFICIENT_CAPACITY); whichever, they reserved nothing.
    expect(codes.filter((c) => !['RELEASED', 'CONFLICT', 'ALREADY_AGREED', 'INSUFFICIENT_CAPACITY'].includes(c))).toEqual([]);
    expect(await remaining(person.id)).toBe(7);
  });

  it('a decline racing the release gives back exactly what the release took', async () => {
    const person = await createStaff(api, admin, w.X, { capacityDays: 10 });
    for (let round = 0; round < 10; round += 1) {
      const d = await propose(w.A, person.id, 2);
      await Promise.all([
        api.gql(move('agreeDeployment'), { input: { id: d.id } }, { token: headX }),
        api.gql(move('declineDeployment'), { input: { id: d.id } }, { token: headA }),
      ]);
      const state = (await api.gql(`query ($id: ID!) { node(id: $id) { ... on Deployment { status daysHeld } } }`, { id: d.id }, { token: admin })).data.node;
      // Declined (days back, whichever came first) or released and still live (days held): never lost.
      if (state.status === 'DECLINED') expect(await remaining(person.id)).toBe(10);
      else {
        expect(state).toEqual({ status: 'PROPOSED', daysHeld: true });
        await must(api, move('cancelDeployment'), { input: { id: d.id } }, leadT, 'cancelDeployment');
        expect(await remaining(person.id)).toBe(10);
      }
    }
  });
});
