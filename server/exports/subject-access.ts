// GET /exports/me.json: subject access (UK GDPR article 15). The caller's own data, as one
// JSON document to download (server/services/personal-data.ts says what it holds, and audits
// each export). A bearer token (GET or POST); a browser session with a POST from the
// service's own pages (the session cookie's CSRF rule, docs/security.md). Never anyone
// else's data: there is no parameter naming whose.
//
// Rate-limited per person (SUBJECT_ACCESS_EXPORTS_PER_HOUR): an export gathers every record
// and audit entry about them, far more work than a query, so a script repeating it must not
// load the database. Counted per verified subject (else per address), in the database with
// MongoDB (every instance shares the count), as the GraphQL limit is.
import express, { type RequestHandler } from 'express';
import type { Store } from 'express-rate-limit';
import type { RequestAuthenticator } from '../auth/request-auth';
import type { Logger } from '../logger';
import { sendGraphQLError } from '../security/graphql-errors';
import { subjectAccessExport } from '../services/personal-data';
import { callerOf, identifyCaller, perPersonLimit } from './per-person-limit';

export interface SubjectAccessOptions {
  /** Exports per person per hour; 0: no limit. */
  exportsPerHour: number;
  /** Where the counts live (the database with MongoDB); unset: this process's memory. */
  store?: Store | undefined;
}

export function subjectAccessRoutes(authenticate: RequestAuthenticator, logger: Logger, options: SubjectAccessOptions): express.Router {
  const router = express.Router();
  const identify = identifyCaller(authenticate);
  const limit = perPersonLimit({
    perHour: options.exportsPerHour,
    store: options.store,
    logger,
    what: 'Too many exports of your data',
    note: 'The last one you downloaded is complete; a new one is ready after that.',
  });
  const handler: RequestHandler = (_req, res, next) => {
    const outcome = callerOf(res);
    if (outcome.kind !== 'authenticated') {
      const reason = outcome.kind === 'rejected' ? outcome.reason : 'send Authorization: Bearer <token>, or sign in';
      return sendGraphQLError(res, 401, 'UNAUTHENTICATED', `Not authenticated: ${reason}. Your own data is exported to you once signed in.`);
    }
    subjectAccessExport(outcome.viewer)
      .then((body) => {
        logger.info({ sub: outcome.viewer.sub, role: outcome.viewer.role }, 'subject access export');
        res.status(200).set('content-disposition', 'attachment; filename="my-data.json"').json(body);
      })
      .catch(next);
  };
  router.get('/exports/me.json', identify, limit, handler);
  router.post('/exports/me.json', identify, limit, handler);
  return router;
}
