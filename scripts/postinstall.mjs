// Run by `npm install` / `npm ci` (the root package's postinstall): the slow one-off work a
// first `npm start` used to do, done at install time so that `npm install && npm start` is
// ready in seconds (issue 20). Never fails the install: each step that cannot be done says
// why and leaves it to `npm start`, which does it (or reports it) as before.
//
//  1. The embedded database: try to obtain a mongod for mongodb-memory-server (its own
//     postinstall download is not run by npm 11 unless allowed), and remember the outcome in
//     node_modules/.cache/school-support/mongod.json, so `npm start` neither repeats a
//     download that cannot succeed (no internet) nor waits for one on first start.
//  2. The FerretDB launcher (tools/ferretdb), built when Go is on PATH and no mongod was had,
//     or always when SCHOOL_SUPPORT_BUILD_FERRETDB=1 (the tests use it either way).
//  3. The web app (web/dist), built as `npm start` would build it (web/scripts/ensure-built.mjs).
//
// SCHOOL_SUPPORT_SKIP_POSTINSTALL=1 skips it all (e.g. an install only for linting).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'school-support');
const MONGOD_PROBE_TIMEOUT_MS = 60_000;

const say = (message) => console.log(`postinstall: ${message}`);

if (process.env.SCHOOL_SUPPORT_SKIP_POSTINSTALL === '1') {
  say('skipped (SCHOOL_SUPPORT_SKIP_POSTINSTALL=1)');
  process.exit(0);
}

async function mongodAvailable() {
  if (process.env.MONGOMS_SYSTEM_BINARY) return { available: true, reason: 'MONGOMS_SYSTEM_BINARY is set' };
  try {
    const { MongoBinary } = await import('mongodb-memory-server-core');
    const quietWarn = console.warn;
    console.warn = () => undefined; // a failed download prints a stack trace
    let timer;
    try {
      const path = await Promise.race([
        MongoBinary.getPath(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no mongod within ${MONGOD_PROBE_TIMEOUT_MS / 1000} s`)), MONGOD_PROBE_TIMEOUT_MS);
        }),
      ]);
      return { available: true, reason: `mongod at ${path}` };
    } finally {
      clearTimeout(timer);
      console.warn = quietWarn;
    }
  } catch (error) {
    return { available: false, reason: String(error instanceof Error ? error.message : error).split('\n')[0] };
  }
}

function buildLauncher() {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) return say('Go is not on PATH: the embedded FerretDB launcher is not built (npm start will say what to do if it needs it)');
  say(`building the FerretDB launcher with ${go.stdout.trim()}…`);
  // Through the same function npm start uses (it builds only when missing or stale).
  const build = spawnSync(process.execPath, ['--import', 'tsx', '-e', "require('./server/db/ferretdb').ensureLauncherBuilt(console.log)"], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FERRETDB_LAUNCHER: '' },
  });
  if (build.status !== 0) say('the FerretDB launcher could not be built now; npm start will try again');
}

const started = Date.now();
const mongod = await mongodAvailable();
mkdirSync(cacheDir, { recursive: true });
writeFileSync(join(cacheDir, 'mongod.json'), JSON.stringify({ ...mongod, at: new Date().toISOString() }, null, 2));
say(mongod.available ? `mongodb-memory-server can start (${mongod.reason})` : `no mongod for mongodb-memory-server (${mongod.reason}): npm start will use the embedded FerretDB without trying again`);
if (!mongod.available || process.env.SCHOOL_SUPPORT_BUILD_FERRETDB === '1') buildLauncher();
if (existsSync(join(root, 'web', 'scripts', 'ensure-built.mjs'))) {
  const web = spawnSync(process.execPath, [join(root, 'web', 'scripts', 'ensure-built.mjs')], { cwd: root, stdio: 'inherit' });
  if (web.status !== 0) say('the web app could not be built now; npm start will try again');
}
say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
