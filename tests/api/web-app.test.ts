// The web app served at `/` (server/web-app.ts), on a small build made by the test: hashed
// assets cached for a year, index.html revalidated and served for every page of the app's
// router, never for the service's own paths or for a missing asset, under a content security
// policy of this origin only.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../support/test-api';

const dist = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
const INDEX = (marker: string) =>
  `<!doctype html><html lang="en"><head><title>${marker}</title><script type="module" src="/assets/app-4f2a9c1e.js"></script><link rel="stylesheet" href="/assets/app-77b0d2aa.css"></head><body><div id="root"></div></body></html>`;
const servers: { close(): Promise<void> }[] = [];
let origin: string;

const page = (p: string, init: RequestInit = {}) => fetch(`${origin}${p}`, { ...init, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...(init.headers ?? {}) } });
const csp = (header: string | null) =>
  Object.fromEntries((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));

beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX('build one'));
  writeFileSync(path.join(dist, 'assets', 'app-4f2a9c1e.js'), 'console.log("app");\n');
  writeFileSync(path.join(dist, 'assets', 'app-77b0d2aa.css'), 'body { margin: 0 }\n');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(tmpdir(), 'outside-the-build.txt'), 'secret');
  const server = await startServer({ webAppDir: dist });
  servers.push(server);
  origin = server.origin;
});
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the app at /', () => {
  it('serves index.html, revalidated every time, under a policy of this origin only', async () => {
    const res = await page('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>build one</title>');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const policy = csp(res.headers.get('content-security-policy'));
    expect(policy).toMatchObject({ 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'connect-src': ["'self'"], 'frame-ancestors': ["'none'"] });
    expect(res.headers.get('content-security-policy')).not.toMatch(/https?:|unsafe/);
    expect((await fetch(`${origin}/`, { method: 'HEAD', headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it("answers every page of the app's router with index.html, and shows a new build at once", async () => {
    for (const p of ['/needs/SW1wcm92ZW1lbnROZWVk', '/allocation', '/teacher/profile?tab=expertise']) {
      const res = await page(p);
      expect({ p, status: res.status, title: /<title>([^<]*)/.exec(await res.text())?.[1] }).toEqual({ p, status: 200, title: 'build one' });
    }
    writeFileSync(path.join(dist, 'index.html'), INDEX('build two'));
    expect(await (await page('/allocation')).text()).toContain('<title>build two</title>');
  });

  it('serves hashed assets cached for a year, other files revalidated, and a missing asset as 404', async () => {
    const script = await fetch(`${origin}/assets/app-4f2a9c1e.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const style = await fetch(`${origin}/assets/app-77b0d2aa.css`);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    const icon = await fetch(`${origin}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    // Even a browser asking for HTML gets a 404, not the app, for a missing asset.
    expect((await page('/assets/app-00000000.js')).status).toBe(404);
    expect((await fetch(`${origin}/assets/app-00000000.js`)).status).toBe(404);
  });

  it('never serves a file from outside the build', async () => {
    for (const p of ['/../outside-the-build.txt', '/%2e%2e/outside-the-build.txt', '/assets/%2e%2e/%2e%2e/outside-the-build.txt', '/..%2foutside-the-build.txt']) {
      const res = await fetch(`${origin}${p}`);
      expect({ p, body: (await res.text()).includes('secret') }).toEqual({ p, body: false });
    }
  });

  it('leaves a request that does not ask for a page (an API client) to the JSON 404', async () => {
    const res = await fetch(`${origin}/allocation`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(csp(res.headers.get('content-security-policy'))['default-src']).toEqual(["'none'"]);
  });
});

describe("the service's own paths are never the app", () => {
  it('GraphQL, GraphiQL, health and exports answer as before, even for a browser', async () => {
    const graphql = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    const graphiql = await (await page('/graphql')).text();
    expect(graphiql).toContain('/graphiql/assets/');
    expect(graphiql).not.toContain('build');
    for (const p of ['/healthz', '/readyz', '/livez']) {
      const res = await page(p);
      expect({ p, type: res.headers.get('content-type') }).toEqual({ p, type: expect.stringMatching(/json/) });
    }
    // An export answers for itself (here: who are you?), never with the app.
    const exported = await page('/exports/deployments.csv');
    expect({ status: exported.status, app: (await exported.text()).includes('<title>build') }).toEqual({ status: 401, app: false });
    for (const p of ['/graphql/extra', '/graphiql/assets/none.js', '/exports/none.csv', '/healthz/x']) {
      const res = await page(p);
      const body = await res.text();
      expect({ p, status: res.status, app: body.includes('<title>build') }).toEqual({ p, status: 404, app: false });
    }
  });

  it('in production too: no GraphiQL, but the app and the API', async () => {
    const production = await startServer({ config: { nodeEnv: 'production' }, webAppDir: dist });
    servers.push(production);
    const app = await fetch(`${production.origin}/hub/1`, { headers: { accept: 'text/html' } });
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('<title>build');
    const graphqlPage = await (await fetch(`${production.origin}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(graphqlPage).not.toContain('<title>build');
  });
});

describe('before the app is built', () => {
  it('says how to build it, rather than a bare 404', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'web-dist-empty-'));
    const server = await startServer({ webAppDir: empty });
    servers.push(server);
    try {
      const res = await fetch(`${server.origin}/`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/npm run build:web/);
      expect((await fetch(`${server.origin}/livez`)).status).toBe(200); // the service itself is up
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
