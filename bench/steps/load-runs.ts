// Step 4: load from autocannon in a child process (bench/load-client.ts) against the real
// server and against the static ceiling, counting the server's database round trips and
// sampling its memory only while the client measures (not during its warm-up).
import { type ChildProcess, fork } from 'node:child_process';
import type { Server } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { ClientMessage, LoadJob, LoadResult } from '../load-client';
import { log, mb, ms } from './log';
import type { CommandCounter, MemorySampler } from './monitors';
import type { BenchOptions } from './options';
import type { RealServer } from './real-server';
import type { BenchRequests } from './requests';
import { checkStaticServer, startStaticServer } from './static-server';
import { heapProfiled, profiled } from './cpu-profile';

export interface ScenarioResult {
  name: string;
  load: LoadResult;
  roundTripsPerRequest: number;
  commands: string;
  peakRss: number;
  peakHeap: number;
  /**
   * This process's CPU (server and bench, user + system) per request measured: unlike
   * latency, it hardly moves when other processes share the machine.
   */
  cpuMsPerRequest: number;
  /** The machine's 1-minute load average when the measurement started and ended (2 cores shared). */
  loadAverage: [number, number];
}

export interface LoadRunsInput {
  options: BenchOptions;
  server: RealServer;
  requests: BenchRequests;
  /** The real server's answer to the nested page, replayed by the static servers. */
  nestedPage: any;
  counter: CommandCounter;
  memory: MemorySampler;
  /** Static servers started here are added, for the caller to close. */
  servers: Server[];
}

/**
 * The scenarios, in the order the report expects: rankCandidates, rankNeedsForStaff, the
 * nested page, the nested page from the static server, and from the static server compiled.
 */
export async function runScenarios(input: LoadRunsInput): Promise<ScenarioResult[]> {
  const { options, server, requests, counter, memory } = input;
  const staticUrl = await startStaticServer(input.nestedPage, input.servers);
  await checkStaticServer(staticUrl, input.nestedPage, requests.nestedPage);
  const job = (bodies: string[], target = server.url, headers: Record<string, string> = server.auth): LoadJob => ({
    url: target,
    bodies,
    headers,
    connections: options.connections,
    warmupSeconds: options.warmup,
    durationSeconds: options.duration,
  });
  const scenarios: ScenarioResult[] = [];
  scenarios.push(await runLoad('rankCandidates (STAFF, first 10)', job(requests.rankCandidates), counter, memory));
  scenarios.push(await runLoad('rankNeedsForStaff (first 10)', job(requests.rankNeedsForStaff), counter, memory));
  scenarios.push(await runLoad('nested 50-need page', job([requests.nestedPage]), counter, memory));
  scenarios.push(await runLoad('nested 50-need page, static yoga server', job([requests.nestedPage], staticUrl, {}), counter, memory));
  // For comparison only (the target is against the minimal server above): the static
  // server compiled by graphql-jit too, as the real server is.
  const compiledStaticUrl = await startStaticServer(input.nestedPage, input.servers, true);
  scenarios.push(await runLoad('nested 50-need page, static yoga server + graphql-jit', job([requests.nestedPage], compiledStaticUrl, {}), counter, memory));
  return scenarios;
}

/** The first-time scenarios, in the order the report expects: rankCandidates, then rankNeedsForStaff. */
export const FIRST_TIME_SCENARIOS = ['rankCandidates (STAFF, first 10), each need for the first time', 'rankNeedsForStaff (first 10), each person for the first time'] as const;

/**
 * Each request asks for a need (or a person) no request has asked for before in this process,
 * so no ranking is kept for it: what a lead's first look at each need costs. The warm-up
 * takes the first eighth of the bodies, the measurement the rest, each sent at most once (a
 * scenario ends early when its bodies run out). Run after the other scenarios and the direct
 * ranking: the rankings it makes push the kept ones out of their pools' memos. With
 * `options.profile` a CPU profile of each (warm-up and measurement) is written there, with
 * `options.heapProfile` a sampling heap profile.
 */
