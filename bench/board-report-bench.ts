// `npx tsx bench/board-report-bench.ts [--academies N --staff N --needs N --delivered N --focus N --samples N]`:
// time and memory of the board report (HTML and PDF) for the largest generated trust, through
// HTTP on the real server in production mode (with PDF_CHROMIUM_PATH), on the embedded
// database (FerretDB: the in-process copies) or MONGODB_URI.
//
// The national dataset (seeds/national/) is generated, then `--delivered` ACTIVE and COMPLETED
// deployments (default 5,000) dated in the current term are added across the country, so the
// largest trust's report has a term's worth of support to count; and one assessment per row of
// the maturity tool is recorded for it.
import './production-env';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { encodeGlobalId } from '../server/auth/global-id';
import { mintToken } from '../server/auth/tokens';
import { warmReadCopies } from '../server/db/read-cache';
import { MATURITY_STEPS } from '../server/domain/maturity-tool';
import { termOf } from '../server/domain/school-term';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { MaturityAssessment } from '../server/models/maturity-assessment';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';
import { BENCH_SECRET, largestTrust, numberOption, percentile, runHttpBench, startBenchApp, withGeneratedDatabase } from './support/national-http-bench';

const CHROMIUM = process.env.PDF_CHROMIUM_PATH ?? '/usr/bin/chromium';
const options = { academies: numberOption('academies', 22_000), staff: numberOption('staff', 50_000), needs: numberOption('needs', 5_000), seed: 20261129 };
const DELIVERED = numberOption('delivered', 5_000);
const SAMPLES = numberOption('samples', 20);
const PDF_SAMPLES = numberOption('pdf-samples', 5);
/** Extra delivered deployments received by the largest trust's schools (a busy term: its worst case). */
const FOCUS = numberOption('focus', 0);

async function addDeliveredSupport(count: number, keyPrefix: string, needFilter: Record<string, unknown> = {}): Promise<void> {
  const needs = await ImprovementNeed.find(needFilter, { academyId: 1, area: 1 }).lean();
  if (!needs.length) return;
  const staff = await StaffMember.find({}, { _id: 1 }).lean();
  const term = termOf(new Date());
  const span = Math.max(1, Math.min(Date.now(), term.end.getTime()) - term.start.getTime());
  const actor = { sub: 'bench', role: 'ADMIN' };
  const docs = Array.from({ length: count }, (_, i) => {
    const need = needs[(i * 31) % needs.length]!;
    const person = staff[(i * 7919) % staff.length]!;
    const completed = i % 3 !== 0;
    const at = new Date(term.start.getTime() + ((i * 104_729_000) % span));
    return {
      _id: new Types.ObjectId(),
      needId: need._id,
      area: need.area,
      receivingAcademyId: need.academyId,
      staffId: person._id,
      supportingAcademyId: null,
      days: 1 + (i % 5),
      status: completed ? 'COMPLETED' : 'ACTIVE',
      release: { by: actor, at },
      acceptance: { by: actor, at },
      impactRating: completed ? 1 + (i % 4) : null,
      impactEvidence: completed ? `Bench evidence ${i}: pupils in the target group made expected progress` : null,
      statusHistory: [{ status: 'ACTIVE', by: actor, at }],
      statusSince: at,
      liveKey: `${keyPrefix}:${i}`,
      createdBy: actor,
      updatedBy: actor,
    };
  });
  for (let i = 0; i < docs.length; i += 500) await Deployment.insertMany(docs.slice(i, i + 500), { ordered: false, lean: true });
}

/**
 * Memory of the Chromium processes below this one, in MB (0 when none runs): the sum of their
 * proportional set sizes (PSS), so pages the processes share are counted once, not per process.
 */
function chromiumRssMb(): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const below = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of rows) if (below.has(ppid) && !below.has(pid)) (below.add(pid), (grew = true));
  }
  return rows.filter(([pid]) => pid !== process.pid && below.has(pid)).reduce((s, [pid]) => s + pssKb(pid), 0) / 1024;
}

