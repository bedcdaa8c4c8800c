// The deployments list: `deployments(first, after, filter, orderBy)`, StaffMember.deployments
// and Academy.incoming/outgoingDeployments, through HTTP on a hand-built world of two trusts
// where who may see what is known: each caller sees exactly their deployments, filters narrow
// them, and the order is by how long each has waited in its status.
import mongoose from 'mongoose';
import { Deployment } from '../../server/models/deployment';
import { backfillDeploymentStatusSince } from '../../server/services/deployment-backfill';
import { decodeGlobalId } from '../../server/auth/global-id';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';
import { mintToken } from '../../server/auth/tokens';
import { setExternalWriteCheckInterval } from '../../server/db/read-cache';
import { TEST_JWT_SECRET, type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let admin: string;
const ids: Record<string, string> = {};
const deployments: Record<'hub' | 'intoTrust' | 'outOfTrust', string> = {} as never;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field message code } } }`;
const MOVE = (name: string) => `mutation ($input: DeploymentIdInput!) { ${name}(input: $input) { deployment { id status } userErrors { field message code } } }`;
const LIST = `query ($filter: DeploymentFilter, $orderBy: DeploymentOrder, $first: Int, $after: String) {
  deployments(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { cursor node { id status statusSince statusHistory { at } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function list(token: string | null, filter: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const response = await api.gql(LIST, { filter, ...extra }, { token });
  expect(response.errors).toBeUndefined();
  return response.data.deployments.edges.map((e: any) => e.node);
}
const idsIn = (nodes: { id: string }[]) => nodes.map((n) => n.id).sort();
const named = (...keys: (keyof typeof deployments)[]) => keys.map((k) => deployments[k]).sort();

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'admin-list' });
  // Trust One: a hub of three (A1 lead, A2, A3) and C1 outside any hub. Trust Two: D1.
  ids.trustOne = await createTrust(api, admin, 'Trust One');
  ids.trustTwo = await createTrust(api, admin, 'Trust Two');
  for (const name of ['A1', 'A2', 'A3', 'C1']) ids[name] = await createAcademy(api, admin, { name, trustId: ids.trustOne });
  ids.D1 = await createAcademy(api, admin, { name: 'D1', trustId: ids.trustTwo });
  ids.execHead = (await createStaff(api, admin, ids.A1!, { role: 'EXECUTIVE_HEADTEACHER' })).id;
  const hub = await must(api, CREATE_CLUSTER, { input: { name: 'Hub One', trustId: ids.trustOne, leadAcademyId: ids.A1, executiveHeadId: ids.execHead, memberAcademyIds: [ids.A1, ids.A2, ids.A3] } }, admin, 'createCluster');
  ids.hub = hub.cluster.id;
  ids.s1 = (await createStaff(api, admin, ids.A1!)).id;
  ids.s2 = (await createStaff(api, admin, ids.C1!)).id;
  ids.s3 = (await createStaff(api, admin, ids.D1!)).id;

  const propose = async (at: string, staffId: string) => {
    const need = await raiseNeed(api, admin, at, { daysRequested: 3 });
    return (await must(api, PROPOSE, { input: { needId: need.id, staffId, days: 2 } }, admin, 'proposeDeployment')).deployment.id as string;
  };
  deployments.hub = await propose(ids.A2!, ids.s1!); // within the hub
  deployments.intoTrust = await propose(ids.C1!, ids.s3!); // Trust Two's teacher to Trust One's C1
  deployments.outOfTrust = await propose(ids.D1!, ids.s2!); // C1's teacher to Trust Two's D1
  // Moves after proposal: the hub deployment is agreed, the cross-trust one declined.
  const homeHead = await api.token('HEADTEACHER', { academyId: ids.A1, sub: 'head-a1' });
  const receivingHead = await api.token('HEADTEACHER', { academyId: ids.A2, sub: 'head-a2' });
  await must(api, MOVE('agreeDeployment'), { input: { id: deployments.hub } }, homeHead, 'agreeDeployment');
  await must(api, MOVE('agreeDeployment'), { input: { id: deployments.hub } }, receivingHead, 'agreeDeployment');
  await must(api, MOVE('declineDeployment'), { input: { id: deployments.outOfTrust } }, admin, 'declineDeployment');
});
afterAll(() => api.close());

