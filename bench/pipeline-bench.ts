// `node --max-old-space-size=384 --import tsx bench/pipeline-bench.ts [options]`: the request
// pipeline alone (issue 20, part 3). The nested 50-need page under load from the real server
// (createApp, as bench/run.ts starts it) and from the static yoga servers (with and without
// graphql-jit) in the same process, alternated round by round so that a machine shared with
// other work loads them alike, plus `{ __typename }` on the real server (the pipeline with
// almost no GraphQL work) and the page with production's request logging (level info, to a
// discarded stream: the bench's own logger is silent). Prints, per scenario, the process's CPU
// per request (user + system, which other processes move far less than latency) and
// requests/s, and the load average before and after.
//
// `--profile <dir>` writes a CPU profile of each scenario's first round (warm-up and
// measurement, this process only: the load client is another process) as
// <dir>/<scenario>.cpuprofile, for Chrome's DevTools or bench/profile-summary.ts;
// `--heap-profile <dir>` a sampling allocation profile of the same window instead
// (<dir>/<scenario>.heapprofile: where the per-request garbage is allocated).
// Options: --academies N --staff N --needs N --seed N (dataset; default a 5,000-academy slice,
// the page's cost per request hardly depends on it), --duration S (8) --warmup S (2)
// --connections N (8) --rounds N (2) --only real|static|jit|empty|logged (repeatable).
import './production-env';
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createServer, type Server } from 'node:http';
import { loadavg } from 'node:os';
import mongoose from 'mongoose';
import pino from 'pino';
import { createApp } from '../server/app';
import { mintToken } from '../server/auth/tokens';
import { createLogger } from '../server/logger';
import { selectDatabase } from '../server/db/select-database';
import { warmCopies } from './steps/copies';
import { connectBenchDatabase, prepareData } from './steps/database';
import { body, closeAll, listen, post } from './steps/http';
import { runLoad, type ScenarioResult } from './steps/load-runs';
import { log, ms } from './steps/log';
import { CommandCounter, MemorySampler } from './steps/monitors';
import { parseOptions } from './steps/options';
import { benchRequests } from './steps/requests';
import { checkStaticServer, startStaticServer } from './steps/static-server';

const JWT_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const SCENARIOS = ['real', 'jit', 'static', 'empty', 'logged'] as const;
type Scenario = (typeof SCENARIOS)[number];

const LABELS: Record<Scenario, string> = {
  real: 'nested 50-need page, real server',
  jit: 'nested 50-need page, static yoga + graphql-jit',
  static: 'nested 50-need page, static yoga',
  empty: '{ __typename }, real server',
  logged: 'nested 50-need page, real server logging at info',
};

function takeList(argv: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = argv.indexOf(`--${name}`); i >= 0; i = argv.indexOf(`--${name}`)) {
    values.push(argv[i + 1] ?? '');
    argv.splice(i, 2);
  }
  return values;
}

function takeNumber(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  argv.splice(i, 2);
  return value;
}

/** The real server as bench/run.ts starts it (rate limit and timeout off), with a logger of our choosing. */
function realServer(logger: pino.Logger, servers: Server[]): Promise<string> {
  const app = createApp({ config: { jwtSecret: JWT_SECRET, nodeEnv: 'production', security: { rateLimitPerMinute: 0, executionTimeoutMs: 0 } }, logger, isReady: () => true });
  const server = createServer(app);
  servers.push(server);
  return listen(server);
}

async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return session;
}

