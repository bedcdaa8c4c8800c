// Names where uniqueness matters are compared normalised (NFKC, case-folded, whitespace
// collapsed and trimmed), so a look-alike is the same record; control, bidirectional and
// invisible characters are refused in every name, naming the field and writing nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { importGiasFile } from '../../server/import/gias';
import { backfillNameKeys } from '../../server/db/name-keys';
import { SYSTEM_ACTOR } from '../../server/models/common';
import { recordExternalWrites } from '../../server/db/write-epoch';
import { encodeRegister, headerLine, recordLine, typicalRecord } from '../fixtures/gias/register-format';
import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_CLUSTER, CREATE_STAFF, CREATE_TRUST, UPSERT_ACADEMY, createAcademy, createTrust, must } from '../support/world';

let api: TestApi;
let admin: string;
let trelawny: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  trelawny = await createTrust(api, admin, 'Trelawny Academy Trust');
});
afterAll(() => api.close());

const trustNames = async () =>
  (await api.gql(`{ trusts(first: 100) { edges { node { name } } } }`)).data.trusts.edges.map((e: { node: { name: string } }) => e.node.name).sort();

describe('trust names', () => {
  it.each([
    ['two spaces', 'Trelawny  Academy Trust'],
    ['capitals', 'TRELAWNY ACADEMY TRUST'],
    ['a full-width letter', '\uFF34relawny Academy Trust'],
    ['a no-break space and a trailing space', 'Trelawny\u00A0Academy Trust '],
    ['an em space between words', 'Trelawny Academy\u0020\u2003Trust'],
  ])('refuses a look-alike with %s as TAKEN, writing nothing', async (_how, name) => {
    const before = await trustNames();
    const res = await api.gql(CREATE_TRUST, { input: { name } }, { token: admin });
    expect(res.data.createTrust).toEqual({ trust: null, userErrors: [{ field: ['name'], code: 'TAKEN', message: expect.stringContaining('already exists') }] });
    expect(await trustNames()).toEqual(before);
  });

  it('stores a name tidy: one space between words, trimmed', async () => {
    const payload = await must(api, CREATE_TRUST, { input: { name: '  Kernow   Learning  ' } }, admin, 'createTrust');
    expect(payload.trust.name).toBe('Kernow Learning');
  });

  it('compares existing records in the new form: their keys are brought up to date before the indexes', async () => {
    // A record as written before: its key only lower-cased, so double spaces kept.
    await mongoose.connection.db!.collection('trusts').insertOne({ name: 'Old  Spaced Trust', nameKey: 'old  spaced trust', region: null, gias: null, createdBy: SYSTEM_ACTOR, updatedBy: SYSTEM_ACTOR });
    await recordExternalWrites(['trusts']);
    expect(await backfillNameKeys()).toEqual([]);
    const res = await api.gql(CREATE_TRUST, { input: { name: 'Old Spaced Trust' } }, { token: admin });
    expect(res.data.createTrust.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'TAKEN' })]);
  });
});

describe('hub names in a trust', () => {
  it('refuses a look-alike hub name in the same trust, not in another trust', async () => {
    const lead = await createAcademy(api, admin, { trustId: trelawny });
    const other = await createAcademy(api, admin, { trustId: trelawny });
    await must(api, CREATE_CLUSTER, { input: { name: 'Bodmin Hub', trustId: trelawny, leadAcademyId: lead } }, admin, 'createCluster');
    const res = await api.gql(CREATE_CLUSTER, { input: { name: 'bodmin  HUB', trustId: trelawny, leadAcademyId: other } }, { token: admin });
    expect(res.data.createCluster).toMatchObject({ cluster: null, userErrors: [{ field: ['name'], code: 'TAKEN' }] });
    expect((await api.gql(`query ($id: ID!) { node(id: $id) { ... on Academy { cluster { id } } } }`, { id: other })).data.node.cluster).toBeNull();

    const elsewhere = await createTrust(api, admin, 'Penwith Trust');
    const theirLead = await createAcademy(api, admin, { trustId: elsewhere });
    await must(api, CREATE_CLUSTER, { input: { name: 'Bodmin Hub', trustId: elsewhere, leadAcademyId: theirLead } }, admin, 'createCluster');
  });
});

