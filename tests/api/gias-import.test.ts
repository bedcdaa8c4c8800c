// The GIAS establishment import against the real test database, checked through the API as
// a client sees it. Fixtures: tests/fixtures/gias (made by make-fixtures.ts; Windows-1252).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import mongoose from 'mongoose';
import { checkGiasFile, GiasFileError, importGiasFile, type ImportSummary } from '../../server/import/gias';
import { Academy } from '../../server/models/academy';
import { AuditEntry } from '../../server/models/audit-entry';
import { Trust } from '../../server/models/trust';
import { encodeRegister, headerLine, recordLine, typicalRecord } from '../fixtures/gias/register-format';
import { runScript } from '../support/run-script';
import { type TestApi, startTestApi } from '../support/test-api';
import { createTrust, must, UPSERT_ACADEMY } from '../support/world';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(ROOT, 'tests/fixtures/gias');
const SAMPLE = join(FIXTURES, 'edubasealldata-sample.csv');
const UPDATE = join(FIXTURES, 'edubasealldata-update.csv');
const GIAS_ACTOR = { sub: 'gias-import', role: 'SYSTEM' };

const ACADEMY = `query ($urn: String!) {
  academyByUrn(urn: $urn) { id urn name phase status closedOn ofstedRating fsmPercent pupils postcode latitude longitude trust { id name } }
}`;

let api: TestApi;
let tmp: string;
beforeAll(async () => {
  api = await startTestApi();
  tmp = mkdtempSync(join(tmpdir(), 'gias-test-'));
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await api.close();
});

async function academy(urn: string) {
  const res = await api.gql(ACADEMY, { urn });
  expect(res.errors).toBeUndefined();
  return res.data.academyByUrn;
}

async function counts() {
  return { academies: await Academy.countDocuments(), trusts: await Trust.countDocuments(), audit: await AuditEntry.countDocuments() };
}

function writeTmp(name: string, bytes: Buffer | string): string {
  const file = join(tmp, name);
  writeFileSync(file, bytes);
  return file;
}

/** Expects the import to refuse the file as a whole, naming it, and to write nothing. */
async function expectRefused(file: string, message: RegExp): Promise<GiasFileError> {
  const before = await counts();
  const error = await importGiasFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GiasFileError);
  expect((error as Error).message).toContain(file);
  expect((error as Error).message).toMatch(message);
  expect(await counts()).toEqual(before);
  return error as GiasFileError;
}

describe('a file unusable as a whole is refused with a clear message, and nothing is written', () => {
  it('starts from an empty database', async () => {
    expect(await counts()).toEqual({ academies: 0, trusts: 0, audit: 0 });
  });

  it('a missing file', async () => {
    await expectRefused(join(tmp, 'edubasealldata20990101.csv'), /no such file/);
  });

  it('a CSV that is not the register (the groups download), naming the missing columns', async () => {
    await expectRefused(join(FIXTURES, 'not-the-register.csv'), /not the GIAS establishment register: the header lacks "URN", "EstablishmentName"/);
  });

  it('the register re-saved with semicolons, saying so', async () => {
    await expectRefused(join(FIXTURES, 'excel-semicolons.csv'), /semicolons/);
  });

  it('broken CSV quoting on line 4, although lines 2 and 3 are good', async () => {
    const error = await expectRefused(join(FIXTURES, 'malformed.csv'), /line 4: malformed CSV/);
    expect(error.line).toBe(4);
  });

  it('a quote never closed (a download cut off part-way)', async () => {
    const cut = readFileSync(SAMPLE).subarray(0, 5000); // ends inside the Bodmin College row, which starts on line 3
    await expectRefused(writeTmp('cut.csv', cut), /line 3: malformed CSV: a quoted value opened in this row is never closed/);
  });

  it('an Excel workbook, an empty file, a header without rows', async () => {
    await expectRefused(writeTmp('book.csv', Buffer.from('PK\x03\x04\x14\x00\x06\x00binary', 'latin1')), /Excel workbook/);
    await expectRefused(writeTmp('empty.csv', ''), /empty/);
    await expectRefused(writeTmp('header-only.csv', iconv.encode(`${headerLine()}\r\n`, 'win1252')), /a header but no rows/);
  });

  it('too many rejected rows: the file looks damaged', async () => {
    const good = recordLine(typicalRecord({ URN: 188001, EstablishmentName: 'Good Row Academy', 'TypeOfEstablishment (name)': 'Academy converter', 'PhaseOfEducation (name)': 'Primary' }));
    const cut = Array.from({ length: 12 }, (_, i) => `${188100 + i},"908","Cornwall"`);
    const error = await expectRefused(writeTmp('damaged.csv', iconv.encode([headerLine(), good, ...cut].join('\r\n'), 'win1252')), /12 of 13 rows were rejected/);
    expect(error.message).toContain('line 3: has 3 fields where the header has');
  });
});

