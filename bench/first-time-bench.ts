// `node --max-old-space-size=384 --max-semi-space-size=8 --import tsx bench/first-time-bench.ts [options]`: first-time
// rankings alone (issue 20, session 7), on the national data as `npm run bench` loads it.
//
//  1. Answers: rankCandidates (STAFF, first 10, every field of the answer: candidates,
//     scores, factors with their details, exclusions, counts) for --answers-needs needs, and
//     rankNeedsForStaff (first 10, every field) for as many staff, one request at a time over
//     HTTP, none asked for before; the process's CPU per request. `--save FILE` writes the
//     answers, `--compare FILE` compares them with a file saved earlier (say, before a change)
//     and fails if any differs: the HTTP answers byte for byte, not just the service's.
//  2. Unless --answers-only: the bench's first-time load scenarios (bench/steps/load-runs.ts,
//     runFirstTimeScenarios) on the needs and staff not used in 1, with --profile DIR writing
//     a CPU profile of each (--heap-profile DIR: a sampling heap profile).
//  3. `--in-process`: the same needs ranked in-process afresh (rankings not kept) after 1, to
//     set beside the HTTP figure.
//
// Options: bench/run.ts's (--academies --staff --needs --seed --connections --duration
// --warmup --profile --heap-profile), plus --answers-needs N (300), --save FILE, --compare FILE,
// --answers-only, --in-process; with MONGODB_URI (a database already loaded, --reuse) also
// --snapshot PATH: the copies restored from that snapshot when it is current, else loaded and
// the snapshot written there (server/db/read-cache/snapshot.ts), so a re-run starts in seconds.
import './production-env';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { encodeGlobalId } from '../server/auth/global-id';
import { selectDatabase } from '../server/db/select-database';
import { enableReadCopySnapshot, restoreReadCopies, saveReadCopySnapshot } from '../server/db/read-cache';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';
import { rankCandidates, setRankingsKept } from '../server/services/ranking';
import { warmCopies } from './steps/copies';
import { connectBenchDatabase, prepareData } from './steps/database';
import { body, closeAll, post } from './steps/http';
import { sampleInputs } from './steps/inputs';
import { runFirstTimeScenarios } from './steps/load-runs';
import { log, ms } from './steps/log';
import { CommandCounter, MemorySampler } from './steps/monitors';
import { parseOptions } from './steps/options';
import { startRealServer } from './steps/real-server';
import { benchRequests } from './steps/requests';

const FACTORS = 'factors { name weight value contribution detail }';
const RANK_CANDIDATES = `query ($needId: ID!) { rankCandidates(needId: $needId, kind: STAFF, first: 10) { schoolYear eligibleCount consideredCount exclusions { reason count } need { id } candidates { rank score distanceKm kind candidate { __typename ... on StaffMember { id name homeAcademy { id name } } } ${FACTORS} } } }`;
const RANK_NEEDS = `query ($staffId: ID!) { rankNeedsForStaff(staffId: $staffId, first: 10) { rank score distanceKm schoolYear need { id area severity priority academy { id name fsmPercent } } ${FACTORS} } }`;

