// Limits on the costly downloads (docs/security.md): a per-person hourly budget for the CSV
// exports (the three files together), the board report's HTML and its PDF, counted in the
// database store server/main.ts uses with MongoDB; and one PDF printed at a time with a
// bounded line of waiting requests. Real servers over HTTP on the suite's database; the PDFs
// are printed by the real Chromium.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import { chromiumPathFor } from '../../server/exports/board-report/pdf';
import { DatabaseRateLimitStore, RATE_LIMIT_COLLECTION } from '../../server/security/rate-limit-store';
import { startServer, startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let trustId: string;
const term = '2026-autumn';
const chromium = chromiumPathFor(null, 'development');

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.token('ADMIN');
  const created = await api.gql(`mutation { createTrust(input: { name: "Limits Trust" }) { trust { id } userErrors { message } } }`, {}, { token: admin });
  trustId = created.data.createTrust.trust.id;
});
beforeEach(() => mongoose.connection.db!.collection(RATE_LIMIT_COLLECTION).deleteMany({}));
afterAll(() => api.close());

const databaseStores = (prefix: string) => new DatabaseRateLimitStore(mongoose.connection, { prefix });

async function download(origin: string, path: string, token: string, params: Record<string, string> = {}) {
  const query = new URLSearchParams(params).toString();
  return fetch(`${origin}${path}${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
}

async function expectRateLimited(res: Response, what: RegExp) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  const body = (await res.json()) as any;
  expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
  expect(body.errors[0].message).toMatch(what);
  // Says when: the seconds and the clock time.
  expect(body.errors[0].message).toContain(`retry after ${retryAfter} s (at `);
  expect(body.errors[0].message).toMatch(/\(at \d\d:\d\d UTC\)\.$/);
}

describe('CSV exports', () => {
  it('allow CSV_EXPORTS_PER_HOUR per person, the three files counted together, then answer 429 with Retry-After; another person has their own budget', async () => {
    const server = await startServer({ config: { security: { csvExportsPerHour: 2 } }, downloadRateLimitStore: databaseStores });
    try {
      const admin = await api.token('ADMIN', { sub: 'csv-limit-admin' });
      expect((await download(server.origin, '/exports/deployments.csv', admin)).status).toBe(200);
      expect((await download(server.origin, '/exports/needs.csv', admin)).status).toBe(200);
      await expectRateLimited(await download(server.origin, '/exports/plan.csv', admin, { trustId }), /^Too many CSV exports: at most 2 an hour\. /);
      await expectRateLimited(await download(server.origin, '/exports/deployments.csv', admin), /^Too many CSV exports/);
      const other = await api.token('ADMIN', { sub: 'csv-limit-other' });
      const res = await download(server.origin, '/exports/deployments.csv', other);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      // The counts are in the database (the store used with MongoDB), one per person.
      const counters = await mongoose.connection.db!.collection(RATE_LIMIT_COLLECTION).find({ _id: { $regex: '^csv-exports:' } as any }).toArray();
      expect(counters.map((c) => c.hits).sort()).toEqual([1, 4]);
    } finally {
      await server.close();
    }
  });
});

describe('board report', () => {
  it('allows BOARD_REPORTS_PER_HOUR HTML reports per person, then 429; PDFs have their own budget', async () => {
    const server = await startServer({ config: { security: { boardReportsPerHour: 1, boardReportPdfsPerHour: 0 }, pdfChromiumPath: null, nodeEnv: 'production' }, downloadRateLimitStore: databaseStores });
    try {
      const admin = await api.token('ADMIN', { sub: 'html-limit-admin' });
      expect((await download(server.origin, '/reports/board', admin, { trustId, term })).status).toBe(200);
      await expectRateLimited(await download(server.origin, '/reports/board', admin, { trustId, term }), /^Too many board reports: at most 1 an hour\. /);
      // The PDF is not limited by the HTML's count (here it is unavailable: no Chromium in production).
      const pdf = await download(server.origin, '/reports/board.pdf', admin, { trustId, term });
      expect(pdf.status).toBe(503);
      expect(((await pdf.json()) as any).errors[0].extensions.code).toBe('PDF_UNAVAILABLE');
    } finally {
      await server.close();
    }
  });

  it('allows BOARD_REPORT_PDFS_PER_HOUR PDFs per person, then 429 before any browser starts', async () => {
    const server = await startServer({ config: { security: { boardReportPdfsPerHour: 1 }, pdfChromiumPath: chromium }, downloadRateLimitStore: databaseStores });
    try {
      const admin = await api.token('ADMIN', { sub: 'pdf-limit-admin' });
      const first = await download(server.origin, '/reports/board.pdf', admin, { trustId, term });
      expect(first.status).toBe(200);
      expect(Buffer.from(await first.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await expectRateLimited(await download(server.origin, '/reports/board.pdf', admin, { trustId, term }), /^Too many board report PDFs: at most 1 an hour\. /);
      expect((await download(server.origin, '/reports/board', admin, { trustId, term })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('prints one PDF at a time, lets PDF_QUEUE_LIMIT wait, and answers 503 PDF_BUSY beyond them', async () => {
    // Chromium is started through a wrapper that tells the test when a print begins (it
    // writes to one pipe) and waits for the test's go-ahead (it reads another) before running
    // the real Chromium: the test knows, without timing anything, that a print is under way.
    const dir = mkdtempSync(join(tmpdir(), 'pdf-queue-'));
    const started = join(dir, 'started');
    const release = join(dir, 'release');
    execFileSync('mkfifo', [started, release]);
    const wrapper = join(dir, 'chromium');
    writeFileSync(wrapper, `#!/bin/sh\necho started > '${started}'\nread go < '${release}'\nexec '${chromium}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    const server = await startServer({ config: { security: { pdfQueueLimit: 1 }, pdfChromiumPath: wrapper } });
    try {
      const admin = await api.token('ADMIN', { sub: 'pdf-queue-admin' });
      const pdf = () => download(server.origin, '/reports/board.pdf', admin, { trustId, term });
      const printing = pdf();
      await readFile(started); // the first print has begun and is held
      // Two more: one may wait, the other is refused at once.
      const later = [pdf(), pdf()];
      const first = await Promise.race(later.map((p, index) => p.then((res) => ({ res, index }))));
      const refused = first.res;
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      const body = (await refused.json()) as any;
      expect(body.errors[0].extensions.code).toBe('PDF_BUSY');
      expect(body.errors[0].message).toMatch(/^The PDF printer is busy: one PDF is being printed and 1 more are waiting, the most that may wait\. Try again in a minute/);
      const waiting = later[1 - first.index]!;
      await writeFile(release, 'go\n'); // the first print goes ahead
      await readFile(started); // the waiting one starts only now
      await writeFile(release, 'go\n');
      for (const res of [await printing, await waiting]) {
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a request whose client went away leave the line: its place goes to the next, and nothing is printed for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-abandon-'));
    const started = join(dir, 'started');
    const release = join(dir, 'release');
    const prints = join(dir, 'prints');
    execFileSync('mkfifo', [started, release]);
    const wrapper = join(dir, 'chromium');
    writeFileSync(wrapper, `#!/bin/sh\necho print >> '${prints}'\necho started > '${started}'\nread go < '${release}'\nexec '${chromium}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    // The server's log says when a request joins and leaves the line; the test waits for those
    // lines instead of timing anything.
    const logged: string[] = [];
    const waiters: { text: string; count: number; resolve: () => void }[] = [];
    const seen = (text: string) => logged.filter((m) => m.includes(text)).length;
    const logLine = (text: string, count: number) =>
      new Promise<void>((resolve) => (seen(text) >= count ? resolve() : waiters.push({ text, count, resolve })));
    const logger = pino(
      { level: 'info' },
      {
        write(line: string) {
          logged.push(JSON.parse(line).msg as string);
          for (const w of waiters.filter((w) => seen(w.text) >= w.count)) w.resolve();
        },
      },
    );
    const server = await startServer({ config: { security: { pdfQueueLimit: 1 }, pdfChromiumPath: wrapper }, logger });
    try {
      const admin = await api.token('ADMIN', { sub: 'pdf-abandon-admin' });
      const url = `${server.origin}/reports/board.pdf?${new URLSearchParams({ trustId, term })}`;
      const pdf = (signal?: AbortSignal) => fetch(url, { headers: { authorization: `Bearer ${admin}` }, ...(signal ? { signal } : {}) });
      const printing = pdf();
      await readFile(started); // the first print has begun and is held

      const gaveUp = new AbortController();
      const abandoned = pdf(gaveUp.signal).catch((error: Error) => error.name);
      await logLine('waits for the printer', 1);
      gaveUp.abort();
      expect(await abandoned).toBe('AbortError');
      await logLine('left the print queue', 1);

      // The line (one place) is free again: the next request waits instead of being refused.
      const next = pdf();
      await logLine('waits for the printer', 2);
      await writeFile(release, 'go\n'); // the first print goes ahead
      await readFile(started); // the next one starts: not the abandoned one
      await writeFile(release, 'go\n');
      for (const res of [await printing, await next]) {
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
      expect((await readFile(prints, 'utf8')).trim().split('\n')).toHaveLength(2);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
