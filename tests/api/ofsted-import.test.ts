// The Ofsted inspections import (docs/ofsted-import.md) against the real test database, and
// the rules that go by the latest inspection (docs/ofsted-inspections.md), checked through
// the API as a client sees them: the school's outcomes, need priority and its explanation,
// the home-school rule in a candidate ranking and the explanation naming the inspection.
// Fixtures: tests/fixtures/ofsted (the management-information file's format).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { setExternalWriteCheckInterval } from '../../server/db/read-cache';
import { importOfstedFile, OfstedFileError, type OfstedImportSummary } from '../../server/import/ofsted';
import { Academy } from '../../server/models/academy';
import { AuditEntry } from '../../server/models/audit-entry';
import { runScript } from '../support/run-script';
import { type TestApi, startTestApi } from '../support/test-api';
import { createStaff, createTrust, must, raiseNeed, UPSERT_ACADEMY } from '../support/world';

jest.setTimeout(120_000);

const FIXTURES = resolve(__dirname, '../fixtures/ofsted');
const SAMPLE = join(FIXTURES, 'latest-inspections-sample.csv');
const UPDATE = join(FIXTURES, 'latest-inspections-update.csv');
const BAD = join(FIXTURES, 'latest-inspections-bad-rows.csv');
const GIAS = resolve(__dirname, '../fixtures/gias/edubasealldata-sample.csv');

const INSPECTION = `query ($urn: String!) {
  academyByUrn(urn: $urn) {
    id ofstedRating
    ofstedJudgement { rating inspectedOn }
    ofstedReportCard { inspectedOn safeguarding grades { area grade } }
    latestInspection { framework inspectedOn label mustNotLendStaff mustNotLendReason judgement { rating } reportCard { inspectedOn } }
  }
}`;
const NEED = `query ($id: ID!) { node(id: $id) { ... on ImprovementNeed { priority priorityFactors { name value contribution detail } } } }`;
const RANK = `query ($needId: ID!) {
  rankCandidates(needId: $needId, first: 20) {
    exclusions { reason count }
    candidates { candidate { ... on StaffMember { id homeAcademy { urn } } } factors { name value detail } }
  }
}`;

let api: TestApi;
let admin: string;
let tmp: string;
const ids: Record<string, string> = {};
const staff: Record<string, string> = {};
const needs: Record<string, string> = {};

// Recorded here before the import: the judgements the file will overtake or confirm.
const SCHOOLS: [urn: string, rating: string][] = [
  ['140001', 'GOOD'],
  ['140002', 'INADEQUATE'], // its report card of 12 Mar 2026 is newer: it may lend again
  ['140003', 'OUTSTANDING'], // report card: safeguarding not met
  ['140004', 'GOOD'], // report card: urgent improvement in leadership and governance
  ['140005', 'GOOD'], // the file says Inadequate (special measures), 10 Oct 2023
  ['140006', 'GOOD'], // graded without an overall judgement in 2024: left as it is
  ['140007', 'NOT_INSPECTED'],
  ['140008', 'GOOD'],
  ['140009', 'GOOD'], // not in the file: the school with the need
];

beforeAll(async () => {
  api = await startTestApi();
  setExternalWriteCheckInterval(0); // the command writes from another process
  tmp = mkdtempSync(join(tmpdir(), 'ofsted-import-'));
  admin = await api.token('ADMIN');
  const trustId = await createTrust(api, admin, 'Kernow Learning');
  for (const [urn, ofstedRating] of SCHOOLS) {
    const payload = await must(
      api,
      UPSERT_ACADEMY,
      { input: { urn, name: `School ${urn}`, phase: 'PRIMARY', ofstedRating, fsmPercent: 20, pupils: 300, postcode: 'PL31 1EZ', latitude: 50.47, longitude: -4.72, trustId } },
      admin,
      'upsertAcademy',
    );
    ids[urn] = payload.academy.id;
  }
  for (const urn of ['140001', '140002', '140003', '140004', '140005']) staff[urn] = (await createStaff(api, admin, ids[urn]!)).id;
  needs['140009'] = (await raiseNeed(api, admin, ids['140009']!)).id;
  needs['140002'] = (await raiseNeed(api, admin, ids['140002']!, { area: 'ENGLISH' })).id;
  needs['140001'] = (await raiseNeed(api, admin, ids['140001']!, { area: 'ENGLISH' })).id;
});
afterAll(async () => {
  setExternalWriteCheckInterval(2_000);
  rmSync(tmp, { recursive: true, force: true });
  await api.close();
});

