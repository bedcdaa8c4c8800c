import { setReadCacheMode } from '../../server/db/read-cache';
import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, CREATE_STAFF, RAISE_NEED, createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let lead: string;
let members: string[];
let outsider: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Aspire Academy Trust');
  lead = await createAcademy(api, admin, { name: 'Lead Academy', ofstedRating: 'OUTSTANDING', trustId });
  members = [await createAcademy(api, admin, { name: 'Member A', trustId }), await createAcademy(api, admin, { name: 'Member B', trustId, fsmPercent: 45 })];
  outsider = await createAcademy(api, admin, { name: 'Outside School', trustId: null });
});
afterAll(() => api.close());

describe('createCluster', () => {
  let head: any;
  let clusterId: string;

  it('creates a hub whose lead academy is a member, without warnings for the ASPIRE norm', async () => {
    head = await createStaff(api, admin, lead, { role: 'EXECUTIVE_HEADTEACHER' });
    const payload = await must(
      api,
      CREATE_CLUSTER,
      { input: { name: 'Bodmin Hub', trustId, leadAcademyId: lead, executiveHeadId: head.id, memberAcademyIds: members } },
      admin,
      'createCluster',
    );
    clusterId = payload.cluster.id;
    expect(payload.cluster.memberAcademies.map((a: any) => a.name)).toEqual(['Lead Academy', 'Member A', 'Member B']);
    expect(payload.cluster).toMatchObject({ memberCount: 3, sizeWithinNorm: true, leadAcademy: { id: lead } });
    expect(payload.warnings).toEqual([]);
    const academy = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Academy { cluster { id } isHubLead } } }`, { id: lead });
    expect(academy.data.node).toEqual({ cluster: { id: clusterId }, isHubLead: true });
  });

  it('refuses academies already in a hub or outside the trust, writing nothing', async () => {
    const spare = await createAcademy(api, admin, { name: 'Spare', trustId });
    const res = await api.gql(CREATE_CLUSTER, { input: { name: 'Second Hub', trustId, leadAcademyId: spare, memberAcademyIds: [members[0], outsider] } }, { token: admin });
    const errors = res.data.createCluster.userErrors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: ['memberAcademyIds', '0'], code: 'ALREADY_IN_CLUSTER' }),
        expect.objectContaining({ field: ['memberAcademyIds', '1'], code: 'NOT_IN_TRUST' }),
      ]),
    );
    const clusters = await api.gql(`{ clusters(first: 10) { edges { node { name } } } }`);
    expect(clusters.data.clusters.edges).toHaveLength(1);
    const spareRead = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Academy { cluster { id } } } }`, { id: spare });
    expect(spareRead.data.node.cluster).toBeNull();
  });

  it('allows a two-school hub but warns that 3-4 is the norm', async () => {
    const a = await createAcademy(api, admin, { name: 'Small Lead', trustId, ofstedRating: 'REQUIRES_IMPROVEMENT' });
    const b = await createAcademy(api, admin, { name: 'Small Member', trustId });
    const payload = await must(api, CREATE_CLUSTER, { input: { name: 'Small Hub', trustId, leadAcademyId: a, memberAcademyIds: [b] } }, admin, 'createCluster');
    expect(payload.cluster.sizeWithinNorm).toBe(false);
    expect(payload.warnings.join(' ')).toMatch(/2 academies.*3-4/);
    expect(payload.warnings.join(' ')).toMatch(/normally Outstanding or Good/);
  });

  it('moves an academy between hubs and refuses to move a lead academy', async () => {
    const spare = await createAcademy(api, admin, { name: 'Mover', trustId });
    const move = `mutation ($input: MoveAcademyToClusterInput!) { moveAcademyToCluster(input: $input) { academy { cluster { id } } warnings userErrors { field code message } } }`;
    const moved = await must(api, move, { input: { academyId: spare, clusterId } }, admin, 'moveAcademyToCluster');
    expect(moved.academy.cluster.id).toBe(clusterId);
    const refused = await api.gql(move, { input: { academyId: lead, clusterId: null } }, { token: admin });
    expect(refused.data.moveAcademyToCluster.userErrors).toEqual([expect.objectContaining({ field: ['academyId'], code: 'LEAD_ACADEMY' })]);
  });
});

