// The real entry point (`server/main.ts` in its own process, as `npm start` runs it) with
// SMTP_URL naming a real SMTP server started here: a proposal made over HTTP reaches the
// supporter's home headteacher by email, sent by the service's own sender.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { mintToken } from '../../server/auth/tokens';
import { connectDatabase } from '../../server/db/connection';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import type { TestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must, raiseNeed } from '../support/world';

const ROOT = resolve(__dirname, '../..');
/** Upper bounds only: each wait ends as soon as its event happens. */
const START_TIMEOUT_MS = 30_000;
const MAIL_TIMEOUT_MS = 20_000;

const secret = randomBytes(32).toString('hex');
const dbName = `mail_${randomBytes(4).toString('hex')}`;
/** The copies' snapshot goes to a temporary directory, not the repository's .data/. */
const snapshotDir = mkdtempSync(join(tmpdir(), 'mail-entry-point-'));
let child: ChildProcess;
let output = '';
let sink: SmtpSink;
let api: TestApi;

beforeAll(async () => {
  sink = await startSmtpSink();
  const url = new URL(process.env.TEST_DATABASE_URI!);
  url.pathname = `/${dbName}`;
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', AUTH_JWT_SECRET: secret, MONGODB_URI: url.toString(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SMTP_URL: sink.url, EMAIL_POLL_SECONDS: '1', READ_COPIES_SNAPSHOT: join(snapshotDir, 'copies.snapshot') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((found, fail) => {
    const timer = setTimeout(() => fail(new Error(`not ready within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /GraphQL ready at http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        found(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => fail(new Error(`the server exited:\n${output}`)));
  });
  const endpoint = `http://127.0.0.1:${port}/graphql`;
  api = {
    url: endpoint,
    async gql(query, variables = {}, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { ...((await response.json()) as object), status: response.status };
    },
    token: (role, scopes = {}) => mintToken({ sub: scopes.sub ?? `user-${role.toLowerCase()}`, role, ...scopes }, secret),
  } as TestApi;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  await sink.stop();
  rmSync(snapshotDir, { recursive: true, force: true });
  await connectDatabase(process.env.TEST_DATABASE_URI!, dbName);
  await mongoose.connection.db?.dropDatabase();
  await mongoose.disconnect();
});

it('emails the home headteacher through SMTP_URL when a deployment is proposed', async () => {
  expect(output).toContain(`email: sending through 127.0.0.1:${sink.port}`);
  const admin = await api.token('ADMIN', { sub: 'admin-1' });
  const trustId = await createTrust(api, admin, 'Entry Trust');
  const receiving = await createAcademy(api, admin, { name: 'Penwith Primary', trustId });
  const home = await createAcademy(api, admin, { name: 'Truro Primary', trustId, latitude: 50.41, longitude: -4.67 });
  await createStaff(api, admin, home, { role: 'HEADTEACHER', email: 'head@truro.example.org', name: 'Tamsin Truro', expertise: [] });
  const supporter = await createStaff(api, admin, home, { name: 'Morwenna Maths' });
  const need = await raiseNeed(api, admin, receiving, { daysRequested: 3 });
  await must(api, `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { code message } } }`, { input: { needId: need.id, staffId: supporter.id, days: 3 } }, admin, 'proposeDeployment');

  const mail = await sink.mailTo('head@truro.example.org', MAIL_TIMEOUT_MS);
  expect(mail.subject).toBe('A release waits on you: Morwenna Maths for Penwith Primary');
  expect(mail.raw).toMatch(/^From: School support <no-reply@school-support\.invalid>/m);
});
