// The figures as Markdown: the run's context, the load scenarios, single requests, direct
// ranking, the path without copies, and issue 8's targets with a verdict each.
import type { DirectRankingStats } from './direct-ranking';
import type { EquivalenceResult } from './equivalence';
import type { ScenarioResult } from './load-runs';
import { mb, ms } from './log';
import type { MachineInfo } from './machine';
import type { BenchOptions } from './options';
import type { SingleRequest } from './reference-answers';
import type { Restarts } from './restart';
import type { WithoutCopiesResult } from './without-copies';

export interface ReportInput {
  options: BenchOptions;
  startedAt: Date;
  totalSeconds: number;
  machine: MachineInfo;
  dbVersion: string;
  loadSummary: string;
  copiesUsed: boolean;
  warm: string;
  warmSeconds: number;
  /** Restarts timed in new processes, cold and from the snapshot (null: no copies, or skipped). */
  restarts: Restarts | null;
  /** The 1-minute load average at the run's start and end, and this process's CPU over the run. */
  run: { loadAverage: [number, number]; cpuSeconds: number };
  idleMemory: NodeJS.MemoryUsage;
  finalMemory: NodeJS.MemoryUsage;
  /** In runScenarios' order. */
  scenarios: ScenarioResult[];
  /** In runFirstTimeScenarios' order: rankCandidates, rankNeedsForStaff, each asked for once per need or person. */
  firstTime: ScenarioResult[];
  single: SingleRequest[];
  directStats: DirectRankingStats;
  equivalence: EquivalenceResult;
  dbPath: WithoutCopiesResult[];
}

export function renderReport(r: ReportInput): string {
  return [...context(r), ...scenarioTable(r), ...singleAndDirect(r), ...withoutCopiesTable(r), ...targets(r), ...issue20Targets(r), ...notes(r)].join('\n');
}

