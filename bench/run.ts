// `npm run bench [-- options]`: national-scale benchmark (issue 8, and issue 3 item 7).
//
//  1. A database: MONGODB_URI when set, else the embedded one (server/db/select-database.ts).
//  2. The national dataset (seeds/national.ts) generated and loaded into it, or with
//     MONGODB_URI and --reuse the data already there.
//  3. The real server (createApp) in this process on a loopback port, connected as
//     server/main.ts connects (one connection with FerretDB), with command monitoring on to
//     count database round trips.
//  4. Load from autocannon in a child process (bench/load-client.ts): rankCandidates (STAFF,
//     200 different needs), rankNeedsForStaff (200 different staff), a nested page of 50 needs
//     with academy, hub, lead academy and trust, and the same page from a minimal yoga server
//     returning the same data statically (the GraphQL layer's ceiling).
//  5. The ranking service called directly for 200 needs, one after another: p50/p95 and the
//     share of time getting the facts versus scoring.
//  6. The same requests once each with the collections' in-process copies switched off, i.e.
//     straight from the database (before/after figures, and a check the answers are identical).
//  7. The figures printed and written into BENCHMARKS.md between its bench markers.
//
// Options: --academies N --staff N --needs N --seed N (dataset; national defaults)
//          --reuse | --reset (with MONGODB_URI: use the data there / empty it first)
//          --connections N (8) --duration S (15) --warmup S (3) --ranking-samples N (200)
//          --skip-db-path (skip step 6) --no-write (print only)
// Bounded: with the defaults the whole run takes about 6-8 minutes on a 2-core machine.
import './production-env';
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createSchema, createYoga } from 'graphql-yoga';
import mongoose, { type Model } from 'mongoose';
import pino from 'pino';
import { generateIntoDatabase, parseGenerateArgs } from '../seeds/generate-command';
import { isDatabaseEmpty } from '../seeds/load';
import { createApp } from '../server/app';
import { encodeGlobalId } from '../server/auth/global-id';
import { mintToken } from '../server/auth/tokens';
import { connectDatabase, databaseNameIn, DEFAULT_DATABASE_NAME } from '../server/db/connection';
import { redact, selectDatabase } from '../server/db/select-database';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';
import { rankCandidates } from '../server/services/ranking';
import { readCopy, setReadCacheMode } from '../server/services/read-cache';
import type { ClientMessage, LoadJob, LoadResult } from './load-client';

const JWT_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const BENCH_BEGIN = '<!-- bench:begin (written by `npm run bench`; edits between these markers are replaced) -->';
const BENCH_END = '<!-- bench:end -->';

// ---------------------------------------------------------------------------------------
// Options

interface BenchOptions {
  academies: number;
  staff: number;
  needs: number;
  seed: number;
  reuse: boolean;
  reset: boolean;
  connections: number;
  duration: number;
  warmup: number;
  rankingSamples: number;
  skipDbPath: boolean;
  write: boolean;
}

function parseOptions(argv: string[]): BenchOptions {
  const take = (name: string, fallback: number): number => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
    argv.splice(i, 2);
    return value;
  };
  const flag = (name: string): boolean => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) argv.splice(i, 1);
    return i >= 0;
  };
  const connections = take('connections', 8);
  const duration = take('duration', 15);
  const warmup = take('warmup', 3);
  const rankingSamples = take('ranking-samples', 200);
  const reuse = flag('reuse');
  const skipDbPath = flag('skip-db-path');
  const write = !flag('no-write');
  const dataset = parseGenerateArgs(argv); // the rest: --academies --staff --needs --seed --reset
  return {
    academies: dataset.academies,
    staff: dataset.staff,
    needs: dataset.needs,
    seed: dataset.seed ?? 0,
    reset: dataset.reset,
    reuse,
    connections,
    duration,
    warmup,
    rankingSamples,
    skipDbPath,
    write,
  };
}

// ---------------------------------------------------------------------------------------
// Measuring helpers

