// GIAS import benchmark: writes a 50,000-row establishment file in the real format and
// encoding (full header, Windows-1252, CRLF) to a temp dir, imports it into a fresh database,
// then imports it again (the daily re-run: everything unchanged), then a later file in which
// every known FSM share has changed (next year's census: every such school updated and
// audited). Prints rows per second and
// peak resident memory (RSS sampled every 20 ms). Targets: >= 5,000 rows/s, < 300 MB.
//   npx tsx bench/gias-bench.ts                 realistic mix: about half open state schools
//   npx tsx bench/gias-bench.ts --all-open      worst case: every row a school to insert
//   npx tsx bench/gias-bench.ts --rows 100000
// Uses MONGODB_URI when set (a throw-away database on it), else starts an embedded database.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import mongoose from 'mongoose';
import { createPrng } from '../seeds/prng';
import { ensureIndexes } from '../server/db/connection';
import { checkGiasFile, type ImportSummary, openImportDatabase, readDatabaseState, settled, writeGiasFile } from '../server/import/gias';
import { headerLine, recordLine, typicalRecord, type GiasRecord } from '../tests/fixtures/gias/register-format';
import { machineLine, runBench, withThrowawayDatabase } from './support/import-bench';

const TARGET_ROWS_PER_SECOND = 5_000;
const TARGET_PEAK_MB = 300;

const STATE_TYPES: [type: string, phase: string, ages: [number, number]][] = [
  ['Academy converter', 'Primary', [4, 11]],
  ['Academy sponsor led', 'Primary', [4, 11]],
  ['Community school', 'Primary', [4, 11]],
  ['Voluntary aided school', 'Primary', [4, 11]],
  ['Voluntary controlled school', 'Primary', [4, 11]],
  ['Academy converter', 'Secondary', [11, 18]],
  ['Academy sponsor led', 'Secondary', [11, 16]],
  ['Foundation school', 'Secondary', [11, 18]],
  ['Free schools', 'All-through', [4, 18]],
  ['Academy converter', 'Middle deemed secondary', [9, 13]],
  ['Community special school', 'Not applicable', [2, 19]],
  ['Academy special converter', 'Not applicable', [3, 19]],
  ['Pupil referral unit', 'Not applicable', [11, 16]],
  ['LA nursery school', 'Nursery', [2, 5]],
  ['Academy 16-19 converter', '16 plus', [16, 19]],
];
const OTHER_TYPES = ['Other independent school', 'Further education', 'Welsh establishment', 'Online provider'];
const RATINGS = ['Outstanding', 'Good', 'Good', 'Good', 'Requires improvement', 'Inadequate', 'Serious Weaknesses', 'Special Measures', ''];
const TOWNS = ['Bodmin', 'Truro', 'Leeds', 'Bradford', 'Derby', 'Norwich', 'Luton', 'Hull', 'York', 'Bristol'];

function establishment(i: number, rnd: () => number, allOpen: boolean, later: boolean): GiasRecord {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const roll = rnd();
  const closed = !allOpen && roll < 0.45;
  const other = !allOpen && !closed && roll < 0.52;
  const [type, phase, ages] = other ? [pick(OTHER_TYPES), 'Not applicable', [5, 18] as [number, number]] : pick(STATE_TYPES);
  const academy = type.startsWith('Academy') || type.startsWith('Free');
  const trust = academy && rnd() < 0.85 ? Math.floor(rnd() * 2_500) : null;
  const town = pick(TOWNS);
  const blankFsm = rnd() < 0.04;
  return typicalRecord({
    URN: 100_000 + i,
    EstablishmentNumber: String(1000 + (i % 9000)),
    EstablishmentName: `${town} ${pick(['St Mary\u2019s', 'Oakfield', 'Riverside', 'Hillcrest', 'Ysgol', 'Notre Dame', 'Sainte-Thérèse'])} ${type.includes('special') ? 'Special School' : 'School'} ${i}`,
    'TypeOfEstablishment (name)': type,
    'PhaseOfEducation (name)': phase,
    StatutoryLowAge: ages[0],
    StatutoryHighAge: ages[1],
    'EstablishmentStatus (name)': closed ? 'Closed' : 'Open',
    CloseDate: closed ? '31-08-2015' : '',
    NumberOfPupils: blankFsm ? '' : String(20 + Math.floor(rnd() * 1500)),
    // The later file (next year's census): every known FSM share up by 1.5 points.
    PercentageFSM: blankFsm ? '' : (rnd() * 70 + (later ? 1.5 : 0)).toFixed(1),
    'TrustSchoolFlag (name)': trust === null ? 'Not applicable' : 'Supported by a multi-academy trust',
    'Trusts (code)': trust === null ? '' : `TR${String(trust).padStart(5, '0')}`,
    'Trusts (name)': trust === null ? '' : `Trust Number ${trust} Academies`,
    UKPRN: 10_000_000 + i,
    Street: `${1 + (i % 200)} School Lane`,
    Town: town,
    Postcode: `${pick(['PL31', 'TR1', 'LS6', 'BD1', 'DE1', 'NR2', 'LU1', 'HU5', 'YO1', 'BS8'])} ${1 + (i % 9)}${pick(['AB', 'EZ', 'HQ', 'LD'])}`,
    Easting: 140_000 + Math.floor(rnd() * 500_000),
    Northing: 20_000 + Math.floor(rnd() * 600_000),
    'OfstedRating (name)': pick(RATINGS),
    SchoolWebsite: `https://www.school${i}.example.sch.uk`,
    TelephoneNum: `01${String(200000000 + i).slice(0, 9)}`,
    HeadFirstName: pick(['Alex', 'Sam', 'Jo', 'Chris']),
    HeadLastName: pick(['Trewin', 'Penrose', 'Smith', 'Jones']),
    'ParliamentaryConstituency (name)': `${town} Central`,
    'AdministrativeWard (name)': `${town} North`,
    'MSOA (name)': `${town} 00${i % 9}`,
    'LSOA (name)': `${town} 00${i % 9}A`,
  });
}