function take(argv: string[], name: string): string | null {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return null;
  return argv.splice(i, 2)[1] ?? null;
}
function flag(argv: string[], name: string): boolean {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) argv.splice(i, 1);
  return i >= 0;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const answersNeeds = Number(take(argv, 'answers-needs') ?? 300);
  const save = take(argv, 'save');
  const compare = take(argv, 'compare');
  const answersOnly = flag(argv, 'answers-only');
  const inProcess = flag(argv, 'in-process');
  const snapshot = take(argv, 'snapshot');
  const options = parseOptions(argv);
  const database = await selectDatabase({ mongodbUri: process.env.MONGODB_URI ?? null, log: (m) => log(m) });
  const servers: Server[] = [];
  try {
    const db = await connectBenchDatabase(database);
    await prepareData(db, options);
    const counter = new CommandCounter();
    const memory = new MemorySampler();
    if (snapshot) {
      enableReadCopySnapshot({ path: snapshot, source: database.uri, log });
      await restoreReadCopies([Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment]);
    }
    const copies = await warmCopies();
    if (snapshot) log(`snapshot: ${JSON.stringify(await saveReadCopySnapshot()).slice(0, 200)}`);
    const inputs = await sampleInputs(copies.used, options.rankingSamples);
    const server = await startRealServer(servers);
    // Pools built first (one request per need of the sample), as in the bench, so the answers
    // below time first rankings, not pool building.
    for (const b of benchRequests(inputs).rankCandidates) await post(server.url, b, server.auth);

    const needs = inputs.freshNeeds.slice(0, answersNeeds);
    const staff = inputs.freshStaff.slice(0, answersNeeds);
    const answers: Record<string, unknown> = {};
    const ask = async (label: string, query: string, ids: string[], variable: string, typename: string) => {
      const cpu = process.cpuUsage();
      const load = loadavg()[0]!;
      const t = performance.now();
      for (const id of ids) {
        const r = await post(server.url, body(query, { [variable]: encodeGlobalId(typename, id) }), server.auth);
        if (r.status !== 200 || r.json.errors) throw new Error(`${label} ${id}: ${JSON.stringify(r.json).slice(0, 300)}`);
        answers[`${label}:${id}`] = r.json;
      }
      const used = process.cpuUsage(cpu);
      log(`${label}: ${ids.length} asked for once each, one at a time: ${ms((performance.now() - t) / ids.length)} ms wall, ${ms((used.user + used.system) / 1000 / ids.length)} ms CPU per request (server and client in this process), load average ${load.toFixed(1)}-${loadavg()[0]!.toFixed(1)}`);
    };
    await ask('rankCandidates', RANK_CANDIDATES, needs, 'needId', 'ImprovementNeed');
    await ask('rankNeedsForStaff', RANK_NEEDS, staff, 'staffId', 'StaffMember');
    if (save) {
      writeFileSync(save, JSON.stringify(answers));
      log(`answers written to ${save}`);
    }
    if (compare) {
      const before = JSON.parse(readFileSync(compare, 'utf8')) as Record<string, unknown>;
      // rankNeedsForStaff's waiting-time factor moves with every millisecond of `now`, so its
      // answers from two runs differ in scores whatever the code; rankCandidates' hold for the
      // day (school year, safeguarding expiries). Both are compared; each is reported.
      for (const label of ['rankCandidates', 'rankNeedsForStaff']) {
        const keys = Object.keys(before).filter((k) => k.startsWith(`${label}:`));
        const missing = keys.filter((k) => !(k in answers));
        const differing = keys.filter((k) => k in answers && JSON.stringify(before[k]) !== JSON.stringify(answers[k]));
        log(`compared with ${compare}: ${label} ${keys.length} answers, ${missing.length} not asked for in this run, ${differing.length} differing${differing.length ? ` (first: ${differing[0]})` : ''}`);
        if (label === 'rankCandidates' && (differing.length || missing.length)) process.exitCode = 1;
      }
    }
    if (inProcess) {
      setRankingsKept(false);
      const times: number[] = [];
      const cpu = process.cpuUsage();
      for (const id of needs) {
        const t = performance.now();
        await rankCandidates(id, 'STAFF', 10);
        times.push(performance.now() - t);
      }
      const used = process.cpuUsage(cpu);
      setRankingsKept(true);
      times.sort((a, b) => a - b);
      log(`in-process, afresh: p50 ${ms(times[Math.floor(times.length / 2)]!)} ms, p95 ${ms(times[Math.ceil(times.length * 0.95) - 1]!)} ms, ${ms((used.user + used.system) / 1000 / needs.length)} ms CPU per ranking`);
    }
    if (!answersOnly) {
      const rest = benchRequests({ ...inputs, freshNeeds: inputs.freshNeeds.slice(answersNeeds), freshStaff: inputs.freshStaff.slice(answersNeeds) });
      await runFirstTimeScenarios({ options, server, requests: rest, counter, memory });
    }
  } finally {
    closeAll(servers);
    await mongoose.disconnect().catch(() => undefined);
    await database.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
