// markStaffLeft through the real API: who may, what it writes, and that a leaver is never
// ranked, proposed or planned again while their history stays.
import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let otherTrustId: string;
let home: string;
let receiving: string;
let lead: string;

const MARK_LEFT = `mutation ($input: MarkStaffLeftInput!) {
  markStaffLeft(input: $input) {
    staffMember { id hasLeft leftAt remainingDays }
    releasedDeployments { id status need { id daysCovered status } }
    deploymentsToRearrange { id status }
    userErrors { field message code }
  }
}`;
const PROPOSE = `mutation ($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) { deployment { id status } userErrors { field message code } }
}`;
const AGREE = `mutation ($input: DeploymentIdInput!) { agreeDeployment(input: $input) { deployment { id status } userErrors { code } } }`;
const RANK = `query ($needId: ID!) {
  rankCandidates(needId: $needId, first: 50) { eligibleCount consideredCount candidates { candidate { ... on StaffMember { id } } } }
}`;
const RANK_NEEDS = `query ($staffId: ID!) { rankNeedsForStaff(staffId: $staffId) { need { id } } }`;
const PLAN = `query ($input: PlanAllocationInput!) {
  planAllocation(input: $input) { plan { assignments { staffMember { id } } } userErrors { code } }
}`;
const STAFF = `query ($id: ID!) { node(id: $id) { ... on StaffMember { hasLeft leftAt remainingDays } } }`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Leavers Trust');
  otherTrustId = await createTrust(api, admin, 'Another Trust');
  home = await createAcademy(api, admin, { name: 'Home Primary', trustId });
  receiving = await createAcademy(api, admin, { name: 'Receiving Primary', trustId, fsmPercent: 40 });
  lead = await api.token('IMPROVEMENT_LEAD', { trustId, sub: 'lead-1' });
});
afterAll(() => api.close());

const candidatesOf = async (needId: string) => {
  const res = await api.gql(RANK, { needId }, { token: admin });
  expect(res.errors).toBeUndefined();
  return { ...res.data.rankCandidates, ids: res.data.rankCandidates.candidates.map((c: { candidate: { id: string } }) => c.candidate.id) };
};

