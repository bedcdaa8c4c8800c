// Operations, on the real entry point (`server/main.ts` in its own process, as `npm start`
// runs it): configuration refused at start-up with a clear message, health and readiness,
// and a graceful shutdown under load (SIGTERM while 50 requests are in flight: every one
// completes, the process exits 0).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { mintToken } from '../../server/auth/tokens';
import { connectDatabase } from '../../server/db/connection';
import type { SeedDataset } from '../../seeds/dataset';
import { buildDemoDataset } from '../../seeds/demo';
import { loadDataset } from '../../seeds/load';

const ROOT = resolve(__dirname, '../..');
const EMPTY: SeedDataset = { trusts: [], academies: [], clusters: [], staff: [], needs: [], completedDeployments: [] };
/** Upper bounds only: each wait ends as soon as its event happens. */
const START_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 15_000;
/** Node's default keepAliveTimeout is 5 s: an exit later than this waited for idle connections. */
const PROMPT_EXIT_MS = 3_000;

interface Spawned {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in stdout+stderr; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node --import tsx server/main.ts` with exactly this environment (plus PATH and HOME). */
function spawnMain(env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = START_TIMEOUT_MS) {
      return new Promise((found, fail) => {
        const check = () => {
          const match = text.match(pattern);
          if (match) {
            cleanup();
            found(match);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}; output:\n${text}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          fail(new Error(`the server exited while waiting for ${pattern}; output:\n${text}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('configuration is validated at start-up', () => {
  // Both started at once: each spends its time loading the code, then stops at the config.
  let badPort: Spawned;
  let noSecret: Spawned;
  beforeAll(() => {
    badPort = spawnMain({ PORT: 'abc' });
    noSecret = spawnMain({ NODE_ENV: 'production' });
  });

  it('refuses PORT=abc with exit code 1 and a message naming the variable', async () => {
    expect(await withTimeout(badPort.exited, START_TIMEOUT_MS, 'exit')).toEqual({ code: 1, signal: null });
    expect(badPort.output()).toContain('Configuration error: PORT must be an integer between 0 and 65535 (got "abc")');
  });

  it('refuses to start in production without AUTH_JWT_SECRET, with exit code 1 and the reason', async () => {
    expect(await withTimeout(noSecret.exited, START_TIMEOUT_MS, 'exit')).toEqual({ code: 1, signal: null });
    expect(noSecret.output()).toContain('Configuration error: AUTH_JWT_SECRET must be set in production (at least 32 characters)');
  });
});

describe('a running server (MONGODB_URI set: no embedded database, no demo data written)', () => {
  const secret = randomBytes(32).toString('hex');
  const dbName = `ops_${randomBytes(4).toString('hex')}`;
  // The copies' snapshot (READ_COPIES_SNAPSHOT) in a temporary directory, not the repository's .data/.
  const snapshotDir = mkdtempSync(join(tmpdir(), 'ops-entry-point-'));
  let env: Record<string, string>;
  let server: Spawned;
  let port = 0;

  beforeAll(async () => {
    const uri = process.env.TEST_DATABASE_URI;
    if (!uri) throw new Error('TEST_DATABASE_URI is not set: run the tests through jest');
    // Something to read: the demo's trusts, loaded the way `npm run seed` loads data.
    await connectDatabase(uri, dbName);
    await loadDataset({ ...EMPTY, trusts: buildDemoDataset().trusts });
    await mongoose.disconnect();

    const url = new URL(uri);
    url.pathname = `/${dbName}`;
    env = { NODE_ENV: 'production', AUTH_JWT_SECRET: secret, MONGODB_URI: url.toString(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', READ_COPIES_SNAPSHOT: join(snapshotDir, 'copies.snapshot') };
    server = spawnMain(env);
    // PORT=0 lets the system pick a free port; the ready line names it.
    const [, printed] = await server.waitFor(/GraphQL ready at http:\/\/127\.0\.0\.1:(\d+)\/graphql/);
    port = Number(printed);
  });

  afterAll(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    rmSync(snapshotDir, { recursive: true, force: true });
    await connectDatabase(process.env.TEST_DATABASE_URI!, dbName);
    await mongoose.connection.db?.dropDatabase();
    await mongoose.disconnect();
  });

  it('answers /healthz (200 once ready, as API.md promises) and /readyz (200 while the database answers)', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      expect({ path, status: response.status, body: await response.json() }).toEqual({ path, status: 200, body: { status: 'ok' } });
    }
  });

  it('on SIGTERM finishes all 50 requests in flight, refuses new connections, and exits 0', async () => {
    const admin = await mintToken({ sub: 'ops-admin', role: 'ADMIN' }, secret);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
    const READ = '{ trusts(first: 5) { edges { node { name } } } }';
    const WRITE = 'mutation ($input: CreateTrustInput!) { createTrust(input: $input) { trust { id name } userErrors { code } } }';

    // Each request sends its headers with `Expect: 100-continue` and holds its body back.
    // The server answers "100 Continue" once it has parsed the headers and handed the request
    // to the application, so on 'continue' the request is in flight on the server, for
    // certain, with no sleep. Bodies are sent only after the server has begun shutting down.
    const requests = Array.from({ length: 50 }, (_, i) => {
      const body = JSON.stringify(i % 5 === 4 ? { query: WRITE, variables: { input: { name: `Shutdown Trust ${i}` } } } : { query: READ });
      const request = http.request({
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          'content-length': Buffer.byteLength(body),
          expect: '100-continue',
          ...(i % 5 === 4 ? { authorization: `Bearer ${admin}` } : {}),
        },
      });
      const inFlight = new Promise<void>((done) => request.once('continue', () => done()));
      const response = new Promise<{ status: number; body: any }>((done, fail) => {
        request.once('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
          res.on('error', fail);
        });
        request.once('error', fail);
      });
      response.catch(() => undefined); // awaited below; this only keeps a failure from going unhandled meanwhile
      request.flushHeaders();
      return { i, body, request, inFlight, response };
    });
    await withTimeout(Promise.all(requests.map((r) => r.inFlight)), START_TIMEOUT_MS, '50 requests in flight');

    server.child.kill('SIGTERM');
    // Logged once the port is closed, with the count of requests still open.
    await server.waitFor(/"inFlight":50,.*SIGTERM: finishing in-flight requests/, EXIT_TIMEOUT_MS);
    // The listening socket is closed: a new client is refused.
    const refused = await new Promise<string>((done) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    for (const r of requests) r.request.end(r.body);
    const responses = await withTimeout(Promise.all(requests.map((r) => r.response)), EXIT_TIMEOUT_MS, 'responses');
    responses.forEach((response, i) => {
      expect({ i, status: response.status, errors: response.body?.errors }).toEqual({ i, status: 200, errors: undefined });
      if (i % 5 === 4) expect(response.body.data.createTrust).toEqual({ trust: { id: expect.any(String), name: `Shutdown Trust ${i}` }, userErrors: [] });
      else expect(response.body.data.trusts.edges.length).toBeGreaterThanOrEqual(2); // the demo's two, and any created meanwhile
    });

    // Promptly: keep-alive connections close after their last response (Connection: close)
    // rather than idling until keepAliveTimeout (5 s) holds the exit back.
    const exit = await withTimeout(server.exited, PROMPT_EXIT_MS, 'process exit after the last response');
    agent.destroy();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });

