// The web app downloads the exports with its session cookie (docs/exports.md, "Who may
// download"): a JSON POST from the service's own pages. The cookie counts only on such a POST
// whose Origin is PUBLIC_URL (the CSRF rule, docs/security.md), so another site cannot make a
// signed-in person's browser fetch a file for it. Signed in for real: a real OpenID provider
// (oidc-provider, in this process), the issuer's own login pages, the service's callback.
import type { OidcSettings } from '../../server/auth/oidc/settings';
import { Browser } from '../support/browser';
import { csvObjects } from '../support/csv';
import { type TestClient, completeIssuerInteraction, startTestIssuer, type TestIssuer } from '../support/oidc-issuer';
import { startServer, startTestApi, type TestApi } from '../support/test-api';
import { createAcademy, createTrust, must, raiseNeed } from '../support/world';

let api: TestApi;
let issuer: TestIssuer;
let web: Awaited<ReturnType<typeof startServer>>;
let trustId: string;
let needIds: string[];
let browser: Browser;

const WEB_SECRET = 'web-client-secret-for-tests-0123456789';
let clients: TestClient[] = [];
const ENROL = `mutation ($input: EnrolUserInput!) { enrolUser(input: $input) { directoryUser { id } userErrors { field message code } } }`;

function oidcSettings(origin: string, issuerUrl: string): OidcSettings {
  return {
    issuer: issuerUrl,
    clientId: 'support-web',
    clientSecret: WEB_SECRET,
    audiences: ['support-web'],
    scopes: 'openid email profile',
    publicUrl: origin,
    emailsVerified: false,
    sessionMaxAgeSeconds: 8 * 3600,
    allowInsecureHttp: true,
    jwksCooldownMs: 0,
  };
}

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.token('ADMIN');
  trustId = await createTrust(api, admin, 'Cookie Trust');
  const schools = [await createAcademy(api, admin, { name: 'Cookie Primary', trustId }), await createAcademy(api, admin, { name: 'Cookie Juniors', trustId })];
  needIds = [];
  for (const school of schools) needIds.push((await raiseNeed(api, admin, school)).id);
  await must(api, ENROL, { input: { email: 'lead@cookie.example', subject: 'cookie-lead-sub', role: 'IMPROVEMENT_LEAD', trustId } }, admin, 'enrolUser');

  issuer = await startTestIssuer(() => clients, { 'cookie-lead-sub': { email: 'lead@cookie.example', name: 'Cleo Lead' } });
  web = await startServer((origin) => ({ config: { oidc: oidcSettings(origin, issuer.issuer) } }));
  clients = [{ client_id: 'support-web', client_secret: WEB_SECRET, redirect_uris: [`${web.origin}/auth/callback`], token_endpoint_auth_method: 'client_secret_post' }];

  browser = new Browser();
  const back = (url: string) => url.startsWith(`${web.origin}/records`);
  const loginPage = await browser.navigate(`${web.origin}/auth/login?returnTo=${encodeURIComponent('/records')}`, {}, back);
  await completeIssuerInteraction(browser, loginPage, 'cookie-lead-sub', back);
  expect(await browser.cookie(`${web.origin}/`, 'support-session')).toBeTruthy();
});

afterAll(async () => {
  await web?.close();
  await issuer?.close();
  await api.close();
});

/** A download as the web app's page makes it: POST, a JSON body of the parameters, its Origin, the cookie from the jar. */
function pagePost(path: string, params: Record<string, unknown>, headers: Record<string, string | null> = {}) {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries({ 'content-type': 'application/json', origin: web.origin, ...headers })) if (value !== null) merged[name] = value;
  return browser.request(`${web.origin}${path}`, { method: 'POST', headers: merged, body: JSON.stringify(params) });
}

async function expectRefused(res: Response, reason: RegExp) {
  expect([401, 403]).toContain(res.status);
  expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  const body = (await res.json()) as any;
  expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect(body.errors[0].message).toMatch(reason);
}

describe('CSV exports with the session cookie', () => {
  it('answers a JSON POST from the service origin with the file, the same one the person gets with a bearer token', async () => {
    const res = await pagePost('/exports/needs.csv', { trustId, status: ['OPEN'] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const text = await res.text();
    expect(csvObjects(text).rows.map((r) => r.id).sort()).toEqual([...needIds].sort());
    // The same person (the directory record's subject, role and trust) with a bearer token.
    const lead = await api.token('IMPROVEMENT_LEAD', { sub: 'cookie-lead-sub', trustId });
    const bearer = await fetch(`${web.origin}/exports/needs.csv?${new URLSearchParams({ trustId, status: 'OPEN' })}`, { headers: { authorization: `Bearer ${lead}` } });
    expect(bearer.status).toBe(200);
    expect(await bearer.text()).toBe(text);

    const deployments = await pagePost('/exports/deployments.csv', { trustId });
    expect(deployments.status).toBe(200);
    expect(csvObjects(await deployments.text()).header[0]).toBe('id');
  });

  it('refuses the cookie from another origin, or with no Origin at all', async () => {
    for (const origin of ['https://evil.example', 'null', `${web.origin}.evil.example`]) {
      await expectRefused(await pagePost('/exports/needs.csv', { trustId }, { origin }), /session cookie is accepted only from pages of/);
    }
    await expectRefused(await pagePost('/exports/needs.csv', { trustId }, { origin: null }), /session cookie is accepted only from pages of/);
  });

  it('refuses the cookie on a GET, and on a POST a form could send (not JSON)', async () => {
    await expectRefused(await browser.request(`${web.origin}/exports/needs.csv?${new URLSearchParams({ trustId })}`), /only on POST/);
    await expectRefused(await browser.request(`${web.origin}/exports/deployments.csv`, { headers: { origin: web.origin } }), /only on POST/);
    const form = await browser.request(`${web.origin}/exports/needs.csv`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web.origin }, body: `trustId=${encodeURIComponent(trustId)}` });
    await expectRefused(form, /only with Content-Type: application\/json/);
  });
});

describe('the board report with the session cookie', () => {
  it('answers a JSON POST from the service origin, and refuses one from elsewhere or a GET', async () => {
    const query = new URLSearchParams({ trustId, term: '2026-autumn' });
    const ok = await browser.request(`${web.origin}/reports/board?${query}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: web.origin }, body: '{}' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Cookie Trust');
    await expectRefused(await browser.request(`${web.origin}/reports/board?${query}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' }), /accepted only from pages of/);
    await expectRefused(await browser.request(`${web.origin}/reports/board?${query}`), /only on POST/);
  });
});