async function inspection(urn: string) {
  const res = await api.gql(INSPECTION, { urn }, { token: admin });
  expect(res.errors).toBeUndefined();
  return res.data.academyByUrn;
}
async function ofstedFactor(needId: string) {
  const res = await api.gql(NEED, { id: needId }, { token: admin });
  expect(res.errors).toBeUndefined();
  return res.data.node.priorityFactors.find((f: { name: string }) => f.name === 'ofstedRating');
}
async function ranking(needId: string) {
  const res = await api.gql(RANK, { needId }, { token: admin });
  expect(res.errors).toBeUndefined();
  const r = res.data.rankCandidates;
  return {
    excluded: Object.fromEntries(r.exclusions.map((e: { reason: string; count: number }) => [e.reason, e.count])) as Record<string, number>,
    byUrn: new Map<string, any>(r.candidates.map((c: any) => [c.candidate.homeAcademy.urn, c])),
  };
}
const audits = () => AuditEntry.countDocuments({ action: 'OFSTED_IMPORTED' });

describe('before any import: schools go by their single-word judgements, as always', () => {
  it('the Inadequate school may not lend; the explanation names the judgement, undated', async () => {
    const r = await ranking(needs['140009']!);
    expect(r.excluded.HOME_SCHOOL_INADEQUATE).toBe(1);
    expect([...r.byUrn.keys()].sort()).toEqual(['140001', '140003', '140004', '140005']);
    expect(await ofstedFactor(needs['140002']!)).toMatchObject({ value: 1, detail: 'Ofsted judgement INADEQUATE (date not recorded)' });
    expect((await inspection('140002')).latestInspection).toMatchObject({ framework: 'SINGLE_WORD_JUDGEMENT', inspectedOn: null, mustNotLendStaff: true, mustNotLendReason: 'judged Inadequate' });
  });
});

describe('a dry run', () => {
  it('says what would change and writes nothing', async () => {
    const before = await inspection('140002');
    const s = await importOfstedFile(SAMPLE, { dryRun: true });
    expect(s).toMatchObject({ dryRun: true, written: false, rows: 9, reportCards: 4, judgements: 3, notJudged: 1, notInspected: 1, notRecordedHere: 1, updated: 6, unchanged: 1, badRows: 0 });
    expect(await inspection('140002')).toEqual(before);
    expect(await audits()).toBe(0);
  });
});

