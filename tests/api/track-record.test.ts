import { type TestApi, startTestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
});
afterAll(() => api.close());

const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { code } } }`;
const step = (name: string, input: string) => `mutation ($input: ${input}!) { ${name}(input: $input) { deployment { status } userErrors { code } } }`;
const RANK = `query ($id: ID!) { rankCandidates(needId: $id) { candidates { candidate { ... on StaffMember { id } } score factors { name value detail } } } }`;

async function deliver(needId: string, staffId: string, impactRating: number) {
  const { deployment } = await must(api, PROPOSE, { input: { needId, staffId, days: 2 } }, admin, 'proposeDeployment');
  const id = deployment.id;
  await must(api, step('agreeDeployment', 'DeploymentIdInput'), { input: { id } }, admin, 'agreeDeployment');
  await must(api, step('startDeployment', 'DeploymentIdInput'), { input: { id } }, admin, 'startDeployment');
  await must(api, step('completeDeployment', 'CompleteDeploymentInput'), { input: { id, impactRating, impactEvidence: 'Measured change in outcomes' } }, admin, 'completeDeployment');
}

describe('track record', () => {
  it('completed impact in the area moves a person up later rankings, smoothed toward the prior', async () => {
    const trustId = await createTrust(api, admin, 'Record Trust');
    const home = await createAcademy(api, admin, { name: 'Twin Home', trustId });
    const schools = [await createAcademy(api, admin, { name: 'Past School A', trustId }), await createAcademy(api, admin, { name: 'Past School B', trustId })];
    const expertise = [{ area: 'MATHS', level: 'EXPERT', phases: ['PRIMARY'] }];
    const proven = await createStaff(api, admin, home, { name: 'Proven', capacityDays: 20, expertise });
    const unproven = await createStaff(api, admin, home, { name: 'Unproven', capacityDays: 20, expertise });
    const newcomer = await createStaff(api, admin, home, { name: 'Weak Record', capacityDays: 20, expertise });

    const before = await raiseNeed(api, admin, schools[0]!, { daysRequested: 2 });
    const scores = (r: any) => Object.fromEntries(r.data.rankCandidates.candidates.map((c: any) => [c.candidate.id, c]));
    const initial = scores(await api.gql(RANK, { id: before.id }, { token: admin }));
    // Identical people: identical scores before any record exists (a newcomer is not zero).
    expect(initial[proven.id].score).toBeCloseTo(initial[unproven.id].score, 12);
    const prior = initial[proven.id].factors.find((f: any) => f.name === 'trackRecord').value;
    expect(prior).toBeGreaterThan(0);

    await deliver(before.id, proven.id, 4);
    const other = await raiseNeed(api, admin, schools[1]!, { daysRequested: 2 });
    await deliver(other.id, newcomer.id, 1);

    const later = await raiseNeed(api, admin, schools[1]!, { daysRequested: 2 });
    const after = scores(await api.gql(RANK, { id: later.id }, { token: admin }));
    const record = (id: string) => after[id].factors.find((f: any) => f.name === 'trackRecord').value;
    expect(record(proven.id)).toBeGreaterThan(prior);
    expect(record(newcomer.id)).toBeLessThan(prior);
    expect(record(unproven.id)).toBeCloseTo(prior, 12);
    // Smoothed: one transformational result does not make a perfect record.
    expect(record(proven.id)).toBeLessThan(1);
    expect(after[proven.id].score).toBeGreaterThan(after[unproven.id].score);
  });
});
