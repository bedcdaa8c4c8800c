// The national FSM quintile cut points, checked against the generated national dataset
// (seeds/national, 22,000 academies): its schools are written as a GIAS register file in the
// real format, imported with the real import, and the cut points the service then reports
// (Query.fsmBanding) must be the quintiles of the dataset's own FSM shares, computed here
// independently, and split the schools into fifths. The fixed 20-point bands, for contrast,
// put nearly all of them in the lowest three.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNationalDataset } from '../../seeds/national';
import { importGiasFile } from '../../server/import/gias';
import { encodeRegister, headerLine, recordLine, typicalRecord } from '../fixtures/gias/register-format';
import { type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
let dir: string;
const dataset = generateNationalDataset({ academies: 22_000, staff: 0, needs: 0, completedDeployments: 0 });
/** FSM shares as the register carries them: one decimal place. */
const shares = dataset.academies.map((a) => (a.fsmPercent == null ? null : Math.round(a.fsmPercent * 10) / 10));

const BANDING = `{ fsmBanding { basis cutPoints computedAt schoolCount labels } }`;

beforeAll(async () => {
  api = await startTestApi();
  dir = mkdtempSync(join(tmpdir(), 'national-quintiles-'));
}, 60_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await api.close();
});

/** The n-th fifth's lower edge: the value at 0-based index ceil(k * n / 5) of the sorted shares. */
function expectedCutPoints(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return [1, 2, 3, 4].map((k) => sorted[Math.ceil((k * sorted.length) / 5)]!);
}

it('before any register is imported, the fixed 20-point bands, said to be so', async () => {
  const response = await api.gql(BANDING);
  expect(response.data.fsmBanding).toMatchObject({ basis: 'FIXED_20_POINT_BANDS', cutPoints: [20, 40, 60, 80], computedAt: null, schoolCount: null });
});

it('after importing the national register: the quintiles of its FSM shares, with their date, splitting the schools into fifths', async () => {
  const file = join(dir, 'edubasealldata.csv');
  const lines = [headerLine()];
  dataset.academies.forEach((a, i) => {
    lines.push(
      recordLine(
        typicalRecord({
          URN: a.urn,
          EstablishmentNumber: String(2000 + (i % 7000)),
          EstablishmentName: a.name,
          'TypeOfEstablishment (name)': 'Academy converter',
          'PhaseOfEducation (name)': 'Primary',
          StatutoryLowAge: 4,
          StatutoryHighAge: 11,
          NumberOfPupils: String(a.pupils),
          PercentageFSM: shares[i] == null ? '' : shares[i]!.toFixed(1),
          Postcode: a.postcode,
        }),
      ),
    );
  });
  writeFileSync(file, encodeRegister(lines));
  const before = Date.now();
  const summary = await importGiasFile(file);
  expect(summary.inserted).toBe(dataset.academies.length);

  const known = shares.filter((s): s is number => s !== null);
  const cuts = expectedCutPoints(known);
  expect(summary.fsmQuintileCutPoints).toEqual(cuts);
  const { fsmBanding } = (await api.gql(BANDING)).data;
  expect(fsmBanding).toMatchObject({ basis: 'NATIONAL_QUINTILES', cutPoints: cuts, schoolCount: known.length });
  expect(new Date(fsmBanding.computedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  expect(fsmBanding.labels[0]).toBe(`National FSM quintile 1 (lowest): 0% to <${cuts[0]}%`);

  // Each band holds a fifth of the schools, give or take the schools tied at a cut point.
  const bandOf = (s: number) => cuts.filter((c) => s >= c).length;
  const counts = [0, 0, 0, 0, 0];
  for (const s of known) counts[bandOf(s)]! += 1;
  const tiedAtCuts = cuts.map((c) => known.filter((s) => s === c).length);
  counts.forEach((count, band) => {
    expect(Math.abs(count - known.length / 5)).toBeLessThanOrEqual(1 + (tiedAtCuts[band] ?? 0) + (tiedAtCuts[band - 1] ?? 0));
  });

  // The contrast the bands replace: 20-point bands put nearly every school in the lowest three.
  const lowestThreeFixed = known.filter((s) => s < 60).length / known.length;
  expect(lowestThreeFixed).toBeGreaterThan(0.9);
  expect(cuts[3]).toBeLessThan(60);
}, 300_000);