const log = (line: string) => console.log(`[bench] ${line}`);
const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : 'n/a');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Database commands sent by this process (the server's driver), by name. */
class CommandCounter {
  private counts = new Map<string, number>();
  constructor() {
    mongoose.connection.getClient().on('commandStarted', (event) => {
      this.counts.set(event.commandName, (this.counts.get(event.commandName) ?? 0) + 1);
    });
  }
  reset(): void {
    this.counts = new Map();
  }
  total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }
  summary(): string {
    return [...this.counts].map(([name, n]) => `${name} ${n}`).join(', ') || 'none';
  }
}

/** Peak memory of this process (the server runs here) while sampling. */
class MemorySampler {
  peakRss = 0;
  peakHeap = 0;
  private timer: NodeJS.Timeout | null = null;
  start(): void {
    this.peakRss = 0;
    this.peakHeap = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
  }
  stop(): { rss: number; heapUsed: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return { rss: this.peakRss, heapUsed: this.peakHeap };
  }
  private sample(): void {
    const m = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, m.rss);
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
  }
}

interface ScenarioResult {
  name: string;
  load: LoadResult;
  roundTripsPerRequest: number;
  commands: string;
  peakRss: number;
  peakHeap: number;
}

async function runLoad(name: string, job: LoadJob, counter: CommandCounter, memory: MemorySampler): Promise<ScenarioResult> {
  log(`${name}: ${job.warmupSeconds} s warm-up, then ${job.durationSeconds} s with ${job.connections} connections`);
  const child = fork(join(__dirname, 'load-client.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const result = await new Promise<ScenarioResult>((resolve, reject) => {
      child.on('message', (message: ClientMessage) => {
        if (message.type === 'measuring') {
          counter.reset();
          memory.start();
        } else if (message.type === 'done') {
          const peak = memory.stop();
          const requests = message.result.requests;
          resolve({
            name,
            load: message.result,
            roundTripsPerRequest: requests ? counter.total() / requests : NaN,
            commands: counter.summary(),
            peakRss: peak.rss,
            peakHeap: peak.heapUsed,
          });
        } else {
          memory.stop();
          reject(new Error(`${name}: ${message.message}`));
        }
      });
      child.once('exit', (code) => reject(new Error(`${name}: load client exited with code ${code}`)));
      child.send(job);
    });
    const l = result.load;
    log(
      `${name}: p50 ${ms(l.latencyMs.p50)} ms, p95 ${ms(l.latencyMs.p95)} ms, p99 ${ms(l.latencyMs.p99)} ms, ${l.requestsPerSecond.toFixed(0)} req/s, ` +
        `${l.requests} requests (${l.non2xx} non-2xx, ${l.errors} errors), ${ms(result.roundTripsPerRequest)} round trips/request, peak RSS ${mb(result.peakRss)}`,
    );
    return result;
  } finally {
    child.kill();
  }
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any; ms: number }> {
  const t = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers }, body });
  const json = await response.json();
  return { status: response.status, json, ms: performance.now() - t };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));
}

// ---------------------------------------------------------------------------------------
// Requests

const NESTED_PAGE = `query NestedPage { needs(first: 50) { edges { cursor node { id area severity priority daysRequested academy { id name fsmPercent ofstedRating cluster { id name leadAcademy { id name } trust { id name } } trust { id name } } } } pageInfo { hasNextPage endCursor } } }`;
const RANK_CANDIDATES = `query RankCandidates($needId: ID!) { rankCandidates(needId: $needId, kind: STAFF, first: 10) { eligibleCount consideredCount exclusions { reason count } candidates { rank score distanceKm candidate { ... on StaffMember { id name homeAcademy { id name } } } factors { name weight value contribution } } } }`;
const RANK_NEEDS = `query RankNeedsForStaff($staffId: ID!) { rankNeedsForStaff(staffId: $staffId, first: 10) { rank score distanceKm need { id area severity priority academy { id name fsmPercent } } factors { name contribution } } }`;

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** A server with a schema of the nested page's shape that returns a captured answer: GraphQL's ceiling. */
function staticServer(captured: unknown, compiled = false): Server {
  const schema = createSchema({
    typeDefs: /* GraphQL */ `
      type Query { needs(first: Int): NeedConnection! }
      type NeedConnection { edges: [NeedEdge!]! pageInfo: PageInfo! }
      type PageInfo { hasNextPage: Boolean! endCursor: String }
      type NeedEdge { cursor: String! node: Need! }
      type Need { id: ID! area: String! severity: String! priority: Float! daysRequested: Int! academy: Academy! }
      type Academy { id: ID! name: String! fsmPercent: Float ofstedRating: String! cluster: Cluster trust: Trust }
      type Cluster { id: ID! name: String! leadAcademy: Academy! trust: Trust! }
      type Trust { id: ID! name: String! }
    `,
    resolvers: { Query: { needs: () => captured } },
  });
  const yoga = createYoga<Record<string, unknown>>({ schema: schema as never, graphiql: false, landingPage: false, logging: false, plugins: compiled ? [useGraphQlJit()] : [] });
  return createServer(yoga);
}

