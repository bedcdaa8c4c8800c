// The express application: GraphQL (yoga) at /graphql; /livez (alive), /healthz and /readyz
// (ready); GraphiQL's files (development); /exports/me.json (subject access); the CSV exports; the web app at /
// (server/web-app.ts).
// Each request to /graphql passes, in order: request id and access log, security headers,
// CORS, the body limit, a check of JSON query parameters, the bearer token or session cookie
// check, the rate limit, then GraphQL with its query limits and execution timeout
// (server/security; docs/security.md). With OIDC_ISSUER set, /auth/* signs browsers in
// (server/auth/oidc).
import express from 'express';
import type { Store } from 'express-rate-limit';
import { createYoga } from 'graphql-yoga';
import { schema } from '../schema';
import type { DevTokenMinter, GraphQLContext } from '../schema/context';
import { compiledExecution } from './compiled-execution';
import { subjectAccessRoutes } from './exports/subject-access';
import { listExportRoutes } from './exports/list-exports';
import { boardReportRoutes } from './exports/board-report/route';
import { chromiumPathFor } from './exports/board-report/pdf';
import { calendarRoutes } from './calendar/route';
import { OidcIssuer } from './auth/oidc/issuer';
import { signInRoutes } from './auth/oidc/routes';
import { signInOptionsRoute } from './auth/sign-in-options';
import { SessionCookies } from './auth/oidc/session';
import { createRequestAuthenticator } from './auth/request-auth';
import { authenticate, mintToken } from './auth/tokens';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssets, renderGraphiQLPage } from './graphiql';
import { DEFAULT_WEB_APP_DIR, webApp } from './web-app';
import type { AppConfig } from './config';
import { pingDatabase } from './db/connection';
import type { Logger } from './logger';
import { httpErrorHandler, readBody } from './security/body-limit';
import { createDocumentCache } from './security/document-cache';
import { sendGraphQLError } from './security/graphql-errors';
import { executionTimeout, guardResolversWithDeadline } from './security/execution-timeout';
import { graphqlLimitPlugins } from './security/graphql-limits';
import { unexpectedErrorLogging, yogaLogger } from './security/graphql-logging';
import { corsPolicy, securityHeaders } from './security/http-headers';
import { costlyOperationRateLimit } from './security/rate-limit';
import { rejectMalformedParams } from './security/request-params';
import { authenticateRequest, authOf, identifyOperation, requestContext, requestIdOf } from './security/request-context';
import { introspectionPolicy } from './security/schema-exposure';
import { type SecuritySettings, securityDefaults } from './security/settings';

export interface AppOptions {
  config: Pick<AppConfig, 'jwtSecret' | 'nodeEnv'> & { security?: Partial<SecuritySettings>; compileQueries?: boolean; oidc?: AppConfig['oidc']; devSignIn?: boolean; pdfChromiumPath?: string | null };
  logger: Logger;
  /** The time, for checking token and session expiry (tests run it ahead). */
  clock?: () => Date;
  /**
   * Where rate-limit counts live: the database with MongoDB, so instances share one budget
   * per client (server/security/rate-limit-store.ts); unset, in this process's memory.
   */
  rateLimitStore?: Store;
  /**
   * The same for the downloads' hourly counts (subject access, CSV exports, board reports):
   * a store serves one limiter, so one is made per limit, its keys under `prefix`.
   */
  downloadRateLimitStore?: (prefix: string) => Store;
  /** False until start-up work (indexes, demo data) is done. */
  isReady?: () => boolean;
  /** The built web app served at `/` (default web/dist); null serves none. */
  webAppDir?: string | null;
}

/** A development sign-in lasts a working day; the app signs in again after it. */
const DEV_TOKEN_LIFETIME_S = 12 * 60 * 60;

interface ServerContext {
  req: express.Request;
  res: express.Response;
}

