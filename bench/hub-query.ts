// Stress script for issue 14, finding 2: the hub figures at 10,000 staff, and a write sent
// while they are being read.
//
//   node --max-old-space-size=384 --import tsx bench/hub-query.ts [--rounds N]
//
// Starts the real server with production settings (bench/bench-server.ts) on the embedded
// database with a generated 2,000-school, 10,000-staff dataset, then, N (5) times: times
// `{ clusters(first: 5) { edges { node { spareCapacityDays openNeeds {...} } } } }` alone, a
// `createTrust` alone, and the two sent together (the write starts while the read runs).
// Then the same with the in-process copies switched off, i.e. the database answering, as it
// does on MongoDB (on FerretDB that path scans collections: shown for comparison). Prints
// the figures. Requests go to 127.0.0.1 only; the loop is bounded by N.
import './production-env';
import { mintToken } from '../server/auth/tokens';
import { setReadCacheMode } from '../server/db/read-cache';
import { BENCH_JWT_SECRET, post, startBenchServer } from './bench-server';

const argv = process.argv.slice(2);
const rounds = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : 5;
const log = (line: string) => process.stderr.write(`[hub-query] ${line}\n`);

const HUB_QUERY = `{ clusters(first: 5) { edges { node { name spareCapacityDays openNeeds { id area severity priority academy { name } } } } } }`;
const createTrust = (name: string) => `mutation { createTrust(input: { name: "${name}", region: "North West" }) { trust { id } userErrors { code message } } }`;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (values: number[]) => `median ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;

async function main(): Promise<void> {
  const server = await startBenchServer({ dataset: { academies: 2_000, staff: 10_000, needs: 500 }, security: { rateLimitPerMinute: 0 }, log });
  const token = await mintToken({ sub: 'bench-admin', role: 'ADMIN' }, BENCH_JWT_SECRET);
  const lines = [`database: ${server.databaseDescription}; data: ${server.dataSummary}`];
  let trustNumber = 0;
  const check = (label: string, response: { status: number; body: any }) => {
    if (response.status !== 200 || response.body.errors) throw new Error(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  };
  try {
    for (const [label, mode] of [['in-process copies (FerretDB)', 'auto'], ['database queries (the MongoDB path, here on FerretDB)', 'off']] as const) {
      setReadCacheMode(mode);
      check('warm-up', await post(server.url, HUB_QUERY, token));
      const alone: number[] = [];
      const writeAlone: number[] = [];
      const readTogether: number[] = [];
      const writeTogether: number[] = [];
      let hubFigures = '';
      for (let round = 0; round < rounds; round++) {
        const read = await timed(() => post(server.url, HUB_QUERY, token));
        check('hub query', read.value);
        alone.push(read.ms);
        const nodes = read.value.body.data.clusters.edges.map((e: any) => e.node);
        hubFigures = nodes.map((n: any) => `${n.spareCapacityDays} days/${n.openNeeds.length} needs`).join(', ');
        const write = await timed(() => post(server.url, createTrust(`Hub Bench Trust ${mode} ${trustNumber++}`), token));
        check('createTrust', write.value);
        writeAlone.push(write.ms);
        // Together: the read is sent first, the write as soon as the read is on its way.
        const readPromise = timed(() => post(server.url, HUB_QUERY, token));
        const writePromise = timed(() => post(server.url, createTrust(`Hub Bench Trust ${mode} ${trustNumber++}`), token));
        const [r, w] = await Promise.all([readPromise, writePromise]);
        check('hub query (together)', r.value);
        check('createTrust (together)', w.value);
        readTogether.push(r.ms);
        writeTogether.push(w.ms);
      }
      lines.push(
        `${label}, ${rounds} rounds:`,
        `  hub query alone: ${fmt(alone)} (5 hubs: ${hubFigures})`,
        `  createTrust alone: ${fmt(writeAlone)}`,
        `  sent together: hub query ${fmt(readTogether)}; createTrust ${fmt(writeTogether)}`,
      );
      log(lines.slice(-4).join('\n'));
    }
    setReadCacheMode('auto');
    console.log(lines.join('\n'));
  } finally {
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
