// `waitingForMe` through HTTP on a hand-built trust of two hubs, where what waits on whom is
// known: each role gets exactly its steps, longest waiting first, and a step done leaves the
// list. Also: the supporting staff member may start and complete their own deployment.
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';
import { setExternalWriteCheckInterval } from '../../server/db/read-cache';
import { type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
const ids: Record<string, string> = {};
const d: Record<'d1' | 'd2' | 'd3' | 'd4' | 'd5', string> = {} as never;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field message code } } }`;
const MOVE = (name: string, input = 'DeploymentIdInput') =>
  `mutation ($input: ${input}!) { ${name}(input: $input) { deployment { id status } userErrors { field message code } } }`;
const WAITING = `query ($first: Int) { waitingForMe(first: $first) { kind action since deployment { id status statusSince } need { id } } }`;

async function waiting(token: string | null, first?: number) {
  const response = await api.gql(WAITING, first === undefined ? {} : { first }, { token });
  expect(response.errors).toBeUndefined();
  return response.data.waitingForMe as { kind: string; action: string; since: string; deployment: { id: string; status: string; statusSince: string }; need: { id: string } }[];
}
const steps = (list: Awaited<ReturnType<typeof waiting>>) => list.map((s) => `${s.kind} ${Object.entries(d).find(([, id]) => id === s.deployment.id)?.[0]}`);

const tokens = {
  headA1: () => api.token('HEADTEACHER', { academyId: ids.A1, trustId: ids.trust, sub: 'head-a1' }),
  headA2: () => api.token('HEADTEACHER', { academyId: ids.A2, trustId: ids.trust, sub: 'head-a2' }),
  headB2: () => api.token('HEADTEACHER', { academyId: ids.B2, trustId: ids.trust, sub: 'head-b2' }),
  execH: () => api.token('EXECUTIVE_HEAD', { clusterId: ids.hubH, trustId: ids.trust, staffId: ids.eh1 }),
  execH2: () => api.token('EXECUTIVE_HEAD', { clusterId: ids.hubH2, trustId: ids.trust, staffId: ids.eh2 }),
  lead: () => api.token('IMPROVEMENT_LEAD', { trustId: ids.trust }),
  otherLead: () => api.token('IMPROVEMENT_LEAD', { trustId: ids.otherTrust }),
  s1: () => api.token('TEACHER', { staffId: ids.s1, academyId: ids.A1 }),
  s2: () => api.token('TEACHER', { staffId: ids.s2, academyId: ids.B1 }),
  admin: () => api.token('ADMIN'),
};

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-waiting' });
  ids.trust = await createTrust(api, admin, 'Waiting Trust');
  ids.otherTrust = await createTrust(api, admin, 'Elsewhere Trust');
  for (const name of ['A1', 'A2', 'B1', 'B2']) ids[name] = await createAcademy(api, admin, { name, trustId: ids.trust });
  ids.eh1 = (await createStaff(api, admin, ids.A1!, { role: 'EXECUTIVE_HEADTEACHER' })).id;
  ids.eh2 = (await createStaff(api, admin, ids.B1!, { role: 'EXECUTIVE_HEADTEACHER' })).id;
  const hub = async (name: string, lead: string, head: string, members: string[]) =>
    (await must(api, CREATE_CLUSTER, { input: { name, trustId: ids.trust, leadAcademyId: lead, executiveHeadId: head, memberAcademyIds: members } }, admin, 'createCluster')).cluster.id;
  ids.hubH = await hub('Hub H', ids.A1!, ids.eh1!, [ids.A1!, ids.A2!]);
  ids.hubH2 = await hub('Hub H2', ids.B1!, ids.eh2!, [ids.B1!, ids.B2!]);
  ids.s1 = (await createStaff(api, admin, ids.A1!, { capacityDays: 20 })).id;
  ids.s2 = (await createStaff(api, admin, ids.B1!, { capacityDays: 20 })).id;

  const propose = async (at: string, staffId: string) => {
    const need = await raiseNeed(api, admin, at, { daysRequested: 2 });
    return (await must(api, PROPOSE, { input: { needId: need.id, staffId, days: 2 } }, admin, 'proposeDeployment')).deployment.id as string;
  };
  d.d1 = await propose(ids.A2!, ids.s1!); // PROPOSED, nobody has signed
  d.d2 = await propose(ids.B2!, ids.s1!); // PROPOSED, released by A1, not yet accepted by B2
  d.d3 = await propose(ids.A2!, ids.s2!); // AGREED
  d.d4 = await propose(ids.A1!, ids.s2!); // ACTIVE
  await must(api, MOVE('agreeDeployment'), { input: { id: d.d2 } }, await tokens.headA1(), 'agreeDeployment');
  await must(api, MOVE('agreeDeployment'), { input: { id: d.d3 } }, admin, 'agreeDeployment');
  await must(api, MOVE('agreeDeployment'), { input: { id: d.d4 } }, admin, 'agreeDeployment');
  await must(api, MOVE('startDeployment'), { input: { id: d.d4 } }, admin, 'startDeployment');
  d.d5 = await propose(ids.A2!, ids.s2!); // PROPOSED: Hub H2's staff requested by Hub H's A2
});
afterAll(() => api.close());

describe('what waits on each role', () => {
  it.each([
    ["A1's headteacher: the release of their teacher s1", 'headA1', ['RELEASE d1']],
    ["A2's headteacher: the support for A2 to accept, oldest first", 'headA2', ['ACCEPTANCE d1', 'ACCEPTANCE d5']],
    ["B2's headteacher: the support released to B2 to accept", 'headB2', ['ACCEPTANCE d2']],
    ["Hub H's executive head: releases of the hub's staff", 'execH', ['RELEASE d1']],
    ["Hub H2's executive head: their staff requested by another hub", 'execH2', ['RELEASE d5']],
    ["the trust's improvement lead: deployments to start and to complete", 'lead', ['START d3', 'COMPLETE d4']],
    ["another trust's improvement lead: nothing", 'otherLead', []],
    ['the teacher s2: their own deployments to start and complete', 's2', ['START d3', 'COMPLETE d4']],
    ['the teacher s1: nothing yet (their deployments wait on others)', 's1', []],
    ['ADMIN: nothing in person', 'admin', []],
  ] as const)('%s', async (_who, who, expected) => {
    const list = await waiting(await tokens[who]());
    expect(steps(list)).toEqual(expected);
    for (const step of list) {
      expect(step.since).toBe(step.deployment.statusSince);
      expect(step.action.length).toBeGreaterThan(10);
    }
  });

  it('orders by how long each step has waited, and caps the list at `first`', async () => {
    const all = await waiting(await tokens.lead());
    const since = all.map((s) => Date.parse(s.since));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    expect(await waiting(await tokens.lead(), 1)).toEqual(all.slice(0, 1));
    const tooMany = await api.gql(WAITING, { first: 101 }, { token: await tokens.lead() });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const none = await api.gql(WAITING, { first: 0 }, { token: await tokens.lead() });
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is answered from the in-process copies on FerretDB (no database command), from indexed queries on MongoDB', async () => {
    for (const who of ['headA2', 'execH2', 'lead', 's2'] as const) {
      const token = await tokens[who]();
      await waiting(token); // refetches whatever earlier writes made stale
      // The once-every-2-s look for other processes' writes (one read by _id) is not this read's.
      setExternalWriteCheckInterval(60 * 60 * 1000);
      const commands = await api.countCommands(() => waiting(token)).finally(() => setExternalWriteCheckInterval(2_000));
      if (process.env.TEST_DATABASE_KIND === 'ferretdb') expect({ who, commands }).toEqual({ who, commands: [] });
      else expect({ who, commands: commands.filter((c) => c !== 'find') }).toEqual({ who, commands: [] });
    }
  });

  it('needs a token', async () => {
    const anonymous = await api.gql(WAITING, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('a step done leaves the list', () => {
  it("accepting moves d1 on for A2's headteacher; releasing it clears the hub's list", async () => {
    await must(api, MOVE('agreeDeployment'), { input: { id: d.d1 } }, await tokens.headA2(), 'agreeDeployment');
    expect(steps(await waiting(await tokens.headA2()))).toEqual(['ACCEPTANCE d5']);
    expect(steps(await waiting(await tokens.execH()))).toEqual(['RELEASE d1']);
    await must(api, MOVE('agreeDeployment'), { input: { id: d.d1 } }, await tokens.execH(), 'agreeDeployment');
    expect(steps(await waiting(await tokens.execH()))).toEqual([]);
    expect(steps(await waiting(await tokens.headA1()))).toEqual([]);
    // Now agreed: it waits on the lead and on the teacher to start.
    expect(steps(await waiting(await tokens.s1()))).toEqual(['START d1']);
    expect(steps(await waiting(await tokens.lead()))).toEqual(['START d3', 'COMPLETE d4', 'START d1']);
  });

  it('the supporting teacher starts and completes their own deployment with its impact; a colleague may not', async () => {
    const COMPLETE = MOVE('completeDeployment', 'CompleteDeploymentInput');
    const input = { id: d.d4, impactRating: 3, impactEvidence: 'Year 4 reading ages up eight months' };
    const colleague = await api.gql(COMPLETE, { input }, { token: await tokens.s1() });
    expect(colleague.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const done = await must(api, COMPLETE, { input }, await tokens.s2(), 'completeDeployment');
    expect(done.deployment.status).toBe('COMPLETED');
    expect(steps(await waiting(await tokens.s2()))).toEqual(['START d3']);
    await must(api, MOVE('startDeployment'), { input: { id: d.d3 } }, await tokens.s2(), 'startDeployment');
    expect(steps(await waiting(await tokens.s2()))).toEqual(['COMPLETE d3']);
    const colleagueStart = await api.gql(MOVE('startDeployment'), { input: { id: d.d1 } }, { token: await tokens.s2() });
    expect(colleagueStart.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
