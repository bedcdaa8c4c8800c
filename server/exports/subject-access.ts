// GET /exports/me.json: subject access (UK GDPR article 15). The caller's own data, as one
// JSON document to download (server/services/personal-data.ts says what it holds). A bearer
// token (GET or POST); a browser session with a POST from the service's own pages (the
// session cookie's CSRF rule, docs/security.md). Never anyone else's data: there is no
// parameter naming whose.
import express, { type RequestHandler } from 'express';
import type { RequestAuthenticator } from '../auth/request-auth';
import type { Logger } from '../logger';
import { sendGraphQLError } from '../security/graphql-errors';
import { subjectAccessExport } from '../services/personal-data';

export function subjectAccessRoutes(authenticate: RequestAuthenticator, logger: Logger): express.Router {
  const router = express.Router();
  const handler: RequestHandler = (req, res, next) => {
    res.set('cache-control', 'no-store');
    authenticate(req)
      .then(async (outcome) => {
        if (outcome.kind !== 'authenticated') {
          const reason = outcome.kind === 'rejected' ? outcome.reason : 'send Authorization: Bearer <token>, or sign in';
          return sendGraphQLError(res, 401, 'UNAUTHENTICATED', `Not authenticated: ${reason}. Your own data is exported to you once signed in.`);
        }
        const body = await subjectAccessExport(outcome.viewer);
        logger.info({ sub: outcome.viewer.sub, role: outcome.viewer.role }, 'subject access export');
        res.status(200).set('content-disposition', 'attachment; filename="my-data.json"').json(body);
      })
      .catch(next);
  };
  router.get('/exports/me.json', handler);
  router.post('/exports/me.json', handler);
  return router;
}
