// Per-request state kept on res.locals: the request id, who is calling (the bearer token
// checked once, here, for the rate limiter, the access log and the GraphQL context alike)
// and what operation they asked for. Ends with one structured access-log line per request.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RequestAuthenticator } from '../auth/request-auth';
import type { AuthOutcome } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';
import type { Logger } from '../logger';
import type { DocumentCache } from './document-cache';
import { describeOperation, type OperationInfo } from './operation';

interface RequestState {
  requestId: string;
  startedAt: bigint;
  auth?: AuthOutcome;
  operation?: OperationInfo;
}

const STATE = Symbol('requestState');

function stateOf(res: Response): RequestState {
  const state = (res.locals as { [STATE]?: RequestState })[STATE];
  if (!state) throw new Error('requestContext middleware must run first');
  return state;
}

export const requestIdOf = (res: Response): string => stateOf(res).requestId;
export const authOf = (res: Response): AuthOutcome | undefined => stateOf(res).auth;
export const viewerOf = (res: Response): Viewer | null => {
  const auth = stateOf(res).auth;
  return auth?.kind === 'authenticated' ? auth.viewer : null;
};
export const operationOf = (res: Response): OperationInfo | undefined => stateOf(res).operation;

/** The path alone: a GET query string carries the query and its variables. */
function pathOf(req: Request): string {
  const url = req.originalUrl || req.url;
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  // A calendar feed's path is its secret: never written to the log.
  if (path.startsWith('/calendar/')) return '/calendar/[secret].ics';
  return path.slice(0, 200);
}

/** A caller's id is echoed only when it is short and plain, so it cannot forge log content. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const state: RequestState = { requestId, startedAt: process.hrtime.bigint() };
    (res.locals as { [STATE]?: RequestState })[STATE] = state;
    res.setHeader('x-request-id', requestId);
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      // A line the logger would drop (its level above this one's) is not built: its fields
      // cost a proxy-address walk (req.ip) and a dozen reads per request for nothing.
      if (!logger.isLevelEnabled(res.statusCode >= 500 ? 'error' : 'info')) return;
      const viewer = state.auth?.kind === 'authenticated' ? state.auth.viewer : null;
      // Never headers, bodies or query strings: they carry tokens and personal data.
      const line = {
        requestId,
        method: req.method,
        path: pathOf(req),
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - state.startedAt) / 1e3) / 1e3,
        operationName: state.operation?.operationName ?? null,
        operationType: state.operation?.operationType ?? null,
        viewer: viewer ? { sub: viewer.sub, role: viewer.role } : null,
        ...(state.auth?.kind === 'rejected' ? { authProblem: state.auth.reason } : {}),
        ip: req.ip,
        aborted: !res.writableFinished,
      };
      if (res.statusCode >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    };
    res.once('finish', log);
    res.once('close', log);
    next();
  };
}

/** Checks the bearer token or session cookie once per request; an invalid one is remembered, not refused here. */
export function authenticateRequest(authenticate: RequestAuthenticator): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    authenticate(req).then(
      (outcome) => {
        stateOf(res).auth = outcome;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** Reads the operation (after the body is read) for the rate limiter and the access log. */
export function identifyOperation(maxTokens: number, documents: Pick<DocumentCache, 'has' | 'parsed'>): RequestHandler {
  return (req, res, next) => {
    stateOf(res).operation = describeOperation(req, maxTokens, documents);
    next();
  };
}
