// `npm start`: choose the database, prepare it, serve GraphQL, and shut down gracefully.
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { buildDemoDataset } from '../seeds/demo';
import { isDatabaseEmpty, loadDataset } from '../seeds/load';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connectDatabase, databaseNameIn, DEFAULT_DATABASE_NAME } from './db/connection';
import { Academy } from './models/academy';
import { Cluster } from './models/cluster';
import { Deployment } from './models/deployment';
import { ImprovementNeed } from './models/improvement-need';
import { StaffMember } from './models/staff-member';
import { Trust } from './models/trust';
import { defaultSnapshotPath, enableReadCopySnapshot, restoreReadCopies, saveReadCopySnapshot, warmReadCopies } from './db/read-cache';
import { DatabaseUnavailableError } from './db/database-server';
import { selectDatabase } from './db/select-database';
import { demoTokens } from './demo-tokens';
import { drainOnShutdown } from './drain';
import { createLogger } from './logger';
import { createHttpServer } from './security/http-server';
import { backfillDeploymentStatusSince } from './services/deployment-backfill';
import { backfillCapacityYears, openSchoolYearEverywhere } from './services/school-year';
import { DatabaseRateLimitStore } from './security/rate-limit-store';
import { configureNotifications } from './notifications/notify';
import { startNotifications } from './notifications/runner';
import { refreshAllPriorities, refreshStalePriorities } from './services/need-priority';

const PRIORITY_REFRESH_MS = 60 * 60 * 1000;
const SHUTDOWN_GRACE_MS = 10_000;