describe('importing the sample register', () => {
  let coastTrustId: string;
  let summary: ImportSummary;
  beforeAll(async () => {
    const admin = await api.token('ADMIN');
    // Recorded by hand, without a GIAS code: the import links it by name.
    coastTrustId = await createTrust(api, admin, 'Cornish Coast Academies');
    summary = await importGiasFile(SAMPLE);
  });

  it('reports inserted, skipped by reason, rejected rows with their line numbers, and warnings', () => {
    expect(summary).toMatchObject({ rows: 26, inserted: 15, updated: 0, unchanged: 0, encoding: 'win1252', dryRun: false, missingColumns: [] });
    expect(summary.skipped).toEqual({
      closed: 1,
      'not in England (Welsh establishment)': 1,
      'independent school': 1,
      'proposed to open (not yet open)': 1,
      'college or university': 1,
      'online provider': 1,
    });
    expect(summary.rejected.count).toBe(5);
    expect(summary.rejected.listed).toEqual([
      { line: 18, urn: null, reason: 'URN "19901A" is not a 5 to 7 digit number' },
      { line: 19, urn: '199017', reason: 'PercentageFSM "112.5" is not a percentage from 0 to 100' },
      { line: 20, urn: '199018', reason: expect.stringMatching(/^has 20 fields where the header has 139/) },
      { line: 21, urn: '199001', reason: 'the URN appears again (first on line 2); the first is kept' },
      { line: 22, urn: '199019', reason: 'Northing is blank but Easting is not' },
    ]);
    expect(summary.warnings.listed).toEqual([{ line: 23, urn: '199020', reason: 'unknown OfstedRating (name) "Not judged", read as NOT_INSPECTED' }]);
    expect(summary.trusts).toEqual({ created: 3, linked: 1 });
  });

  it('decodes Windows-1252: the curly apostrophe and accents come through', async () => {
    expect((await academy('199001')).name).toBe('St Mary\u2019s Church of England Primary School');
    expect((await academy('199014')).name).toBe('Saint Thérèse Catholic Primary School');
  });

  it('maps phases: the establishment type first (special, AP, nursery, 16-19), then the phase', async () => {
    const expected: Record<string, string> = {
      '199001': 'PRIMARY',
      '199002': 'SECONDARY',
      '199004': 'SPECIAL', // community special school, phase "Not applicable"
      '199024': 'SPECIAL', // academy special converter, phase "Secondary": the type wins
      '199005': 'ALTERNATIVE_PROVISION', // pupil referral unit
      '199025': 'ALTERNATIVE_PROVISION', // free school alternative provision
      '199006': 'NURSERY',
      '199007': 'MIDDLE', // middle deemed secondary
      '199008': 'MIDDLE', // middle deemed primary
      '199009': 'SIXTEEN_PLUS',
      '199010': 'ALL_THROUGH',
    };
    for (const [urn, phase] of Object.entries(expected)) expect({ urn, phase: (await academy(urn)).phase }).toEqual({ urn, phase });
  });

  it('maps Ofsted judgements: serious weaknesses and special measures are inadequate; blank is not inspected', async () => {
    const expected: Record<string, string> = {
      '199007': 'INADEQUATE',
      '199008': 'INADEQUATE',
      '199001': 'REQUIRES_IMPROVEMENT',
      '199002': 'GOOD',
      '199010': 'OUTSTANDING',
      '199005': 'NOT_INSPECTED',
      '199020': 'NOT_INSPECTED', // "Not judged": warned about
    };
    for (const [urn, rating] of Object.entries(expected)) expect({ urn, rating: (await academy(urn)).ofstedRating }).toEqual({ urn, rating });
  });

  it('converts eastings and northings to latitude and longitude', async () => {
    const bodmin = await academy('199001');
    expect(bodmin.latitude).toBeCloseTo(50.4717, 3);
    expect(bodmin.longitude).toBeCloseTo(-4.7243, 3);
    const camden = await academy('199014');
    expect(camden.latitude).toBeCloseTo(51.5505, 3);
    expect(camden.longitude).toBeCloseTo(-0.1416, 3);
    expect(await academy('199021')).toMatchObject({ latitude: null, longitude: null }); // no grid reference yet
  });

  it('stores blanks and suppressed figures as unknown (null), never 0', async () => {
    expect(await academy('199005')).toMatchObject({ fsmPercent: null, pupils: null });
    expect(await academy('199020')).toMatchObject({ fsmPercent: null, pupils: null }); // "SUPP", blank
    expect(await academy('199006')).toMatchObject({ fsmPercent: null, pupils: 86 });
    expect(await academy('199001')).toMatchObject({ fsmPercent: 38.5, pupils: 412, postcode: 'PL31 1EZ' });
    expect((await academy('199014')).postcode).toBe('NW5 2LD'); // "nw5  2ld" normalised
  });

  it('skips closed, not-yet-open and out-of-scope establishments, and writes no rejected row', async () => {
    for (const urn of ['199011', '199012', '199013', '199003', '199022', '199023', '199017', '199018', '199019']) {
      expect({ urn, found: await academy(urn) }).toEqual({ urn, found: null });
    }
    expect(await academy('199021')).toMatchObject({ name: 'Launceston College' }); // "Open, but proposed to close" is open
    expect(await Academy.countDocuments()).toBe(15);
  });

  it('creates trusts by trust code, links a same-named trust recorded by hand, and ignores foundation trusts', async () => {
    const kernow = (await academy('199001')).trust;
    expect(kernow.name).toBe('Kernow Learning Trust');
    expect((await academy('199002')).trust.id).toBe(kernow.id);
    expect((await academy('199010')).trust.id).toBe(coastTrustId);
    expect((await academy('199024')).trust.id).toBe(coastTrustId);
    expect((await academy('199025')).trust.name).toBe('Northern Lights Learning Trust');
    expect((await academy('199014')).trust).toBeNull(); // maintained school, no trust
    expect((await academy('199015')).trust).toBeNull(); // "Supported by a trust": a foundation trust
    const trusts = await Trust.find({}, { name: 1, gias: 1 }).lean();
    expect(trusts.map((t) => [t.name, t.gias?.trustCode]).sort()).toEqual([
      ['Cornish Coast Academies', 'TR06002'],
      ['Kernow Learning Trust', 'TR03217'],
      ['Mendip Learning Trust', 'TR05001'],
      ['Northern Lights Learning Trust', 'TR07003'],
    ]);
  });

  it('records the import as the author of every record it writes, and audits the trusts', async () => {
    const doc = await Academy.findOne({ urn: '199001' }).lean();
    expect(doc).toMatchObject({ createdBy: GIAS_ACTOR, updatedBy: GIAS_ACTOR, createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    expect(await AuditEntry.countDocuments({ entityType: 'Trust', 'actor.sub': 'gias-import' })).toBe(4); // 3 created, 1 linked
  });

  it('writes documents the schemas accept, with every field a mongoose-made document has', async () => {
    // The importer writes through the driver for speed, so check it against the models.
    const academyDoc = (await Academy.findOne({ urn: '199005' }).lean())!;
    await expect(Academy.hydrate(academyDoc).validate()).resolves.toBeUndefined();
    const madeByMongoose = new Academy({ urn: '100000', name: 'X', phase: 'PRIMARY', createdBy: GIAS_ACTOR, updatedBy: GIAS_ACTOR }).toObject();
    expect(Object.keys(academyDoc)).toEqual(expect.arrayContaining(Object.keys(madeByMongoose)));
    const trustDoc = (await Trust.findOne({ 'gias.trustCode': 'TR03217' }).lean())!;
    await expect(Trust.hydrate(trustDoc).validate()).resolves.toBeUndefined();
    const trustByMongoose = new Trust({ name: 'X', nameKey: 'x', createdBy: GIAS_ACTOR, updatedBy: GIAS_ACTOR }).toObject();
    expect(Object.keys(trustDoc)).toEqual(expect.arrayContaining(Object.keys(trustByMongoose)));
  });
});

describe('re-running', () => {
  it('the same file again: everything unchanged, nothing duplicated, nothing touched', async () => {
    const before = await Academy.findOne({ urn: '199001' }).lean();
    const again = await importGiasFile(SAMPLE);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 15, trusts: { created: 0, linked: 0 } });
    expect(again.rejected.count).toBe(5);
    expect(await Academy.countDocuments()).toBe(15);
    expect(await Trust.countDocuments()).toBe(4);
    expect((await Academy.findOne({ urn: '199001' }).lean())?.updatedAt).toEqual(before?.updatedAt);
  });

  it('the same file re-saved as UTF-8 (with or without a byte-order mark): read as UTF-8, and still nothing changes', async () => {
    const text = iconv.decode(readFileSync(SAMPLE), 'win1252');
    for (const [name, bytes] of [['utf8.csv', Buffer.from(text, 'utf8')], ['utf8-bom.csv', Buffer.from(`\ufeff${text}`, 'utf8')]] as const) {
      const again = await importGiasFile(writeTmp(name, bytes));
      expect({ name, ...again }).toMatchObject({ name, encoding: 'utf8', inserted: 0, updated: 0, unchanged: 15, rejected: { count: 5 } });
    }
  });

  it('UTF-8 is recognised even when the first 64 KB are plain ASCII (checked without writing)', async () => {
    const ascii = Array.from({ length: 80 }, (_, i) =>
      recordLine(typicalRecord({ URN: 177000 + i, EstablishmentName: `Plain School ${i}`, 'TypeOfEstablishment (name)': 'Academy converter', 'PhaseOfEducation (name)': 'Primary' })),
    );
    const accented = recordLine(typicalRecord({ URN: 177999, EstablishmentName: 'Saint Thérèse School', 'TypeOfEstablishment (name)': 'Academy converter', 'PhaseOfEducation (name)': 'Primary' }));
    const file = writeTmp('late-utf8.csv', Buffer.from([headerLine(), ...ascii, accented].join('\r\n'), 'utf8'));
    const checked = await checkGiasFile(file);
    try {
      expect(checked.check.encoding).toBe('utf8');
      const names: string[] = [];
      for await (const row of checked.spool.rows()) if ('establishment' in row) names.push(row.establishment.name);
      expect(names.at(-1)).toBe('Saint Thérèse School');
    } finally {
      await checked.spool.dispose();
    }
  });

  it('a dry run of the newer file reports what would change and writes nothing', async () => {
    const before = await counts();
    const dry = await importGiasFile(UPDATE, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, inserted: 1, updated: 2, unchanged: 13 });
    expect(await counts()).toEqual(before);
    expect((await academy('199001')).fsmPercent).toBe(38.5);
  });

  it('the newer file: inserts the new school and updates only the fields that changed', async () => {
    const updated = await importGiasFile(UPDATE);
    expect(updated).toMatchObject({ rows: 16, inserted: 1, updated: 2, unchanged: 13 });
    expect(updated.rejected.count).toBe(0);
    expect(await academy('199001')).toMatchObject({ fsmPercent: 41.2, ofstedRating: 'GOOD', name: 'St Mary\u2019s Church of England Primary School' });
    expect((await academy('199004')).name).toBe('Pencalenick Academy');
    expect(await academy('199026')).toMatchObject({ name: 'Bodmin Nursery School', phase: 'NURSERY' });
    expect(await Academy.countDocuments()).toBe(16);
    const id = (await Academy.findOne({ urn: '199001' }).lean())!._id;
    const audit = await AuditEntry.findOne({ entityType: 'Academy', entityId: id, action: 'UPDATED' }).lean();
    expect(Object.keys(audit?.changes ?? {}).sort()).toEqual(['fsmPercent', 'ofstedRating']);
    expect(audit?.changes).toMatchObject({ fsmPercent: { from: 38.5, to: 41.2 } });
  });
});

