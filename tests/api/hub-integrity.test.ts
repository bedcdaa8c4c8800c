// Hubs stay whole whatever path moves a school: a hub's lead academy is always one of its
// members, and a school leads one hub at most. upsertAcademy and the GIAS import refuse to move
// a lead to another trust (as moveAcademyToCluster refuses to move it out of its hub), and
// createCluster refuses a school that already leads a hub. Members may still move.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeIdOfType } from '../../server/auth/global-id';
import { importGiasFile } from '../../server/import/gias';
import { Academy } from '../../server/models/academy';
import { recordExternalWrites } from '../../server/db/write-epoch';
import { encodeRegister, headerLine, recordLine, typicalRecord } from '../fixtures/gias/register-format';
import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, UPSERT_ACADEMY, createTrust, must } from '../support/world';

let api: TestApi;
let admin: string;
let homeTrust: string;
let otherTrust: string;
let tmp: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  homeTrust = await createTrust(api, admin, 'Tamar Valley Learning Trust');
  otherTrust = await createTrust(api, admin, 'Bodmin Moor Academies');
  tmp = mkdtempSync(join(tmpdir(), 'hub-integrity-'));
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await api.close();
});

async function academy(urn: string, name: string, trustId: string | null, ofstedRating = 'GOOD'): Promise<string> {
  const input = { urn, name, phase: 'PRIMARY', ofstedRating, fsmPercent: 20, pupils: 300, postcode: 'PL17 7DR', latitude: 50.5, longitude: -4.3, trustId };
  return (await must(api, UPSERT_ACADEMY, { input }, admin, 'upsertAcademy')).academy.id;
}

async function hub(name: string, trustId: string, lead: string, members: string[]): Promise<string> {
  return (await must(api, CREATE_CLUSTER, { input: { name, trustId, leadAcademyId: lead, memberAcademyIds: members } }, admin, 'createCluster')).cluster.id;
}

const HUB = `query ($id: ID!) { node(id: $id) { ... on Cluster { leadAcademy { id trust { id } cluster { id } } memberAcademies { id } } } }`;
const ACADEMY = `query ($urn: String!) { academyByUrn(urn: $urn) { id name trust { id } cluster { id } } }`;

/** The hub is whole: its lead is a member, in the hub's trust. */
async function expectWhole(hubId: string, trustId: string) {
  const read = (await api.gql(HUB, { id: hubId })).data.node;
  expect(read.leadAcademy.cluster).toEqual({ id: hubId });
  expect(read.leadAcademy.trust).toEqual({ id: trustId });
  expect(read.memberAcademies.map((m: { id: string }) => m.id)).toContain(read.leadAcademy.id);
}

describe('upsertAcademy', () => {
  it("refuses to move a hub's lead academy to another trust, naming trustId and what to do first", async () => {
    const lead = await academy('160001', 'Callington Lead Academy', homeTrust);
    const member = await academy('160002', 'Stoke Climsland Academy', homeTrust);
    const hubId = await hub('Tamar Hub', homeTrust, lead, [member]);

    for (const trustId of [otherTrust, null]) {
      const res = await api.gql(UPSERT_ACADEMY, { input: { urn: '160001', trustId, name: 'Callington Lead Academy (renamed)' } }, { token: admin });
      expect(res.data.upsertAcademy).toEqual({
        academy: null,
        userErrors: [{ field: ['trustId'], code: 'LEAD_ACADEMY', message: expect.stringMatching(/leads the hub "Tamar Hub".*give the hub another lead academy before moving it to another trust/) }],
      });
    }
    // Nothing written: not the trust, not the hub, not the name given beside them.
    expect((await api.gql(ACADEMY, { urn: '160001' })).data.academyByUrn).toEqual({ id: lead, name: 'Callington Lead Academy', trust: { id: homeTrust }, cluster: { id: hubId } });
    await expectWhole(hubId, homeTrust);
  });

  it('still moves a member to another trust, taking it out of its hub', async () => {
    const lead = await academy('160011', 'Launceston Lead Academy', homeTrust);
    const member = await academy('160012', 'Lezant Academy', homeTrust);
    const hubId = await hub('Launceston Hub', homeTrust, lead, [member]);
    const moved = await must(api, UPSERT_ACADEMY, { input: { urn: '160012', trustId: otherTrust } }, admin, 'upsertAcademy');
    expect(moved.academy).toMatchObject({ trust: { id: otherTrust }, cluster: null });
    const read = (await api.gql(HUB, { id: hubId })).data.node;
    expect(read.memberAcademies).toEqual([{ id: lead }]);
    await expectWhole(hubId, homeTrust);
  });
});

