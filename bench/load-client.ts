// The load generator for bench/run.ts, in its own process (forked with IPC) so that it does
// not share the server's event loop or its memory figure. It runs autocannon against a URL,
// cycling through the given GraphQL request bodies, records every response time (autocannon
// reports p90 and p97.5 but not p95), and sends the figures back.
//
// With `onceEach` every body is sent at most once (the first-time scenarios: each request asks
// for a need or a person not ranked before): the warm-up takes `warmupBodies`, the measurement
// `bodies`, and each stops early when its bodies run out. `repeats` counts bodies sent again
// (with onceEach it must be 0: the run says so rather than cycling silently).
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  bodies: string[];
  headers: Record<string, string>;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Send each body at most once (warm-up from warmupBodies, measurement from bodies). */
  onceEach?: boolean;
  warmupBodies?: string[];
}

export interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Bodies sent: all of them, or with onceEach the distinct ones used. */
  distinctBodies: number;
  /** With onceEach, requests whose body had been sent before in this run (0 unless it ran out); 0 otherwise (cycling is intended there). */
  repeats: number;
}

export type ClientMessage = { type: 'measuring' } | { type: 'done'; result: LoadResult } | { type: 'failed'; message: string };

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function run(job: LoadJob, bodies: string[], seconds: number): Promise<LoadResult> {
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
        // Each connection prepares its next request before its last response is counted, so
        // a once-each run stops `connections` short of the bodies: none is sent twice.
        ...(job.onceEach ? { maxOverallRequests: Math.max(job.connections, bodies.length - job.connections) } : {}),
        requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
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
          distinctBodies: Math.min(next, bodies.length),
          repeats: job.onceEach ? Math.max(0, latencies.length - bodies.length) : 0,
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
    const warmupBodies = job.onceEach ? (job.warmupBodies ?? []) : job.bodies;
    if (job.warmupSeconds > 0 && warmupBodies.length > job.connections) await run(job, warmupBodies, job.warmupSeconds);
    send({ type: 'measuring' });
    send({ type: 'done', result: await run(job, job.bodies, job.durationSeconds) });
  })().catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
