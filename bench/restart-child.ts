// A restart, as far as the copies go: a new Node.js process (started by bench/steps/restart.ts
// with `npm start`'s flags) connects to the bench's database as server/main.ts does, arms the
// copies' snapshot (when given one), restores the copies from it or loads them from the
// database, and prints one JSON line of figures. It writes nothing.
//
// Environment: BENCH_DATABASE_URI, BENCH_DATABASE_NAME, and BENCH_SNAPSHOT (a path; unset:
// the snapshot is off, i.e. a cold start from the database).
import './production-env';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { connectDatabase } from '../server/db/connection';
import { enableReadCopySnapshot, restoreReadCopies, warmReadCopies } from '../server/db/read-cache';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';

export interface RestartFigures {
  /** From this process's start (performance.timeOrigin) to the copies in place. */
  readyMs: number;
  /** From the start of restoring or loading the copies to them in place. */
  copiesMs: number;
  /** CPU of this process over the copies' restore or load. */
  copiesCpuMs: number;
  /** CPU of this process from its start to the copies in place (Node.js, tsx, connecting, the copies). */
  processCpuMs: number;
  restored: boolean;
  /** Why the snapshot was not used (when it was not). */
  reason?: string;
  snapshotBytes?: number;
  rss: number;
  heapUsed: number;
}

async function main(): Promise<void> {
  const uri = process.env.BENCH_DATABASE_URI!;
  const name = process.env.BENCH_DATABASE_NAME!;
  const snapshot = process.env.BENCH_SNAPSHOT;
  if (snapshot) enableReadCopySnapshot({ path: snapshot, source: uri, log: () => undefined });
  await connectDatabase(uri, name, { singleConnection: true });
  const models = [Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment];
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome = snapshot ? await restoreReadCopies(models) : { restored: false as const, reason: 'the snapshot is off' };
  await warmReadCopies(models, { readersUri: uri });
  const copiesMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const memory = process.memoryUsage();
  const total = process.cpuUsage();
  const figures: RestartFigures = {
    readyMs: performance.now(),
    copiesMs,
    copiesCpuMs: (used.user + used.system) / 1000,
    processCpuMs: (total.user + total.system) / 1000,
    restored: outcome.restored,
    ...(outcome.restored ? { snapshotBytes: outcome.bytes } : { reason: outcome.reason }),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
  };
  console.log(`RESTART ${JSON.stringify(figures)}`);
  await mongoose.disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
