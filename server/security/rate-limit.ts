// Rate limit on what is costly: mutations, rankings, plans and documents the server has not
// seen yet (see operation.ts), per client: the verified token subject, else the IP address.
// Reads of known documents are bounded by the query limits instead, so browsing with an
// application's usual queries is never throttled.
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Logger } from '../logger';
import { sendGraphQLError } from './graphql-errors';
import { operationOf, viewerOf } from './request-context';

const WINDOW_MS = 60_000;

/** `store`: where the counts live; default in process memory (one instance only). */
export function costlyOperationRateLimit(perMinute: number, logger: Logger, store?: Store): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(store ? { store } : {}),
    // Counted once the operation is known; a request not read with certainty counts.
    skip: (_req, res) => operationOf(res)?.rateLimited === false,
    keyGenerator: (req, res) => {
      // Only a verified subject: an unverified one would let a client pick a fresh bucket.
      const viewer = viewerOf(res);
      return viewer ? `sub:${viewer.sub}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader('retry-after') ?? 60);
      sendGraphQLError(res, 429, 'RATE_LIMITED', `Too many mutations, rankings and new query documents: at most ${perMinute} a minute per client. Retry after ${retryAfter} s.`, {
        retryAfterSeconds: retryAfter,
      });
    },
    logger: { error: (error, message) => logger.error({ err: error }, message ?? 'rate limiter error'), warn: (error, message) => logger.warn({ err: error }, message ?? 'rate limiter warning') },
  });
}
