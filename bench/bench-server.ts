// The real server for the stress scripts (bench/distinct-documents.ts, bench/hub-query.ts), as
// server/main.ts runs it in production: a database (MONGODB_URI, else the embedded one) with a
// generated dataset, the in-process copies loaded when the database is FerretDB, createApp
// with production settings behind createHttpServer, on a loopback port. Import
// './production-env' before this module.
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import pino from 'pino';
import { generateIntoDatabase } from '../seeds/generate-command';
import { createApp } from '../server/app';
import { connectDatabase } from '../server/db/connection';
import { selectDatabase } from '../server/db/select-database';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { Trust } from '../server/models/trust';
import { createHttpServer } from '../server/security/http-server';
import { type SecuritySettings, securityDefaults } from '../server/security/settings';
import { warmReadCopies } from '../server/db/read-cache';

export const BENCH_JWT_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

export interface BenchServer {
  url: string;
  databaseDescription: string;
  dataSummary: string;
  close(): Promise<void>;
}

export async function startBenchServer(options: {
  dataset: { academies: number; staff: number; needs: number; seed?: number };
  security?: Partial<SecuritySettings>;
  log: (line: string) => void;
}): Promise<BenchServer> {
  const database = await selectDatabase({ mongodbUri: process.env.MONGODB_URI ?? null, log: options.log });
  if (database.kind === 'external') throw new Error('the stress scripts generate their own data: run them without MONGODB_URI (embedded database)');
  await connectDatabase(database.uri, 'stress', { singleConnection: database.kind === 'ferretdb', monitorCommands: true });
  const { summary, loadMs } = await generateIntoDatabase({ seed: 20261123, ...options.dataset }, (line) => options.log(line.trim()));
  const dataSummary = `${summary.academies} academies, ${summary.clusters} hubs, ${summary.staff} staff, ${summary.needs} open needs (loaded in ${(loadMs / 1000).toFixed(0)} s)`;
  await warmReadCopies([Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment]);
  const security = { ...securityDefaults('production'), ...options.security };
  const app = createApp({ config: { jwtSecret: BENCH_JWT_SECRET, nodeEnv: 'production', security }, logger: pino({ level: 'silent' }), isReady: () => true });
  const server = createHttpServer(app, security);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    databaseDescription: database.description,
    dataSummary,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mongoose.disconnect();
      await database.stop();
    },
  };
}

/** Peak resident memory, sampled every 100 ms while running. */
export function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return {
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function post(url: string, query: string, token?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.json() };
}