describe('importing the file (Windows-1252, unknown columns ignored)', () => {
  let summary: OfstedImportSummary;
  beforeAll(async () => {
    summary = await importOfstedFile(SAMPLE);
  });

  it('reports what it did', () => {
    expect(summary).toMatchObject({ encoding: 'win1252', written: true, updated: 6, unchanged: 1, notRecordedHere: 1, badRows: 0, notApplied: [] });
    expect(summary.changedFields).toEqual({ ofstedJudgedOn: 2, ofstedRating: 1, ofstedReportCard: 4 });
    expect(summary.ignoredColumns).toEqual(expect.arrayContaining(['School name', 'Quality of education', 'Safeguarding is effective?', 'Early years provision (where applicable)']));
    expect(summary.prioritiesRefreshed).toBeGreaterThanOrEqual(2);
  });

  it('records the report card, keeps the older judgement as history, and goes by the report card', async () => {
    const a = await inspection('140002');
    expect(a.ofstedRating).toBe('INADEQUATE');
    expect(a.ofstedJudgement).toEqual({ rating: 'INADEQUATE', inspectedOn: null });
    expect(a.ofstedReportCard.inspectedOn).toBe('2026-03-12');
    expect(a.ofstedReportCard.safeguarding).toBe('MET');
    expect(a.ofstedReportCard.grades).toEqual(
      ['INCLUSION', 'CURRICULUM_AND_TEACHING', 'ACHIEVEMENT', 'ATTENDANCE_AND_BEHAVIOUR', 'PERSONAL_DEVELOPMENT_AND_WELLBEING', 'LEADERSHIP_AND_GOVERNANCE'].map((area) => ({ area, grade: 'EXPECTED_STANDARD' })),
    );
    expect(a.latestInspection).toMatchObject({ framework: 'REPORT_CARD', inspectedOn: '2026-03-12', label: 'Ofsted report card, 12 Mar 2026', mustNotLendStaff: false, mustNotLendReason: null, judgement: null });
  });

  it('dates a judgement, and takes a new one', async () => {
    expect((await inspection('140001')).ofstedJudgement).toEqual({ rating: 'GOOD', inspectedOn: '2019-05-01' });
    expect((await inspection('140005')).latestInspection).toMatchObject({ framework: 'SINGLE_WORD_JUDGEMENT', inspectedOn: '2023-10-10', label: 'Ofsted judgement INADEQUATE, 10 Oct 2023', mustNotLendStaff: true });
  });

  it('leaves a school graded without an overall judgement, and one never inspected, as they were', async () => {
    expect((await inspection('140006')).latestInspection).toMatchObject({ framework: 'SINGLE_WORD_JUDGEMENT', inspectedOn: null, judgement: { rating: 'GOOD' } });
    expect((await inspection('140007')).latestInspection).toMatchObject({ label: 'not inspected by Ofsted', judgement: { rating: 'NOT_INSPECTED' } });
    expect((await inspection('140007')).ofstedJudgement).toBeNull();
  });

  it('safeguarding not met, or urgent improvement in leadership and governance: a school that must not lend', async () => {
    expect((await inspection('140003')).latestInspection).toMatchObject({ framework: 'REPORT_CARD', mustNotLendStaff: true, mustNotLendReason: 'safeguarding not met' });
    expect((await inspection('140004')).latestInspection).toMatchObject({ mustNotLendStaff: true, mustNotLendReason: 'urgent improvement in leadership and governance' });
  });

  it('the ranking follows: the report-card school lends again, the three in a category of concern do not; explanations name the inspection', async () => {
    const r = await ranking(needs['140009']!);
    expect(r.excluded.HOME_SCHOOL_INADEQUATE).toBe(3);
    expect([...r.byUrn.keys()].sort()).toEqual(['140001', '140002']);
    const sustainability = (urn: string) => r.byUrn.get(urn).factors.find((f: { name: string }) => f.name === 'sustainability');
    expect(sustainability('140002').detail).toContain('(Ofsted report card, 12 Mar 2026)');
    expect(sustainability('140001').detail).toContain('(Ofsted judgement GOOD, 1 May 2019)');
  });

  it('need priority is recomputed from the report card on its own scale, and says which inspection it used', async () => {
    const card = await ofstedFactor(needs['140002']!);
    expect(card.value).toBeCloseTo(0.4, 9);
    expect(card.detail).toBe('Ofsted report card, 12 Mar 2026: safeguarding met; mean of 6 area grades (6 expected standard) = 0.4');
    // The judgement-only school: the same value as before, the explanation now dated.
    expect(await ofstedFactor(needs['140001']!)).toMatchObject({ value: 0.3, detail: 'Ofsted judgement GOOD, 1 May 2019' });
  });

  it('audits every school it changed, as the import', async () => {
    const entries = await AuditEntry.find({ action: 'OFSTED_IMPORTED' }).lean();
    expect(entries).toHaveLength(6);
    expect(new Set(entries.map((e) => e.actor.sub))).toEqual(new Set(['ofsted-import']));
    const wadebridge = await Academy.findOne({ urn: '140005' }).lean();
    const e = entries.find((x) => x.entityId.toString() === wadebridge!._id.toString());
    expect(e?.changes).toEqual({ ofstedRating: { from: 'GOOD', to: 'INADEQUATE' }, ofstedJudgedOn: { from: null, to: '2023-10-10' } });
  });

  it('is idempotent: the same file again changes nothing and audits nothing', async () => {
    const before = await audits();
    const again = await importOfstedFile(SAMPLE);
    expect(again).toMatchObject({ written: true, updated: 0, unchanged: 7, changedFields: {} });
    expect(await audits()).toBe(before);
  });
});

