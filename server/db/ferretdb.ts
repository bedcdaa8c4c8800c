// Offline fallback: FerretDB 1.x (SQLite storage) embedded in a small Go launcher
// (tools/ferretdb), built with the machine's Go toolchain on first use and reused after.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { DatabaseServer } from './database-server';

const LAUNCHER_DIR = resolve(__dirname, '../../tools/ferretdb');
const LAUNCHER_BINARY = join(LAUNCHER_DIR, 'bin', 'ferretdb-launcher');
const READY_TIMEOUT_MS = 30_000;

function isStale(binary: string): boolean {
  if (!existsSync(binary)) return true;
  const builtAt = statSync(binary).mtimeMs;
  const sources = readdirSync(LAUNCHER_DIR).filter((file) => file.endsWith('.go') || file === 'go.mod' || file === 'go.sum');
  return sources.some((file) => statSync(join(LAUNCHER_DIR, file)).mtimeMs > builtAt);
}

/** Builds the launcher when missing or older than its sources; returns its path. */
export function ensureLauncherBuilt(log: (message: string) => void = () => undefined): string {
  const override = process.env.FERRETDB_LAUNCHER;
  if (override) return override;
  if (!isStale(LAUNCHER_BINARY)) return LAUNCHER_BINARY;

  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new Error('the Go toolchain (`go`) is not on PATH, so the FerretDB launcher cannot be built');
  }
  log(`building the FerretDB launcher with ${go.stdout.trim()} (first run only; about a minute)...`);
  mkdirSync(join(LAUNCHER_DIR, 'bin'), { recursive: true });
  // Build to a private name and rename, so a concurrent start never runs a half-written binary.
  const partial = `${LAUNCHER_BINARY}.${process.pid}.partial`;
  const build = spawnSync('go', ['build', '-o', partial, '.'], {
    cwd: LAUNCHER_DIR,
    encoding: 'utf8',
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  if (build.status !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`building the FerretDB launcher failed:\n${build.stderr || build.error?.message}`);
  }
  renameSync(partial, LAUNCHER_BINARY);
  return LAUNCHER_BINARY;
}

export async function startFerretDb(log: (message: string) => void = () => undefined): Promise<DatabaseServer> {
  const binary = ensureLauncherBuilt(log);
  const dataDir = mkdtempSync(join(tmpdir(), 'school-support-ferretdb-'));
  // stdin stays a pipe: the launcher exits when it closes, so it never outlives us.
  const child = spawn(binary, ['--dir', dataDir, '--listen', '127.0.0.1:0'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const uri = await new Promise<string>((resolveUri, reject) => {
    const timer = setTimeout(() => reject(new Error(`FerretDB did not start within ${READY_TIMEOUT_MS} ms\n${stderr}`)), READY_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^READY (mongodb:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUri(match[1]!.replace(/\/$/, ''));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB exited with code ${code} before it was ready\n${stderr}`));
    });
  });

  let stopped: Promise<void> | null = null;
  return {
    kind: 'ferretdb',
    uri,
    description: `FerretDB 1.24.2 embedded (SQLite in ${dataDir}) at ${uri}`,
    stop: () => {
      stopped ??= new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }).then(() => rmSync(dataDir, { recursive: true, force: true }));
      return stopped;
    },
  };
}
