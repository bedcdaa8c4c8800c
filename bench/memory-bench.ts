// `npm run bench:memory [-- options]`: where the server's memory goes at national scale
// (issue 20, "peak RSS under 400 MB"). Loads the in-process copies one collection at a time,
// measuring the heap after a full collection between them (so each figure is what that copy
// keeps), then ranks needs and staff as the HTTP bench does (the per-area pools, travel
// indexes and open-needs index are built on the way) and measures again; garbage-collection
// time from perf_hooks' 'gc' entries throughout.
//
// Options: --uri URI (a database already holding the national dataset; default: MONGODB_URI,
//          else the embedded one, with the dataset generated into it)
//          --rankings N (200 needs and N staff) --snapshot FILE (a heap snapshot at the end)
// Runs with --expose-gc (the npm script passes it) and the server's heap sizes (npm start's flags).
import './production-env';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import mongoose, { type Model } from 'mongoose';
import { generateIntoDatabase } from '../seeds/generate-command';
import { isDatabaseEmpty } from '../seeds/load';
import { connectDatabase } from '../server/db/connection';
import { selectDatabase } from '../server/db/select-database';
import { readCopy } from '../server/db/read-cache';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';
import { rankCandidates, rankNeedsForStaff } from '../server/services/ranking';

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const gcEntries = { count: 0, ms: 0, byKind: new Map<number, number>() };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcEntries.count += 1;
    gcEntries.ms += entry.duration;
    const kind = ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind ?? 0;
    gcEntries.byKind.set(kind, (gcEntries.byKind.get(kind) ?? 0) + entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

const collect = (globalThis as { gc?: () => void }).gc;
function settledHeap(): number {
  if (!collect) throw new Error('run with node --expose-gc (npm run bench:memory does)');
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

function line(label: string): void {
  const m = process.memoryUsage();
  console.log(`${label.padEnd(34)} heap used ${mb(m.heapUsed).padStart(9)}  RSS ${mb(m.rss).padStart(9)}  external ${mb(m.external + m.arrayBuffers)}`);
}

async function main(): Promise<void> {
  const uri = option('uri') ?? process.env.MONGODB_URI ?? null;
  const database = await selectDatabase({ mongodbUri: uri });
  try {
    await connectDatabase(database.uri, uri ? undefined : 'bench', { singleConnection: true, monitorCommands: true });
    if (await isDatabaseEmpty()) {
      console.log('generating the national dataset into the database…');
      await generateIntoDatabase({ academies: 22_000, staff: 50_000, needs: 5_000, seed: 20261123 }, () => undefined);
    }
    await measure(Number(option('rankings') ?? 200), option('snapshot'));
  } finally {
    await mongoose.disconnect().catch(() => undefined);
    await database.stop();
  }
}

/** Open needs and staff evenly spaced in id order, as the HTTP bench samples them (only the samples kept). */
async function samples(n: number): Promise<{ needSample: string[]; staffSample: string[] }> {
  const needs = (await readCopy<any>(ImprovementNeed))!.all().filter((need) => need.status === 'OPEN').map((need) => String(need._id)).sort();
  const staff = (await readCopy<any>(StaffMember))!.all().map((s) => String(s._id)).sort();
  const spaced = (items: readonly string[]) => (items.length <= n ? [...items] : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!));
  return { needSample: spaced(needs), staffSample: spaced(staff) };
}

async function measure(rankings: number, snapshot: string | undefined): Promise<void> {
  const models: [string, Model<any>][] = [['trusts', Trust], ['academies', Academy], ['hubs', Cluster], ['staff', StaffMember], ['needs', ImprovementNeed], ['deployments', Deployment]];
  let before = settledHeap();
  line('connected');
  const start = performance.now();
  const gcAtStart = gcEntries.ms;
  console.log('\ncopy                 documents   heap kept   per document');
  for (const [label, model] of models) {
    const copy = await readCopy(model);
    const after = settledHeap();
    console.log(`${label.padEnd(20)} ${String(copy?.size ?? 0).padStart(9)} ${mb(after - before).padStart(11)} ${((after - before) / (copy?.size || 1)).toFixed(0).padStart(10)} B`);
    before = after;
  }
  const loadMs = performance.now() - start;
  console.log(`loaded in ${(loadMs / 1000).toFixed(1)} s, GC ${(gcEntries.ms - gcAtStart).toFixed(0)} ms (includes the forced collections)`);
  line('after loading (settled)');

  const { needSample, staffSample } = await samples(rankings);

  const now = new Date();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const gcBefore = gcEntries.ms;
  const gcCountBefore = gcEntries.count;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const id of needSample) await rankCandidates(id, 'STAFF', 10, now);
  const t1 = performance.now();
  for (const id of staffSample) await rankNeedsForStaff(id, 10, now);
  const t2 = performance.now();
  // Again, pools built: what a steady state costs.
  for (const id of needSample) await rankCandidates(id, 'STAFF', 10, now);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const gcMs = gcEntries.ms - gcBefore;
  line(`after ${needSample.length}+${staffSample.length}+${needSample.length} rankings`);
  console.log(
    `rankings: first pass ${((t1 - t0) / needSample.length).toFixed(1)} ms each, needs-for-staff ${((t2 - t1) / staffSample.length).toFixed(1)} ms, ` +
      `second pass ${((t3 - t2) / needSample.length).toFixed(1)} ms; CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; ` +
      `GC ${gcMs.toFixed(0)} ms in ${gcEntries.count - gcCountBefore} pauses (${((gcMs / (t3 - t0)) * 100).toFixed(0)}% of the wall time); peak RSS ${mb(peakRss)}`,
  );
  const settled = settledHeap();
  console.log(`derived data kept by the rankings (pools, travel indexes, open needs): ${mb(settled - before)}`);
  line('after rankings (settled)');

  console.log('\nV8 heap spaces (used / size):');
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_size > 0) console.log(`  ${space.space_name.padEnd(24)} ${mb(space.space_used_size).padStart(9)} / ${mb(space.space_size)}`);
  }
  if (snapshot) {
    console.log(`heap snapshot: ${v8.writeHeapSnapshot(snapshot)}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
