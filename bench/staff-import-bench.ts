// Staff import benchmark: `npm run import:staff` itself, in its own process with the heap cap
// package.json gives it, on a generated file of 50,000 people in the real format (the columns
// of docs/staff-import.md, UTF-8, CRLF) across 2,000 schools of one trust, against a fresh
// embedded FerretDB (or a throw-away database on MONGODB_URI). Steps: a dry run, the first
// import (everyone new), the same file again (nothing changes), and a later file in which one
// person in ten changed their days (updates, each audited). Prints rows per second (rows over
// the command's own time, and over the whole process including start-up) and peak RSS.
//   npx tsx bench/staff-import-bench.ts [--rows 50000] [--schools 2000]
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { createPrng } from '../seeds/prng';
import { generatedPerson, STAFF_FILE_HEADER, staffFileLine } from '../seeds/staff-example';
import { connectDatabase } from '../server/db/connection';
import type { StaffImportSummary } from '../server/import/staff';
import { Academy } from '../server/models/academy';
import { SYSTEM_ACTOR } from '../server/models/common';
import { Trust } from '../server/models/trust';
import { type CommandRun, machineLine, runBench, runImportCommandTimed, withThrowawayDatabase } from './support/import-bench';

function staffFile(rows: number, urns: readonly string[], changedEvery: number | null): string {
  const rng = createPrng(20261129);
  const lines = [STAFF_FILE_HEADER];
  for (let i = 0; i < rows; i += 1) {
    const person = generatedPerson(rng, { urn: urns[i % urns.length]!, phase: 'PRIMARY' }, i, 'bench-trust.example.org.uk');
    // The later file: one person in `changedEvery` offers one more day.
    if (changedEvery && i % changedEvery === 0) person.capacityDays += 1;
    lines.push(staffFileLine(person));
  }
  return `${lines.join('\r\n')}\r\n`;
}

type Step = CommandRun<StaffImportSummary>;

function runCommand(file: string, uri: string, extra: string[]): Step {
  const step = runImportCommandTimed<StaffImportSummary>('staff', file, extra, uri);
  if (process.env.BENCH_TRACE) console.error(step.stderr.split('\n').filter((l) => l.startsWith('TRACE')).join('\n'));
  return step;
}

function report(label: string, step: Step): void {
  const s = step.summary;
  console.log(
    `${label.padEnd(28)} ${s.rows.toLocaleString('en-GB')} rows: ${s.seconds.toFixed(2)} s in the import = ${Math.round(s.rows / s.seconds).toLocaleString('en-GB')} rows/s ` +
      `(${step.wallS.toFixed(2)} s with start-up = ${Math.round(s.rows / step.wallS).toLocaleString('en-GB')} rows/s); peak RSS ${step.peakMb.toFixed(0)} MB; ` +
      `new ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, bad rows ${s.badRows}; exit ${step.code}\n` +
      `${''.padEnd(28)} check ${s.timings.check.toFixed(2)} s, read database ${s.timings.readDatabase.toFixed(2)} s, compare ${s.timings.compare.toFixed(2)} s, write ${s.timings.write.toFixed(2)} s`,
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const rows = Number(valueOf('--rows') ?? 50_000);
  const schools = Number(valueOf('--schools') ?? 2_000);
  return withThrowawayDatabase('staff', async ({ server, dbName, uri, dir }) => {
    await connectDatabase(server.uri, dbName);
    const trust = await Trust.create({ name: 'Bench Trust', nameKey: 'bench trust', createdBy: SYSTEM_ACTOR, updatedBy: SYSTEM_ACTOR });
    const urns = Array.from({ length: schools }, (_, i) => String(400_000 + i));
    await Academy.insertMany(urns.map((urn) => ({ urn, name: `Bench School ${urn}`, phase: 'PRIMARY', trustId: trust._id, createdBy: SYSTEM_ACTOR, updatedBy: SYSTEM_ACTOR })));
    await mongoose.disconnect();
    const first = join(dir, 'staff.csv');
    const later = join(dir, 'staff-later.csv');
    writeFileSync(first, staffFile(rows, urns, null));
    writeFileSync(later, staffFile(rows, urns, 10));
    console.log(machineLine(server));
    console.log(`generated ${rows.toLocaleString('en-GB')} people at ${schools.toLocaleString('en-GB')} schools: ${(statSync(first).size / 2 ** 20).toFixed(1)} MB`);
    report('dry run (empty database)', runCommand(first, uri, ['--dry-run']));
    report('first import', runCommand(first, uri, []));
    report('same file again', runCommand(first, uri, []));
    report('later file (1 in 10 changed)', runCommand(later, uri, ['--full-trust', 'Bench Trust']));
    return 0;
  });
}

runBench(main);
