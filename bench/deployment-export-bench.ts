// `npx tsx bench/deployment-export-bench.ts [--rows 50000] [--academies 600]`: time and memory
// of GET /exports/deployments.csv for a 50,000-row export, through HTTP on the real server,
// on the embedded database (FerretDB: pages answered from the in-process copies) or
// MONGODB_URI (indexes).
//
// A generated world of `--academies` schools in trusts (seeds/national), then `--rows`
// deployments written straight to the collection (spread over its needs and staff, every
// status). The export is read by a client that counts bytes and rows and keeps nothing.
// The server's resident memory (RSS) is sampled every 10 ms during the export: its peak, and
// the rise over the level just before, show whether the file is held in memory (it is about
// 12 MB at 50,000 rows). Prints a markdown table for BENCHMARKS.md.
import './production-env';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { encodeGlobalId } from '../server/auth/global-id';
import { mintToken } from '../server/auth/tokens';
import { warmReadCopies } from '../server/db/read-cache';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';
import { BENCH_SECRET, largestTrust, numberOption, runHttpBench, startBenchApp, withGeneratedDatabase } from './support/national-http-bench';

const ROWS = numberOption('rows', 50_000);
const options = { academies: numberOption('academies', 600), staff: numberOption('staff', 3_000), needs: numberOption('needs', 3_000), completedDeployments: 0, seed: 20261123 };
const STATUSES = ['PROPOSED', 'AGREED', 'ACTIVE', 'COMPLETED', 'DECLINED', 'CANCELLED'] as const;

async function addDeployments(): Promise<void> {
  const needs = await ImprovementNeed.find({}, { academyId: 1, area: 1 }).lean();
  const staff = await StaffMember.find({}, { _id: 1 }).lean();
  const actor = { sub: 'bench', role: 'ADMIN' };
  const start = Date.now() - 400 * 86_400_000;
  for (let from = 0; from < ROWS; from += 1000) {
    const docs = Array.from({ length: Math.min(1000, ROWS - from) }, (_, j) => {
      const i = from + j;
      const need = needs[i % needs.length]!;
      const since = new Date(start + ((i * 104_729) % (400 * 86_400_000)));
      const status = STATUSES[i % STATUSES.length]!;
      return {
        _id: new Types.ObjectId(),
        needId: need._id,
        area: need.area,
        receivingAcademyId: need.academyId,
        staffId: staff[(i * 7919) % staff.length]!._id,
        supportingAcademyId: null,
        days: 1 + (i % 10),
        startDate: i % 3 === 0 ? null : new Date(Date.UTC(2025, 8, 1) + (i % 600) * 86_400_000),
        status,
        impactRating: status === 'COMPLETED' ? 1 + (i % 4) : null,
        statusHistory: [{ status, by: actor, at: since }],
        statusSince: since,
        liveKey: `bench:${i}`,
        createdBy: actor,
        updatedBy: actor,
      };
    });
    await Deployment.insertMany(docs, { ordered: false, lean: true });
  }
}

async function main(): Promise<void> {
  await withGeneratedDatabase('deployment_export_bench', options, async (database) => {
    let t = performance.now();
    await addDeployments();
    console.log(`added ${ROWS} deployments in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const copies = await warmReadCopies([Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment]);
    console.log(copies ? `read copies loaded in ${((performance.now() - t) / 1000).toFixed(1)} s` : 'no read copies (MongoDB): indexed queries');

    const largest = await largestTrust();
    const server = await startBenchApp();
    const origin = server.origin;
    const admin = await mintToken({ sub: 'admin', role: 'ADMIN' }, BENCH_SECRET);
    const lead = await mintToken({ sub: 'lead', role: 'IMPROVEMENT_LEAD', trustId: encodeGlobalId('Trust', largest._id) }, BENCH_SECRET);

    const rows: string[] = [];
    const cases: [string, string, string][] = [
      ['ADMIN, every deployment', admin, ''],
      ['ADMIN, three statuses', admin, 'status=PROPOSED,AGREED,ACTIVE'],
      [`lead of the largest trust (${largest.n} schools)`, lead, ''],
      ['ADMIN, school year 2026/27', admin, 'schoolYear=2026%2F27'],
    ];
    for (const [label, token, query] of cases) {
      for (let run = 0; run < 3; run += 1) {
        global.gc?.();
        const baseline = process.memoryUsage().rss;
        let peak = baseline;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 10);
        const started = performance.now();
        const response = await fetch(`${origin}/exports/deployments.csv${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`);
        let bytes = 0;
        let lines = 0;
        let firstByteMs = 0;
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          if (bytes === 0) firstByteMs = performance.now() - started;
          bytes += chunk.byteLength;
          for (const b of chunk) if (b === 10) lines += 1;
        }
        const ms = performance.now() - started;
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        if (run === 0) continue; // the first run warms the JIT and the copies' indexes
        const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
        rows.push(`| ${label} | ${lines - 1} | ${(bytes / 1024 / 1024).toFixed(1)} | ${firstByteMs.toFixed(0)} | ${(ms / 1000).toFixed(2)} | ${Math.round((lines - 1) / (ms / 1000))} | ${mb(baseline)} | ${mb(peak)} | ${mb(peak - baseline)} |`);
        console.log(rows.at(-1));
      }
    }
    console.log(`\n${database.description}; ${options.academies} schools, ${ROWS} deployments; server and client in one process (RSS is theirs together); two runs each after a warm-up\n`);
    console.log('| export | rows | MB | first byte ms | total s | rows/s | RSS before MB | RSS peak MB | rise MB |\n|---|---|---|---|---|---|---|---|---|');
    console.log(rows.join('\n'));
    server.close();
  });
}

runHttpBench(main);