/** Writes the copies' snapshot when it is on and the file is not current; logs what it did. */
async function saveSnapshotLogged(logger: ReturnType<typeof createLogger>, when: string): Promise<void> {
  try {
    const saved = await saveReadCopySnapshot();
    if (saved.saved) {
      const counts = saved.collections.map((c) => `${c.name} ${c.count}`).join(', ');
      logger.info(`read-copy snapshot written at ${when} in ${Math.round(saved.ms)} ms (${(saved.bytes / 1024 ** 2).toFixed(1)} MB: ${counts})`);
    } else if (saved.reason !== 'the snapshot is off' && !saved.reason.startsWith('copies are not in use')) {
      logger.info(`read-copy snapshot not written at ${when}: ${saved.reason}`);
    }
  } catch (error) {
    logger.error({ err: error }, `read-copy snapshot not written at ${when}`);
  }
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const saveSnapshot = (when: string) => saveSnapshotLogged(logger, when);
  let ready = false;

  let database;
  try {
    database = await selectDatabase({ mongodbUri: config.mongodbUri, log: (message) => logger.info(message) });
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  logger.info(`database: ${database.description}`);
  // The copies' snapshot (server/db/read-cache/snapshot.ts), armed before anything writes:
  // connecting itself may (connection.ts brings name keys up to date). Not with the embedded
  // database: it is created empty at every start.
  if (config.readCopiesSnapshot !== 'off' && database.kind === 'external') {
    const databaseName = databaseNameIn(database.uri) ?? DEFAULT_DATABASE_NAME;
    const path = config.readCopiesSnapshot === 'default' ? defaultSnapshotPath(database.uri, databaseName) : config.readCopiesSnapshot.path;
    enableReadCopySnapshot({ path, source: database.uri, log: (message) => logger.info(message) });
  }
  await connectDatabase(database.uri, undefined, { singleConnection: database.kind === 'ferretdb' });

  if (database.kind !== 'external' && (await isDatabaseEmpty())) {
    const summary = await loadDataset(buildDemoDataset());
    logger.info(summary, 'loaded the demo data into the embedded database');
  }
  // With FerretDB, reads are answered from in-process copies of the collections
  // (server/db/read-cache/): restored from the snapshot when it is exact, else loaded, before
  // saying ready, so the first requests are as fast as the rest. A no-op with MongoDB.
  // Before the start-up maintenance below: its writes would make the snapshot unusable,
  // while with the copies in place they are tracked document by document.
  const copiedModels = [Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment];
  const warmStarted = performance.now();
  const restored = await restoreReadCopies(copiedModels);
  if (await warmReadCopies(copiedModels, { readersUri: database.uri })) {
    const ms = Math.round(performance.now() - warmStarted);
    logger.info(restored.restored ? `read copies restored from the snapshot in ${ms} ms (${(restored.bytes / 1024 ** 2).toFixed(0)} MB)` : `read copies loaded in ${ms} ms`);
  }
  const backfilled = await backfillDeploymentStatusSince();
  if (backfilled) logger.info(`recorded when the current status began for ${backfilled} older deployments`);
  const yearsGiven = await backfillCapacityYears();
  if (yearsGiven) logger.info(`placed the days of ${yearsGiven} older staff records in this school year`);
  const openSchoolYear = async () => {
    const opened = await openSchoolYearEverywhere();
    if (opened) logger.info(`opened the school year for ${opened} staff (their last year archived as it stood)`);
  };
  await openSchoolYear();
  // Stored priorities are at most an hour old by design (the hourly refresh): catch up those
  // the time the server was down made older, and leave the rest (a restart writes nothing).
  await refreshStalePriorities(PRIORITY_REFRESH_MS, new Date(), 'store');
  const refresher = setInterval(() => {
    refreshAllPriorities(new Date(), 'store').catch((error: unknown) => logger.error({ err: error }, 'priority refresh failed'));
    openSchoolYear().catch((error: unknown) => logger.error({ err: error }, 'opening the school year failed'));
  }, PRIORITY_REFRESH_MS);
  refresher.unref();
  // What the maintenance changed, into the copies now rather than at the first request; and
  // the snapshot written unless the one on disk is still exact (before serving: it blocks).
  await warmReadCopies(copiedModels);
  await saveSnapshot('start-up');

  // Email: messages are written to the outbox with the changes they tell about; the sender
  // delivers them (server/notifications, docs/notifications.md).
  configureNotifications({ publicUrl: config.email.publicUrl, from: config.email.from, onProblem: (error) => logger.error({ err: error }, 'email: a message was not written; the repair sweep will write it') });
  const notifications = startNotifications(config.email, logger);

  // Rate-limit counts in the database with MongoDB, so several instances share one budget
  // per client; FerretDB 1.x serves one instance, whose memory is enough.
  const rateLimitStore = database.kind === 'ferretdb' ? undefined : new DatabaseRateLimitStore(mongoose.connection);
  const downloadRateLimitStore = database.kind === 'ferretdb' ? undefined : (prefix: string) => new DatabaseRateLimitStore(mongoose.connection, { prefix });
  const app = createApp({ config, logger, isReady: () => ready, rateLimitStore, downloadRateLimitStore });
  // Timeouts for slow clients and a cap on connections per address (server/security/http-server.ts).
  const server: Server = createHttpServer(app, config.security);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, () => resolve()));
  const drain = drainOnShutdown(server);

  // SIGTERM (or SIGINT): stop accepting connections, let the requests in flight finish (their
  // keep-alive connections close after them), then disconnect and exit 0. Requests still
  // running after SHUTDOWN_GRACE_MS are cut off. tests/api/operations.test.ts checks this
  // with 50 requests in flight. Installed before the ready line, which tells a supervisor
  // (or that test) that signals are handled from then on.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    ready = false;
    clearInterval(refresher);
    notifications.stop();
    server.close(async () => {
      try {
        await saveSnapshot(signal);
        await mongoose.disconnect();
        await database.stop();
        logger.info('stopped');
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    });
    drain.begin();
    // Logged once the port is closed: from here new connections are refused.
    logger.info({ inFlight: drain.inFlight() }, `${signal}: finishing in-flight requests, then closing`);
    setTimeout(() => {
      logger.warn({ inFlight: drain.inFlight() }, `requests still running after ${SHUTDOWN_GRACE_MS} ms: closing their connections`);
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  ready = true;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(`GraphQL ready at http://127.0.0.1:${port}/graphql`);
  if (config.oidc) {
    logger.info(`sign-in: OpenID Connect with ${config.oidc.issuer} (client ${config.oidc.clientId}); browsers sign in at ${config.oidc.publicUrl}/auth/login`);
  }
  logger.info(`web app at http://127.0.0.1:${port}/${config.devSignIn ? ' (development sign-in: pick anyone from the list)' : ''}`);

  if (config.printDemoTokens) {
    const tokens = await demoTokens(config.jwtSecret);
    const lines = tokens.map((t) => `  ${t.claims.role.padEnd(16)} ${t.who}\n    Authorization: Bearer ${t.token}`);
    // Printed plainly, not logged: development-only tokens signed with a secret made for this run.
    console.log(`\nDemo tokens (valid 7 days, for this run's ${config.jwtSecretGenerated ? 'generated' : 'configured'} secret):\n${lines.join('\n')}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