function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // ended meanwhile
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function main(): Promise<void> {
  await withGeneratedDatabase('board_report_bench', options, async (database) => {
    let t = performance.now();
    await addDeliveredSupport(DELIVERED, 'bench-delivered');
    console.log(`added ${DELIVERED} delivered deployments in this term in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const largest = await largestTrust();
    const trustId = largest._id;
    if (FOCUS > 0) {
      const schools = (await Academy.find({ trustId }, { _id: 1 }).lean()).map((a) => a._id);
      await addDeliveredSupport(FOCUS, 'bench-focus', { academyId: { $in: schools } });
      console.log(`added ${FOCUS} delivered deployments received by the largest trust`);
    }
    const actor = { sub: 'bench', role: 'ADMIN' };
    await MaturityAssessment.insertMany(MATURITY_STEPS.map((step) => ({ trustId, step, stage: 'DEVELOPING', evidence: 'Bench assessment', assessedBy: actor, assessedAt: new Date() })));
    t = performance.now();
    await warmReadCopies([Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment]);
    console.log(`read copies loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const trustDeployments = await Deployment.countDocuments({ receivingAcademyId: { $in: (await Academy.find({ trustId }, { _id: 1 }).lean()).map((a) => a._id) } });
    const server = await startBenchApp({ pdfChromiumPath: CHROMIUM });
    const base = server.origin;
    const bearer = await mintToken({ sub: 'lead', role: 'IMPROVEMENT_LEAD', trustId: encodeGlobalId('Trust', trustId) }, BENCH_SECRET);
    const query = new URLSearchParams({ trustId: encodeGlobalId('Trust', trustId), term: termOf(new Date()).label });

    async function measure(path: string, samples: number, warm: number) {
      const times: number[] = [];
      let bytes = 0;
      let peakChromium = 0;
      let peakRss = 0;
      for (let i = 0; i < samples + warm; i += 1) {
        const sampler = setInterval(() => {
          peakChromium = Math.max(peakChromium, chromiumRssMb());
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        }, 100);
        const started = performance.now();
        const res = await fetch(`${base}${path}?${query}`, { headers: { authorization: `Bearer ${bearer}` } });
        const body = Buffer.from(await res.arrayBuffer());
        clearInterval(sampler);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.toString()}`);
        if (i >= warm) times.push(performance.now() - started);
        bytes = body.length;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
      return { p50: percentile(times, 50), p95: percentile(times, 95), bytes, peakRss, peakChromium };
    }
    const heapBefore = process.memoryUsage();
    const html = await measure('/reports/board', SAMPLES, 2);
    const pdf = await measure('/reports/board.pdf', PDF_SAMPLES, 1);
    console.log(`\n${database.description}; ${options.academies} schools, ${options.staff} staff; the largest trust has ${largest.n} schools and ${trustDeployments} deployments received; before: rss ${mb(heapBefore.rss)} MB, heap ${mb(heapBefore.heapUsed)} MB\n`);
    console.log('| report | requests | p50 ms | p95 ms | size | server peak RSS | Chromium peak PSS |\n|---|---|---|---|---|---|---|');
    console.log(`| HTML | ${SAMPLES} | ${html.p50.toFixed(0)} | ${html.p95.toFixed(0)} | ${(html.bytes / 1024).toFixed(0)} kB | ${mb(html.peakRss)} MB | – |`);
    console.log(`| PDF | ${PDF_SAMPLES} | ${pdf.p50.toFixed(0)} | ${pdf.p95.toFixed(0)} | ${(pdf.bytes / 1024).toFixed(0)} kB | ${mb(pdf.peakRss)} MB | ${pdf.peakChromium.toFixed(0)} MB |`);
    server.close();
  });
}

runHttpBench(main);
