// The express application: GraphQL (yoga) at /graphql, health at /healthz and /readyz.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { createYoga } from 'graphql-yoga';
import { schema } from '../schema';
import type { GraphQLContext } from '../schema/context';
import { authenticate } from './auth/tokens';
import type { AppConfig } from './config';
import { pingDatabase } from './db/connection';
import type { Logger } from './logger';

export interface AppOptions {
  config: Pick<AppConfig, 'jwtSecret' | 'nodeEnv'>;
  logger: Logger;
  /** False until start-up work (indexes, demo data) is done. */
  isReady?: () => boolean;
}

export function createApp({ config, logger, isReady = () => true }: AppOptions) {
  const yoga = createYoga<{ req: express.Request; res: express.Response }, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: config.nodeEnv !== 'production',
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args),
      info: (...args) => logger.info(args),
      warn: (...args) => logger.warn(args),
      error: (...args) => logger.error(args),
    },
    maskedErrors: { isDev: config.nodeEnv !== 'production' },
    context: async ({ request }) => {
      const outcome = await authenticate(request.headers.get('authorization'), config.jwtSecret);
      return {
        viewer: outcome.kind === 'authenticated' ? outcome.viewer : null,
        authProblem: outcome.kind === 'rejected' ? outcome.reason : null,
        requestId: request.headers.get('x-request-id') ?? randomUUID(),
      };
    },
  });

  const app = express();
  app.disable('x-powered-by');

  const health = async (_req: express.Request, res: express.Response) => {
    const ok = isReady() && (await pingDatabase());
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'starting' });
  };
  app.get('/healthz', health);
  app.get('/readyz', health);
  // yoga is a Node request listener; express 5 types want a RequestHandler.
  app.use(yoga.graphqlEndpoint, (req, res) => {
    void yoga(req, res, { req, res });
  });
  return app;
}