/** Streams the file out in chunks, so generating it costs no memory. */
async function writeRegister(file: string, rows: number, allOpen: boolean, later: boolean): Promise<void> {
  const out = createWriteStream(file);
  const { next: rnd } = createPrng(20250301);
  let chunk = `${headerLine()}\r\n`;
  for (let i = 0; i < rows; i++) {
    chunk += `${recordLine(establishment(i, rnd, allOpen, later))}\r\n`;
    if (chunk.length > 1 << 20 || i === rows - 1) {
      if (!out.write(iconv.encode(chunk, 'win1252'))) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
}

interface Measured {
  summary: ImportSummary;
  checkS: number;
  writeS: number;
  baselineMb: number;
  peakMb: number;
}

/** Child mode: one import, as the command runs it, timing its two steps and sampling RSS. */
async function measureImport(file: string, uri: string, dbName: string): Promise<Measured> {
  await openImportDatabase(uri, dbName); // as the command opens it
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const started = performance.now();
    const state = settled(readDatabaseState()); // the database is read while the file is checked
    const checked = await checkGiasFile(file);
    const checkS = (performance.now() - started) / 1000;
    try {
      await state;
      await ensureIndexes(); // as the command: only once the file is good
      const summary = await writeGiasFile(checked, {}, state);
      return { summary, checkS, writeS: (performance.now() - started) / 1000 - checkS, baselineMb, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
    } finally {
      await checked.spool.dispose();
    }
  } finally {
    clearInterval(timer);
    await mongoose.disconnect();
  }
}

/** The heap cap `npm run import:gias` gives the command (package.json): the bench runs imports under it too. */
const IMPORT_HEAP_FLAG = '--max-old-space-size=192';

/** Runs this script in a fresh process for one step, so each step's memory is its own. */
function inChild(args: string[]): string {
  const child = spawnSync(process.execPath, [IMPORT_HEAP_FLAG, ...process.execArgv, __filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  if (child.status !== 0) throw new Error(`bench step ${args.join(' ')} failed`);
  return child.stdout;
}

function report(label: string, run: Measured): boolean {
  const s = run.summary;
  const rate = s.rows / s.seconds;
  const ok = rate >= TARGET_ROWS_PER_SECOND && run.peakMb < TARGET_PEAK_MB;
  const written = s.inserted + s.updated + s.trusts.created;
  console.log(
    `${label.padEnd(20)} ${s.rows.toLocaleString('en-GB')} rows in ${s.seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en-GB')} rows/s; ` +
      `peak RSS ${run.peakMb.toFixed(0)} MB (process at rest ${run.baselineMb.toFixed(0)} MB)  ${ok ? 'OK' : 'BELOW TARGET'}\n` +
      `${''.padEnd(20)} check ${run.checkS.toFixed(2)} s (${Math.round(s.rows / run.checkS).toLocaleString('en-GB')} rows/s parsed and validated), ` +
      `then write ${run.writeS.toFixed(2)} s (${written.toLocaleString('en-GB')} documents written${written ? `, ${Math.round(written / run.writeS).toLocaleString('en-GB')}/s` : ''})\n` +
      `${''.padEnd(20)} inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, ` +
      `skipped ${Object.values(s.skipped).reduce((a, b) => a + b, 0)}, rejected ${s.rejected.count}, trusts created ${s.trusts.created}`,
  );
  return ok;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const rows = Number(valueOf('--rows') ?? 50_000);
  const allOpen = args.includes('--all-open');
  const toWrite = valueOf('--write-file');
  if (toWrite) {
    await writeRegister(toWrite, rows, allOpen, args.includes('--later'));
    return 0;
  }
  const toImport = valueOf('--import-file');
  if (toImport) {
    console.log(JSON.stringify(await measureImport(toImport, valueOf('--uri')!, valueOf('--db')!)));
    return 0;
  }

  return withThrowawayDatabase('gias', async ({ server, dbName, dir }) => {
    const file = join(dir, 'edubasealldata20250301.csv');
    const laterFile = join(dir, 'edubasealldata20260301.csv');
    const started = performance.now();
    inChild([...args, '--write-file', file]);
    inChild([...args, '--later', '--write-file', laterFile]);
    console.log(machineLine(server));
    console.log(
      `generated ${rows.toLocaleString('en-GB')} rows${allOpen ? ' (all open state schools)' : ' (realistic mix)'}: ` +
        `${(statSync(file).size / 2 ** 20).toFixed(1)} MB Windows-1252, and the later file, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // Each import in a fresh process: its memory figures are its own, as when run by the command.
    const step = (register: string) => JSON.parse(inChild(['--import-file', register, '--uri', server.uri, '--db', dbName]).trim().split('\n').pop()!) as Measured;
    const firstOk = report('first import', step(file));
    const againOk = report('re-run (unchanged)', step(file));
    const laterOk = report('later file (FSM)', step(laterFile));
    return firstOk && againOk && laterOk ? 0 : 1;
  });
}

runBench(main);