// ---------------------------------------------------------------------------------------

function evenlySpaced<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

function machine(): { cpus: string; memory: string; node: string; os: string } {
  const cpus = os.cpus();
  return {
    cpus: `${os.availableParallelism?.() ?? cpus.length} (nproc) × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

async function databaseVersion(kind: string, description: string): Promise<string> {
  try {
    const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    // The embedded launcher's build does not stamp FerretDB's version; its description names it.
    const ferret = info.ferretdbVersion === 'unknown' ? (/FerretDB (\S+)/.exec(description)?.[1] ?? 'unknown') : info.ferretdbVersion;
    if (typeof info.ferretdbVersion === 'string') return `FerretDB ${ferret} (SQLite), speaking MongoDB ${info.version}${kind === 'external' ? ', via MONGODB_URI' : ', embedded'}`;
    return `MongoDB ${info.version}${kind === 'external' ? ' (MONGODB_URI)' : ' (mongodb-memory-server)'}`;
  } catch {
    return kind;
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const startedAt = new Date();
  const mongodbUri = process.env.MONGODB_URI ?? null;

  const database = await selectDatabase({ mongodbUri, log: (m) => log(m) });
  log(`database: ${database.description}`);
  const servers: Server[] = [];
  try {
    const dbName = databaseNameIn(database.uri) ?? (database.kind === 'external' ? DEFAULT_DATABASE_NAME : 'bench');
    const connect = () => connectDatabase(database.uri, dbName, { singleConnection: database.kind === 'ferretdb', monitorCommands: true });
    await connect();
    const dbVersion = await databaseVersion(database.kind, database.description);
    log(`database: ${dbVersion}, database "${dbName}"${database.kind === 'external' ? ` at ${redact(database.uri)}` : ''}`);

    // Data
    let loadSummary = 'reused the data already in the database';
    if (!(await isDatabaseEmpty())) {
      if (options.reset) {
        log('emptying the database (--reset)');
        await mongoose.connection.db!.dropDatabase();
        await connect();
      } else if (!options.reuse) {
        throw new Error(`database "${dbName}" already holds records: pass --reuse to benchmark them, or --reset to empty it first`);
      }
    }
    if (await isDatabaseEmpty()) {
      const dataset = { academies: options.academies, staff: options.staff, needs: options.needs, seed: options.seed };
      log(`generating and loading ${JSON.stringify(dataset)}`);
      const { summary, generateMs, loadMs } = await generateIntoDatabase(dataset, (line) => log(line.trim()));
      loadSummary = `${summary.academies} academies, ${summary.trusts} trusts, ${summary.clusters} hubs, ${summary.staff} staff, ${summary.needs} open needs, ${summary.completedDeployments} completed deployments (seed ${options.seed}); generated in ${(generateMs / 1000).toFixed(1)} s, loaded in ${(loadMs / 1000).toFixed(1)} s`;
      log(loadSummary);
    }

    // The collections' in-process copies (used with FerretDB; a no-op with MongoDB).
    const counter = new CommandCounter();
    const memory = new MemorySampler();
    const warm: string[] = [];
    const models: [string, Model<any>][] = [['trusts', Trust], ['academies', Academy], ['hubs', Cluster], ['staff', StaffMember], ['needs', ImprovementNeed], ['deployments', Deployment]];
    let copiesUsed = false;
    const warmStart = performance.now();
    for (const [label, model] of models) {
      const t = performance.now();
      const copy = await readCopy(model);
      copiesUsed ||= copy !== null;
      if (copy) warm.push(`${label} ${copy.size} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const warmMs = performance.now() - warmStart;
    const idleMemory = process.memoryUsage();
    log(copiesUsed ? `copies loaded in ${(warmMs / 1000).toFixed(1)} s: ${warm.join(', ')}; RSS ${mb(idleMemory.rss)}, heap ${mb(idleMemory.heapUsed)}` : 'no in-process copies (MongoDB answers from its indexes)');

    // Inputs: needs and staff spread over the whole dataset.
    const openNeeds = copiesUsed
      ? (await readCopy<any>(ImprovementNeed))!.all().filter((n) => n.status === 'OPEN').map((n) => String(n._id)).sort()
      : (await ImprovementNeed.find({ status: 'OPEN' }, { _id: 1 }).sort({ _id: 1 }).lean()).map((n) => String(n._id));
    const staffIds = copiesUsed
      ? (await readCopy<any>(StaffMember))!.all().map((s) => String(s._id)).sort()
      : (await StaffMember.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((s) => String(s._id));
    const needSample = evenlySpaced(openNeeds, options.rankingSamples);
    const staffSample = evenlySpaced(staffIds, options.rankingSamples);
    log(`inputs: ${needSample.length} of ${openNeeds.length} open needs, ${staffSample.length} of ${staffIds.length} staff`);

    // Servers
    const app = createApp({ config: { jwtSecret: JWT_SECRET, nodeEnv: 'production', security: { rateLimitPerMinute: 0 } }, logger: pino({ level: 'silent' }), isReady: () => true });
    const realServer = createServer(app);
    servers.push(realServer);
    const url = await listen(realServer);
    const token = await mintToken({ sub: 'bench', role: 'ADMIN' }, JWT_SECRET);
    const auth = { authorization: `Bearer ${token}` };

    const nestedBody = body(NESTED_PAGE);
    const rankBodies = needSample.map((id) => body(RANK_CANDIDATES, { needId: encodeGlobalId('ImprovementNeed', id) }));
    const staffBodies = staffSample.map((id) => body(RANK_NEEDS, { staffId: encodeGlobalId('StaffMember', id) }));

    // Check every kind of request answers, and keep answers to compare without the copies.
    const nested = await post(url, nestedBody, auth);
    if (nested.status !== 200 || nested.json.errors || nested.json.data?.needs?.edges?.length !== 50) throw new Error(`nested page failed: ${JSON.stringify(nested.json).slice(0, 500)}`);
    const reference: { label: string; body: string; headers: Record<string, string>; answer: unknown }[] = [{ label: 'nested 50-need page', body: nestedBody, headers: auth, answer: nested.json }];
    for (const [label, bodies] of [['rankCandidates', rankBodies], ['rankNeedsForStaff', staffBodies]] as const) {
      for (const b of bodies.slice(0, 3)) {
        const r = await post(url, b, auth);
        if (r.status !== 200 || r.json.errors) throw new Error(`${label} failed: ${JSON.stringify(r.json).slice(0, 500)}`);
        reference.push({ label, body: b, headers: auth, answer: r.json });
      }
    }
    // Round trips of one request of each kind, alone.
    const single: { label: string; commands: string; total: number; ms: number }[] = [];
    for (const [label, b] of [['nested 50-need page', nestedBody], ['rankCandidates', rankBodies[0]!], ['rankNeedsForStaff', staffBodies[0]!]] as const) {
      counter.reset();
      const r = await post(url, b, auth);
      single.push({ label, commands: counter.summary(), total: counter.total(), ms: r.ms });
    }

    const staticSrv = staticServer(nested.json.data.needs);
    servers.push(staticSrv);
    const staticUrl = await listen(staticSrv);
    const staticCheck = await post(staticUrl, nestedBody);
    if (JSON.stringify(staticCheck.json) !== JSON.stringify(nested.json)) throw new Error('the static server does not give the same answer as the real one');

    // Load
    const job = (bodies: string[], target = url, headers: Record<string, string> = auth): LoadJob => ({
      url: target,
      bodies,
      headers,
      connections: options.connections,
      warmupSeconds: options.warmup,
      durationSeconds: options.duration,
    });
    const scenarios: ScenarioResult[] = [];
    scenarios.push(await runLoad('rankCandidates (STAFF, first 10)', job(rankBodies), counter, memory));
    scenarios.push(await runLoad('rankNeedsForStaff (first 10)', job(staffBodies), counter, memory));
    scenarios.push(await runLoad('nested 50-need page', job([nestedBody]), counter, memory));
    scenarios.push(await runLoad('nested 50-need page, static yoga server', job([nestedBody], staticUrl, {}), counter, memory));
    // For comparison only (the target is against the minimal server above): the static
    // server compiled by graphql-jit too, as the real server is.
    const compiledStatic = staticServer(nested.json.data.needs, true);
    servers.push(compiledStatic);
    const compiledStaticUrl = await listen(compiledStatic);
    scenarios.push(await runLoad('nested 50-need page, static yoga server + graphql-jit', job([nestedBody], compiledStaticUrl, {}), counter, memory));

    // Direct ranking benchmark (issue 3.7)
    log(`direct ranking: rankCandidates for ${needSample.length} needs, one after another`);
    counter.reset();
    const direct: { total: number; db: number; scoring: number }[] = [];
    const now = new Date();
    for (const id of needSample) {
      const t = performance.now();
      const view = await rankCandidates(id, 'STAFF', 10, now);
      const total = performance.now() - t;
      if (view) direct.push({ total, db: view.timings.databaseMs, scoring: view.timings.scoringMs });
    }
    const directCommands = counter.total();
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const directStats = {
      n: direct.length,
      p50: percentile(direct.map((d) => d.total), 50),
      p95: percentile(direct.map((d) => d.total), 95),
      max: percentile(direct.map((d) => d.total), 100),
      dbShare: sum(direct.map((d) => d.db)) / sum(direct.map((d) => d.db + d.scoring)),
      dbP50: percentile(direct.map((d) => d.db), 50),
      scoringP50: percentile(direct.map((d) => d.scoring), 50),
      scoringP95: percentile(direct.map((d) => d.scoring), 95),
      commandsPerRanking: directCommands / (direct.length || 1),
    };
    log(
      `direct ranking: p50 ${ms(directStats.p50)} ms, p95 ${ms(directStats.p95)} ms, max ${ms(directStats.max)} ms; ` +
        `${(directStats.dbShare * 100).toFixed(0)}% getting the facts, ${((1 - directStats.dbShare) * 100).toFixed(0)}% scoring; ${ms(directStats.commandsPerRanking)} round trips each`,
    );

    // Without the copies: straight from the database, one request each.
    const dbPath: { label: string; ms: number; total: number; commands: string; identical: boolean }[] = [];
    if (!options.skipDbPath && copiesUsed) {
      setReadCacheMode('off');
      const picks = [reference[0]!, reference.find((r) => r.label === 'rankCandidates')!, reference.find((r) => r.label === 'rankNeedsForStaff')!];
      for (const ref of picks) {
        log(`without copies: ${ref.label} (reads every document of the collections it touches)...`);
        counter.reset();
        const r = await post(url, ref.body, ref.headers);
        dbPath.push({ label: ref.label, ms: r.ms, total: counter.total(), commands: counter.summary(), identical: JSON.stringify(r.json) === JSON.stringify(ref.answer) });
        log(`without copies: ${ref.label}: ${ms(r.ms)} ms, ${counter.total()} round trips (${counter.summary()}), same answer: ${dbPath[dbPath.length - 1]!.identical}`);
      }
      setReadCacheMode('auto');
    }

    const finalMemory = process.memoryUsage();
    const totalSeconds = (performance.now() - started) / 1000;
    const report = renderReport({
      options,
      startedAt,
      totalSeconds,
      machine: machine(),
      dbVersion,
      loadSummary,
      copiesUsed,
      warm: warm.join(', '),
      warmSeconds: warmMs / 1000,
      idleMemory,
      finalMemory,
      scenarios,
      single,
      directStats,
      dbPath,
    });
    console.log(`\n${report}`);
    if (options.write) {
      const file = join(__dirname, '..', 'BENCHMARKS.md');
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
      const block = `${BENCH_BEGIN}\n${report}\n${BENCH_END}`;
      const start = current.indexOf(BENCH_BEGIN);
      const end = current.indexOf(BENCH_END);
      const next = start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + BENCH_END.length) : `${current.trimEnd()}\n\n${block}\n`;
      writeFileSync(file, next);
      log(`figures written into BENCHMARKS.md`);
    }
    log(`done in ${totalSeconds.toFixed(0)} s`);
  } finally {
    for (const server of servers) {
      server.closeAllConnections?.();
      server.close();
    }
    await mongoose.disconnect().catch(() => undefined);
    await database.stop();
  }
}

