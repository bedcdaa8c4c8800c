// Ofsted import benchmark: `npm run import:ofsted` itself, in its own process with the heap
// cap of package.json, peak RSS as the kernel counted it (bench/support/peak-rss.cjs), on a
// generated national file in the management-information format (22,000 schools, Windows-1252,
// CRLF, the 32 columns of tests/fixtures/ofsted) against a fresh embedded FerretDB holding
// `--schools` of them. Steps: a dry run, the first import, the same file again.
//   npx tsx bench/ofsted-import-bench.ts [--rows 22000] [--schools 2000]
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import mongoose from 'mongoose';
import { createPrng } from '../seeds/prng';
import { connectDatabase } from '../server/db/connection';
import type { OfstedImportSummary } from '../server/import/ofsted';
import { Academy } from '../server/models/academy';
import { SYSTEM_ACTOR } from '../server/models/common';
import { type CommandRun, machineLine, runBench, runImportCommandTimed, withThrowawayDatabase } from './support/import-bench';

const ROOT = resolve(__dirname, '..');
const GRADES = ['Exceptional', 'Strong standard', 'Expected standard', 'Expected standard', 'Expected standard', 'Needs attention', 'Urgent improvement'];

function nationalFile(rows: number): Buffer {
  const sample = readFileSync(join(ROOT, 'tests/fixtures/ofsted/latest-inspections-sample.csv'), 'latin1').split('\r\n');
  const header = sample[0]!;
  const prng = createPrng(20261129);
  const rnd = () => prng.next();
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const urn = String(400_000 + i);
    const reportCard = rnd() < 0.15;
    const day = `${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`;
    const start = reportCard ? `${day}/2026` : `${day}/${2015 + Math.floor(rnd() * 9)}`;
    const overall = reportCard ? '' : pick(['1', '2', '2', '2', '3', '4']);
    const areas = reportCard ? [...Array.from({ length: 6 }, () => pick(GRADES)), '', ''] : Array(8).fill('');
    const safeguarding = reportCard ? (rnd() < 0.03 ? 'Not met' : 'Met') : '';
    lines.push(
      [`http://www.ofsted.gov.uk/${urn}`, urn, '9082000', `St Mary\u2019s School ${i}`, 'Primary', 'Academy converter', 'Cornwall', 'PL31 1EZ', '312', '100000', reportCard ? 'Report card inspection' : 'S5 Inspection', start, start, start, overall, '', overall, overall, overall, overall, overall ? 'Yes' : '', '9', '9', ...areas, safeguarding]
        .map((f) => (f.includes(',') ? `"${f}"` : f))
        .join(','),
    );
  }
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252');
}

type Step = CommandRun<OfstedImportSummary>;

function report(label: string, step: Step): void {
  const s = step.summary;
  console.log(
    `${label.padEnd(20)} ${s.rows.toLocaleString('en-GB')} rows: ${s.seconds.toFixed(2)} s in the import = ${Math.round(s.rows / s.seconds).toLocaleString('en-GB')} rows/s ` +
      `(${step.wallS.toFixed(2)} s with start-up); peak RSS ${step.peakMb.toFixed(0)} MB; updated ${s.updated}, unchanged ${s.unchanged}, not held ${s.notRecordedHere}, bad rows ${s.badRows}; exit ${step.code}`,
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const rows = Number(valueOf('--rows') ?? 22_000);
  const schools = Number(valueOf('--schools') ?? 2_000);
  return withThrowawayDatabase('ofsted', async ({ server, dbName, uri, dir }) => {
    await connectDatabase(server.uri, dbName);
    // The schools held here: every eleventh of the file's, up to --schools.
    const urns = Array.from({ length: Math.min(schools, rows) }, (_, i) => String(400_000 + ((i * 11) % rows)));
    await Academy.insertMany(urns.map((urn) => ({ urn, name: `Bench School ${urn}`, phase: 'PRIMARY', createdBy: SYSTEM_ACTOR, updatedBy: SYSTEM_ACTOR })));
    await mongoose.disconnect();
    const file = join(dir, 'latest-inspections.csv');
    writeFileSync(file, nationalFile(rows));
    console.log(machineLine(server));
    console.log(`generated ${rows.toLocaleString('en-GB')} schools' inspections, ${schools.toLocaleString('en-GB')} held here: ${(statSync(file).size / 2 ** 20).toFixed(1)} MB`);
    const run = (extra: string[]) => runImportCommandTimed<OfstedImportSummary>('ofsted', file, ['--quiet', ...extra], uri);
    report('dry run', run(['--dry-run']));
    report('first import', run([]));
    report('same file again', run([]));
    return 0;
  });
}

runBench(main);
