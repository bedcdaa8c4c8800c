// GraphQL's part of the logs: yoga's own messages as structured pino lines, and every
// unexpected resolver error with the request id, so the masked "Unexpected error." a client
// sees can be found in the logs by the x-request-id it was given.
import { GraphQLError } from 'graphql';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context';
import type { Logger } from '../logger';

type Level = 'debug' | 'info' | 'warn' | 'error';

export function yogaLogger(logger: Logger): YogaLogger {
  const forward =
    (level: Level) =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (typeof first === 'string') logger[level](rest.length ? { details: rest } : {}, first);
      else if (first instanceof Error) logger[level]({ err: first }, first.message);
      else logger[level]({ details: args }, 'graphql-yoga');
    };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}

export function unexpectedErrorLogging(logger: Logger): Plugin<GraphQLContext> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result }) {
          if (!result || !('errors' in result) || !result.errors) return;
          for (const error of result.errors) {
            const cause = error.originalError;
            // Deliberate errors (FORBIDDEN, BAD_USER_INPUT...) are answers, not faults.
            if (!cause || cause instanceof GraphQLError) continue;
            logger.error({ requestId: (args.contextValue as GraphQLContext).requestId, path: error.path, err: cause }, 'unexpected error in a resolver');
          }
        },
      };
    },
  };
}
