// What the benches that time requests to the real server on a generated national dataset share
// (board report, deployment lists, deployment export): their numeric options, a database of
// their own generated afresh (dropped first, so a previous run leaves nothing behind), the
// largest trust (the worst case they measure), the app with production settings on a
// loopback port, percentiles, and one way of failing (the error in full, exit 1).
import type { AddressInfo } from 'node:net';
import mongoose, { type Types } from 'mongoose';
import pino from 'pino';
import { generateIntoDatabase } from '../../seeds/generate-command';
import type { NationalOptions } from '../../seeds/national';
import { type AppOptions, createApp } from '../../server/app';
import { connectDatabase } from '../../server/db/connection';
import type { DatabaseServer } from '../../server/db/database-server';
import { selectDatabase } from '../../server/db/select-database';
import { Academy } from '../../server/models/academy';

export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

/** The number after `--name` on the command line, else `fallback`. */
export function numberOption(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The p-th percentile of `values` (nearest rank below). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `bench` on database `dbName` (on MONGODB_URI, else an embedded server) holding a freshly
 * generated dataset, then disconnects and stops the embedded server however `bench` ends.
 */
export async function withGeneratedDatabase(dbName: string, dataset: NationalOptions, bench: (database: DatabaseServer) => Promise<void>): Promise<void> {
  const database = await selectDatabase({ mongodbUri: process.env.MONGODB_URI ?? null, log: (m) => console.log(m) });
  try {
    const connect = () => connectDatabase(database.uri, dbName, { singleConnection: database.kind === 'ferretdb' });
    await connect();
    await mongoose.connection.db!.dropDatabase();
    await connect();
    await generateIntoDatabase(dataset, (line) => console.log(line.trim()));
    await bench(database);
  } finally {
    await mongoose.disconnect();
    await database.stop();
  }
}

/** The trust with the most schools, and how many it has. */
export async function largestTrust(): Promise<{ _id: Types.ObjectId; n: number }> {
  const [largest] = await Academy.aggregate<{ _id: Types.ObjectId; n: number }>([{ $match: { trustId: { $ne: null } } }, { $group: { _id: '$trustId', n: { $sum: 1 } } }, { $sort: { n: -1 } }, { $limit: 1 }]);
  return largest!;
}

/** The real app as production runs it (no rate limit: the bench is the only caller), listening on a loopback port. */
export async function startBenchApp(config: Partial<AppOptions['config']> = {}): Promise<{ origin: string; close(): void }> {
  const app = createApp({ config: { jwtSecret: BENCH_SECRET, nodeEnv: 'production', devSignIn: false, security: { rateLimitPerMinute: 0 }, ...config }, logger: pino({ level: 'silent' }), webAppDir: null });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** Runs the bench; a failure prints the error in full and exits 1 (success ends when the work does). */
export function runHttpBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