describe('staff members', () => {
  it('creates a staff member with expertise, capacity and safeguarding date', async () => {
    const staff = await createStaff(api, admin, members[0]!, {
      name: 'Priya Shah',
      email: 'Priya.Shah@Example.org.uk',
      designations: ['SLE', 'SLE'],
      maxTravelKm: 25,
      safeguardingCheckExpiresOn: '2027-09-01',
      expertise: [{ area: 'PHONICS', level: 'SYSTEM_LEADER', phases: ['PRIMARY'], evidence: 'Phonics screening 68% to 91%' }],
    });
    expect(staff).toMatchObject({ name: 'Priya Shah', capacityDays: 10, remainingDays: 10, maxTravelKm: 25, designations: ['SLE'], safeguardingCheckExpiresOn: '2027-09-01' });
  });

  it('treats emails as unique regardless of case', async () => {
    const res = await api.gql(CREATE_STAFF, { input: { name: 'Dup', email: 'priya.shah@example.ORG.uk', role: 'TEACHER', homeAcademyId: members[0], capacityDays: 5 } }, { token: admin });
    expect(res.data.createStaffMember.userErrors).toEqual([expect.objectContaining({ field: ['email'], code: 'TAKEN' })]);
  });

  it('names nested expertise fields that are wrong', async () => {
    const res = await api.gql(
      CREATE_STAFF,
      {
        input: {
          name: 'Bad Entry',
          email: 'bad.entry@example.org.uk',
          role: 'TEACHER',
          homeAcademyId: members[0],
          capacityDays: -2,
          expertise: [
            { area: 'MATHS', level: 'EXPERT' },
            { area: 'MATHS', level: 'SECURE' },
          ],
        },
      },
      { token: admin },
    );
    const fields = res.data.createStaffMember.userErrors.map((e: any) => e.field.join('.'));
    expect(fields.sort()).toEqual(['capacityDays', 'expertise.1.area']);
  });

  it('hides staff from callers without a token', async () => {
    const res = await api.gql(`{ staffMembers(first: 5) { edges { node { name email } } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it('lets a teacher update their own availability and expertise, not someone else’s', async () => {
    const me = await createStaff(api, admin, members[1]!, { capacityDays: 12 });
    const other = await createStaff(api, admin, members[1]!);
    const token = await api.token('TEACHER', { staffId: me.id });
    const update = `mutation ($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { staffMember { capacityDays remainingDays maxTravelKm expertise { area level } } userErrors { field code } } }`;
    const mine = await must(api, update, { input: { id: me.id, capacityDays: 8, maxTravelKm: 30, expertise: [{ area: 'SCIENCE', level: 'SECURE' }] } }, token, 'updateStaffMember');
    expect(mine.staffMember).toEqual({ capacityDays: 8, remainingDays: 8, maxTravelKm: 30, expertise: [{ area: 'SCIENCE', level: 'SECURE' }] });
    const theirs = await api.gql(update, { input: { id: other.id, capacityDays: 0 } }, { token });
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('needs', () => {
  it('raises a need with a priority explained by factors that add up to it', async () => {
    const need = await raiseNeed(api, admin, members[1]!);
    expect(need).toMatchObject({ status: 'OPEN', daysRequested: 6, daysCovered: 0 });
    expect(need.priority).toBeGreaterThan(0);
    expect(need.priority).toBeLessThanOrEqual(1);
    const sum = need.priorityFactors.reduce((total: number, f: any) => total + f.contribution, 0);
    expect(sum).toBeCloseTo(need.priority, 9);
  });

  it('ranks needs of a more disadvantaged school above an otherwise equal need', async () => {
    const low = await createAcademy(api, admin, { name: 'Low FSM', trustId, fsmPercent: 5 });
    const high = await createAcademy(api, admin, { name: 'High FSM', trustId, fsmPercent: 55 });
    const a = await raiseNeed(api, admin, low, { area: 'ENGLISH' });
    const b = await raiseNeed(api, admin, high, { area: 'ENGLISH' });
    expect(b.priority).toBeGreaterThan(a.priority);
    const list = await api.gql(`{ needs(first: 10, filter: { area: ENGLISH }) { edges { node { id } } } }`);
    expect(list.data.needs.edges.map((e: any) => e.node.id)).toEqual([b.id, a.id]);
  });

  it('filters needs by hub and by trust', async () => {
    const hubs = await api.gql(`{ clusters(first: 1) { edges { node { id name } } } }`);
    expect(hubs.data.clusters.edges[0].node.name).toBe('Bodmin Hub');
    const clusterId = hubs.data.clusters.edges[0].node.id;
    const res = await api.gql(`query ($c: ID!, $t: ID!) { hub: needs(first: 50, filter: { clusterId: $c }) { edges { node { academy { name } } } } trust: needs(first: 50, filter: { trustId: $t }) { edges { node { id } } } }`, { c: clusterId, t: trustId });
    expect(res.data.hub.edges.map((e: any) => e.node.academy.name)).toEqual(['Member B']);
    expect(res.data.trust.edges).toHaveLength(3);
  });

  it('refuses a headteacher raising a need at another school, and validates fields', async () => {
    const head = await api.token('HEADTEACHER', { academyId: members[0] });
    const other = await api.gql(RAISE_NEED, { input: { academyId: members[1], area: 'MATHS', phase: 'PRIMARY', severity: 'LOW', description: 'Some help please with maths', daysRequested: 2 } }, { token: head });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await api.gql(RAISE_NEED, { input: { academyId: members[0], area: 'MATHS', phase: 'PRIMARY', severity: 'LOW', description: 'short', daysRequested: 0 } }, { token: head });
    expect(bad.data.raiseNeed.userErrors.map((e: any) => e.field[0]).sort()).toEqual(['daysRequested', 'description']);
  });

  it('updates and closes a need, recording the change', async () => {
    const need = await raiseNeed(api, admin, members[0]!, { area: 'SCIENCE', severity: 'LOW' });
    const update = `mutation ($input: UpdateNeedInput!) { updateNeed(input: $input) { need { severity priority } userErrors { code } } }`;
    const updated = await must(api, update, { input: { id: need.id, severity: 'CRITICAL' } }, admin, 'updateNeed');
    expect(updated.need.severity).toBe('CRITICAL');
    expect(updated.need.priority).toBeGreaterThan(need.priority);
    const close = `mutation ($input: CloseNeedInput!) { closeNeed(input: $input) { need { status } userErrors { code } } }`;
    expect((await must(api, close, { input: { id: need.id, reason: 'Met by LA support' } }, admin, 'closeNeed')).need.status).toBe('CLOSED');
    const again = await api.gql(close, { input: { id: need.id } }, { token: admin });
    expect(again.data.closeNeed.userErrors).toEqual([{ code: 'INVALID_TRANSITION' }]);
  });
});

describe('nested list queries', () => {
  it('load 50 needs with academy, hub, lead academy and trust in a handful of database commands', async () => {
    const head = await api.token('IMPROVEMENT_LEAD', { trustId });
    for (let i = 0; i < 50; i += 1) await raiseNeed(api, head, members[i % 2]!, { area: 'HISTORY', daysRequested: 1 + (i % 5) });
    // Straight from the database (as with MongoDB), and from the in-process copies (as with FerretDB).
    for (const mode of ['off', 'on'] as const) {
      setReadCacheMode(mode);
      let result: any;
      const commands = await api.countCommands(async () => {
        result = await api.gql(`{ needs(first: 50, filter: { area: HISTORY }) { edges { node { id priority academy { name cluster { name leadAcademy { name } trust { name } } trust { name } } } } } }`);
      });
      setReadCacheMode('auto');
      expect(result.errors).toBeUndefined();
      expect(result.data.needs.edges).toHaveLength(50);
      expect(result.data.needs.edges[0].node.academy.cluster.trust.name).toBe('Aspire Academy Trust');
      // needs page, academies, clusters, lead academies, trusts: one query each at most.
      const finds = commands.filter((c) => c === 'find').length;
      expect({ mode, atMostFiveFinds: finds <= 5, atMostSixCommands: commands.length <= 6 }).toEqual({ mode, atMostFiveFinds: true, atMostSixCommands: true });
    }
  });
});
