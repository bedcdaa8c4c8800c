// Offline fallback: FerretDB 1.x (SQLite storage) embedded in a small Go launcher
// (tools/ferretdb), built with the machine's Go toolchain on first use and reused after.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { DatabaseServer } from './database-server';

const LAUNCHER_DIR = resolve(__dirname, '../../tools/ferretdb');
const LAUNCHER_BINARY = join(LAUNCHER_DIR, 'bin', 'ferretdb-launcher');
/** Files laid over FerretDB's module before building (paths inside the module); see patchedFerretDb. */
const PATCHES_DIR = join(LAUNCHER_DIR, '_ferretdb-patches');
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
const READY_TIMEOUT_MS = 30_000;

function isStale(binary: string): boolean {
  if (!existsSync(binary)) return true;
  const builtAt = statSync(binary).mtimeMs;
  const sources = readdirSync(LAUNCHER_DIR).filter((file) => file.endsWith('.go') || file === 'go.mod' || file === 'go.sum');
  const patches = existsSync(PATCHES_DIR) ? readdirSync(PATCHES_DIR, { recursive: true, encoding: 'utf8' }).map((file) => join('_ferretdb-patches', file)) : [];
  return [...sources, ...patches].some((file) => statSync(join(LAUNCHER_DIR, file)).mtimeMs > builtAt);
}

/**
 * A copy of the FerretDB module go.mod names, with the files of _ferretdb-patches laid over
 * it, and a go.mod (beside the launcher's, for `go build -modfile`) that builds against the
 * copy. Go refuses to build a module from the module cache with files replaced (-overlay),
 * hence the copy (3.4 MB). What each patch does and why is said in the file itself.
 */
function patchedFerretDb(workDir: string): string {
  const found = spawnSync('go', ['mod', 'download', '-json', FERRETDB_MODULE], { cwd: LAUNCHER_DIR, encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`finding FerretDB's module failed:\n${found.stderr || found.stdout}`);
  const moduleDir = (JSON.parse(found.stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download did not say where ${FERRETDB_MODULE} is`);
  const copy = join(workDir, 'ferretdb');
  cpSync(moduleDir, copy, { recursive: true });
  for (const file of readdirSync(PATCHES_DIR, { recursive: true, encoding: 'utf8' })) {
    const from = join(PATCHES_DIR, file);
    if (statSync(from).isDirectory()) continue;
    const to = join(copy, file);
    // A patch replaces a file of FerretDB's; only tests of the patches (run by
    // testFerretDbPatches, never built into the launcher) may be new files.
    if (!existsSync(to) && !file.endsWith('_test.go')) throw new Error(`${from} replaces nothing in FerretDB's module (has its layout changed?)`);
    // The module cache's files and directories are read-only, and so are their copies.
    chmodSync(join(to, '..'), 0o755);
    rmSync(to, { force: true });
    copyFileSync(from, to);
  }
  const modFile = join(workDir, 'launcher.mod');
  writeFileSync(modFile, `${readFileSync(join(LAUNCHER_DIR, 'go.mod'), 'utf8')}\nreplace ${FERRETDB_MODULE} => ${copy}\n`);
  copyFileSync(join(LAUNCHER_DIR, 'go.sum'), join(workDir, 'launcher.sum'));
  return modFile;
}

/**
 * Runs `go test` on each FerretDB package a patch touches, in the patched copy: FerretDB's own
 * tests of those packages and the patches' own (`*_test.go` under _ferretdb-patches). Returns
 * the output; throws if a test fails. `npx tsx tools/test-ferretdb-patches.ts`.
 */
export function testFerretDbPatches(): string {
  const workDir = mkdtempSync(join(tmpdir(), 'ferretdb-patches-test-'));
  try {
    patchedFerretDb(workDir);
    const copy = join(workDir, 'ferretdb');
    // FerretDB's test helpers find the module's root by its .git directory.
    mkdirSync(join(copy, '.git'));
    const packages = new Set<string>();
    for (const file of readdirSync(PATCHES_DIR, { recursive: true, encoding: 'utf8' })) {
      if (file.endsWith('.go')) packages.add(`./${join(file, '..')}`);
    }
    const run = spawnSync('go', ['test', '-count=1', ...[...packages].sort()], { cwd: copy, encoding: 'utf8', env: { ...process.env, CGO_ENABLED: '0' } });
    const output = `${run.stdout}${run.stderr}`;
    if (run.status !== 0) throw new Error(`the patched FerretDB packages' tests failed:\n${output}`);
    return output;
  } finally {
    if (existsSync(workDir)) spawnSync('chmod', ['-R', 'u+w', workDir]);
    rmSync(workDir, { recursive: true, force: true });
  }
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
  const workDir = mkdtempSync(join(tmpdir(), 'ferretdb-launcher-build-'));
  let build;
  try {
    const modFile = patchedFerretDb(workDir);
    build = spawnSync('go', ['build', `-modfile=${modFile}`, '-o', partial, '.'], {
      cwd: LAUNCHER_DIR,
      encoding: 'utf8',
      env: { ...process.env, CGO_ENABLED: '0' },
    });
  } finally {
    // The copy is read-only in places (as the module cache is): made writable to be removed.
    if (existsSync(workDir)) spawnSync('chmod', ['-R', 'u+w', workDir]);
    rmSync(workDir, { recursive: true, force: true });
  }
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