describe('a school recorded here that GIAS now lists as closed', () => {
  it('is kept (staff, needs and history refer to it), marked closed with its close date, and reported with its line', async () => {
    const admin = await api.token('ADMIN');
    await must(api, UPSERT_ACADEMY, { input: { urn: '199011', name: 'Bodmin Old Junior School', phase: 'PRIMARY' } }, admin, 'upsertAcademy');
    const summary = await importGiasFile(SAMPLE);
    expect(summary.closedHere).toEqual({ count: 1, listed: [{ line: 13, urn: '199011', reason: 'closed in GIAS: marked closed here' }] });
    expect(await academy('199011')).toMatchObject({ name: 'Bodmin Old Junior School', status: 'CLOSED', closedOn: '2019-08-31' });
    // Once closed, it is not reported again (tests/api/closed-schools.test.ts covers needs and staff).
    expect((await importGiasFile(SAMPLE)).closedHere.count).toBe(0);
  });
});

describe('a recorded judgement is not unsaid by a register with none (report cards, from November 2025)', () => {
  it('keeps the last judgement when the register has no single-word judgement for the school; takes a new one, its date unknown', async () => {
    const row = (rating: string) =>
      writeTmp(`judgement-${rating || 'blank'}.csv`, encodeRegister([headerLine(), recordLine(typicalRecord({ URN: 133901, EstablishmentName: 'Report Card Academy', 'TypeOfEstablishment (name)': 'Academy converter', 'PhaseOfEducation (name)': 'Primary', 'OfstedRating (name)': rating }))]));
    await importGiasFile(row('Good'));
    expect((await academy('133901')).ofstedRating).toBe('GOOD');
    await Academy.updateOne({ urn: '133901' }, { $set: { ofstedJudgedOn: new Date('2019-05-01T00:00:00Z') } }); // as import:ofsted dates it
    for (const blank of ['', 'Not judged']) {
      const s = await importGiasFile(row(blank));
      expect(s).toMatchObject({ updated: 0, unchanged: 1 });
      expect((await academy('133901')).ofstedRating).toBe('GOOD');
    }
    expect((await Academy.findOne({ urn: '133901' }).lean())!.ofstedJudgedOn).toEqual(new Date('2019-05-01T00:00:00Z'));
    await importGiasFile(row('Requires improvement'));
    const after = (await Academy.findOne({ urn: '133901' }).lean())!;
    expect(after).toMatchObject({ ofstedRating: 'REQUIRES_IMPROVEMENT', ofstedJudgedOn: null });
  });
});

