// `npm run bench [-- options]`: national-scale benchmark (issue 8, and issue 3 item 7).
// The steps, each in bench/steps/:
//
//  1. A database: MONGODB_URI when set, else the embedded one (server/db/select-database.ts),
//     connected as server/main.ts connects (one connection with FerretDB), with command
//     monitoring on to count database round trips (database.ts).
//  2. The national dataset (seeds/national/) generated and loaded into it, or with
//     MONGODB_URI and --reuse the data already there (database.ts); the collections'
//     in-process copies loaded (copies.ts) and the ranking inputs sampled (inputs.ts).
//  2b. With copies: their snapshot written, and two restarts timed in new processes, one
//     loading from the database and one from the snapshot (restart.ts).
//  3. The real server (createApp) in this process on a loopback port (real-server.ts); every
//     kind of request checked once and its round trips counted alone (reference-answers.ts).
//  4. Load from autocannon in a child process (bench/load-client.ts): rankCandidates (STAFF,
//     200 different needs), rankNeedsForStaff (200 different staff), a nested page of 50 needs
//     with academy, hub, lead academy and trust, and the same page from a minimal yoga server
//     returning the same data statically (the GraphQL layer's ceiling) (load-runs.ts,
//     static-server.ts).
//  4b. After step 5: rankCandidates for each of the other open needs once, and rankNeedsForStaff
//     for other staff once each, so that no ranking is kept for them (load-runs.ts,
//     runFirstTimeScenarios): a lead's first look at each need, beside the repeat views above.
//  5. The ranking service called directly for 200 needs, one after another: p50/p95 and the
//     share of time getting the facts versus scoring (direct-ranking.ts).
//  6. The same requests once each with the collections' in-process copies switched off, i.e.
//     straight from the database (before/after figures, and a check the answers are
//     identical) (without-copies.ts).
//  6b. The optimised rankings checked against full scoring for every sampled need and staff
//     member (equivalence.ts).
//  7. The figures printed (report.ts) and written into BENCHMARKS.md between its bench
//     markers (benchmarks-file.ts).
//
// Options: --academies N --staff N --needs N --seed N (dataset; national defaults)
//          --reuse | --reset (with MONGODB_URI: use the data there / empty it first)
//          --connections N (8) --duration S (15) --warmup S (3) --ranking-samples N (200)
//          --skip-db-path (skip step 6) --skip-restart (skip step 2b) --no-write (print only)
//          --profile DIR / --heap-profile DIR (CPU or sampling heap profiles of step 4b's
//          scenarios, for bench/profile-summary.ts)
// Bounded: with the defaults the whole run takes about 6-8 minutes on a 2-core machine.
import './production-env';
import type { Server } from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import type { DatabaseServer } from '../server/db/database-server';
import { selectDatabase } from '../server/db/select-database';
import { writeIntoBenchmarks } from './steps/benchmarks-file';
import { warmCopies } from './steps/copies';
import { connectBenchDatabase, prepareData } from './steps/database';
import { rankDirectly } from './steps/direct-ranking';
import { checkAgainstFullScoring } from './steps/equivalence';
import { closeAll } from './steps/http';
import { sampleInputs } from './steps/inputs';
import { runFirstTimeScenarios, runScenarios } from './steps/load-runs';
import { log } from './steps/log';
import { machine } from './steps/machine';
import { CommandCounter, MemorySampler } from './steps/monitors';
import { parseOptions, type BenchOptions } from './steps/options';
import { startRealServer } from './steps/real-server';
import { missingServerFlags } from './steps/server-flags';
import { measureRestarts } from './steps/restart';
import { referenceAnswers, roundTripsAlone } from './steps/reference-answers';
import { renderReport, type ReportInput } from './steps/report';
import { benchRequests } from './steps/requests';
import { answerWithoutCopies } from './steps/without-copies';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // The server runs in this process: its memory figures hold only with `npm start`'s heap sizes.
  const missing = missingServerFlags();
  if (missing.length) log(`warning: not started with npm start's flags ${missing.join(' ')} (use \`npm run bench\`): memory figures will differ`);
  const started = performance.now();
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const database = await selectDatabase({ mongodbUri: process.env.MONGODB_URI ?? null, log: (m) => log(m) });
  log(`database: ${database.description}`);
  const servers: Server[] = [];
  try {
    const figures = await measure(options, database, servers);
    const totalSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage();
    const run = { loadAverage: [loadAtStart, os.loadavg()[0]!] as [number, number], cpuSeconds: (cpu.user + cpu.system) / 1e6 };
    const report = renderReport({ ...figures, options, startedAt, totalSeconds, machine: machine(), run });
    console.log(`\n${report}`);
    if (options.write) {
      writeIntoBenchmarks(report);
      log(`figures written into BENCHMARKS.md`);
    }
    log(`done in ${totalSeconds.toFixed(0)} s`);
  } finally {
    closeAll(servers);
    await mongoose.disconnect().catch(() => undefined);
    await database.stop();
  }
}

type Figures = Omit<ReportInput, 'options' | 'startedAt' | 'totalSeconds' | 'machine' | 'run'>;

/** Steps 1-6 against the selected database; servers started are added to `servers`. */
async function measure(options: BenchOptions, database: DatabaseServer, servers: Server[]): Promise<Figures> {
  const db = await connectBenchDatabase(database);
  const loadSummary = await prepareData(db, options);
  const counter = new CommandCounter();
  const memory = new MemorySampler();
  const copies = await warmCopies();
  const restarts = copies.used && !options.skipRestart ? await measureRestarts(database.uri, db.name) : null;
  const inputs = await sampleInputs(copies.used, options.rankingSamples);
  const server = await startRealServer(servers);
  const requests = benchRequests(inputs);
  const reference = await referenceAnswers(server, requests);
  const single = await roundTripsAlone(server, requests, counter);
  const scenarios = await runScenarios({ options, server, requests, nestedPage: reference.nestedPage, counter, memory, servers });
  const directStats = await rankDirectly(inputs.needSample, counter);
  const firstTime = await runFirstTimeScenarios({ options, server, requests, counter, memory });
  const equivalence = await checkAgainstFullScoring(inputs.needSample, inputs.staffSample);
  const dbPath = !options.skipDbPath && copies.used ? await answerWithoutCopies(server.url, reference.all, counter) : [];
  return {
    dbVersion: db.version,
    loadSummary,
    copiesUsed: copies.used,
    warm: copies.loaded.join(', '),
    warmSeconds: copies.seconds,
    restarts,
    idleMemory: copies.idleMemory,
    finalMemory: process.memoryUsage(),
    scenarios,
    firstTime,
    single,
    directStats,
    equivalence,
    dbPath,
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
