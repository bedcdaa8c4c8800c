// `npm run import:staff` end to end: the real command in its own process against this test
// file's database, and what it wrote read back through the real API, as a client sees it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { decodeGlobalId } from '../../server/auth/global-id';
import { importStaffFile } from '../../server/import/staff';
import { AuditEntry } from '../../server/models/audit-entry';
import { StaffMember } from '../../server/models/staff-member';
import { setExternalWriteCheckInterval } from '../../server/db/read-cache';
import { runScript } from '../support/run-script';
import { type TestApi, startTestApi } from '../support/test-api';
import { CREATE_STAFF, createTrust, must, UPSERT_ACADEMY } from '../support/world';

// Each test runs the real command in its own process (a few seconds each on a loaded
// machine, several per test): more than jest's default minute must be allowed.
jest.setTimeout(300_000);

const HEADER = 'name,email,role,homeUrn,designations,expertise,capacityDays,maxTravelKm,safeguardingCheckExpiresOn';

const STAFF = `query ($filter: StaffMemberFilter) {
  staffMembers(first: 100, filter: $filter) {
    edges { node {
      id name email role homeAcademy { urn } designations capacityDays remainingDays maxTravelKm safeguardingCheckExpiresOn
      expertise { area level phases evidence } availability { from to } hasLeft missingFromImportSince
    } }
  }
}`;
const HISTORY = `query ($id: ID!) { history(id: $id) { action actor { sub role } changes { field from to } } }`;

let api: TestApi;
let admin: string;
let tmp: string;
let trustId: string;
const URN = { coast: '300001', moor: '300002', elsewhere: '300003' };

beforeAll(async () => {
  api = await startTestApi();
  // The command writes from another process: let the server look for that on every read.
  setExternalWriteCheckInterval(0);
  tmp = mkdtempSync(join(tmpdir(), 'staff-import-'));
  admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Kernow Learning');
  const school = (urn: string, name: string, trust: string | null) =>
    must(api, UPSERT_ACADEMY, { input: { urn, name, phase: 'PRIMARY', ofstedRating: 'GOOD', fsmPercent: 20, pupils: 300, postcode: 'PL31 1EZ', latitude: 50.47, longitude: -4.72, trustId: trust } }, admin, 'upsertAcademy');
  await school(URN.coast, 'Coast Primary', trustId);
  await school(URN.moor, 'Moor Primary', trustId);
  await school(URN.elsewhere, 'Elsewhere Primary', null);
});
afterAll(async () => {
  setExternalWriteCheckInterval(2_000);
  rmSync(tmp, { recursive: true, force: true });
  await api.close();
});