describe('the command, end to end', () => {
  const dbName = `gias_cli_${process.pid}`;
  const run = (args: string[], env: Record<string, string | undefined>) => runScript('server/import/gias-command.ts', args, env);
  const uri = () => `${process.env.TEST_DATABASE_URI!.replace(/\/$/, '')}/${dbName}`;
  afterAll(async () => {
    await mongoose.connection.useDb(dbName).dropDatabase();
  });

  it('imports the sample, prints the summary, exits 0', async () => {
    const { code, stdout } = await run([SAMPLE], { MONGODB_URI: uri() });
    expect(code).toBe(0);
    expect(stdout).toMatch(/inserted\s+15/);
    expect(stdout).toMatch(/line 18: URN "19901A" is not a 5 to 7 digit number/);
    expect(stdout).toContain(`into database "${dbName}"`);
    expect(await mongoose.connection.useDb(dbName).collection('academies').countDocuments()).toBe(15);
  });

  it('--dry-run --json: machine-readable, nothing written', async () => {
    const { code, stdout } = await run([UPDATE, '--dry-run', '--json'], { MONGODB_URI: uri() });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ dryRun: true, inserted: 1, updated: 2, unchanged: 13 });
    expect(await mongoose.connection.useDb(dbName).collection('academies').countDocuments()).toBe(15);
  });

  it('a file that is not the register: exit 1, the file named, no stack trace, a new database left untouched', async () => {
    const file = join(FIXTURES, 'not-the-register.csv');
    const untouched = `${dbName}_refused`;
    const { code, stderr } = await run([file], { MONGODB_URI: `${process.env.TEST_DATABASE_URI!.replace(/\/$/, '')}/${untouched}` });
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: not the GIAS establishment register`);
    expect(stderr).toContain('Nothing was written.');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await mongoose.connection.useDb(untouched).db!.listCollections().toArray()).toEqual([]);
  });

  it('a missing file: exit 1, naming it', async () => {
    const { code, stderr } = await run(['edubasealldata19990101.csv'], { MONGODB_URI: uri() });
    expect(code).toBe(1);
    expect(stderr).toContain('edubasealldata19990101.csv: no such file');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('no MONGODB_URI: exit 2 with a clear message', async () => {
    const { code, stderr } = await run([SAMPLE], { MONGODB_URI: '' });
    expect(code).toBe(2);
    expect(stderr).toContain('MONGODB_URI is not set');
  });
});

describe('a later register that changes many schools at once (a new census)', () => {
  // More updates in one batch than FerretDB 1.24 can hold cursors for in one command (100):
  // sent as one command, this import used to wait forever on the embedded database.
  const SCHOOLS = 250;
  const register = (fsm: string) =>
    encodeRegister([
      headerLine(),
      ...Array.from({ length: SCHOOLS }, (_, i) =>
        recordLine(typicalRecord({ URN: 166000 + i, EstablishmentName: `Census School ${i}`, 'TypeOfEstablishment (name)': 'Academy converter', 'PhaseOfEducation (name)': 'Primary', PercentageFSM: fsm })),
      ),
    ]);

  it('updates every school that changed, audits each change, and the API shows the new figures', async () => {
    expect(await importGiasFile(writeTmp('census-2025.csv', register('20.0')))).toMatchObject({ inserted: SCHOOLS, updated: 0 });
    const auditsBefore = await AuditEntry.countDocuments({ entityType: 'Academy', action: 'UPDATED' });

    const later = await importGiasFile(writeTmp('census-2026.csv', register('21.5')));
    expect(later).toMatchObject({ inserted: 0, updated: SCHOOLS, unchanged: 0 });
    expect(later.rejected.count).toBe(0);
    expect(await AuditEntry.countDocuments({ entityType: 'Academy', action: 'UPDATED' })).toBe(auditsBefore + SCHOOLS);
    expect(await Academy.countDocuments({ urn: { $gte: '166000', $lt: '166250' }, fsmPercent: 21.5 })).toBe(SCHOOLS);
    expect((await academy('166249')).fsmPercent).toBe(21.5);
  });
});
