// The web app (web/, built by Vite into web/dist) served at `/` by the same server as the
// API, so `npm start` is the whole product. Hashed files under /assets/ are cached for a year;
// index.html is revalidated every time, so a new build shows at once. Any other page a
// browser navigates to (/needs/…, /allocation…) gets index.html, and the app's router takes
// over. Paths of the service itself (GraphQL, GraphiQL, health, exports, sign-in) are never answered
// with the app, whatever is built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { webAppContentSecurityPolicy } from './security/http-headers';

export const DEFAULT_WEB_APP_DIR = path.resolve(__dirname, '../web/dist');

/** Prefixes that belong to the service, never to the app. */
const RESERVED = ['/graphql', '/graphiql', '/healthz', '/readyz', '/livez', '/exports', '/auth'];
const isReserved = (p: string) => RESERVED.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));

const HASHED = '/assets/';
const YEAR_S = 365 * 24 * 60 * 60;

/** Whether the request is a browser navigating to a page (not a script, image or API call). */
const wantsPage = (req: express.Request) => (req.method === 'GET' || req.method === 'HEAD') && (req.get('accept') ?? '').includes('text/html');

export function webApp(dir: string = DEFAULT_WEB_APP_DIR): express.Router {
  const router = express.Router();
  const index = path.join(dir, 'index.html');
  const policy = webAppContentSecurityPolicy();
  const guard: RequestHandler = (req, _res, next) => (isReserved(req.path) ? next('router') : next());

  router.use(guard);
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        policy(res.req, res, () => undefined);
        const hashed = path.relative(dir, file).split(path.sep).join('/').startsWith(HASHED.slice(1));
        res.setHeader('cache-control', hashed ? `public, max-age=${YEAR_S}, immutable` : 'no-cache');
      },
    }),
  );
  // index.html for `/` and for every page of the app's router; never for a missing asset.
  router.use((req, res, next) => {
    if (!wantsPage(req) || req.path.startsWith(HASHED)) return next();
    policy(req, res, () => undefined);
    if (!existsSync(index)) {
      res.status(503).set({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      return void res.send('The web app is not built yet: run `npm run build:web` (`npm start` builds it when it is missing).\n');
    }
    res.set('cache-control', 'no-cache');
    res.sendFile(index, { dotfiles: 'deny', lastModified: true }, (error) => error && next(error));
  });
  return router;
}
