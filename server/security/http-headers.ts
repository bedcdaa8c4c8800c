// Security headers (helmet) and CORS. The API answers JSON to programs; only development
// serves an HTML page, GraphiQL, which loads its code from unpkg and runs inline scripts, so
// only there does the content security policy allow those.
import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { SecuritySettings } from './settings';

const GRAPHIQL_CDN = 'https://unpkg.com';

export function securityHeaders(options: { graphiql: boolean }): RequestHandler {
  const directives: Record<string, string[]> = options.graphiql
    ? {
        defaultSrc: ["'self'"],
        // Development only; the editor bundle may compile code at run time.
        scriptSrc: ["'self'", "'unsafe-inline'", "'unsafe-eval'", GRAPHIQL_CDN],
        styleSrc: ["'self'", "'unsafe-inline'", GRAPHIQL_CDN],
        // GraphiQL fetches the editor's worker scripts and runs them from blob: URLs.
        connectSrc: ["'self'", GRAPHIQL_CDN],
        workerSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'https://raw.githubusercontent.com'],
        fontSrc: ["'self'", 'data:', GRAPHIQL_CDN],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      }
    : { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Responses are JSON for programs on other origins (within CORS), not embeddable resources.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

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