// ---------------------------------------------------------------------------------------
// Report

interface ReportInput {
  options: BenchOptions;
  startedAt: Date;
  totalSeconds: number;
  machine: ReturnType<typeof machine>;
  dbVersion: string;
  loadSummary: string;
  copiesUsed: boolean;
  warm: string;
  warmSeconds: number;
  idleMemory: NodeJS.MemoryUsage;
  finalMemory: NodeJS.MemoryUsage;
  scenarios: ScenarioResult[];
  single: { label: string; commands: string; total: number; ms: number }[];
  directStats: { n: number; p50: number; p95: number; max: number; dbShare: number; dbP50: number; scoringP50: number; scoringP95: number; commandsPerRanking: number };
  dbPath: { label: string; ms: number; total: number; commands: string; identical: boolean }[];
}

function renderReport(r: ReportInput): string {
  const [rank, needs, nested, ceiling, compiledCeiling] = r.scenarios as [ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult];
  const share = nested.load.requestsPerSecond / ceiling.load.requestsPerSecond;
  const serverPeak = Math.max(...r.scenarios.map((s) => s.peakRss), r.idleMemory.rss);
  const nestedTrips = r.single.find((s) => s.label.startsWith('nested'))!;
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const lines: string[] = [];
  lines.push(`### Latest run: ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  lines.push('');
  lines.push(`- Machine: ${r.machine.cpus}; ${r.machine.memory} RAM; ${r.machine.os}; Node.js ${r.machine.node}.`);
  lines.push(`- Database: ${r.dbVersion}. The server used ${r.copiesUsed ? 'one connection (as server/main.ts does with FerretDB) and in-process copies of the collections' : "the driver's connection pool and the database's indexes"}.`);
  lines.push(`- Data: ${r.loadSummary}.`);
  if (r.copiesUsed) lines.push(`- Copies loaded before the first request in ${r.warmSeconds.toFixed(1)} s (${r.warm}).`);
  lines.push(`- Command: \`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`; autocannon in a child process, ${r.options.connections} connections, ${r.options.warmup} s warm-up then ${r.options.duration} s per scenario, loopback; rate limit off for the run (RATE_LIMIT_PER_MINUTE would otherwise refuse the ranking load after 300 a minute); the whole run took ${r.totalSeconds.toFixed(0)} s.`);
  lines.push('');
  lines.push('| scenario | p50 ms | p95 ms | p99 ms | requests/s | requests | non-2xx | round trips / request | peak RSS |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of r.scenarios) {
    const l = s.load;
    const trips = s.name.includes('static') ? '—' : ms(s.roundTripsPerRequest);
    lines.push(`| ${s.name} | ${ms(l.latencyMs.p50)} | ${ms(l.latencyMs.p95)} | ${ms(l.latencyMs.p99)} | ${l.requestsPerSecond.toFixed(0)} | ${l.requests} | ${l.non2xx + l.errors} | ${trips} | ${mb(s.peakRss)} |`);
  }
  lines.push('');
  lines.push('Round trips of one request alone (copies up to date): ' + r.single.map((s) => `${s.label} ${s.total} (${s.commands}), ${ms(s.ms)} ms`).join('; ') + '.');
  lines.push('');
  lines.push(`Direct ranking (issue 3.7): \`rankCandidates(need, STAFF, 10)\` called in-process for ${r.directStats.n} needs one after another: p50 ${ms(r.directStats.p50)} ms, p95 ${ms(r.directStats.p95)} ms, max ${ms(r.directStats.max)} ms; ${(r.directStats.dbShare * 100).toFixed(0)}% of the time getting the facts (p50 ${ms(r.directStats.dbP50)} ms) and ${((1 - r.directStats.dbShare) * 100).toFixed(0)}% scoring (p50 ${ms(r.directStats.scoringP50)} ms, p95 ${ms(r.directStats.scoringP95)} ms); ${ms(r.directStats.commandsPerRanking)} database round trips per ranking.`);
  lines.push('');
  if (r.dbPath.length) {
    lines.push('Without the copies (`setReadCacheMode("off")`: every read goes to the database), one request each:');
    lines.push('');
    lines.push('| request | time | round trips | commands | same answer as with copies |');
    lines.push('|---|---:|---:|---|---|');
    for (const d of r.dbPath) lines.push(`| ${d.label} | ${(d.ms / 1000).toFixed(1)} s | ${d.total} | ${d.commands} | ${d.identical ? 'yes' : '**no**'} |`);
    lines.push('');
  }
  lines.push('| target (issue 8) | figure | |');
  lines.push('|---|---|---|');
  lines.push(`| rankCandidates p95 < 250 ms under load | ${ms(rank.load.latencyMs.p95)} ms | ${verdict(rank.load.latencyMs.p95 < 250)} |`);
  lines.push(`| nested 50-need page p95 < 100 ms | ${ms(nested.load.latencyMs.p95)} ms | ${verdict(nested.load.latencyMs.p95 < 100)} |`);
  lines.push(`| nested page in at most 6 round trips | ${nestedTrips.total} alone, ${ms(nested.roundTripsPerRequest)} per request under load | ${verdict(nestedTrips.total <= 6 && nested.roundTripsPerRequest <= 6)} |`);
  lines.push(`| nested page throughput >= 40% of the static ceiling | ${nested.load.requestsPerSecond.toFixed(0)} / ${ceiling.load.requestsPerSecond.toFixed(0)} req/s = ${(share * 100).toFixed(0)}% | ${verdict(share >= 0.4)} |`);
  lines.push(`| server memory < 500 MB | peak RSS ${mb(serverPeak)} (heap ${mb(Math.max(...r.scenarios.map((s) => s.peakHeap)))}) | ${verdict(serverPeak < 500 * 1024 * 1024)} |`);
  lines.push(`| ranking p95 < 250 ms (issue 3.7, direct) | ${ms(r.directStats.p95)} ms | ${verdict(r.directStats.p95 < 250)} |`);
  lines.push('');
  lines.push(`The real server runs operations compiled by graphql-jit (GRAPHQL_JIT, on by default); the target compares it with the minimal static server. Against the static server compiled too: ${((nested.load.requestsPerSecond / compiledCeiling.load.requestsPerSecond) * 100).toFixed(0)}% (${compiledCeiling.load.requestsPerSecond.toFixed(0)} req/s).`);
  lines.push('');
  lines.push(`rankNeedsForStaff has no target; under the same load: p95 ${ms(needs.load.latencyMs.p95)} ms at ${needs.load.requestsPerSecond.toFixed(0)} req/s. The server runs in the bench process, so RSS includes the bench's own small state (the load generator is a separate process).`);
  return lines.join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

