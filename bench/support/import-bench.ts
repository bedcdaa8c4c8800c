// What the import benchmarks (gias, staff, ofsted) share: a throw-away database and temp
// folder, cleaned up however the bench ends; the machine line their figures are read beside;
// an import command run in its own process as npm runs it, timed and with its peak memory;
// and one way of ending (the exit code, or the error's message and 1).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../../server/db/connection';
import type { DatabaseServer } from '../../server/db/database-server';
import { selectDatabase } from '../../server/db/select-database';

const ROOT = resolve(__dirname, '../..');

export interface Throwaway {
  /** The database server: MONGODB_URI when set, else an embedded one started for the bench. */
  server: DatabaseServer;
  /** The bench's own database on it, dropped at the end. */
  dbName: string;
  /** The server's address naming that database, as an import command is given it. */
  uri: string;
  /** A temp folder for the generated files, removed at the end. */
  dir: string;
}

/** Runs `bench` with a fresh database and temp folder named after it (`name`), then drops and removes them. */
export async function withThrowawayDatabase(name: string, bench: (throwaway: Throwaway) => Promise<number>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-bench-`));
  const server = await selectDatabase({ mongodbUri: process.env.MONGODB_URI ?? null, log: (m) => console.error(`[database] ${m}`) });
  const dbName = `${name}_bench_${process.pid}`;
  try {
    return await bench({ server, dbName, uri: `${server.uri.replace(/\/$/, '')}/${dbName}`, dir });
  } finally {
    await connectDatabase(server.uri, dbName).then(() => mongoose.connection.db!.dropDatabase()).catch(() => undefined);
    await mongoose.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Node, the CPUs and how busy they are, and the database: what the figures depend on. */
export function machineLine(server: DatabaseServer): string {
  return `node ${process.version}; ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${server.description}`;
}

export interface CommandRun<Summary> {
  summary: Summary;
  /** The whole process, start-up included, in seconds. */
  wallS: number;
  /** Peak resident memory as the kernel counted it (support/peak-rss.cjs). */
  peakMb: number;
  code: number | null;
  stderr: string;
}

/**
 * Runs `npm run import:<command>` as package.json does (its heap cap) on `file` with --json and
 * `options`, into the database at `uri`, and reads its JSON summary; a run that printed none is an error.
 */
export function runImportCommandTimed<Summary>(command: 'staff' | 'ofsted', file: string, options: readonly string[], uri: string): CommandRun<Summary> {
  const flags = ['--max-old-space-size=384', '--require', join(__dirname, 'peak-rss.cjs'), '--import', 'tsx', `server/import/${command}-command.ts`];
  const started = performance.now();
  const child = spawnSync(process.execPath, [...flags, file, '--json', ...options], { cwd: ROOT, env: { ...process.env, MONGODB_URI: uri }, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const wallS = (performance.now() - started) / 1000;
  const peak = /PEAK_RSS_KB (\d+)/.exec(child.stderr);
  if (!peak || !child.stdout.trim()) throw new Error(`import:${command} failed (exit ${child.status}): ${child.stderr.slice(0, 2000)}`);
  return { summary: JSON.parse(child.stdout) as Summary, wallS, peakMb: Number(peak[1]) / 1024, code: child.status, stderr: child.stderr };
}

/** Runs the bench and exits with its code, or with 1 and the error's message (no stack: the message says what failed). */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
