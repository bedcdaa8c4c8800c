// The load generator for bench/run.ts, in its own process (forked with IPC) so that it does
// not share the server's event loop or its memory figure. It runs autocannon against a URL,
// cycling through the given GraphQL request bodies, records every response time (autocannon
// reports p90 and p97.5 but not p95), and sends the figures back.
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  bodies: string[];
  headers: Record<string, string>;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
}

export type ClientMessage = { type: 'measuring' } | { type: 'done'; result: LoadResult } | { type: 'failed'; message: string };

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function run(job: LoadJob, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const latencies: number[] = [];
    let non2xx = 0;
    const instance = autocannon(
      {
        url: job.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...job.headers },
        connections: job.connections,
        duration: seconds,
        timeout: 60,
        requests: [{ setupRequest: (request) => ({ ...request, body: job.bodies[next++ % job.bodies.length] }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = latencies.sort((a, b) => a - b);
        const measured = result.duration;
        resolve({
          requests: latencies.length,
          non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          durationSeconds: measured,
          requestsPerSecond: latencies.length / measured,
          latencyMs: {
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: sorted[sorted.length - 1] ?? NaN,
            mean: sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1),
          },
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
    });
  });
}

process.on('message', (job: LoadJob) => {
  const send = (message: ClientMessage) => process.send!(message);
  (async () => {
    if (job.warmupSeconds > 0) await run(job, job.warmupSeconds);
    send({ type: 'measuring' });
    send({ type: 'done', result: await run(job, job.durationSeconds) });
  })().catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
