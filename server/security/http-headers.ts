// Security headers (helmet) and CORS. The API answers JSON to programs, under a content
// security policy that allows nothing to load. Two kinds of pages get their own policy, each
// allowing this origin only ('self'), never a CDN: GraphiQL in development (server/graphiql.ts
// serves all of its files) and the web app (server/web-app.ts).
import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { SecuritySettings } from './settings';

type Directives = Record<string, string[]>;

const FRAMING_AND_BASE: Directives = { objectSrc: ["'none'"], baseUri: ["'none'"], frameAncestors: ["'none'"] };

/** JSON for programs: nothing may load. */
export const API_DIRECTIVES: Directives = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

/** GraphiQL: its scripts, styles, editor workers and fonts all come from this origin. */
export const GRAPHIQL_DIRECTIVES: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // The editor (monaco) adds style elements and attributes at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  ...FRAMING_AND_BASE,
};

/** The web app: built files from this origin, GraphQL on this origin. */
export const WEB_APP_DIRECTIVES: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  manifestSrc: ["'self'"],
  formAction: ["'self'"],
  ...FRAMING_AND_BASE,
};

function headersWith(directives: Directives): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Responses are for this site and for programs on other origins (within CORS), not embeddable resources.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/** Whether a path is GraphiQL's: its page at /graphql and its files under /graphiql/. */
const isGraphiQLPath = (path: string) => path === '/graphql' || path === '/graphql/' || path.startsWith('/graphiql/');

export function securityHeaders(options: { graphiql: boolean }): RequestHandler {
  const api = headersWith(API_DIRECTIVES);
  const graphiql = headersWith(GRAPHIQL_DIRECTIVES);
  return (req, res, next) => (options.graphiql && isGraphiQLPath(req.path) ? graphiql : api)(req, res, next);
}

/** Only the content security policy, for a router that serves pages of its own (the web app). */
export const webAppContentSecurityPolicy = (): RequestHandler => helmet.contentSecurityPolicy({ useDefaults: false, directives: WEB_APP_DIRECTIVES });

/**
 * CORS for browser clients. Credentials are never allowed: bearer tokens travel in the
 * Authorization header, and the web app's session cookie (server/auth/oidc) is for pages of
 * this service's own origin only, so no page elsewhere can make a browser use either.
 */
export function corsPolicy(origins: SecuritySettings['corsOrigins']): RequestHandler {
  return cors({
    origin: origins === '*' ? '*' : origins.length ? origins : false,
    credentials: false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'accept', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'ratelimit', 'ratelimit-policy', 'retry-after'],
    maxAge: 600,
  });
}