function csv(name: string, lines: string[]): string {
  const file = join(tmp, name);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

function importStaff(...args: string[]) {
  const uri = `${process.env.TEST_DATABASE_URI!.replace(/\/$/, '')}/${mongoose.connection.name}`;
  return runScript('server/import/staff-command.ts', args, { MONGODB_URI: uri });
}

async function staffByEmail(filter: Record<string, unknown> = {}) {
  const res = await api.gql(STAFF, { filter }, { token: admin });
  expect(res.errors).toBeUndefined();
  return new Map<string, any>(res.data.staffMembers.edges.map((e: { node: { email: string } }) => [e.node.email.toLowerCase(), e.node]));
}

async function writes() {
  return { staff: await StaffMember.countDocuments(), audit: await AuditEntry.countDocuments(), updated: (await StaffMember.find({}, { updatedAt: 1 }).lean()).map((s) => String(s.updatedAt)).sort() };
}

const GOOD = [
  HEADER,
  'Ada Lovelace,ada.lovelace@kernow.example,SENIOR_LEADER,300001,SLE;NLE,MATHS:EXPERT:PRIMARY+SECONDARY;ASSESSMENT:SECURE:PRIMARY,20,25,2027-09-01',
  '"Brontë, Charlotte",c.bronte@kernow.example,teacher,300002,,ENGLISH:SYSTEM_LEADER:PRIMARY,10,,',
  'Dan Moor,dan.moor@kernow.example,MIDDLE_LEADER,300002,,PHONICS:SECURE:,0,12.5,',
];

describe('a file with bad rows writes nothing and names every problem by line and column', () => {
  const BAD = [
    HEADER,
    'Ada Lovelace,ada.lovelace@kernow.example,SENIOR_LEADER,300001,SLE,MATHS:EXPERT:PRIMARY,20,25,2027-09-01',
    'B,not-an-email,HEAD,300001,SLX,MATHS:GURU:PRIMARY,201,-1,2027-02-30',
    'Carol Smith,carol@kernow.example,TEACHER,999999,,MATHS:EXPERT:PRIMARY;MATHS:SECURE:PRIMARY,five,,',
    'Too,few,fields',
    'Ada Again,ADA.LOVELACE@kernow.example,TEACHER,300001,,,5,,',
  ];

  it('--dry-run: exit 1, each bad row listed with its column, nothing written', async () => {
    const before = await writes();
    const { code, stdout } = await importStaff(csv('bad.csv', BAD), '--dry-run');
    expect(code).toBe(1);
    for (const expected of [
      'line 3, column name: "B" is too short',
      'line 3, column email: "not-an-email" is not a valid email address',
      'line 3, column role: "HEAD" is not a role',
      'line 3, column designations: "SLX" is not a designation',
      'line 3, column expertise: "GURU" in "MATHS:GURU:PRIMARY" is not a level',
      'line 3, column capacityDays: 201 is outside 0 to 200 days',
      'line 3, column maxTravelKm: -1 is outside 0 to 1000 km',
      'line 3, column safeguardingCheckExpiresOn: "2027-02-30" is not a date written YYYY-MM-DD',
      'line 4, column homeUrn: no school with URN 999999 is recorded here',
      'line 4, column expertise: MATHS is listed more than once',
      'line 4, column capacityDays: "five" is not a number',
      'line 5: has 3 fields where the header has 9',
      'line 6, column email: ADA.LOVELACE@kernow.example is already on line 2',
    ]) {
      expect(stdout).toContain(expected);
    }
    expect(stdout).toMatch(/bad rows\s+4/);
    expect(await writes()).toEqual(before);
  });

  it('without --dry-run: exit 1 and still nothing written, not even the good row', async () => {
    const before = await writes();
    const { code, stdout } = await importStaff(csv('bad.csv', BAD));
    expect(code).toBe(1);
    expect(stdout).toContain('Staff import refused (nothing written)');
    expect(await writes()).toEqual(before);
    expect((await staffByEmail()).size).toBe(0);
  });

  it('a file that is not a staff list: exit 1, naming the missing columns', async () => {
    const { code, stderr } = await importStaff(csv('other.csv', ['name,email', 'Ada,ada@x.example']));
    expect(code).toBe(1);
    expect(stderr).toContain('not a staff import file: the header lacks "role", "homeUrn"');
    expect(stderr).toContain('Nothing was written.');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('misuse: no MONGODB_URI, or no file, exits 2', async () => {
    expect((await runScript('server/import/staff-command.ts', ['x.csv'], { MONGODB_URI: '' })).code).toBe(2);
    expect((await importStaff()).code).toBe(2);
  });
});

describe('importing a good file', () => {
  it('--dry-run: exit 0, says what would change, writes nothing', async () => {
    const before = await writes();
    const { code, stdout } = await importStaff(csv('good.csv', GOOD), '--dry-run');
    expect(code).toBe(0);
    expect(stdout).toMatch(/new\s+3 \(would be\)/);
    expect(await writes()).toEqual(before);
  });

  it('adds everyone, as the API then shows them, each audited as the import', async () => {
    const { code, stdout } = await importStaff(csv('good.csv', GOOD), '--by', 'hr@kernow.example');
    expect(code).toBe(0);
    expect(stdout).toMatch(/new\s+3/);
    const people = await staffByEmail();
    expect(people.get('ada.lovelace@kernow.example')).toMatchObject({
      name: 'Ada Lovelace',
      role: 'SENIOR_LEADER',
      homeAcademy: { urn: URN.coast },
      designations: ['SLE', 'NLE'],
      capacityDays: 20,
      remainingDays: 20,
      maxTravelKm: 25,
      safeguardingCheckExpiresOn: '2027-09-01',
      expertise: [
        { area: 'MATHS', level: 'EXPERT', phases: ['PRIMARY', 'SECONDARY'], evidence: null },
        { area: 'ASSESSMENT', level: 'SECURE', phases: ['PRIMARY'], evidence: null },
      ],
      availability: [],
      hasLeft: false,
    });
    expect(people.get('c.bronte@kernow.example')).toMatchObject({ name: 'Brontë, Charlotte', role: 'TEACHER', maxTravelKm: null, safeguardingCheckExpiresOn: null, designations: [] });
    expect(people.get('dan.moor@kernow.example')).toMatchObject({ capacityDays: 0, maxTravelKm: 12.5, expertise: [{ area: 'PHONICS', level: 'SECURE', phases: [] }] });
    const history = (await api.gql(HISTORY, { id: people.get('ada.lovelace@kernow.example').id }, { token: admin })).data.history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'IMPORTED', actor: { sub: 'staff-import:hr@kernow.example', role: 'SYSTEM' } });
    expect(history[0].changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['email', 'capacityDays', 'expertise']));
  });

  it('re-importing the same file changes nothing: no writes, no audit entries', async () => {
    const before = await writes();
    const { code, stdout } = await importStaff(csv('good.csv', GOOD));
    expect(code).toBe(0);
    expect(stdout).toMatch(/new\s+0/);
    expect(stdout).toMatch(/updated\s+0/);
    expect(stdout).toMatch(/unchanged\s+3/);
    expect(await writes()).toEqual(before);
  });

  it('a later file: only what changed is written, people matched by email ignoring case, evidence kept', async () => {
    const people = await staffByEmail();
    const ada = people.get('ada.lovelace@kernow.example');
    // Evidence written in the app is not in the file: a re-import keeps it.
    await must(api, `mutation ($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { staffMember { id } userErrors { field message code } } }`,
      { input: { id: ada.id, expertise: [{ area: 'MATHS', level: 'EXPERT', phases: ['PRIMARY', 'SECONDARY'], evidence: 'KS2 results up 12 points' }, { area: 'ASSESSMENT', level: 'SECURE', phases: ['PRIMARY'] }] } },
      admin, 'updateStaffMember');
    const brontëBefore = people.get('c.bronte@kernow.example');
    const later = [
      HEADER,
      // Designations and phases in another order, the email in capitals: the same person, unchanged.
      'Ada Lovelace,ADA.Lovelace@Kernow.example,SENIOR_LEADER,300001,NLE;SLE,ASSESSMENT:SECURE:PRIMARY;MATHS:EXPERT:SECONDARY+PRIMARY,20,25,2027-09-01',
      '"Brontë, Charlotte",c.bronte@kernow.example,TEACHER,300001,,ENGLISH:SYSTEM_LEADER:PRIMARY,12,,',
      'Dan Moor,dan.moor@kernow.example,MIDDLE_LEADER,300002,,PHONICS:SECURE:,0,12.5,',
    ];
    const { code, stdout } = await importStaff(csv('later.csv', later));
    expect(code).toBe(0);
    expect(stdout).toMatch(/updated\s+2 \s*\(email 1, homeAcademyId 1, capacityDays 1\)/);
    const after = await staffByEmail();
    expect(after.get('ada.lovelace@kernow.example')).toMatchObject({ email: 'ADA.Lovelace@Kernow.example', designations: ['SLE', 'NLE'] });
    expect(after.get('ada.lovelace@kernow.example').expertise[0]).toMatchObject({ area: 'MATHS', evidence: 'KS2 results up 12 points' });
    expect(after.get('c.bronte@kernow.example')).toMatchObject({ homeAcademy: { urn: URN.coast }, capacityDays: 12, remainingDays: 12 });
    const history = (await api.gql(HISTORY, { id: brontëBefore.id }, { token: admin })).data.history;
    expect(history[0]).toMatchObject({ action: 'UPDATED', actor: { sub: 'staff-import', role: 'SYSTEM' } });
    expect(history[0].changes.map((c: { field: string }) => c.field).sort()).toEqual(['capacityDays', 'homeAcademyId']);
    expect(history[0].changes.find((c: { field: string }) => c.field === 'capacityDays')).toMatchObject({ from: '10', to: '12' });
  });

  it('an optional availability column sets when people are free; without it, availability is kept', async () => {
    const withAvailability = [
      `${HEADER},availability`,
      'Dan Moor,dan.moor@kernow.example,MIDDLE_LEADER,300002,,PHONICS:SECURE:,0,12.5,,2027-01-04..2027-03-26;2027-06-07..2027-07-16',
      'Eve Bad,eve@kernow.example,TEACHER,300002,,,5,,,2027-03-01..2027-02-01',
    ];
    const refused = await importStaff(csv('availability-bad.csv', withAvailability));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line 3, column availability: "2027-03-01..2027-02-01" ends before it starts');
    const { code } = await importStaff(csv('availability.csv', withAvailability.slice(0, 2)));
    expect(code).toBe(0);
    const dan = (await staffByEmail()).get('dan.moor@kernow.example');
    expect(dan.availability).toEqual([{ from: '2027-01-04', to: '2027-03-26' }, { from: '2027-06-07', to: '2027-07-16' }]);
    const again = await importStaff(csv('no-availability.csv', [HEADER, 'Dan Moor,dan.moor@kernow.example,MIDDLE_LEADER,300002,,PHONICS:SECURE:,0,12.5,']));
    expect(again.stdout).toMatch(/unchanged\s+1/);
    expect((await staffByEmail()).get('dan.moor@kernow.example').availability).toHaveLength(2);
  });

  it('capacity below the days already committed is a bad row', async () => {
    const bronte = (await staffByEmail()).get('c.bronte@kernow.example');
    // Eight days reserved by deployments (as proposeDeployment reserves them).
    await StaffMember.updateOne({ _id: decodeGlobalId(bronte.id)!.id }, { $inc: { remainingDays: -8 } });
    const { code, stdout } = await importStaff(csv('below.csv', [HEADER, '"Brontë, Charlotte",c.bronte@kernow.example,TEACHER,300001,,ENGLISH:SYSTEM_LEADER:PRIMARY,5,,']));
    expect(code).toBe(1);
    expect(stdout).toContain('line 2, column capacityDays: 5 is below the 8 days Brontë, Charlotte already has committed to deployments');
  });
});