describe('createCluster', () => {
  it('refuses a lead academy that already leads a hub, even one a record left in another trust', async () => {
    const lead = await academy('160021', 'Saltash Lead Academy', homeTrust);
    const member = await academy('160022', 'Landrake Academy', homeTrust);
    await hub('Saltash Hub', homeTrust, lead, [member]);
    // A record as upsertAcademy used to leave it: the lead moved to another trust, out of its hub.
    await Academy.updateOne({ urn: '160021' }, { $set: { trustId: decodeIdOfType(otherTrust, 'Trust'), clusterId: null } });
    await recordExternalWrites(['academies']);
    const other = await academy('160023', 'Bodmin Academy', otherTrust);
    const res = await api.gql(CREATE_CLUSTER, { input: { name: 'Moorland Hub', trustId: otherTrust, leadAcademyId: lead, memberAcademyIds: [other] } }, { token: admin });
    expect(res.data.createCluster).toMatchObject({
      cluster: null,
      userErrors: [{ field: ['leadAcademyId'], code: 'LEAD_ACADEMY', message: expect.stringContaining('already leads the hub "Saltash Hub"; a school leads one hub at most') }],
    });
    expect((await api.gql(ACADEMY, { urn: '160023' })).data.academyByUrn.cluster).toBeNull();
  });
});

describe('the GIAS import', () => {
  it("reports the row of a hub's lead academy moving to another trust and writes nothing of it; a member's row moves", async () => {
    const lead = await academy('160031', 'Liskeard Lead Academy', homeTrust);
    const member = await academy('160032', 'Dobwalls Academy', homeTrust);
    const hubId = await hub('Liskeard Hub', homeTrust, lead, [member]);
    const toOtherTrust = { 'TrustSchoolFlag (code)': '5', 'TrustSchoolFlag (name)': 'Supported by a multi-academy trust', 'Trusts (code)': 'TR09901', 'Trusts (name)': 'Bodmin Moor Academies' };
    const row = (urn: number, name: string) =>
      recordLine(typicalRecord({ URN: urn, EstablishmentName: name, 'TypeOfEstablishment (name)': 'Academy converter', 'PhaseOfEducation (name)': 'Primary', ...toOtherTrust }));
    const file = join(tmp, 'moves.csv');
    writeFileSync(file, encodeRegister([headerLine(), row(160031, 'Liskeard Lead Academy Renamed'), row(160032, 'Dobwalls Academy')]));

    const summary = await importGiasFile(file);
    expect(summary.rejected.listed).toEqual([
      { line: 2, urn: '160031', reason: expect.stringMatching(/^not imported: Liskeard Lead Academy Renamed leads the hub "Liskeard Hub".*before moving it to another trust$/) },
    ]);
    expect(summary.updated).toBe(1);
    expect((await api.gql(ACADEMY, { urn: '160031' })).data.academyByUrn).toEqual({ id: lead, name: 'Liskeard Lead Academy', trust: { id: homeTrust }, cluster: { id: hubId } });
    expect((await api.gql(ACADEMY, { urn: '160032' })).data.academyByUrn).toMatchObject({ trust: { id: otherTrust }, cluster: null });
    await expectWhole(hubId, homeTrust);
  });
});