function context(r: ReportInput): string[] {
  const args = process.argv.slice(2);
  const lines = [
    `### Latest run: ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- Machine: ${r.machine.cpus}; ${r.machine.memory} RAM; ${r.machine.os}; Node.js ${r.machine.node}.`,
    `- Database: ${r.dbVersion}. The server used ${r.copiesUsed ? 'one connection (as server/main.ts does with FerretDB) and in-process copies of the collections' : "the driver's connection pool and the database's indexes"}.`,
    `- Data: ${r.loadSummary}.`,
  ];
  if (r.copiesUsed) lines.push(`- Copies loaded before the first request in ${r.warmSeconds.toFixed(1)} s (${r.warm}).`);
  if (r.restarts) lines.push(restartLine(r.restarts));
  lines.push(`- Command: \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\`; autocannon in a child process, ${r.options.connections} connections, ${r.options.warmup} s warm-up then ${r.options.duration} s per scenario, loopback; rate limit off for the run (RATE_LIMIT_PER_MINUTE would otherwise refuse the ranking load after 300 a minute); the whole run took ${r.totalSeconds.toFixed(0)} s.`);
  lines.push(`- Machine load: 1-minute load average ${r.run.loadAverage[0].toFixed(1)} at the start, ${r.run.loadAverage[1].toFixed(1)} at the end (2 cores shared); the bench process used ${r.run.cpuSeconds.toFixed(0)} s of CPU.`);
  lines.push('');
  return lines;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function restartLine(x: Restarts): string {
  const run = (label: string, r: Restarts['cold'], doing: string) =>
    `${label} **${seconds(r.readyMs)}** from the process's start, ${seconds(r.processCpuMs)} of CPU (${doing} ${seconds(r.copiesMs)}, ${seconds(r.copiesCpuMs)} CPU; load average ${r.load[0].toFixed(1)}-${r.load[1].toFixed(1)}; RSS then ${mb(r.rss)})`;
  return (
    `- Restart, a new process on the same database (bench/restart-child.ts, \`npm start\`'s flags; copies only, not the start-up maintenance): ` +
    `${run('ready cold (from the database)', x.cold, 'loading')}; ${run('ready from the snapshot', x.fromSnapshot, 'restoring')}. ` +
    `The snapshot: ${mb(x.snapshot.bytes)} (${x.snapshot.collections}), written after the first load in ${seconds(x.snapshot.writeMs)} (${seconds(x.snapshot.writeCpuMs)} CPU).`
  );
}

function scenarioTable(r: ReportInput): string[] {
  const lines = ['| scenario | p50 ms | p95 ms | p99 ms | requests/s | requests | non-2xx | round trips / request | peak RSS | CPU ms / request |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const s of [...r.scenarios, ...r.firstTime]) {
    const l = s.load;
    const trips = s.name.includes('static') ? '—' : ms(s.roundTripsPerRequest);
    const name = s.load.repeats > 0 ? `${s.name} (**${s.load.repeats} repeated**: ran out of bodies)` : s.name;
    lines.push(`| ${name} | ${ms(l.latencyMs.p50)} | ${ms(l.latencyMs.p95)} | ${ms(l.latencyMs.p99)} | ${l.requestsPerSecond.toFixed(0)} | ${l.requests} | ${l.non2xx + l.errors} | ${trips} | ${mb(s.peakRss)} | ${ms(s.cpuMsPerRequest)} |`);
  }
  lines.push('');
  if (r.firstTime.length) {
    const [needs, staff] = r.firstTime as [ScenarioResult, ScenarioResult];
    lines.push(
      `The first two rows cycle 200 needs and 200 people, so after the warm-up nearly every rankCandidates answer is a ranking kept with its pool (a repeat view). The "first time" rows ask for each of ${needs.load.distinctBodies} other needs and ${staff.load.distinctBodies} other people once (after a warm-up on others, also once each): every ranking is made for its request. Load average at their start and end: ${loadRange(needs)} and ${loadRange(staff)}.`,
      '',
    );
  }
  return lines;
}

const loadRange = (s: ScenarioResult) => `${s.loadAverage[0].toFixed(1)}-${s.loadAverage[1].toFixed(1)}`;

function singleAndDirect(r: ReportInput): string[] {
  const d = r.directStats;
  return [
    'Round trips of one request alone (copies up to date): ' + r.single.map((s) => `${s.label} ${s.total} (${s.commands}), ${ms(s.ms)} ms`).join('; ') + '.',
    '',
    `Direct ranking (issue 3.7): \`rankCandidates(need, STAFF, 10)\` called in-process for ${d.n} needs one after another: p50 ${ms(d.p50)} ms, p95 ${ms(d.p95)} ms, max ${ms(d.max)} ms; ${(d.dbShare * 100).toFixed(0)}% of the time getting the facts (p50 ${ms(d.dbP50)} ms) and ${((1 - d.dbShare) * 100).toFixed(0)}% scoring (p50 ${ms(d.scoringP50)} ms, p95 ${ms(d.scoringP95)} ms); ${ms(d.commandsPerRanking)} database round trips per ranking. The rankings asked for during the load are kept with their pools (server/services/ranking.ts), so these mostly time kept ones; the same needs ranked afresh (nothing kept, pools built): p50 ${ms(d.firstTime.p50)} ms, p95 ${ms(d.firstTime.p95)} ms, max ${ms(d.firstTime.max)} ms.`,
    '',
  ];
}

function withoutCopiesTable(r: ReportInput): string[] {
  if (!r.dbPath.length) return [];
  const lines = [
    'Without the copies (`setReadCacheMode("off")`: every read goes to the database), one request each:',
    '',
    '| request | time | round trips | commands | same answer as with copies |',
    '|---|---:|---:|---|---|',
  ];
  for (const d of r.dbPath) lines.push(`| ${d.label} | ${(d.ms / 1000).toFixed(1)} s | ${d.total} | ${d.commands} | ${d.identical ? 'yes' : '**no**'} |`);
  lines.push('');
  return lines;
}

function targets(r: ReportInput): string[] {
  const [rank, , nested, ceiling] = r.scenarios as [ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult];
  const share = nested.load.requestsPerSecond / ceiling.load.requestsPerSecond;
  const serverPeak = Math.max(...r.scenarios.map((s) => s.peakRss), ...r.firstTime.map((s) => s.peakRss), r.idleMemory.rss);
  const nestedTrips = r.single.find((s) => s.label.startsWith('nested'))!;
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  return [
    '| target (issue 8) | figure | |',
    '|---|---|---|',
    `| rankCandidates p95 < 250 ms under load | ${ms(rank.load.latencyMs.p95)} ms | ${verdict(rank.load.latencyMs.p95 < 250)} |`,
    `| nested 50-need page p95 < 100 ms | ${ms(nested.load.latencyMs.p95)} ms | ${verdict(nested.load.latencyMs.p95 < 100)} |`,
    `| nested page in at most 6 round trips | ${nestedTrips.total} alone, ${ms(nested.roundTripsPerRequest)} per request under load | ${verdict(nestedTrips.total <= 6 && nested.roundTripsPerRequest <= 6)} |`,
    `| nested page throughput >= 40% of the static ceiling | ${nested.load.requestsPerSecond.toFixed(0)} / ${ceiling.load.requestsPerSecond.toFixed(0)} req/s = ${(share * 100).toFixed(0)}% | ${verdict(share >= 0.4)} |`,
    `| server memory < 500 MB | peak RSS ${mb(serverPeak)} (heap ${mb(Math.max(...r.scenarios.map((s) => s.peakHeap)))}) | ${verdict(serverPeak < 500 * 1024 * 1024)} |`,
    `| ranking p95 < 250 ms (issue 3.7, direct) | ${ms(r.directStats.p95)} ms | ${verdict(r.directStats.p95 < 250)} |`,
    '',
  ];
}

function issue20Targets(r: ReportInput): string[] {
  const [rank, needs, nested, , compiledCeiling] = r.scenarios as [ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult];
  const share = nested.load.requestsPerSecond / compiledCeiling.load.requestsPerSecond;
  const serverPeak = Math.max(...r.scenarios.map((s) => s.peakRss), ...r.firstTime.map((s) => s.peakRss), r.idleMemory.rss);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const e = r.equivalence;
  const [rankFirst, needsFirst] = r.firstTime as [ScenarioResult | undefined, ScenarioResult | undefined];
  // Both figures: the repeat views (kept rankings) and the first looks; met only if both are.
  const both = (kept: ScenarioResult, first: ScenarioResult | undefined, limit: number, what: string) =>
    `repeat views (200 ${what} cycled) ${ms(kept.load.latencyMs.p95)} ms (load ${loadRange(kept)}); first time (each of ${first?.load.distinctBodies ?? 0} ${what} once) ${first ? `${ms(first.load.latencyMs.p95)} ms (load ${loadRange(first)})` : 'not measured'} | ${verdict(kept.load.latencyMs.p95 <= limit && !!first && first.load.latencyMs.p95 <= limit)}`;
  return [
    '| target (issue 20) | figure | |',
    '|---|---|---|',
    `| rankCandidates (STAFF, first 10) p95 <= 80 ms, 8 connections | ${both(rank, rankFirst, 80, 'needs')} |`,
    `| rankNeedsForStaff p95 <= 40 ms | ${both(needs, needsFirst, 40, 'people')} |`,
    `| nested page >= 50% of the static graphql-jit ceiling | ${nested.load.requestsPerSecond.toFixed(0)} / ${compiledCeiling.load.requestsPerSecond.toFixed(0)} req/s = ${(share * 100).toFixed(0)}% | ${verdict(share >= 0.5)} |`,
    readyRow(r, verdict),
    `| peak RSS < 400 MB | ${mb(serverPeak)} | ${verdict(serverPeak < 400 * 1024 * 1024)} |`,
    `| same rankings as full scoring | ${e.needs} needs and ${e.staff} staff compared, ${e.differing} differing | ${verdict(e.differing === 0)} |`,
    '',
  ];
}

/** With a snapshot the figure is the restart from it; the cold figures are given beside it. */
function readyRow(r: ReportInput, verdict: (ok: boolean) => string): string {
  if (!r.copiesUsed) return `| ready (copies loaded) <= 10 s | no copies | ${verdict(true)} |`;
  if (!r.restarts) return `| ready (copies loaded) <= 10 s | ${r.warmSeconds.toFixed(1)} s (from the database; restarts not measured) | ${verdict(r.warmSeconds <= 10)} |`;
  const { cold, fromSnapshot } = r.restarts;
  return `| ready (copies loaded) <= 10 s | ${seconds(fromSnapshot.readyMs)} from the snapshot (new process, from its start); cold from the database ${seconds(cold.readyMs)} (this run's first load ${r.warmSeconds.toFixed(1)} s) | ${verdict(fromSnapshot.readyMs <= 10_000)} |`;
}

function notes(r: ReportInput): string[] {
  const [, needs, nested, , compiledCeiling] = r.scenarios as [ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult, ScenarioResult];
  return [
    `The real server runs operations compiled by graphql-jit (GRAPHQL_JIT, on by default); the target compares it with the minimal static server. Against the static server compiled too: ${((nested.load.requestsPerSecond / compiledCeiling.load.requestsPerSecond) * 100).toFixed(0)}% (${compiledCeiling.load.requestsPerSecond.toFixed(0)} req/s).`,
    '',
    `rankNeedsForStaff has no target; under the same load: p95 ${ms(needs.load.latencyMs.p95)} ms at ${needs.load.requestsPerSecond.toFixed(0)} req/s. The server runs in the bench process, so RSS includes the bench's own small state (the load generator is a separate process).`,
  ];
}