describe('each caller sees exactly the deployments they may', () => {
  it.each([
    ['ADMIN', () => api.token('ADMIN'), ['hub', 'intoTrust', 'outOfTrust']],
    ["Trust One's improvement lead (schools of the trust on either side)", () => api.token('IMPROVEMENT_LEAD', { trustId: ids.trustOne }), ['hub', 'intoTrust', 'outOfTrust']],
    ["Trust Two's improvement lead", () => api.token('IMPROVEMENT_LEAD', { trustId: ids.trustTwo }), ['intoTrust', 'outOfTrust']],
    ["the hub's executive head", () => api.token('EXECUTIVE_HEAD', { clusterId: ids.hub, trustId: ids.trustOne }), ['hub']],
    ["C1's headteacher (support received, and given by C1's staff)", () => api.token('HEADTEACHER', { academyId: ids.C1 }), ['intoTrust', 'outOfTrust']],
    ["A3's headteacher (nothing at A3)", () => api.token('HEADTEACHER', { academyId: ids.A3 }), []],
    ['the teacher s1 (their own)', () => api.token('TEACHER', { staffId: ids.s1, academyId: ids.A1 }), ['hub']],
    ['the teacher s3', () => api.token('TEACHER', { staffId: ids.s3, academyId: ids.D1 }), ['intoTrust']],
    ['a teacher with no staff record in the token', () => api.token('TEACHER'), []],
  ] as const)('%s', async (_who, tokenOf, expected) => {
    expect(idsIn(await list(await tokenOf()))).toEqual(named(...expected));
  });

  it('refuses a caller without a token, and one with an expired token', async () => {
    const anonymous = await api.gql(LIST, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeNull();
    const expired = await mintToken({ sub: 'late', role: 'ADMIN' }, TEST_JWT_SECRET, Math.floor(Date.now() / 1000) - 1);
    const refused = await api.gql(LIST, {}, { token: expired });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('expired'), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it("a filter never widens what the caller may see: Trust Two's lead asking for Trust One's gets only the shared ones", async () => {
    const leadTwo = await api.token('IMPROVEMENT_LEAD', { trustId: ids.trustTwo });
    expect(idsIn(await list(leadTwo, { trustId: ids.trustOne }))).toEqual(named('intoTrust', 'outOfTrust'));
    expect(idsIn(await list(leadTwo, { academyId: ids.A2 }))).toEqual([]);
  });
});

describe('reads', () => {
  it('are answered from the in-process copies on FerretDB (no database command), from indexed queries on MongoDB', async () => {
    const lead = await api.token('IMPROVEMENT_LEAD', { trustId: ids.trustOne });
    for (const [token, filter] of [[lead, { status: ['PROPOSED', 'AGREED'] }], [admin, { trustId: ids.trustTwo }], [admin, { supporterAcademyId: ids.C1 }]] as const) {
      await list(token, filter); // refetches whatever earlier writes made stale
      // The once-every-2-s look for other processes' writes (one read by _id) is not this read's.
      setExternalWriteCheckInterval(60 * 60 * 1000);
      const commands = await api.countCommands(() => list(token, filter)).finally(() => setExternalWriteCheckInterval(2_000));
      if (process.env.TEST_DATABASE_KIND === 'ferretdb') expect({ filter, commands }).toEqual({ filter, commands: [] });
      else expect({ filter, commands: commands.filter((c) => c !== 'find') }).toEqual({ filter, commands: [] });
    }
  });
});

describe('filters', () => {
  it.each([
    ['trustId (either side)', () => ({ trustId: ids.trustTwo }), ['intoTrust', 'outOfTrust']],
    ['clusterId', () => ({ clusterId: ids.hub }), ['hub']],
    ['academyId on the supporting side (its staff)', () => ({ academyId: ids.A1 }), ['hub']],
    ['academyId on either side', () => ({ academyId: ids.C1 }), ['intoTrust', 'outOfTrust']],
    ['receivingAcademyId', () => ({ receivingAcademyId: ids.C1 }), ['intoTrust']],
    ['supporterAcademyId', () => ({ supporterAcademyId: ids.C1 }), ['outOfTrust']],
    ['staffId', () => ({ staffId: ids.s3 }), ['intoTrust']],
    ['status (a list)', () => ({ status: ['PROPOSED', 'AGREED'] }), ['hub', 'intoTrust']],
    ['status DECLINED and trustId together', () => ({ status: ['DECLINED'], trustId: ids.trustOne }), ['outOfTrust']],
    ['area', () => ({ area: 'PHONICS' }), []],
    ['an ID of the wrong type (matches nothing)', () => ({ staffId: ids.A1 }), []],
  ] as const)('%s', async (_title, filterOf, expected) => {
    expect(idsIn(await list(admin, filterOf()))).toEqual(named(...expected));
  });

  it('needId', async () => {
    const need = (await api.gql(`query ($id: ID!) { node(id: $id) { ... on Deployment { need { id } } } }`, { id: deployments.hub }, { token: admin })).data.node.need.id;
    expect(idsIn(await list(admin, { needId: need }))).toEqual(named('hub'));
  });
});

describe('order and pages', () => {
  it('puts the longest waiting in its status first; statusSince is when the current status began', async () => {
    const all = await list(admin);
    for (const node of all) expect(node.statusSince).toBe(node.statusHistory.at(-1).at);
    const since = all.map((n: any) => Date.parse(n.statusSince));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    // The hub deployment was agreed after the others were proposed, and the decline came last.
    expect(all.map((n: any) => n.id)).toEqual([deployments.intoTrust, deployments.hub, deployments.outOfTrust]);
    const recent = await list(admin, {}, { orderBy: 'RECENTLY_CHANGED' });
    expect(recent.map((n: any) => n.id)).toEqual(all.map((n: any) => n.id).reverse());
  });

  it('pages with first/after through the same order, each once', async () => {
    const all = (await list(admin)).map((n: any) => n.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await api.gql(LIST, { first: 1, after }, { token: admin })).data.deployments;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    const tooBig = await api.gql(LIST, { first: 101 }, { token: admin });
    expect(tooBig.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the same lists per staff member and per academy', () => {
  const NESTED = `query ($staff: ID!, $academy: ID!) {
    staff: node(id: $staff) { ... on StaffMember { deployments { edges { node { id } } } } }
    academy: node(id: $academy) { ... on Academy {
      incomingDeployments { edges { node { id } } }
      outgoingDeployments(status: [DECLINED]) { edges { node { id } } }
    } }
  }`;
  const nodesOf = (connection: any) => connection.edges.map((e: any) => e.node.id).sort();

  it('answers for the caller: ADMIN sees all of them, a teacher only their own', async () => {
    const { data, errors } = await api.gql(NESTED, { staff: ids.s2, academy: ids.C1 }, { token: admin });
    expect(errors).toBeUndefined();
    expect(nodesOf(data.staff.deployments)).toEqual(named('outOfTrust'));
    expect(nodesOf(data.academy.incomingDeployments)).toEqual(named('intoTrust'));
    expect(nodesOf(data.academy.outgoingDeployments)).toEqual(named('outOfTrust'));

    const teacher = await api.token('TEACHER', { staffId: ids.s1, academyId: ids.A1 });
    const own = (await api.gql(NESTED, { staff: ids.s1, academy: ids.A1 }, { token: teacher })).data;
    expect(nodesOf(own.staff.deployments)).toEqual(named('hub'));
    const colleague = (await api.gql(NESTED, { staff: ids.s2, academy: ids.C1 }, { token: teacher })).data;
    expect(nodesOf(colleague.staff.deployments)).toEqual([]);
    expect(nodesOf(colleague.academy.incomingDeployments)).toEqual([]);
  });
});

describe('deployments recorded before statusSince existed', () => {
  it('get it from their history at start-up, once', async () => {
    const id = decodeGlobalId(deployments.hub)!.id;
    await Deployment.updateOne({ _id: id }, { $set: { statusSince: null } });
    expect((await Deployment.findById(id).lean())!.statusSince).toBeNull();
    expect(await backfillDeploymentStatusSince()).toBe(1);
    const after = (await Deployment.findById(id).lean())!;
    expect(after.statusSince).toEqual(after.statusHistory.at(-1)!.at);
    expect(await backfillDeploymentStatusSince()).toBe(0);
    expect(mongoose.connection.readyState).toBe(1);
  });
});
