// Per-person hourly limits on downloads that cost far more than a query (a subject-access
// export, a CSV of a whole list, a board report, a PDF that starts a browser), so a script
// repeating one cannot load the database or the machine. Counted per verified subject (else
// per address), in the database with MongoDB so every instance shares the count (the store,
// server/security/rate-limit-store.ts; one store per limit), as the GraphQL limit is.
import type express from 'express';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { RequestAuthenticator } from '../auth/request-auth';
import type { AuthOutcome } from '../auth/tokens';
import type { Logger } from '../logger';
import { sendGraphQLError } from '../security/graphql-errors';

const HOUR_MS = 60 * 60 * 1000;

/** The caller, authenticated once before the limit (which counts by person) and the handler. */
export const callerOf = (res: express.Response) => res.locals.downloadCaller as AuthOutcome;

export function identifyCaller(authenticate: RequestAuthenticator): RequestHandler {
  return (req, res, next) => {
    res.set('cache-control', 'no-store');
    authenticate(req)
      .then((outcome) => {
        res.locals.downloadCaller = outcome;
        next();
      })
      .catch(next);
  };
}

export interface PerPersonLimitOptions {
  /** Requests per person per hour; 0: no limit. */
  perHour: number;
  /** Where the counts live (the database with MongoDB); unset: this process's memory. */
  store?: Store | undefined;
  logger: Logger;
  /** The refusal's first sentence, e.g. "Too many CSV exports". */
  what: string;
  /** Said after when to retry, e.g. "The last file you downloaded is complete." */
  note?: string;
}

/** When the limit lets the person in again, in words a person reads: "in 1,234 s (at 16:05 UTC)". */
export function retryWording(retryAfterSeconds: number, now = Date.now()): string {
  const at = new Date(now + retryAfterSeconds * 1000).toISOString().slice(11, 16);
  return `retry after ${retryAfterSeconds} s (at ${at} UTC)`;
}

export function perPersonLimit({ perHour, store, logger, what, note }: PerPersonLimitOptions): RequestHandler {
  if (perHour <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: HOUR_MS,
    limit: perHour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(store ? { store } : {}),
    keyGenerator: (req, res) => {
      const outcome = callerOf(res);
      return outcome.kind === 'authenticated' ? `sub:${outcome.viewer.sub}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader('retry-after') ?? 3600);
      const message = `${what}: at most ${perHour} an hour. ${note ? `${note} ` : ''}Please ${retryWording(retryAfter)}.`;
      sendGraphQLError(res, 429, 'RATE_LIMITED', message, { retryAfterSeconds: retryAfter });
    },
    logger: { error: (error, message) => logger.error({ err: error }, message ?? 'rate limiter error'), warn: (error, message) => logger.warn({ err: error }, message ?? 'rate limiter warning') },
  });
}