export async function runFirstTimeScenarios(input: Omit<LoadRunsInput, 'nestedPage' | 'servers'>): Promise<ScenarioResult[]> {
  const { options, server, requests, counter, memory } = input;
  const job = (all: string[]): LoadJob => {
    const warm = Math.floor(all.length / 8);
    return {
      url: server.url,
      bodies: all.slice(warm),
      warmupBodies: all.slice(0, warm),
      onceEach: true,
      headers: server.auth,
      connections: options.connections,
      warmupSeconds: options.warmup,
      durationSeconds: options.duration,
    };
  };
  const [needsName, staffName] = FIRST_TIME_SCENARIOS;
  const scenarios: ScenarioResult[] = [];
  const measured = (name: string, file: string, bodies: string[]) =>
    profiled(options.profile, file, () => heapProfiled(options.heapProfile, file, () => runLoad(name, job(bodies), counter, memory)));
  scenarios.push(await measured(needsName, 'rank-candidates-first-time', requests.rankCandidatesFirstTime));
  scenarios.push(await measured(staffName, 'rank-needs-for-staff-first-time', requests.rankNeedsForStaffFirstTime));
  return scenarios;
}

export async function runLoad(name: string, job: LoadJob, counter: CommandCounter, memory: MemorySampler): Promise<ScenarioResult> {
  log(`${name}: ${job.warmupSeconds} s warm-up, then ${job.durationSeconds} s with ${job.connections} connections`);
  const child = fork(join(__dirname, '..', 'load-client.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const result = await measureWhileLoaded(child, name, job, counter, memory);
    const l = result.load;
    log(
      `${name}: p50 ${ms(l.latencyMs.p50)} ms, p95 ${ms(l.latencyMs.p95)} ms, p99 ${ms(l.latencyMs.p99)} ms, ${l.requestsPerSecond.toFixed(0)} req/s, ` +
        `${l.requests} requests (${l.non2xx} non-2xx, ${l.errors} errors${job.onceEach ? `, each body once: ${l.distinctBodies} distinct, ${l.repeats} repeated` : ''}), ${ms(result.roundTripsPerRequest)} round trips/request, peak RSS ${mb(result.peakRss)}, ${ms(result.cpuMsPerRequest)} ms CPU/request, load average ${result.loadAverage.map((x) => x.toFixed(1)).join('-')}`,
    );
    return result;
  } finally {
    child.kill();
  }
}

/** Sends the job; counting and sampling start when the client says it measures, and stop with its figures. */
function measureWhileLoaded(child: ChildProcess, name: string, job: LoadJob, counter: CommandCounter, memory: MemorySampler): Promise<ScenarioResult> {
  let cpuAtStart = process.cpuUsage();
  let loadAtStart = loadavg()[0]!;
  return new Promise<ScenarioResult>((resolve, reject) => {
    child.on('message', (message: ClientMessage) => {
      if (message.type === 'measuring') {
        counter.reset();
        memory.start();
        cpuAtStart = process.cpuUsage();
        loadAtStart = loadavg()[0]!;
      } else if (message.type === 'done') {
        const peak = memory.stop();
        const cpu = process.cpuUsage(cpuAtStart);
        const requests = message.result.requests;
        resolve({
          name,
          load: message.result,
          roundTripsPerRequest: requests ? counter.total() / requests : NaN,
          commands: counter.summary(),
          peakRss: peak.rss,
          peakHeap: peak.heapUsed,
          cpuMsPerRequest: requests ? (cpu.user + cpu.system) / 1000 / requests : NaN,
          loadAverage: [loadAtStart, loadavg()[0]!],
        });
      } else {
        memory.stop();
        reject(new Error(`${name}: ${message.message}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`${name}: load client exited with code ${code}`)));
    child.send(job);
  });
}