async function stopProfile(session: Session, dir: string, scenario: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${scenario}.cpuprofile`), JSON.stringify(profile));
}

async function startHeapProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  // Every 32 kB allocated on average; objects collected since are kept in the profile, so it shows garbage too.
  await session.post('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return session;
}

async function stopHeapProfile(session: Session, dir: string, scenario: string): Promise<void> {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${scenario}.heapprofile`), JSON.stringify(profile));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const only = takeList(argv, 'only') as Scenario[];
  const rounds = takeNumber(argv, 'rounds', 2);
  const profileDir = takeList(argv, 'profile')[0];
  const heapProfileDir = takeList(argv, 'heap-profile')[0];
  // A slice of the national dataset unless told otherwise: the page reads 50 needs whatever the size.
  for (const [name, value] of [['academies', '5000'], ['staff', '10000'], ['needs', '1000']] as const) {
    if (!argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) argv.push(`--${name}`, value);
  }
  if (!argv.includes('--duration')) argv.push('--duration', '8');
  if (!argv.includes('--warmup')) argv.push('--warmup', '2');
  const options = parseOptions(argv);
  const scenarios = only.length ? only : [...SCENARIOS];
  const database = await selectDatabase({ mongodbUri: process.env.MONGODB_URI ?? null, log: (m) => log(m) });
  const servers: Server[] = [];
  try {
    const db = await connectBenchDatabase(database);
    await prepareData(db, options);
    await warmCopies();
    const token = await mintToken({ sub: 'bench', role: 'ADMIN' }, JWT_SECRET);
    const auth = { authorization: `Bearer ${token}` };
    const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
    const urls: Record<Scenario, string> = {} as Record<Scenario, string>;
    urls.real = await realServer(pino({ level: 'silent' }), servers);
    urls.logged = await realServer(createLogger('info', discard), servers);
    urls.empty = urls.real;
    const nestedBody = benchRequests({ needSample: [], staffSample: [] } as never).nestedPage;
    const nested = await post(urls.real, nestedBody, auth);
    if (nested.status !== 200 || nested.json.data?.needs?.edges?.length !== 50) throw new Error(`nested page failed: ${JSON.stringify(nested.json).slice(0, 300)}`);
    urls.static = await startStaticServer(nested.json, servers);
    urls.jit = await startStaticServer(nested.json, servers, true);
    await checkStaticServer(urls.static, nested.json, nestedBody);
    await checkStaticServer(urls.jit, nested.json, nestedBody);
    const counter = new CommandCounter();
    const memory = new MemorySampler();
    const results = new Map<Scenario, ScenarioResult[]>();
    const loadBefore = loadavg();
    for (let round = 1; round <= rounds; round++) {
      for (const scenario of scenarios) {
        const requestBody = scenario === 'empty' ? body('{ __typename }') : nestedBody;
        const headers = scenario === 'jit' || scenario === 'static' ? {} : auth;
        const job = { url: urls[scenario], bodies: [requestBody], headers, connections: options.connections, warmupSeconds: options.warmup, durationSeconds: options.duration };
        const profiling = profileDir && round === 1 ? await startProfile() : null;
        const heapProfiling = heapProfileDir && round === 1 ? await startHeapProfile() : null;
        const result = await runLoad(`${LABELS[scenario]} (round ${round})`, job, counter, memory);
        if (profiling) await stopProfile(profiling, profileDir!, scenario);
        if (heapProfiling) await stopHeapProfile(heapProfiling, heapProfileDir!, scenario);
        results.set(scenario, [...(results.get(scenario) ?? []), result]);
      }
    }
    const loadAfter = loadavg();
    console.log(`\nload average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}`);
    console.log('| scenario | CPU ms / request (each round) | requests/s (each round) | p95 ms |');
    console.log('|---|---:|---:|---:|');
    for (const scenario of scenarios) {
      const runs = results.get(scenario) ?? [];
      const cpu = runs.map((r) => ms(r.cpuMsPerRequest)).join(', ');
      const rps = runs.map((r) => r.load.requestsPerSecond.toFixed(0)).join(', ');
      const p95 = runs.map((r) => ms(r.load.latencyMs.p95)).join(', ');
      console.log(`| ${LABELS[scenario]} | ${cpu} | ${rps} | ${p95} |`);
    }
  } finally {
    closeAll(servers);
    await mongoose.disconnect().catch(() => undefined);
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
