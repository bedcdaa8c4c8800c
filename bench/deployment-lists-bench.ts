// `npx tsx bench/deployment-lists-bench.ts [--academies N --staff N --needs N --live N]`:
// how long the deployments list and waitingForMe take at national scale (issue 15's board and
// "waiting for me" pages), through HTTP on the real server, on the embedded database
// (FerretDB: answered from the in-process copies) or MONGODB_URI (indexes).
//
// The national dataset (seeds/national.ts) holds only completed deployments; the bench adds
// `--live` proposed, agreed and active ones (default 5,000) spread over the country's needs and
// staff, written straight to the collection, since the board is about live support.
import './production-env';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { encodeGlobalId } from '../server/auth/global-id';
import { mintToken, type TokenClaims } from '../server/auth/tokens';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';
import { warmReadCopies } from '../server/db/read-cache';
import { BENCH_SECRET, largestTrust, numberOption, percentile, runHttpBench, startBenchApp, withGeneratedDatabase } from './support/national-http-bench';

const options = { academies: numberOption('academies', 22_000), staff: numberOption('staff', 50_000), needs: numberOption('needs', 5_000), seed: 20261123 };
const LIVE = numberOption('live', 5_000);
const SAMPLES = numberOption('samples', 30);

async function addLiveDeployments(): Promise<void> {
  const needs = await ImprovementNeed.find({ status: 'OPEN' }, { academyId: 1, area: 1 }).lean();
  const staff = await StaffMember.find({}, { _id: 1 }).lean();
  const statuses = ['PROPOSED', 'PROPOSED', 'AGREED', 'ACTIVE'] as const;
  const actor = { sub: 'bench', role: 'ADMIN' };
  const start = Date.now() - 90 * 86_400_000;
  const docs = Array.from({ length: LIVE }, (_, i) => {
    const need = needs[i % needs.length]!;
    const person = staff[(i * 7919) % staff.length]!;
    const status = statuses[i % statuses.length]!;
    const since = new Date(start + ((i * 104_729) % (90 * 86_400_000)));
    const signed = status === 'PROPOSED' ? null : { by: actor, at: since };
    return {
      _id: new Types.ObjectId(),
      needId: need._id,
      area: need.area,
      receivingAcademyId: need.academyId,
      staffId: person._id,
      supportingAcademyId: null,
      days: 2,
      status,
      release: signed ?? (i % 8 === 0 ? { by: actor, at: since } : null),
      acceptance: signed,
      statusHistory: [{ status, by: actor, at: since }],
      statusSince: since,
      liveKey: `bench:${i}`,
      createdBy: actor,
      updatedBy: actor,
    };
  });
  for (let i = 0; i < docs.length; i += 500) await Deployment.insertMany(docs.slice(i, i + 500), { ordered: false, lean: true });
}

async function main(): Promise<void> {
  await withGeneratedDatabase('deployment_lists_bench', options, async (database) => {
    let t = performance.now();
    await addLiveDeployments();
    console.log(`added ${LIVE} live deployments in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const copies = await warmReadCopies([Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment]);
    console.log(copies ? `read copies loaded in ${((performance.now() - t) / 1000).toFixed(1)} s` : 'no read copies (MongoDB): indexed queries');

    // The largest trust, one of its hubs, and that hub's busiest school.
    const largest = await largestTrust();
    const trustId = largest._id;
    const cluster = (await Cluster.findOne({ trustId }).lean())!;
    const school = (await Academy.findOne({ clusterId: cluster._id }).lean())!;
    const teacher = (await Deployment.findOne({ status: 'ACTIVE' }).lean())!.staffId!;
    const token = (claims: TokenClaims) => mintToken(claims, BENCH_SECRET);
    const callers = {
      [`lead of the largest trust (${largest.n} schools)`]: await token({ sub: 'lead', role: 'IMPROVEMENT_LEAD', trustId: encodeGlobalId('Trust', trustId) }),
      'executive head of one of its hubs': await token({ sub: 'eh', role: 'EXECUTIVE_HEAD', clusterId: encodeGlobalId('Cluster', cluster._id), trustId: encodeGlobalId('Trust', trustId) }),
      'headteacher of one of its schools': await token({ sub: 'ht', role: 'HEADTEACHER', academyId: encodeGlobalId('Academy', school._id) }),
      // A staff member's token has their StaffMember ID as its subject (server/auth/tokens.ts).
      'a teacher with an active deployment': await token({ sub: encodeGlobalId('StaffMember', teacher), role: 'TEACHER', staffId: encodeGlobalId('StaffMember', teacher) }),
      ADMIN: await token({ sub: 'admin', role: 'ADMIN' }),
    };

    const server = await startBenchApp();
    const url = `${server.origin}/graphql`;
    const BOARD = `query { deployments(first: 50, filter: { status: [PROPOSED, AGREED, ACTIVE] }) { edges { node { id status statusSince days need { area } staffMember { name } receivingAcademy { name } } } pageInfo { hasNextPage } } }`;
    const WAITING = `query { waitingForMe(first: 50) { kind since deployment { id status receivingAcademy { name } } } }`;
    const rows: string[] = [];
    for (const [who, bearer] of Object.entries(callers)) {
      for (const [label, query] of [['deployments board (50, live)', BOARD], ['waitingForMe (50)', WAITING]] as const) {
        const times: number[] = [];
        let size = 0;
        for (let i = 0; i < SAMPLES + 3; i += 1) {
          const started = performance.now();
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query }) });
          const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown };
          if (body.errors) throw new Error(JSON.stringify(body.errors));
          if (i >= 3) times.push(performance.now() - started); // the first calls warm caches and JIT
          const data = body.data!;
          size = data.deployments ? data.deployments.edges.length : data.waitingForMe.length;
        }
        rows.push(`| ${who} | ${label} | ${size} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
        console.log(rows.at(-1));
      }
    }
    console.log(`\n${database.description}; ${options.academies} schools, ${options.staff} staff, ${LIVE} live + the generated completed deployments; ${SAMPLES} sequential requests each\n`);
    console.log('| caller | request | items | p50 ms | p95 ms |\n|---|---|---|---|---|');
    console.log(rows.join('\n'));
    server.close();
  });
}

runHttpBench(main);
