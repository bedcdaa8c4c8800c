// A slow reader makes the CSV export wait (server/exports/stream-csv.ts, docs/exports.md
// "Streaming"), shown without timing anything: the server reads the list a window of 2,000
// at a time, and a window that has not been read yet when a deployment is added at the end
// of the list gives that deployment too (the keyset cursor continues from the last record
// sent). So: ask for a large file, read its first bytes, stop reading, add a deployment that
// sorts last, then read the rest. A server that waits for the reader has not reached the
// last window yet and gives the new deployment as the file's last row; one that read ahead
// into memory had passed the end already and leaves it out.
//
// Why the file is large enough: while the reader has stopped, the server can run ahead only
// by what the connection buffers hold: the kernel's send buffer (at most tcp_wmem's maximum,
// 4 MB here, checked below), the reader's receive buffer (tcp_rmem's default, 128 KB, which
// grows only as the reader reads), Node's 16 KB and one window in hand (about 0.6 MB). That
// is under 5 MB, about 18,000 rows of ~280 bytes; the file has 40,000 rows (about 11 MB).
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { Types } from 'mongoose';
import { decodeIdOfType, encodeGlobalId } from '../../server/auth/global-id';
import { Deployment } from '../../server/models/deployment';
import { csvObjects } from '../support/csv';
import { startTestApi, type TestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, raiseNeed } from '../support/world';

const ROWS = 40_000;
const ROW_BYTES_AT_LEAST = 250;
let api: TestApi;
let admin: string;
let base: Record<string, unknown>;
/** The deployment added while the reader has stopped. */
const late = new Types.ObjectId();

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN', { sub: 'backpressure-admin' });
  const trustId = await createTrust(api, admin, 'Backpressure Trust');
  const school = await createAcademy(api, admin, { name: 'Backpressure School', trustId });
  const staff = await createStaff(api, admin, school, { name: 'Steady Reader' });
  const need = await raiseNeed(api, admin, school);
  const actor = { sub: 'backpressure-test', role: 'ADMIN' };
  base = {
    needId: new Types.ObjectId(decodeIdOfType(need.id, 'ImprovementNeed')!),
    area: 'MATHS',
    receivingAcademyId: new Types.ObjectId(decodeIdOfType(school, 'Academy')!),
    staffId: new Types.ObjectId(decodeIdOfType(staff.id, 'StaffMember')!),
    supportingAcademyId: null,
    days: 2,
    status: 'CANCELLED',
    createdBy: actor,
    updatedBy: actor,
  };
  // Written straight to the collection (as the export bench does): 40,000 through the API would take minutes.
  const start = Date.UTC(2025, 0, 1);
  for (let from = 0; from < ROWS; from += 1000) {
    const docs = Array.from({ length: Math.min(1000, ROWS - from) }, (_, j) => {
      const since = new Date(start + (from + j) * 60_000);
      return { ...base, _id: new Types.ObjectId(), statusSince: since, statusHistory: [{ status: 'CANCELLED', by: base.createdBy, at: since }], liveKey: `backpressure:${from + j}` };
    });
    await Deployment.insertMany(docs, { ordered: false, lean: true });
  }
}, 300_000);
afterAll(() => api.close());

it('the buffers between server and reader hold far less than the file (the premise of the test below)', () => {
  const [, , wmemMax] = readFileSync('/proc/sys/net/ipv4/tcp_wmem', 'utf8').trim().split(/\s+/).map(Number);
  const [, rmemDefault] = readFileSync('/proc/sys/net/ipv4/tcp_rmem', 'utf8').trim().split(/\s+/).map(Number);
  const window = 2000 * 300;
  expect(wmemMax! + rmemDefault! + 16 * 1024 + window).toBeLessThan((ROWS * ROW_BYTES_AT_LEAST) / 2);
});

it('waits for a reader that stops: a deployment added while it has stopped is in the file, last, once it reads on', async () => {
  const url = new URL(`${api.url.replace(/\/graphql$/, '')}/exports/deployments.csv`);
  const body = await new Promise<string>((resolve, reject) => {
    const request = get(url, { headers: { authorization: `Bearer ${admin}` } }, (res) => {
      expect(res.statusCode).toBe(200);
      const chunks: Buffer[] = [];
      res.once('data', (first: Buffer) => {
        // Stop reading after the first bytes; the server must wait.
        res.pause();
        chunks.push(first);
        const since = new Date();
        Deployment.insertMany([{ ...base, _id: late, statusSince: since, statusHistory: [{ status: 'CANCELLED', by: base.createdBy, at: since }], liveKey: 'backpressure:late' }], { lean: true })
          .then(() => {
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            res.resume();
          })
          .catch(reject);
      });
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  const { rows } = csvObjects(body);
  expect(body.length).toBeGreaterThan(ROWS * ROW_BYTES_AT_LEAST);
  expect(rows).toHaveLength(ROWS + 1);
  expect(new Set(rows.map((r) => r.id)).size).toBe(ROWS + 1);
  expect(rows[rows.length - 1]!.id).toBe(encodeGlobalId('Deployment', late.toString()));
}, 120_000);
