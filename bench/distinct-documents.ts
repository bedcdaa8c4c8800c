// Stress script for issue 14, finding 1: memory held per GraphQL document stays within its
// bound across 2,000 distinct anonymous documents.
//
//   node --max-old-space-size=384 --expose-gc --import tsx bench/distinct-documents.ts [--documents N] [--twice]
//
// Starts the real server with production settings (bench/bench-server.ts) on the embedded
// database with generated data, with the rate limit raised so every document gets through,
// and sends N (2,000) distinct ~3.7 kB documents, 3 in flight, each 18 aliased
// `academies(first: 1)` selections with trust, hub and lead academy (the attack).
// With --twice each document is sent a second time straight after, so it is also compiled by
// graphql-jit (compiled on second execution) and its compiled function charged to the cache.
// Prints RSS before, at its peak and after, the heap in use after a full collection before and
// after (what is really held; --expose-gc), and the configured bound. Requests go to
// 127.0.0.1 only; the loop ends after N documents.
import './production-env';
import { securityDefaults } from '../server/security/settings';
import { mb, post, rssSampler, startBenchServer } from './bench-server';

const argv = process.argv.slice(2);
const count = argv.includes('--documents') ? Number(argv[argv.indexOf('--documents') + 1]) : 2_000;
const twice = argv.includes('--twice');
const IN_FLIGHT = 3;
const log = (line: string) => process.stderr.write(`[distinct-documents] ${line}\n`);

/** Document i: 18 aliased selections, distinct by alias names and field order. */
function documentNumber(i: number): string {
  const fields = ['id', 'name', 'urn', 'phase', 'ofstedRating', 'fsmPercent', 'pupils', 'postcode', 'latitude'];
  const parts: string[] = [];
  for (let k = 0; k < 18; k++) {
    const own = [...fields.slice(k % fields.length), ...fields.slice(0, k % fields.length)].join(' ');
    parts.push(`d${i}_s${k}: academies(first: 1) { edges { node { ${own} trust { id name region } cluster { id name leadAcademy { id name urn ofstedRating } } } } }`);
  }
  return `query Distinct${i} {\n  ${parts.join('\n  ')}\n}`;
}

async function main(): Promise<void> {
  const server = await startBenchServer({
    dataset: { academies: 2_000, staff: 10_000, needs: 500 },
    security: { rateLimitPerMinute: 1_000_000 },
    log,
  });
  const bound = securityDefaults('production').documentCacheBytes;
  try {
    const sizes = Array.from({ length: 10 }, (_, i) => documentNumber(i).length);
    log(`documents of ${Math.min(...sizes)}-${Math.max(...sizes)} characters, ${count} of them${twice ? ', each sent twice' : ''}, ${IN_FLIGHT} in flight`);
    global.gc?.();
    const before = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const sampler = rssSampler();
    let next = 0;
    let done = 0;
    let failures = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < count) {
        const query = documentNumber(next++);
        for (let round = 0; round < (twice ? 2 : 1); round++) {
          const { status, body } = await post(server.url, query);
          if (status !== 200 || body.errors) {
            failures++;
            if (failures <= 3) log(`refused: ${status} ${JSON.stringify(body.errors?.[0] ?? body).slice(0, 200)}`);
          }
        }
        if (++done % 250 === 0) log(`${done} documents, RSS ${mb(process.memoryUsage().rss)}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    global.gc?.();
    const after = process.memoryUsage().rss;
    const heapAfter = process.memoryUsage().heapUsed;
    sampler.stop();
    const lines = [
      `database: ${server.databaseDescription}; data: ${server.dataSummary}`,
      `${count} distinct documents (${Math.min(...sizes)}-${Math.max(...sizes)} characters)${twice ? ' each sent twice (compiled on the second)' : ''}, ${IN_FLIGHT} in flight, ${seconds.toFixed(0)} s, ${failures} not answered 200 without errors`,
      `document cache bound: ${mb(bound)} (GRAPHQL_DOCUMENT_CACHE_MB)`,
      `RSS before ${mb(before)}, peak ${mb(sampler.peak())}, after ${mb(after)}`,
      global.gc ? `heap in use after a full collection: before ${mb(heapBefore)}, after ${mb(heapAfter)}` : 'heap after a full collection: run with --expose-gc to see it',
    ];
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