describe('characters refused in names', () => {
  const BAD: [string, string, string][] = [
    ['NUL', 'Evil\u0000 Trust', 'U+0000'],
    ['a right-to-left override', 'Trust \u202Egnirut', 'U+202E'],
    ['a zero-width space', 'Trelawny\u200B Academy Trust', 'U+200B'],
    ['a zero-width joiner', 'Tre\u200Dlawny Trust', 'U+200D'],
    ['a byte-order mark', '\uFEFFTrelawny Trust', 'U+FEFF'],
    ['a line break inside', 'Two\nLines Trust', 'U+000A'],
    ['a first-strong isolate', 'Isolated \u2068Trust', 'U+2068'],
  ];

  it.each(BAD)('createTrust refuses %s, naming name, writing nothing', async (_what, name, code) => {
    const before = await trustNames();
    const res = await api.gql(CREATE_TRUST, { input: { name } }, { token: admin });
    expect(res.data.createTrust).toEqual({ trust: null, userErrors: [{ field: ['name'], code: 'INVALID', message: expect.stringContaining(`found ${code}`) }] });
    expect(await trustNames()).toEqual(before);
  });

  it('upsertAcademy, createCluster, createStaffMember and a trust region refuse them too', async () => {
    const academy = await api.gql(UPSERT_ACADEMY, { input: { urn: '170001', name: 'Evil\u202E School', phase: 'PRIMARY', trustId: trelawny } }, { token: admin });
    expect(academy.data.upsertAcademy.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'INVALID', message: expect.stringContaining('U+202E') })]);
    expect((await api.gql(`{ academyByUrn(urn: "170001") { id } }`)).data.academyByUrn).toBeNull();

    const lead = await createAcademy(api, admin, { trustId: trelawny });
    const hub = await api.gql(CREATE_CLUSTER, { input: { name: 'Hidden\u200B Hub', trustId: trelawny, leadAcademyId: lead } }, { token: admin });
    expect(hub.data.createCluster.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'INVALID', message: expect.stringContaining('U+200B') })]);

    const staff = await api.gql(
      CREATE_STAFF,
      { input: { name: 'Ann\u0000 Other', email: 'ann.other@example.org.uk', role: 'TEACHER', homeAcademyId: lead, capacityDays: 5, expertise: [] } },
      { token: admin },
    );
    expect(staff.data.createStaffMember.userErrors).toEqual([expect.objectContaining({ field: ['name'], code: 'INVALID', message: expect.stringContaining('U+0000') })]);

    const region = await api.gql(CREATE_TRUST, { input: { name: 'Region Trust', region: 'South\u202E West' } }, { token: admin });
    expect(region.data.createTrust.userErrors).toEqual([expect.objectContaining({ field: ['region'], code: 'INVALID' })]);
  });

  it('keeps accents and other letters: only invisible and control characters are refused', async () => {
    const payload = await must(api, CREATE_TRUST, { input: { name: 'Ysgolion Dewi Sant – Ōtautahi Trust' } }, admin, 'createTrust');
    expect(payload.trust.name).toBe('Ysgolion Dewi Sant – Ōtautahi Trust');
  });
});

describe('the GIAS import', () => {
  it('rejects a row whose name holds a control character, and links a trust by its normalised name', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'names-'));
    try {
      const trust = { 'TrustSchoolFlag (code)': '5', 'TrustSchoolFlag (name)': 'Supported by a multi-academy trust', 'Trusts (code)': 'TR08801', 'Trusts (name)': 'TRELAWNY  ACADEMY TRUST' };
      const row = (urn: number, name: string) => recordLine(typicalRecord({ URN: urn, EstablishmentName: name, 'TypeOfEstablishment (name)': 'Academy converter', 'PhaseOfEducation (name)': 'Primary', ...trust }));
      const file = join(tmp, 'names.csv');
      writeFileSync(file, encodeRegister([headerLine(), row(171001, 'Bell\u0007 Academy'), row(171002, 'Porthpean  Academy')]));
      const summary = await importGiasFile(file);
      expect(summary.rejected.listed).toEqual([{ line: 2, urn: '171001', reason: expect.stringContaining('U+0007') }]);
      const read = await api.gql(`{ academyByUrn(urn: "171002") { name trust { id } } }`);
      expect(read.data.academyByUrn).toEqual({ name: 'Porthpean Academy', trust: { id: trelawny } });
      expect((await api.gql(`{ academyByUrn(urn: "171001") { id } }`)).data.academyByUrn).toBeNull();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
