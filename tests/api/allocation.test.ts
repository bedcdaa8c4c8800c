import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
});
afterAll(() => api.close());

const PLAN = `query ($input: PlanAllocationInput!) {
  planAllocation(input: $input) {
    userErrors { field code message }
    plan {
      objective lpBound greedyObjective solver
      assignments { need { id area } staffMember { id name } days fit value factors { name contribution } }
      unmet { need { id } daysUnmet reason }
      fairness { totalRequestedDays totalAllocatedDays groups { group requestedDays allocatedDays } }
    }
  }
}`;
const COMMIT = `mutation ($input: CommitAllocationInput!) {
  commitAllocation(input: $input) {
    deployments { id status days need { id status } }
    failures { index userErrors { code message } }
    userErrors { field code }
  }
}`;

describe('planAllocation', () => {
  it('beats greedy where greedy is wrong, meets every need, and commits the plan', async () => {
    const trustId = await createTrust(api, admin, 'Plan Trust');
    const school = await createAcademy(api, admin, { name: 'Needs Help', trustId, fsmPercent: 40 });
    const home = await createAcademy(api, admin, { name: 'Helps Out', trustId, latitude: 50.41, longitude: -4.67 });
    // The versatile expert is the best maths candidate, but the only English one: greedy
    // sends them to maths and leaves English unmet; the optimum sends the specialist to maths.
    const versatile = await createStaff(api, admin, home, {
      name: 'Versatile Expert',
      capacityDays: 4,
      designations: ['SLE'],
      expertise: [
        { area: 'MATHS', level: 'SYSTEM_LEADER', phases: ['PRIMARY'] },
        { area: 'ENGLISH', level: 'SECURE', phases: ['PRIMARY'] },
      ],
    });
    const specialist = await createStaff(api, admin, home, { name: 'Maths Specialist', capacityDays: 4, expertise: [{ area: 'MATHS', level: 'SECURE', phases: ['PRIMARY'] }] });
    const maths = await raiseNeed(api, admin, school, { area: 'MATHS', daysRequested: 4, severity: 'CRITICAL' });
    const english = await raiseNeed(api, admin, school, { area: 'ENGLISH', daysRequested: 4, severity: 'LOW' });

    const lead = await api.token('IMPROVEMENT_LEAD', { trustId });
    const res = await api.gql(PLAN, { input: { trustId } }, { token: lead });
    expect(res.errors).toBeUndefined();
    const plan = res.data.planAllocation.plan;
    const who = Object.fromEntries(plan.assignments.map((a: any) => [a.need.area, a.staffMember.name]));
    expect(who).toEqual({ MATHS: 'Maths Specialist', ENGLISH: 'Versatile Expert' });
    expect(plan.unmet).toEqual([]);
    expect(plan.objective).toBeGreaterThan(plan.greedyObjective);
    expect(plan.lpBound).toBeCloseTo(plan.objective, 6);
    expect(plan.fairness.totalAllocatedDays).toBe(8);
    for (const a of plan.assignments) expect(a.value).toBeGreaterThan(0);

    const assignments = plan.assignments.map((a: any) => ({ needId: a.need.id, staffId: a.staffMember.id, days: a.days }));
    const committed = await must(api, COMMIT, { input: { assignments } }, lead, 'commitAllocation');
    expect(committed.failures).toEqual([]);
    expect(committed.deployments.map((d: any) => d.status)).toEqual(['PROPOSED', 'PROPOSED']);
    expect(new Set(committed.deployments.map((d: any) => d.need.id))).toEqual(new Set([maths.id, english.id]));

    // The same plan is now stale: nothing more is reserved, and each part says why.
    const again = await must(api, COMMIT, { input: { assignments } }, lead, 'commitAllocation');
    expect(again.deployments).toEqual([]);
    expect(again.failures.map((f: any) => f.userErrors[0].code).sort()).toEqual(['NEED_NOT_OPEN', 'NEED_NOT_OPEN']);
    for (const id of [versatile.id, specialist.id]) {
      const read = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { remainingDays } } }`, { id }, { token: admin });
      expect(read.data.node.remainingDays).toBe(0);
    }
  });

  it('gives scarce days to the more disadvantaged school', async () => {
    const trustId = await createTrust(api, admin, 'Scarce Trust');
    const low = await createAcademy(api, admin, { name: 'Low FSM School', trustId, fsmPercent: 6 });
    const high = await createAcademy(api, admin, { name: 'High FSM School', trustId, fsmPercent: 58 });
    const home = await createAcademy(api, admin, { name: 'Scarce Home', trustId });
    await createStaff(api, admin, home, { capacityDays: 4, expertise: [{ area: 'PHONICS', level: 'EXPERT', phases: ['PRIMARY'] }] });
    await raiseNeed(api, admin, low, { area: 'PHONICS', daysRequested: 4 });
    const favoured = await raiseNeed(api, admin, high, { area: 'PHONICS', daysRequested: 4 });
    const plan = (await api.gql(PLAN, { input: { trustId } }, { token: admin })).data.planAllocation.plan;
    expect(plan.assignments.map((a: any) => a.need.id)).toEqual([favoured.id]);
    expect(plan.unmet).toEqual([expect.objectContaining({ daysUnmet: 4, reason: 'CAPACITY_EXHAUSTED' })]);
  });

  it('answers bad input clearly and refuses callers outside the trust', async () => {
    const trustId = await createTrust(api, admin, 'Guarded Trust');
    const none = await api.gql(PLAN, { input: {} }, { token: admin });
    expect(none.data.planAllocation.userErrors).toEqual([expect.objectContaining({ field: ['trustId'] })]);
    const wrong = await api.gql(PLAN, { input: { clusterId: trustId } }, { token: admin });
    expect(wrong.data.planAllocation.userErrors).toEqual([expect.objectContaining({ field: ['clusterId'], code: 'INVALID_ID' })]);
    const other = await api.token('IMPROVEMENT_LEAD', { trustId: await createTrust(api, admin, 'Elsewhere Trust') });
    const refused = await api.gql(PLAN, { input: { trustId } }, { token: other });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
