import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
let school: string;
let home: string;

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id status } userErrors { field code } } }`;
const MOVE_INPUT: Record<string, string> = { completeDeployment: 'CompleteDeploymentInput' };
const move = (name: string) => `mutation ($input: ${MOVE_INPUT[name] ?? 'DeploymentIdInput'}!) { ${name}(input: $input) { deployment { status } userErrors { code } } }`;
const inputFor = (name: string, id: string) => (name === 'completeDeployment' ? { id, impactRating: 3, impactEvidence: 'Outcomes improved this term' } : { id });

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  const trustId = await createTrust(api, admin, 'Rules Trust');
  school = await createAcademy(api, admin, { name: 'Rules School', trustId });
  home = await createAcademy(api, admin, { name: 'Rules Home', trustId });
});
afterAll(() => api.close());

async function deploymentIn(status: string): Promise<string> {
  const person = await createStaff(api, admin, home, { capacityDays: 5 });
  const need = await raiseNeed(api, admin, school, { daysRequested: 2 });
  const { deployment } = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2 } }, admin, 'proposeDeployment');
  const path: Record<string, string[]> = {
    PROPOSED: [],
    AGREED: ['agreeDeployment'],
    ACTIVE: ['agreeDeployment', 'startDeployment'],
    COMPLETED: ['agreeDeployment', 'startDeployment', 'completeDeployment'],
    DECLINED: ['declineDeployment'],
    CANCELLED: ['cancelDeployment'],
  };
  for (const step of path[status]!) await must(api, move(step), { input: inputFor(step, deployment.id) }, admin, step);
  return deployment.id;
}

// The lifecycle: which moves are legal from which status, and where they lead.
const LEGAL: Record<string, Record<string, string>> = {
  PROPOSED: { agreeDeployment: 'AGREED', declineDeployment: 'DECLINED', cancelDeployment: 'CANCELLED' },
  AGREED: { startDeployment: 'ACTIVE', declineDeployment: 'DECLINED', cancelDeployment: 'CANCELLED' },
  ACTIVE: { completeDeployment: 'COMPLETED', cancelDeployment: 'CANCELLED' },
  COMPLETED: {},
  DECLINED: {},
  CANCELLED: {},
};
const MOVES = ['agreeDeployment', 'startDeployment', 'completeDeployment', 'declineDeployment', 'cancelDeployment'];

describe('deployment lifecycle', () => {
  for (const status of Object.keys(LEGAL)) {
    for (const name of MOVES) {
      const target = LEGAL[status]![name];
      it(`${name} from ${status} ${target ? `leads to ${target}` : 'is refused with INVALID_TRANSITION'}`, async () => {
        const id = await deploymentIn(status);
        const res = await api.gql(move(name), { input: inputFor(name, id) }, { token: admin });
        expect(res.errors).toBeUndefined();
        if (target) expect(res.data[name]).toEqual({ deployment: { status: target }, userErrors: [] });
        else expect(res.data[name]).toEqual({ deployment: null, userErrors: [{ code: 'INVALID_TRANSITION' }] });
        const read = await api.gql(`query ($id: ID!) { node(id: $id) { ... on Deployment { status } } }`, { id }, { token: admin });
        expect(read.data.node.status).toBe(target ?? status);
      });
    }
  }
});

describe('one live deployment per supporter and need', () => {
  it('lets exactly one of several simultaneous proposals of the same person for the same need through', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 20 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 20 });
    const results = await Promise.all(Array.from({ length: 8 }, () => api.gql(PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2 } }, { token: admin })));
    const ok = results.filter((r) => r.data.proposeDeployment.deployment);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => !x.data.proposeDeployment.deployment)) {
      expect(r.data.proposeDeployment.userErrors[0].code).toBe('ALREADY_SUPPORTING');
    }
    const read = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { remainingDays } } }`, { id: person.id }, { token: admin });
    expect(read.data.node.remainingDays).toBe(18);
    const needRead = await api.gql(`query ($id: ID!) { node(id: $id) { ... on ImprovementNeed { daysCovered } } }`, { id: need.id });
    expect(needRead.data.node.daysCovered).toBe(2);
  });

  it('lets the person be proposed again once the earlier deployment is cancelled', async () => {
    const person = await createStaff(api, admin, home, { capacityDays: 10 });
    const need = await raiseNeed(api, admin, school, { daysRequested: 4 });
    const first = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2 } }, admin, 'proposeDeployment');
    await must(api, move('cancelDeployment'), { input: { id: first.deployment.id } }, admin, 'cancelDeployment');
    const second = await must(api, PROPOSE, { input: { needId: need.id, staffId: person.id, days: 2 } }, admin, 'proposeDeployment');
    expect(second.deployment.status).toBe('PROPOSED');
  });
});

describe('whole-school support', () => {
  const SET = `mutation ($input: SetAcademySupportCapacityInput!) { setAcademySupportCapacity(input: $input) { academy { supportCapacityDays supportRemainingDays } userErrors { field code } } }`;

  it('lets a headteacher offer their school’s days, which then rank and reserve as an ACADEMY supporter', async () => {
    const trustId = await createTrust(api, admin, 'School Support Trust');
    const receiver = await createAcademy(api, admin, { name: 'Receiver', trustId });
    const supporter = await createAcademy(api, admin, { name: 'Supporter School', trustId, ofstedRating: 'OUTSTANDING' });
    await createStaff(api, admin, supporter, { expertise: [{ area: 'BEHAVIOUR', level: 'EXPERT', phases: ['PRIMARY'] }] });
    const head = await api.token('HEADTEACHER', { academyId: supporter });
    const set = await must(api, SET, { input: { academyId: supporter, supportCapacityDays: 10 } }, head, 'setAcademySupportCapacity');
    expect(set.academy).toEqual({ supportCapacityDays: 10, supportRemainingDays: 10 });
    const otherHead = await api.token('HEADTEACHER', { academyId: receiver });
    expect((await api.gql(SET, { input: { academyId: supporter, supportCapacityDays: 0 } }, { token: otherHead })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const need = await raiseNeed(api, admin, receiver, { area: 'BEHAVIOUR', daysRequested: 6 });
    const ranking = await api.gql(`query ($id: ID!) { rankCandidates(needId: $id, kind: ACADEMY) { candidates { candidate { ... on Academy { id } } } } }`, { id: need.id }, { token: admin });
    expect(ranking.data.rankCandidates.candidates.map((c: any) => c.candidate.id)).toEqual([supporter]);
    const proposed = await must(api, PROPOSE, { input: { needId: need.id, supportingAcademyId: supporter, days: 6 } }, admin, 'proposeDeployment');
    expect(proposed.deployment.status).toBe('PROPOSED');
    const below = await api.gql(SET, { input: { academyId: supporter, supportCapacityDays: 3 } }, { token: head });
    expect(below.data.setAcademySupportCapacity.userErrors).toEqual([{ field: ['supportCapacityDays'], code: 'BELOW_COMMITTED' }]);
    const lowered = await must(api, SET, { input: { academyId: supporter, supportCapacityDays: 8 } }, head, 'setAcademySupportCapacity');
    expect(lowered.academy).toEqual({ supportCapacityDays: 8, supportRemainingDays: 2 });
  });
});