  it('writes the copies\' snapshot at that shutdown (trusts were created), and the next start restores the copies from it', async () => {
    // The first start found none; its writes (the trusts above) deleted the one written at start-up.
    expect(server.output()).toMatch(/read-copy snapshot not used: no snapshot at .*copies\.snapshot; loading the copies from the database/);
    expect(server.output()).toMatch(/read-copy snapshot written at SIGTERM in \d+ ms \([\d.]+ MB: trusts 12,/);
    server = spawnMain(env);
    const [, printed] = await server.waitFor(/GraphQL ready at http:\/\/127\.0\.0\.1:(\d+)\/graphql/);
    expect(server.output()).toMatch(/read copies restored from the snapshot in \d+ ms/);
    expect(server.output()).toMatch(/read-copy snapshot not written at start-up: the snapshot on disk is still exact/);
    const admin = await mintToken({ sub: 'ops-admin', role: 'ADMIN' }, secret);
    const response = await fetch(`http://127.0.0.1:${printed}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: '{ trusts(first: 20) { edges { node { name } } } }' }),
    });
    const names = ((await response.json()) as any).data.trusts.edges.map((e: any) => e.node.name);
    expect(names).toHaveLength(12); // the demo's two and the ten created before the shutdown
    server.child.kill('SIGTERM');
    expect(await withTimeout(server.exited, EXIT_TIMEOUT_MS, 'exit')).toEqual({ code: 0, signal: null });
  });
});