describe('who may mark a leaver', () => {
  it('refuses anyone but an ADMIN, their trust lead and their own headteacher, writing nothing', async () => {
    const person = await createStaff(api, admin, home);
    const refused = [
      await api.token('TEACHER', { staffId: person.id }),
      await api.token('IMPROVEMENT_LEAD', { trustId: otherTrustId }),
      await api.token('HEADTEACHER', { academyId: receiving }),
      await api.token('EXECUTIVE_HEAD', { clusterId: 'Q2x1c3Rlcjo2NTAwMDAwMDAwMDAwMDAwMDAwMDAwMDA=' }),
    ];
    for (const token of refused) {
      const res = await api.gql(MARK_LEFT, { input: { staffId: person.id } }, { token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await api.gql(MARK_LEFT, { input: { staffId: person.id } }, { token: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(STAFF, { id: person.id }, { token: admin })).data.node).toMatchObject({ hasLeft: false, leftAt: null });
  });

  it('the headteacher of their school, and their trust lead, may', async () => {
    const a = await createStaff(api, admin, home);
    const b = await createStaff(api, admin, home);
    const head = await api.token('HEADTEACHER', { academyId: home });
    expect((await must(api, MARK_LEFT, { input: { staffId: a.id } }, head, 'markStaffLeft')).staffMember.hasLeft).toBe(true);
    expect((await must(api, MARK_LEFT, { input: { staffId: b.id } }, lead, 'markStaffLeft')).staffMember.hasLeft).toBe(true);
  });

  it('bad input is a user error: an unknown or malformed id, someone already marked', async () => {
    const person = await createStaff(api, admin, home);
    const bad = await api.gql(MARK_LEFT, { input: { staffId: 'not-an-id' } }, { token: admin });
    expect(bad.data.markStaffLeft.userErrors).toEqual([expect.objectContaining({ field: ['staffId'], code: 'INVALID_ID' })]);
    await must(api, MARK_LEFT, { input: { staffId: person.id } }, admin, 'markStaffLeft');
    const again = await api.gql(MARK_LEFT, { input: { staffId: person.id } }, { token: admin });
    expect(again.data.markStaffLeft).toMatchObject({ staffMember: null, userErrors: [expect.objectContaining({ field: ['staffId'], code: 'ALREADY_LEFT' })] });
  });
});

describe('a leaver', () => {
  it('has their proposals released, their agreed work listed, and is never ranked, proposed or planned again', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const stayer = await createStaff(api, admin, home, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, receiving, { daysRequested: 6 });
    const otherNeed = await raiseNeed(api, admin, receiving, { daysRequested: 2, area: 'MATHS' });
    const before = await candidatesOf(need.id);
    expect(before.ids).toEqual(expect.arrayContaining([person.id, stayer.id]));

    const proposed = (await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 4 } }, lead, 'proposeDeployment')).deployment;
    const agreed = (await must(api, PROPOSE, { input: { needId: otherNeed.id, staffId: person.id, days: 2 } }, lead, 'proposeDeployment')).deployment;
    expect((await must(api, AGREE, { input: { id: agreed.id } }, admin, 'agreeDeployment')).deployment.status).toBe('AGREED');
    expect((await api.gql(STAFF, { id: person.id }, { token: admin })).data.node.remainingDays).toBe(4);

    const head = await api.token('HEADTEACHER', { academyId: home, sub: 'home-head' });
    const marked = await must(api, MARK_LEFT, { input: { staffId: person.id } }, head, 'markStaffLeft');
    expect(marked.staffMember).toMatchObject({ id: person.id, hasLeft: true, remainingDays: 8 });
    expect(marked.releasedDeployments).toEqual([{ id: proposed.id, status: 'CANCELLED', need: { id: need.id, daysCovered: 0, status: 'OPEN' } }]);
    expect(marked.deploymentsToRearrange).toEqual([{ id: agreed.id, status: 'AGREED' }]);

    // Not ranked, and not counted among those considered either: they are no longer a supporter.
    const after = await candidatesOf(need.id);
    expect(after.ids).not.toContain(person.id);
    expect(after.ids).toContain(stayer.id);
    expect(after.consideredCount).toBe(before.consideredCount - 1);
    expect((await api.gql(RANK_NEEDS, { staffId: person.id }, { token: admin })).data.rankNeedsForStaff).toEqual([]);

    const propose = await api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2 } }, { token: lead });
    expect(propose.data.proposeDeployment.userErrors).toEqual([expect.objectContaining({ field: ['staffId'], code: 'STAFF_LEFT' })]);

    // The record stays, with who marked them and the released proposal in the history.
    const history = await api.gql(`query ($id: ID!) { history(id: $id) { action actor { sub role } } }`, { id: person.id }, { token: admin });
    expect(history.data.history[0]).toEqual({ action: 'MARKED_LEFT', actor: { sub: 'home-head', role: 'HEADTEACHER' } });
    const deploymentHistory = await api.gql(`query ($id: ID!) { history(id: $id) { action actor { sub } } }`, { id: proposed.id }, { token: admin });
    expect(deploymentHistory.data.history[0]).toEqual({ action: 'CANCELLED_SUPPORTER_LEFT', actor: { sub: 'home-head' } });
    const listed = await api.gql(`{ staffMembers(first: 50, filter: { hasLeft: true }) { edges { node { id } } } }`, {}, { token: admin });
    expect(listed.data.staffMembers.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(person.id);
  });

  it('racing a proposal, leaves no live proposal for a leaver and every day accounted for, in or across trusts', async () => {
    const elsewhere = await createAcademy(api, admin, { name: 'Elsewhere Primary', trustId: otherTrustId });
    const need = await raiseNeed(api, admin, receiving, { daysRequested: 40 });
    // Half from the receiving school's trust (days held at once), half from another trust
    // (no days held until their school releases them).
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => createStaff(api, admin, i % 2 ? elsewhere : home, { capacityDays: 6 })));
    await Promise.all(
      people.flatMap((person) => [
        api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: 3 } }, { token: admin }),
        api.gql(MARK_LEFT, { input: { staffId: person.id } }, { token: admin }),
      ]),
    );
    const DEPLOYMENTS = `query ($id: ID!) { node(id: $id) { ... on ImprovementNeed { daysCovered deployments { staffMember { id } status days } } } }`;
    const state = (await api.gql(DEPLOYMENTS, { id: need.id }, { token: admin })).data.node;
    const live = state.deployments.filter((d: { status: string }) => ['PROPOSED', 'AGREED', 'ACTIVE'].includes(d.status));
    expect(live).toEqual([]);
    expect(state.daysCovered).toBe(0);
    for (const person of people) {
      const now = (await api.gql(STAFF, { id: person.id }, { token: admin })).data.node;
      expect(now).toMatchObject({ hasLeft: true, remainingDays: 6 });
    }
  });

  it('is left out of allocation plans', async () => {
    const planTrust = await createTrust(api, admin, 'Planning Trust');
    const planLead = await api.token('IMPROVEMENT_LEAD', { trustId: planTrust });
    const from = await createAcademy(api, admin, { name: 'Planning Home', trustId: planTrust });
    const to = await createAcademy(api, admin, { name: 'Planning Receiving', trustId: planTrust });
    const only = await createStaff(api, admin, from, { capacityDays: 10 });
    await raiseNeed(api, admin, to, { daysRequested: 4 });
    const planned = async () => {
      const res = await api.gql(PLAN, { input: { trustId: planTrust } }, { token: planLead });
      expect(res.data.planAllocation.userErrors).toEqual([]);
      return res.data.planAllocation.plan.assignments.map((a: { staffMember: { id: string } }) => a.staffMember.id);
    };
    expect(await planned()).toEqual([only.id]);
    await must(api, MARK_LEFT, { input: { staffId: only.id } }, planLead, 'markStaffLeft');
    expect(await planned()).toEqual([]);
  });

  it('no longer lends their expertise to their school as a whole', async () => {
    const school = await createAcademy(api, admin, { name: 'Whole School Supporter', trustId });
    await must(api, `mutation ($input: SetAcademySupportCapacityInput!) { setAcademySupportCapacity(input: $input) { academy { id } userErrors { code } } }`,
      { input: { academyId: school, supportCapacityDays: 10 } }, admin, 'setAcademySupportCapacity');
    const only = await createStaff(api, admin, school, { expertise: [{ area: 'GOVERNANCE', level: 'EXPERT', phases: ['PRIMARY'] }] });
    const need = await raiseNeed(api, admin, receiving, { area: 'GOVERNANCE', daysRequested: 4 });
    const rank = `query ($needId: ID!) { rankCandidates(needId: $needId, kind: ACADEMY, first: 50) { candidates { candidate { ... on Academy { id } } } } }`;
    const ids = async () => (await api.gql(rank, { needId: need.id }, { token: admin })).data.rankCandidates.candidates.map((c: { candidate: { id: string } }) => c.candidate.id);
    expect(await ids()).toContain(school);
    await must(api, MARK_LEFT, { input: { staffId: only.id } }, admin, 'markStaffLeft');
    expect(await ids()).not.toContain(school);
  });
});
