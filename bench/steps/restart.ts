// Step 2b: after the first load, what a restart costs. The copies' snapshot
// (server/db/read-cache/snapshot.ts) is written from this process's copies (timed), then two
// new processes (bench/restart-child.ts, `npm start`'s flags) get their copies in place on the
// same database: one from the database (snapshot off: "cold"), one from the snapshot. Both are
// timed from their process's start and from the start of loading, with their CPU, since the
// shared machine's load moves wall-clock figures.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { disableReadCopySnapshot, enableReadCopySnapshot, saveReadCopySnapshot } from '../../server/db/read-cache';
import type { RestartFigures } from '../restart-child';
import { log } from './log';
import { serverNodeFlags } from './server-flags';

const ROOT = resolve(__dirname, '../..');

export interface RestartRun extends RestartFigures {
  /** From spawning the process to its figures line (Node.js and tsx starting, then the rest). */
  wallFromSpawnMs: number;
  /** 1-minute load average when it started and when it was ready. */
  load: [number, number];
}

export interface Restarts {
  snapshot: { bytes: number; writeMs: number; writeCpuMs: number; collections: string };
  cold: RestartRun;
  fromSnapshot: RestartRun;
}

export async function measureRestarts(uri: string, databaseName: string): Promise<Restarts> {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-snapshot-'));
  const path = join(dir, 'copies.snapshot');
  try {
    enableReadCopySnapshot({ path, source: uri, log });
    const cpu = process.cpuUsage();
    const saved = await saveReadCopySnapshot();
    const used = process.cpuUsage(cpu);
    disableReadCopySnapshot();
    if (!saved.saved) throw new Error(`the snapshot was not written: ${saved.reason}`);
    const snapshot = {
      bytes: saved.bytes,
      writeMs: saved.ms,
      writeCpuMs: (used.user + used.system) / 1000,
      collections: saved.collections.map((c) => `${c.name} ${c.count}`).join(', '),
    };
    log(`snapshot written in ${(saved.ms / 1000).toFixed(1)} s (CPU ${(snapshot.writeCpuMs / 1000).toFixed(1)} s), ${(saved.bytes / 1024 ** 2).toFixed(0)} MB: ${snapshot.collections}`);
    const cold = await restart(uri, databaseName, null);
    log(`restart, cold: copies in place ${(cold.readyMs / 1000).toFixed(1)} s after the process started, ${(cold.processCpuMs / 1000).toFixed(1)} s CPU (loading ${(cold.copiesMs / 1000).toFixed(1)} s, CPU ${(cold.copiesCpuMs / 1000).toFixed(1)} s)`);
    const fromSnapshot = await restart(uri, databaseName, path);
    if (!fromSnapshot.restored) throw new Error(`the restart did not use the snapshot: ${fromSnapshot.reason}`);
    log(`restart, from the snapshot: copies in place ${(fromSnapshot.readyMs / 1000).toFixed(1)} s after the process started, ${(fromSnapshot.processCpuMs / 1000).toFixed(1)} s CPU (restoring ${(fromSnapshot.copiesMs / 1000).toFixed(1)} s, CPU ${(fromSnapshot.copiesCpuMs / 1000).toFixed(1)} s)`);
    return { snapshot, cold, fromSnapshot };
  } finally {
    disableReadCopySnapshot();
    rmSync(dir, { recursive: true, force: true });
  }
}

function restart(uri: string, databaseName: string, snapshot: string | null): Promise<RestartRun> {
  const loadBefore = os.loadavg()[0]!;
  const spawned = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_DATABASE_URI: uri, BENCH_DATABASE_NAME: databaseName };
  if (snapshot) env.BENCH_SNAPSHOT = snapshot;
  else delete env.BENCH_SNAPSHOT;
  const child = spawn(process.execPath, [...serverNodeFlags(), '--import', 'tsx', 'bench/restart-child.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((done, fail) => {
    let figures: RestartRun | null = null;
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = figures ? null : /^RESTART (.*)$/m.exec(output);
      if (line) figures = { ...(JSON.parse(line[1]!) as RestartFigures), wallFromSpawnMs: performance.now() - spawned, load: [loadBefore, os.loadavg()[0]!] };
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    // Resolved once it has exited, so the next one does not share the machine with it.
    child.once('exit', (code) => (figures && code === 0 ? done(figures) : fail(new Error(`the restart process exited (${code}) without its figures:\n${output}`))));
  });
}
