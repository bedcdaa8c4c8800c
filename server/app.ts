// The express application: GraphQL (yoga) at /graphql; /livez (alive), /healthz and /readyz (ready).
// Each request to /graphql passes, in order: request id and access log, security headers,
// CORS, the body limit, a check of JSON query parameters, the bearer token check, the rate
// limit, then GraphQL with its query limits (server/security; docs/security.md).
import express from 'express';
import { createYoga } from 'graphql-yoga';
import { schema } from '../schema';
import type { GraphQLContext } from '../schema/context';
import { compiledExecution } from './compiled-execution';
import { authenticate } from './auth/tokens';
import type { AppConfig } from './config';
import { pingDatabase } from './db/connection';
import type { Logger } from './logger';
import { httpErrorHandler, readBody } from './security/body-limit';
import { createDocumentCache } from './security/document-cache';
import { sendGraphQLError } from './security/graphql-errors';
import { graphqlLimitPlugins } from './security/graphql-limits';
import { unexpectedErrorLogging, yogaLogger } from './security/graphql-logging';
import { corsPolicy, securityHeaders } from './security/http-headers';
import { costlyOperationRateLimit } from './security/rate-limit';
import { rejectMalformedParams } from './security/request-params';
import { authenticateRequest, authOf, identifyOperation, requestContext, requestIdOf } from './security/request-context';
import { type SecuritySettings, securityDefaults } from './security/settings';

export interface AppOptions {
  config: Pick<AppConfig, 'jwtSecret' | 'nodeEnv'> & { security?: Partial<SecuritySettings>; compileQueries?: boolean };
  logger: Logger;
  /** False until start-up work (indexes, demo data) is done. */
  isReady?: () => boolean;
}

interface ServerContext {
  req: express.Request;
  res: express.Response;
}

export function createApp({ config, logger, isReady = () => true }: AppOptions) {
  const production = config.nodeEnv === 'production';
  const graphiql = !production;
  const security: SecuritySettings = { ...securityDefaults(config.nodeEnv), ...config.security };

  // Parsed and compiled documents, bounded by size; a document not held here counts against
  // the rate limit (server/security/document-cache.ts, operation.ts).
  const documents = createDocumentCache(security.documentCacheBytes);

  const yoga = createYoga<ServerContext, GraphQLContext>({
    schema,
    parserAndValidationCache: documents.yoga,
    graphqlEndpoint: '/graphql',
    graphiql,
    landingPage: false,
    // CORS is express's (server/security/http-headers.ts); yoga's default would reflect any
    // origin and allow credentials.
    cors: false,
    logging: yogaLogger(logger),
    // In production an unexpected error reads "Unexpected error." with no stack or cause.
    maskedErrors: { isDev: !production },
    plugins: [
      ...graphqlLimitPlugins(security, { hideSuggestions: production }),
      unexpectedErrorLogging(logger),
      // Operations compiled to JavaScript once (server/compiled-execution.ts); GRAPHQL_JIT=off
      // runs graphql-js's own executor instead.
      ...(config.compileQueries === false ? [] : compiledExecution(documents)),
    ],
    context: async ({ request, res }) => {
      const outcome = (res && authOf(res)) ?? (await authenticate(request.headers.get('authorization'), config.jwtSecret));
      return {
        viewer: outcome.kind === 'authenticated' ? outcome.viewer : null,
        authProblem: outcome.kind === 'rejected' ? outcome.reason : null,
        requestId: res ? requestIdOf(res) : 'none',
      };
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', security.trustProxy);
  app.use(requestContext(logger));
  app.use(securityHeaders({ graphiql }));
  app.use(corsPolicy(security.corsOrigins));

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

  app.use(
    yoga.graphqlEndpoint,
    readBody(security.bodyLimitBytes),
    rejectMalformedParams(),
    authenticateRequest(config.jwtSecret),
    identifyOperation(security.maxTokens, documents),
    costlyOperationRateLimit(security.rateLimitPerMinute, logger),
    // yoga is a Node request listener; express 5 types want a RequestHandler.
    (req, res) => {
      void yoga(req, res, { req, res });
    },
  );
  app.use((_req, res) => sendGraphQLError(res, 404, 'NOT_FOUND', 'Not found: GraphQL is served at /graphql'));
  app.use(httpErrorHandler(security.bodyLimitBytes, logger));
  return app;
}