export function createApp({ config, logger, isReady = () => true, clock, rateLimitStore, downloadRateLimitStore, webAppDir = DEFAULT_WEB_APP_DIR }: AppOptions) {
  const production = config.nodeEnv === 'production';
  const graphiql = !production;
  // Signing in as anyone (the web app's development sign-in page) exists only outside
  // production; the GraphQL fields refuse with FORBIDDEN when this is null.
  const devSignIn: DevTokenMinter | null =
    !production && (config.devSignIn ?? true)
      ? async (claims) => {
          const expiresAtSeconds = Math.floor(Date.now() / 1000) + DEV_TOKEN_LIFETIME_S; // jose: a number is an absolute time
          return { token: await mintToken(claims, config.jwtSecret, expiresAtSeconds), expiresAt: new Date(expiresAtSeconds * 1000) };
        }
      : null;
  const security: SecuritySettings = { ...securityDefaults(config.nodeEnv), ...config.security };
  const oidc = config.oidc
    ? {
        issuer: new OidcIssuer(config.oidc, clock),
        sessions: new SessionCookies(config.jwtSecret, config.oidc.publicUrl, config.oidc.sessionMaxAgeSeconds, clock),
        publicOrigin: config.oidc.publicUrl,
      }
    : null;

  // Parsed and compiled documents, bounded by size; a document not held here counts against
  // the rate limit (server/security/document-cache.ts, operation.ts).
  const documents = createDocumentCache(security.documentCacheBytes);

  const yoga = createYoga<ServerContext, GraphQLContext>({
    schema: guardResolversWithDeadline(schema),
    parserAndValidationCache: documents.yoga,
    graphqlEndpoint: '/graphql',
    // GraphiQL's files come from this server (server/graphiql.ts), not from a CDN.
    graphiql: graphiql ? { title: 'School support GraphQL' } : false,
    renderGraphiQL: renderGraphiQLPage,
    landingPage: false,
    // CORS is express's (server/security/http-headers.ts); yoga's default would reflect any
    // origin and allow credentials.
    cors: false,
    logging: yogaLogger(logger),
    // The body limit is express's (readBody below, REQUEST_BODY_LIMIT, decompressed bytes):
    // yoga only ever sees a body already read into memory within it. yoga's own limit (25 MB)
    // re-streamed that buffer through a counting TransformStream on every request.
    maxRequestBodySize: false,
    // In production an unexpected error reads "Unexpected error." with no stack or cause.
    maskedErrors: { isDev: !production },
    plugins: [
      ...introspectionPolicy(security.introspection),
      ...graphqlLimitPlugins(security, { hideSuggestions: !security.fieldSuggestions }),
      unexpectedErrorLogging(logger),
      // Operations compiled to JavaScript once (server/compiled-execution.ts); GRAPHQL_JIT=off
      // runs graphql-js's own executor instead.
      ...(config.compileQueries === false ? [] : compiledExecution(documents)),
      // Last, so it wraps whichever executor runs.
      executionTimeout(security.executionTimeoutMs),
    ],
    context: async ({ request, res }) => {
      const outcome = (res && authOf(res)) ?? (await authenticate(request.headers.get('authorization'), config.jwtSecret));
      return {
        viewer: outcome.kind === 'authenticated' ? outcome.viewer : null,
        authProblem: outcome.kind === 'rejected' ? outcome.reason : null,
        authProblemCode: outcome.kind === 'rejected' ? (outcome.code ?? null) : null,
        requestId: res ? requestIdOf(res) : 'none',
        devSignIn,
      };
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', security.trustProxy);
  app.use(requestContext(logger));
  app.use(securityHeaders({ graphiql }));
  app.use(corsPolicy(security.corsOrigins));

  const authenticateCaller = createRequestAuthenticator({ jwtSecret: config.jwtSecret, oidc });
  // GraphQL first: its requests are most of the traffic, and every route registered before
  // it is matched against each of them (the routes below answer only paths of their own).
  app.use(
    yoga.graphqlEndpoint,
    readBody(security.bodyLimitBytes),
    rejectMalformedParams(),
    authenticateRequest(authenticateCaller),
    identifyOperation(security.maxTokens, documents),
    costlyOperationRateLimit(security.rateLimitPerMinute, logger, rateLimitStore),
    // yoga is a Node request listener; express 5 types want a RequestHandler.
    (req, res) => {
      void yoga(req, res, { req, res });
    },
  );

  // Liveness: the process answers, no database call (for restarts by an orchestrator).
  app.get('/livez', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'alive' });
  });
  // Readiness: started and the database answers. /healthz keeps the API.md contract
  // ("200 once the service is ready"), so it is a readiness check too.
  const readiness = async (_req: express.Request, res: express.Response) => {
    res.set('cache-control', 'no-store');
    if (!isReady()) return void res.status(503).json({ status: 'starting' });
    const database = await pingDatabase();
    res.status(database ? 200 : 503).json({ status: database ? 'ok' : 'database unreachable' });
  };
  app.get('/healthz', readiness);
  app.get('/readyz', readiness);
  app.use(signInOptionsRoute({ openIdConnect: !!oidc, developmentSignIn: !!devSignIn }));
  if (oidc) app.use(signInRoutes({ issuer: oidc.issuer, sessions: oidc.sessions, logger }));
  if (graphiql) app.use(GRAPHIQL_ASSETS_PATH, graphiqlAssets());
  app.use(subjectAccessRoutes(authenticateCaller, logger, { exportsPerHour: security.exportsPerHour, store: downloadRateLimitStore?.('exports:') }));
  // CSV exports of deployments, needs and a plan (server/exports/list-exports.ts, docs/exports.md).
  app.use(listExportRoutes(authenticateCaller, logger, { perHour: security.csvExportsPerHour, store: downloadRateLimitStore?.('csv-exports:') }));
  // The termly board report, HTML and PDF (server/exports/board-report).
  app.use(
    boardReportRoutes(authenticateCaller, logger, {
      chromiumPath: chromiumPathFor(config.pdfChromiumPath, config.nodeEnv),
      htmlPerHour: security.boardReportsPerHour,
      pdfPerHour: security.boardReportPdfsPerHour,
      pdfQueueLimit: security.pdfQueueLimit,
      storeFor: downloadRateLimitStore,
    }),
  );
  // Private iCalendar feeds of agreed deployments (server/calendar).
  app.use(calendarRoutes());

  // The web app at `/` (server/web-app.ts); it never answers the paths above.
  if (webAppDir) app.use(webApp(webAppDir));
  app.use((_req, res) => sendGraphQLError(res, 404, 'NOT_FOUND', 'Not found: GraphQL is served at /graphql'));
  app.use(httpErrorHandler(security.bodyLimitBytes, logger));
  return app;
}

