// `npm start`: choose the database, prepare it, serve GraphQL, and shut down gracefully.
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { buildDemoDataset } from '../seeds/demo';
import { isDatabaseEmpty, loadDataset } from '../seeds/load';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connectDatabase } from './db/connection';
import { Academy } from './models/academy';
import { Cluster } from './models/cluster';
import { Deployment } from './models/deployment';
import { ImprovementNeed } from './models/improvement-need';
import { StaffMember } from './models/staff-member';
import { Trust } from './models/trust';
import { warmReadCopies } from './db/read-cache';
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
import { refreshAllPriorities } from './services/need-priority';

const PRIORITY_REFRESH_MS = 60 * 60 * 1000;
const SHUTDOWN_GRACE_MS = 10_000;

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
  await connectDatabase(database.uri, undefined, { singleConnection: database.kind === 'ferretdb' });

  if (database.kind !== 'external' && (await isDatabaseEmpty())) {
    const summary = await loadDataset(buildDemoDataset());
    logger.info(summary, 'loaded the demo data into the embedded database');
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
  await refreshAllPriorities();
  const refresher = setInterval(() => {
    refreshAllPriorities().catch((error: unknown) => logger.error({ err: error }, 'priority refresh failed'));
    openSchoolYear().catch((error: unknown) => logger.error({ err: error }, 'opening the school year failed'));
  }, PRIORITY_REFRESH_MS);
  refresher.unref();
  // With FerretDB, reads are answered from in-process copies of the collections
  // (server/db/read-cache/): load them before saying ready, so the first requests
  // are as fast as the rest. A no-op with MongoDB.
  const warmStarted = performance.now();
  if (await warmReadCopies([Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment])) {
    logger.info(`read copies loaded in ${Math.round(performance.now() - warmStarted)} ms`);
  }

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
