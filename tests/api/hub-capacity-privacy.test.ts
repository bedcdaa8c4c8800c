// Cluster.spareCapacityDays sums the capacity (personal data) of a hub's staff: in a hub where
// one supporter has days left, the figure is that person's days. So it is readable only by
// those who may read every summed person's capacity: ADMIN, the hub's executive head and the
// improvement lead of its trust (issue 16, docs/security.md). Others get null with FORBIDDEN
// naming who may read it, and the rest of their answer still arrives.
import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, createAcademy, createStaff, createTrust, must } from '../support/world';

let api: TestApi;
let admin: string;
let trustId: string;
let hubId: string;
let memberSchool: string;

const HUB = `query ($id: ID!) { node(id: $id) { ... on Cluster { name spareCapacityDays } } }`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Moorland Trust');
  const lead = await createAcademy(api, admin, { name: 'Moorland Lead Academy', trustId });
  memberSchool = await createAcademy(api, admin, { name: 'Tor Primary', trustId });
  hubId = (await must(api, CREATE_CLUSTER, { input: { name: 'Moorland Hub', trustId, leadAcademyId: lead, memberAcademyIds: [memberSchool] } }, admin, 'createCluster')).cluster.id;
  // One supporter in the hub: the hub's spare days are exactly their days.
  await createStaff(api, admin, memberSchool, { name: 'Sole Supporter', capacityDays: 7 });
});
afterAll(async () => {
  await api.close();
});

async function read(token: string | null): Promise<{ data: any; errors: any[] }> {
  const answer = await api.gql(HUB, { id: hubId }, token ? { token } : {});
  return { data: answer.data, errors: answer.errors ?? [] };
}

describe('Cluster.spareCapacityDays', () => {
  it("is the hub's sum for ADMIN, the hub's executive head and its trust's improvement lead", async () => {
    for (const token of [admin, await api.token('EXECUTIVE_HEAD', { clusterId: hubId, trustId }), await api.token('IMPROVEMENT_LEAD', { trustId })]) {
      const answer = await read(token);
      expect(answer.errors).toEqual([]);
      expect(answer.data.node).toEqual({ name: 'Moorland Hub', spareCapacityDays: 7 });
    }
  });

  it('is null with FORBIDDEN naming who may read it for everyone else with a token, the rest of the answer standing', async () => {
    const otherTrust = await createTrust(api, admin, 'Estuary Trust');
    const otherLead = await createAcademy(api, admin, { name: 'Valley Lead Academy', trustId });
    const otherHub = (await must(api, CREATE_CLUSTER, { input: { name: 'Valley Hub', trustId, leadAcademyId: otherLead, memberAcademyIds: [] } }, admin, 'createCluster')).cluster.id;
    const others = {
      "another trust's improvement lead": await api.token('IMPROVEMENT_LEAD', { trustId: otherTrust }),
      "another hub's executive head": await api.token('EXECUTIVE_HEAD', { clusterId: otherHub, trustId }),
      "a member school's headteacher": await api.token('HEADTEACHER', { academyId: memberSchool, trustId, clusterId: hubId }),
      'a teacher in the hub': await api.token('TEACHER', { academyId: memberSchool, trustId, clusterId: hubId }),
    };
    for (const [who, token] of Object.entries(others)) {
      const answer = await read(token);
      expect({ who, node: answer.data.node }).toEqual({ who, node: { name: 'Moorland Hub', spareCapacityDays: null } });
      expect({ who, errors: answer.errors.length }).toEqual({ who, errors: 1 });
      expect({ who, ...answer.errors[0] }).toMatchObject({ who, path: ['node', 'spareCapacityDays'], extensions: { code: 'FORBIDDEN' } });
      expect(answer.errors[0].message).toBe(
        "Forbidden: Cluster.spareCapacityDays sums the capacity (personal data) of the hub's staff, readable only by ADMIN, the hub's executive head and the improvement lead of the hub's trust",
      );
    }
  });

  it('is UNAUTHENTICATED without a token', async () => {
    const answer = await read(null);
    expect(answer.data.node).toEqual({ name: 'Moorland Hub', spareCapacityDays: null });
    expect(answer.errors[0]).toMatchObject({ path: ['node', 'spareCapacityDays'], extensions: { code: 'UNAUTHENTICATED' } });
  });
});