describe("a later month's file (UTF-8 with a byte-order mark)", () => {
  it('a report card after a judgement becomes the latest; the judgement stays as history; an older report card is left alone', async () => {
    const s = await importOfstedFile(UPDATE);
    expect(s).toMatchObject({ encoding: 'utf8', written: true, badRows: 0 });
    expect(s.olderThanRecorded).toEqual([{ line: 4, urn: '140003', what: 'report card of 2025-12-02 (2026-01-20 recorded)' }]);
    const a = await inspection('140001');
    expect(a.ofstedJudgement).toEqual({ rating: 'GOOD', inspectedOn: '2019-05-01' });
    expect(a.latestInspection).toMatchObject({ framework: 'REPORT_CARD', label: 'Ofsted report card, 14 Apr 2026' });
    expect(a.ofstedReportCard.grades).toContainEqual({ area: 'EARLY_YEARS', grade: 'EXPECTED_STANDARD' });
    expect((await inspection('140003')).latestInspection).toMatchObject({ mustNotLendReason: 'safeguarding not met' });
    // Re-graded the same day: two areas now need attention; the mean rises.
    const f = await ofstedFactor(needs['140002']!);
    expect(f.value).toBeCloseTo((2 * 0.7 + 4 * 0.4) / 6, 9);
    expect(f.detail).toBe('Ofsted report card, 12 Mar 2026: safeguarding met; mean of 6 area grades (4 expected standard, 2 needs attention) = 0.5');
  });
});

describe('bad rows: each named by line and column, and nothing written', () => {
  it('lists every problem', async () => {
    const before = await audits();
    const s = await importOfstedFile(BAD);
    expect(s.written).toBe(false);
    expect(s.badRows).toBe(6);
    const seen = s.problems.map((p) => `${p.line}|${p.column}|${p.message}`);
    expect(seen).toEqual([
      '2|Inspection start date|"31/02/2019" is not a date (DD/MM/YYYY)',
      '3|Curriculum and teaching|"Brilliant" is not a report-card grade (Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement)',
      '4|Inclusion|is blank, but the row is a report card: every school is graded in inclusion',
      '4|Safeguarding standards|is blank, but the row is a report card, which always says whether safeguarding standards are met',
      '5|URN|"14OO4" is not a URN (5 to 7 digits)',
      '5|Overall effectiveness|"5" is not a judgement (1 to 4, or Outstanding, Good, Requires improvement, Inadequate)',
      '7|URN|URN 140005 is already on line 6',
      '8|null|has 4 fields where the header has 32 (a broken or cut-off row)',
    ]);
    expect(await audits()).toBe(before);
  });

  it('refuses a file that is not the Ofsted file, naming what it lacks', async () => {
    const error = await importOfstedFile(GIAS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfstedFileError);
    expect((error as Error).message).toMatch(/not Ofsted's management-information file of state-funded school inspections: the header lacks "Inspection start date", "Overall effectiveness" or the report-card grades/);
  });

  it('refuses report cards without the safeguarding column, and an empty file', async () => {
    const noSafeguarding = join(tmp, 'no-safeguarding.csv');
    writeFileSync(noSafeguarding, 'URN,Inspection start date,Inclusion\r\n140001,01/01/2026,Expected standard\r\n');
    await expect(importOfstedFile(noSafeguarding)).rejects.toThrow(/no "Safeguarding standards" column/);
    const empty = join(tmp, 'empty.csv');
    writeFileSync(empty, '');
    await expect(importOfstedFile(empty)).rejects.toThrow(/the file is empty/);
  });
});

describe('the command', () => {
  const run = (...args: string[]) =>
    runScript('server/import/ofsted-command.ts', args, { MONGODB_URI: `${process.env.TEST_DATABASE_URI!.replace(/\/$/, '')}/${mongoose.connection.name}` });

  it('--dry-run prints the summary and exits 0; bad rows exit 1 naming line and column; misuse exits 2', async () => {
    const dry = await run(SAMPLE, '--dry-run', '--quiet');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Ofsted import, dry run \(nothing written\)/);
    expect(dry.stdout).toMatch(/schools not held here\s+1/);
    const bad = await run(BAD, '--quiet');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('line 3, column "Curriculum and teaching": "Brilliant" is not a report-card grade');
    expect((await run()).code).toBe(2);
  });
});
