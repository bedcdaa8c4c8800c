// HTTP hardening (server/security): security headers and a content security policy that
// still lets GraphiQL run in development, CORS, production error masking, request ids.
import { Trust } from '../../server/models/trust';
import { startServer, type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
const servers: { close(): Promise<void> }[] = [];
async function server(nodeEnv: 'development' | 'production' | 'test', security = {}) {
  const s = await startServer({ config: { nodeEnv, security } });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  api = await startTestApi();
});
afterEach(() => jest.restoreAllMocks());
afterAll(async () => {
  for (const s of servers) await s.close();
  await api.close();
});

const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body: JSON.stringify({ query }) });

/** The CSP directives as a map, e.g. { 'script-src': ["'self'"] }. */
function csp(header: string | null): Record<string, string[]> {
  return Object.fromEntries((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('security headers', () => {
  it('sends the usual hardening headers and, in production, a CSP that allows nothing to load', async () => {
    const production = await server('production');
    const res = await post(production.url, '{ __typename }');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(csp(res.headers.get('content-security-policy'))).toMatchObject({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
    // No GraphiQL page in production.
    const page = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<html');
  });

  it('serves GraphiQL in development from this server alone: every file it names is same-origin and answers, and the CSP names no CDN', async () => {
    const development = await server('development');
    const page = await fetch(development.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const policy = csp(page.headers.get('content-security-policy'));
    // Every URL the page names (src, href, and the editor workers in its JSON), none elsewhere.
    const named = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const workers = Object.values(JSON.parse(/<script type="application\/json" id="graphiql-workers">([^<]*)<\/script>/.exec(html)![1]!) as Record<string, string>);
    const urls = [...named, ...workers];
    expect(urls.length).toBeGreaterThanOrEqual(8); // icon, stylesheet, three scripts, three workers
    expect(html).not.toMatch(/https?:\/\//);
    for (const url of urls) {
      expect(url).toMatch(/^\/graphiql\/assets\/[\w.-]+$/);
      const asset = await fetch(new URL(url, development.origin));
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    // No inline script runs: scripts are files of this origin, options are JSON.
    expect([...html.matchAll(/<script(?![^>]*\b(?:src=|type="application\/json"))[^>]*>/g)]).toEqual([]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['worker-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unpkg|https?:/);
    // An asset that is not there is a 404, and production serves none of it.
    expect((await fetch(`${development.origin}/graphiql/assets/graphiql-0000000000000000.js`)).status).toBe(404);
    const production = await server('production');
    expect((await fetch(new URL(workers[0]!, production.origin))).status).toBe(404);
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

  it('allows any origin in development, without credentials (tokens travel in a header, not cookies)', async () => {
    const res = await preflight(api.url, 'https://someone.example');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows no browser origin in production unless CORS_ORIGINS names it', async () => {
    const closed = await server('production');
    expect((await preflight(closed.url, 'https://someone.example')).headers.get('access-control-allow-origin')).toBeNull();
    const open = await server('production', { corsOrigins: ['https://app.example.org'] });
    const ok = await preflight(open.url, 'https://app.example.org');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await post(open.url, '{ __typename }', { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});

describe('errors in production', () => {
  const internal = () => {
    throw new Error('connection to mongodb://admin:hunter2@db.internal:27017 failed at /srv/app/server/db.ts:42');
  };

  it('masks an unexpected error: no message, stack or cause reaches the client', async () => {
    const production = await server('production');
    jest.spyOn(Trust, 'find').mockImplementation(internal as never);
    const res = await post(production.url, '{ trusts(first: 1) { edges { node { name } } } }');
    const text = await res.text();
    expect(JSON.parse(text).errors).toEqual([expect.objectContaining({ message: 'Unexpected error.' })]);
    expect(text).not.toMatch(/hunter2|mongodb:|db\.internal|\/srv\/|\.ts:|stack|originalError/);
  });

  it('keeps deliberate errors (codes and messages meant for the client) and hides field suggestions', async () => {
    const production = await server('production');
    const forbidden = (await (await post(production.url, 'mutation { createTrust(input: { name: "X" }) { trust { id } } }')).json()) as any;
    expect(forbidden.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const typo = (await (await post(production.url, '{ academie { id } }')).json()) as any;
    expect(typo.errors[0].message).not.toMatch(/Did you mean/);
  });

  it('shows the cause in development and tests, where it helps', async () => {
    jest.spyOn(Trust, 'find').mockImplementation(internal as never);
    const res = await api.gql('{ trusts(first: 1) { edges { node { name } } } }');
    expect(JSON.stringify(res.errors)).toContain('hunter2');
  });
});

describe('request ids and unknown paths', () => {
  it('echoes a well-formed x-request-id, replaces a malformed one, and makes one up otherwise', async () => {
    const echoed = await post(api.url, '{ __typename }', { 'x-request-id': 'client-abc.123' });
    expect(echoed.headers.get('x-request-id')).toBe('client-abc.123');
    const replaced = await post(api.url, '{ __typename }', { 'x-request-id': `injected" level=error ${'x'.repeat(200)}` });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const made = await fetch(api.url.replace('/graphql', '/healthz'));
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await fetch(api.url.replace('/graphql', '/admin'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