describe('a full-trust file', () => {
  it('reports and flags (never deletes) people of the trust it does not list; refuses rows outside the trust', async () => {
    const moor = (await api.gql(`{ academyByUrn(urn: "${URN.moor}") { id } }`)).data.academyByUrn.id;
    await must(api, CREATE_STAFF, { input: { name: 'Gone Person', email: 'gone@kernow.example', role: 'TEACHER', homeAcademyId: moor, capacityDays: 5 } }, admin, 'createStaffMember');
    const listed = GOOD.slice(0, 3); // Ada and Charlotte; Dan and Gone Person are not listed

    const outside = await importStaff(csv('outside.csv', [...listed, 'Out Sider,out@else.example,TEACHER,300003,,,5,,']), '--full-trust', 'kernow learning');
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain('line 4, column homeUrn: Elsewhere Primary (URN 300003) is not a school of Kernow Learning');

    const dry = await importStaff(csv('full.csv', listed), '--full-trust', 'Kernow Learning', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Full-trust file for Kernow Learning: 2 people at its schools not in the file');
    expect((await staffByEmail({ missingFromImport: true })).size).toBe(0);

    const { code, stdout } = await importStaff(csv('full.csv', listed), '--full-trust', trustId);
    expect(code).toBe(0);
    expect(stdout).toContain('dan.moor@kernow.example (Dan Moor, Moor Primary)');
    expect(stdout).toContain('gone@kernow.example (Gone Person, Moor Primary)');
    const flagged = await staffByEmail({ missingFromImport: true });
    expect([...flagged.keys()].sort()).toEqual(['dan.moor@kernow.example', 'gone@kernow.example']);
    expect(await StaffMember.countDocuments()).toBe(4);
    const history = (await api.gql(HISTORY, { id: flagged.get('gone@kernow.example').id }, { token: admin })).data.history;
    expect(history[0]).toMatchObject({ action: 'FLAGGED_MISSING_FROM_IMPORT', actor: { sub: 'staff-import' } });

    // The same file again changes nothing; listing a flagged person again clears their flag.
    const before = await writes();
    expect((await importStaff(csv('full.csv', listed), '--full-trust', 'Kernow Learning')).stdout).toContain('flagged by an earlier import');
    expect(await writes()).toEqual(before);
    expect((await importStaff(csv('full-dan.csv', [...listed, GOOD[3]!]), '--full-trust', 'Kernow Learning')).code).toBe(0);
    expect([...(await staffByEmail({ missingFromImport: true })).keys()]).toEqual(['gone@kernow.example']);
  });

  it('an unknown trust is refused', async () => {
    const { code, stderr } = await importStaff(csv('full.csv', GOOD), '--full-trust', 'No Such Trust');
    expect(code).toBe(1);
    expect(stderr).toContain('--full-trust "No Such Trust": no trust with this name');
  });
});

describe('many changes at once', () => {
  it('updates more people than one FerretDB command may carry (20), each audited once', async () => {
    const people = (days: number) => [HEADER, ...Array.from({ length: 45 }, (_, i) => `Person ${i},person${i}@kernow.example,TEACHER,300001,,MATHS:SECURE:PRIMARY,${days},,`)];
    expect((await importStaff(csv('many.csv', people(5)))).code).toBe(0);
    const audits = await AuditEntry.countDocuments({ action: 'UPDATED' });
    const { code, stdout } = await importStaff(csv('many-later.csv', people(6)));
    expect(code).toBe(0);
    expect(stdout).toMatch(/updated\s+45/);
    expect(await AuditEntry.countDocuments({ action: 'UPDATED' })).toBe(audits + 45);
    expect(await StaffMember.countDocuments({ emailKey: /^person/, capacityDays: 6, remainingDays: 6 })).toBe(45);
  });
});

describe('writes made while an import runs (between its comparison and its writes)', () => {
  // The import's own hook runs at exactly that moment; the writes in it go through the API.
  const PROPOSE = `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { code message } } }`;

  it('a capacity cut that days reserved meanwhile no longer allow is undone and reported; the other fields stand', async () => {
    const receiving = (await api.gql(`{ academyByUrn(urn: "${URN.moor}") { id } }`)).data.academyByUrn.id;
    const need = (await must(api, `mutation ($input: RaiseNeedInput!) { raiseNeed(input: $input) { need { id } userErrors { code message } } }`,
      { input: { academyId: receiving, area: 'SCIENCE', phase: 'PRIMARY', severity: 'HIGH', description: 'Science outcomes well below national', daysRequested: 8 } }, admin, 'raiseNeed')).need;
    const line = (days: number, role = 'TEACHER') => `Racing Person,racing@kernow.example,${role},300001,,SCIENCE:EXPERT:PRIMARY,${days},,`;
    expect((await importStaff(csv('racing.csv', [HEADER, line(10)]))).code).toBe(0);
    const racing = (await staffByEmail()).get('racing@kernow.example');

    // The file cuts 10 days to 4 and changes the role; meanwhile 8 days are reserved.
    const summary = await importStaffFile(csv('racing-later.csv', [HEADER, line(4, 'MIDDLE_LEADER')]), {
      beforeWrite: async () => {
        await must(api, PROPOSE, { input: { needId: need.id, staffId: racing.id, days: 8 } }, admin, 'proposeDeployment');
      },
    });
    expect(summary.notApplied).toEqual([expect.objectContaining({ line: 2, email: 'racing@kernow.example', reason: expect.stringContaining('capacityDays not changed') })]);
    const after = (await staffByEmail()).get('racing@kernow.example');
    expect(after).toMatchObject({ role: 'MIDDLE_LEADER', capacityDays: 10, remainingDays: 2 });
    const history = (await api.gql(HISTORY, { id: racing.id }, { token: admin })).data.history;
    expect(history[0].changes.map((c: { field: string }) => c.field)).toEqual(['role']);
  });

  it('a capacity change with room to spare keeps the days reserved meanwhile', async () => {
    const line = (days: number) => `Roomy Person,roomy@kernow.example,TEACHER,300001,,SCIENCE:EXPERT:PRIMARY,${days},,`;
    expect((await importStaff(csv('roomy.csv', [HEADER, line(10)]))).code).toBe(0);
    const roomy = (await staffByEmail()).get('roomy@kernow.example');
    const receiving = (await api.gql(`{ academyByUrn(urn: "${URN.moor}") { id } }`)).data.academyByUrn.id;
    const need = (await must(api, `mutation ($input: RaiseNeedInput!) { raiseNeed(input: $input) { need { id } userErrors { code message } } }`,
      { input: { academyId: receiving, area: 'SCIENCE', phase: 'PRIMARY', severity: 'HIGH', description: 'Science outcomes well below national', daysRequested: 3 } }, admin, 'raiseNeed')).need;
    const summary = await importStaffFile(csv('roomy-later.csv', [HEADER, line(6)]), {
      beforeWrite: async () => {
        await must(api, PROPOSE, { input: { needId: need.id, staffId: roomy.id, days: 3 } }, admin, 'proposeDeployment');
      },
    });
    expect(summary).toMatchObject({ updated: 1, notApplied: [] });
    expect((await staffByEmail()).get('roomy@kernow.example')).toMatchObject({ capacityDays: 6, remainingDays: 3 });
  });

  it('a person added through the API meanwhile is not duplicated: reported, and a re-run updates them', async () => {
    const coast = (await api.gql(`{ academyByUrn(urn: "${URN.coast}") { id } }`)).data.academyByUrn.id;
    const file = csv('newcomer.csv', [HEADER, 'New Comer,new.comer@kernow.example,TEACHER,300001,,,7,,']);
    const summary = await importStaffFile(file, {
      beforeWrite: async () => {
        await must(api, CREATE_STAFF, { input: { name: 'New Comer', email: 'New.Comer@kernow.example', role: 'TEACHER', homeAcademyId: coast, capacityDays: 5 } }, admin, 'createStaffMember');
      },
    });
    expect(summary).toMatchObject({ inserted: 0, notApplied: [expect.objectContaining({ line: 2, reason: expect.stringContaining('re-run') })] });
    expect(await StaffMember.countDocuments({ emailKey: 'new.comer@kernow.example' })).toBe(1);
    const rerun = await importStaff(file);
    expect(rerun.code).toBe(0);
    expect((await staffByEmail()).get('new.comer@kernow.example')).toMatchObject({ capacityDays: 7 });
  });
});
