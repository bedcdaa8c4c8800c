// Sign-in with OpenID Connect against a real provider (oidc-provider, in this process on
// 127.0.0.1): the browser flow through the issuer's own login and consent pages, bearer
// tokens from it, a key rotation, a wrong audience, expiry, people not enrolled, sign-out.
import { decodeProtectedHeader } from 'jose';
import type { OidcSettings } from '../../server/auth/oidc/settings';
import { Browser } from '../support/browser';
import { type TestClient, type TestIssuer, completeIssuerInteraction, startTestIssuer, tokensForClient } from '../support/oidc-issuer';
import { startServer, startTestApi, type TestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, must } from '../support/world';

let api: TestApi;
let admin: string;
let issuer: TestIssuer;
let web: Awaited<ReturnType<typeof startServer>>;
/** The same service, its clock nine hours ahead: ID tokens (1 h) and sessions (8 h) have expired there. */
let late: Awaited<ReturnType<typeof startServer>>;
let northTrust: string;
let teacherStaffId: string;

const WEB_SECRET = 'web-client-secret-for-tests-0123456789';
let clients: TestClient[] = [];

const ACCOUNTS = {
  'ada-sub': { email: 'Ada.Teacher@north.example', name: 'Ada Teacher' },
  'lead-sub': { email: 'lead@north.example', name: 'Lee Lead' },
  'stranger-sub': { email: 'stranger@elsewhere.example', name: 'Stan Stranger' },
  // Claims the enrolled teacher's address without the issuer having verified it.
  'unverified-sub': { email: 'ada.teacher@north.example', name: 'Not Ada', emailVerified: false },
};

const ENROL = `mutation ($input: EnrolUserInput!) { enrolUser(input: $input) { directoryUser { id email role } userErrors { field message code } } }`;
const VIEWER = `{ viewer { subject role signedInWith trust { name } staffMember { id name } directoryUser { email } } }`;

function oidcSettings(origin: string, issuerUrl: string): OidcSettings {
  return {
    issuer: issuerUrl,
    clientId: 'support-web',
    clientSecret: WEB_SECRET,
    audiences: ['support-web', 'support-mobile'],
    scopes: 'openid email profile',
    publicUrl: origin,
    emailsVerified: false,
    sessionMaxAgeSeconds: 8 * 3600,
    allowInsecureHttp: true,
    // Refetch the key set as soon as a token names an unknown key (production waits 30 s).
    jwksCooldownMs: 0,
  };
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.token('ADMIN');
  northTrust = await createTrust(api, admin, 'North Trust');
  const school = await createAcademy(api, admin, { name: 'North Primary', trustId: northTrust });
  teacherStaffId = (await createStaff(api, admin, school, { name: 'Ada Teacher', email: 'ada.teacher@north.example', role: 'TEACHER' })).id;
  await must(api, ENROL, { input: { email: 'ada.teacher@north.example', role: 'TEACHER', staffMemberId: teacherStaffId } }, admin, 'enrolUser');
  await must(api, ENROL, { input: { email: 'lead@north.example', subject: 'lead-sub', role: 'IMPROVEMENT_LEAD', trustId: northTrust } }, admin, 'enrolUser');

  issuer = await startTestIssuer(() => clients, ACCOUNTS);
  web = await startServer((origin) => ({ config: { oidc: oidcSettings(origin, issuer.issuer) } }));
  late = await startServer((origin) => ({
    config: { oidc: oidcSettings(origin, issuer.issuer) },
    clock: () => new Date(Date.now() + 9 * 3600 * 1000),
  }));
  clients = [
    {
      client_id: 'support-web',
      client_secret: WEB_SECRET,
      redirect_uris: [`${web.origin}/auth/callback`, `${late.origin}/auth/callback`],
      post_logout_redirect_uris: [`${web.origin}/`],
      token_endpoint_auth_method: 'client_secret_post',
    },
    // A native app of the same service: public client, ES256 ID tokens, an accepted audience.
    { client_id: 'support-mobile', redirect_uris: ['http://127.0.0.1/mobile-callback'], token_endpoint_auth_method: 'none', id_token_signed_response_alg: 'ES256', application_type: 'native' },
    // Some other application trusting the same issuer.
    { client_id: 'other-app', client_secret: 'other-app-secret-0123456789', redirect_uris: ['http://127.0.0.1/other-callback'], token_endpoint_auth_method: 'client_secret_post' },
  ];
});

afterAll(async () => {
  await web?.close();
  await late?.close();
  await issuer?.close();
  await api.close();
});

/** GraphQL as the web app's own page sends it: POST, JSON, its Origin, cookies from the jar. */
async function pageGql(browser: Browser, server: { url: string; origin: string }, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await browser.request(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', origin: server.origin, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
}

async function bearerGql(server: { url: string }, token: string, query: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

/** Signs `login` in through /auth/login, the issuer's pages and /auth/callback; returns the hops. */
async function signIn(browser: Browser, login: string, server = web, returnTo = '/needs') {
  const back = (url: string) => url.startsWith(`${server.origin}${returnTo}`);
  const loginPage = await browser.navigate(`${server.origin}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {}, back);
  return completeIssuerInteraction(browser, loginPage, login, (url) => back(url));
}

describe('browser sign-in (Authorization Code with PKCE, backend for frontend)', () => {
  it('signs a person in through the issuer and answers GraphQL as their directory record says', async () => {
    const browser = new Browser();
    const done = await signIn(browser, 'ada-sub');
    expect(done.url).toBe(`${web.origin}/needs`);

    // The authorization request carried PKCE (S256), state and nonce.
    const login = await browser.navigate(`${web.origin}/auth/login`, {}, (url) => url.startsWith(issuer.issuer));
    const authorize = new URL(login.url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${web.origin}/auth/callback`);

    // The session is an HttpOnly, SameSite=Lax cookie; no token from the issuer reached the browser.
    const cookies = await browser.jar.getCookies(`${web.origin}/`);
    const session = cookies.find((c) => c.key === 'support-session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
    expect(done.hops.some((hop) => /code=/.test(hop.url) && hop.url.startsWith(`${web.origin}/auth/callback`) && hop.status === 303)).toBe(true);
    for (const hop of done.hops) expect(hop.location ?? '').not.toMatch(/id_token|access_token/);

    const me = await pageGql(browser, web, VIEWER);
    expect(me.errors).toBeUndefined();
    expect(me.data.viewer).toEqual({
      subject: 'ada-sub',
      role: 'TEACHER',
      signedInWith: 'OIDC_SESSION',
      trust: { name: 'North Trust' },
      staffMember: { id: teacherStaffId, name: 'Ada Teacher' },
      directoryUser: { email: 'ada.teacher@north.example' },
    });

    // A write as that person: their own profile, recorded under their subject.
    const update = await pageGql(browser, web, `mutation ($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { staffMember { maxTravelKm } userErrors { message } } }`, {
      input: { id: teacherStaffId, maxTravelKm: 25 },
    });
    expect(update.data.updateStaffMember).toEqual({ staffMember: { maxTravelKm: 25 }, userErrors: [] });
    const history = await api.gql(`query ($id: ID!) { history(id: $id, first: 1) { action actor { sub role } } }`, { id: teacherStaffId }, { token: admin });
    expect(history.data.history[0]).toEqual({ action: 'UPDATED', actor: { sub: 'ada-sub', role: 'TEACHER' } });
  });

  it('honours the session cookie only on same-origin JSON POSTs (CSRF), writing nothing otherwise', async () => {
    const browser = new Browser();
    await signIn(browser, 'ada-sub');
    const forged: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: '' },
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
    ];
    for (const headers of forged) {
      const body = JSON.stringify({ query: `mutation { updateStaffMember(input: { id: "${teacherStaffId}", maxTravelKm: 99 }) { userErrors { message } } }` });
      const base: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', origin: web.origin };
      const merged = { ...base, ...headers };
      if (merged.origin === '') delete merged.origin;
      const response = await browser.request(web.url, { method: 'POST', headers: merged, body });
      const result = (await response.json().catch(() => ({}))) as { errors?: any[] };
      // Refused outright (a body that is not JSON), or answered as a caller without a session.
      if (response.status === 200 && result.errors?.[0]?.extensions?.code !== 'BAD_REQUEST') {
        expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(result.errors?.[0]?.message).toMatch(/session cookie is accepted only/);
      } else if (response.status !== 200) {
        expect(response.status).toBeGreaterThanOrEqual(400);
      }
    }
    const get = await browser.request(`${web.url}?query=${encodeURIComponent('{ viewer { role } }')}`, { headers: { accept: 'application/json' } });
    expect(((await get.json()) as any).errors[0].message).toMatch(/only on POST/);
    const read = await api.gql(`query ($id: ID!) { node(id: $id) { ... on StaffMember { maxTravelKm } } }`, { id: teacherStaffId }, { token: admin });
    expect(read.data.node.maxTravelKm).not.toBe(99);
  });

  it('refuses a person the directory does not know: a "not enrolled" page, no session', async () => {
    const browser = new Browser();
    const done = await signIn(browser, 'stranger-sub');
    expect(done.url).toBe(`${web.origin}/auth/callback${new URL(done.url).search}`);
    expect(done.status).toBe(403);
    expect(done.body).toContain('Not enrolled');
    expect(done.body).toContain('stranger@elsewhere.example');
    expect(await browser.cookie(`${web.origin}/`, 'support-session')).toBeUndefined();
    expect((await pageGql(browser, web, VIEWER)).data.viewer).toBeNull();
  });

  it('after "not enrolled", lets the person sign in as someone else: the issuer asks who, instead of bringing the same account back', async () => {
    const browser = new Browser();
    const refused = await signIn(browser, 'stranger-sub');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<a href="/auth/login?prompt=login">Sign in as someone else</a>');
    const back = (url: string) => url.startsWith(`${web.origin}/auth/callback`) || url.startsWith(`${web.origin}/needs`);
    // A plain sign-in again: the issuer still has the stranger's session and returns it.
    const same = await browser.navigate(`${web.origin}/auth/login`, {}, back);
    expect(same.body).not.toMatch(/name="login"/);
    // The link on the page: the issuer shows its login form, and another account gets in.
    const toNeeds = (url: string) => url.startsWith(`${web.origin}/needs`);
    const asked = await browser.navigate(`${web.origin}/auth/login?prompt=login&returnTo=${encodeURIComponent('/needs')}`, {}, toNeeds);
    expect(new URL(asked.url).origin).toBe(new URL(issuer.issuer).origin);
    let done = await completeIssuerInteraction(browser, asked, 'ada-sub', toNeeds);
    // The issuer ends the stranger's session first (a form a browser submits by script), then
    // asks for consent for the new account.
    for (let step = 0; step < 3 && !toNeeds(done.url) && /<form/.test(done.body); step += 1) done = await browser.submitForm(done, {}, { stopAt: toNeeds });
    expect(done.url).toBe(`${web.origin}/needs`);
    expect((await pageGql(browser, web, VIEWER)).data.viewer).toMatchObject({ subject: 'ada-sub', role: 'TEACHER' });
  });

  it('refuses an email the issuer has not verified, even one the directory knows', async () => {
    const browser = new Browser();
    const done = await signIn(browser, 'unverified-sub');
    expect(done.status).toBe(403);
    expect(await browser.cookie(`${web.origin}/`, 'support-session')).toBeUndefined();
  });

  it('signs out: the cookie is cleared, the issuer ends its session too, and a kept copy of the cookie no longer works', async () => {
    const browser = new Browser();
    await signIn(browser, 'ada-sub');
    const kept = await browser.cookie(`${web.origin}/`, 'support-session');
    expect(kept).toBeTruthy();

    const refused = await browser.request(`${web.origin}/auth/logout`, { method: 'POST' });
    expect(refused.status).toBe(403);

    const out = await browser.navigate(`${web.origin}/auth/logout`, { method: 'POST', headers: { origin: web.origin } }, (url) => url.startsWith(web.origin));
    expect(out.hops[0]!.status).toBe(303);
    expect(out.hops[0]!.location).toMatch(new RegExp(`^${issuer.issuer}/session/end\\?`));
    expect(await browser.cookie(`${web.origin}/`, 'support-session')).toBeUndefined();
    // The issuer asks to confirm, then sends the browser back to the service.
    const back = await browser.submitForm(out, { logout: 'yes' }, { formId: 'op.logoutForm', stopAt: (url) => url.startsWith(web.origin) });
    expect(back.url).toBe(`${web.origin}/`);

    expect((await pageGql(browser, web, VIEWER)).data.viewer).toBeNull();
    const replay = await fetch(web.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web.origin, cookie: `support-session=${kept}` },
      body: JSON.stringify({ query: VIEWER }),
    });
    const replayed = (await replay.json()) as any;
    expect(replayed.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/signed out/) });

    // Signing in again works at once.
    await signIn(browser, 'ada-sub');
    expect((await pageGql(browser, web, VIEWER)).data.viewer.role).toBe('TEACHER');
  });

  it('ends a session when the session lifetime has passed', async () => {
    const browser = new Browser();
    await signIn(browser, 'ada-sub');
    const kept = await browser.cookie(`${web.origin}/`, 'support-session');
    const response = await fetch(late.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: late.origin, cookie: `support-session=${kept}` },
      body: JSON.stringify({ query: VIEWER }),
    });
    const result = (await response.json()) as any;
    expect(result.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/session has expired/) });
  });
});

describe('bearer tokens from the issuer', () => {
  it('accepts an ES256 token for an accepted audience, with role and scopes from the directory', async () => {
    const { id_token } = await tokensForClient(new Browser(), issuer.issuer, clients[1]!, 'lead-sub');
    expect(decodeProtectedHeader(id_token).alg).toBe('ES256');
    const result = await bearerGql(web, id_token, VIEWER);
    expect(result.errors).toBeUndefined();
    expect(result.data.viewer).toMatchObject({ subject: 'lead-sub', role: 'IMPROVEMENT_LEAD', signedInWith: 'OIDC_BEARER', trust: { name: 'North Trust' } });
  });

  it('gives a person with no staff record their email preference from their directory record', async () => {
    const { id_token } = await tokensForClient(new Browser(), issuer.issuer, clients[1]!, 'lead-sub');
    const mine = await bearerGql(web, id_token, `{ myEmailPreference { email dailyDigest } }`);
    expect(mine.data.myEmailPreference).toEqual({ email: 'lead@north.example', dailyDigest: false });
    const set = await bearerGql(web, id_token, `mutation { setEmailPreference(input: { dailyDigest: true }) { emailPreference { email dailyDigest } userErrors { code } } }`);
    expect(set.data.setEmailPreference).toEqual({ emailPreference: { email: 'lead@north.example', dailyDigest: true }, userErrors: [] });
    expect((await bearerGql(web, id_token, `{ myEmailPreference { email dailyDigest } }`)).data.myEmailPreference).toEqual({ email: 'lead@north.example', dailyDigest: true });
  });

  it('accepts tokens signed with a key the issuer rotated in, without a restart', async () => {
    const before = await tokensForClient(new Browser(), issuer.issuer, clients[1]!, 'lead-sub');
    expect((await bearerGql(web, before.id_token, VIEWER)).data.viewer.role).toBe('IMPROVEMENT_LEAD');
    const oldKid = decodeProtectedHeader(before.id_token).kid;

    await issuer.rotateKeys();
    const after = await tokensForClient(new Browser(), issuer.issuer, clients[1]!, 'lead-sub');
    const newKid = decodeProtectedHeader(after.id_token).kid;
    expect(newKid).not.toBe(oldKid);
    expect(issuer.signingKids()).toContain(newKid);
    const result = await bearerGql(web, after.id_token, VIEWER);
    expect(result.errors).toBeUndefined();
    expect(result.data.viewer.role).toBe('IMPROVEMENT_LEAD');

    // The browser flow verifies ID tokens with the new key as well.
    const browser = new Browser();
    await signIn(browser, 'ada-sub');
    expect((await pageGql(browser, web, VIEWER)).data.viewer.role).toBe('TEACHER');
  });

  it('refuses a token issued to another application (wrong audience)', async () => {
    const { id_token } = await tokensForClient(new Browser(), issuer.issuer, clients[2]!, 'lead-sub');
    const result = await bearerGql(web, id_token, VIEWER);
    expect(result.data?.viewer ?? null).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/another application/) });
  });

  it('refuses an expired token', async () => {
    const { id_token } = await tokensForClient(new Browser(), issuer.issuer, clients[1]!, 'lead-sub');
    expect((await bearerGql(web, id_token, VIEWER)).data.viewer.role).toBe('IMPROVEMENT_LEAD');
    const result = await bearerGql(late, id_token, VIEWER);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/) });
  });

  it('answers a person the directory does not know with NOT_ENROLLED, and refuses their writes', async () => {
    const { id_token } = await tokensForClient(new Browser(), issuer.issuer, clients[1]!, 'stranger-sub');
    const result = await bearerGql(web, id_token, VIEWER);
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'NOT_ENROLLED' },
      message: expect.stringMatching(/stranger@elsewhere\.example .*not enrolled/),
    });
    const write = await bearerGql(web, id_token, `mutation { createTrust(input: { name: "Stranger Trust" }) { trust { id } } }`);
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'NOT_ENROLLED' });
    const trusts = await api.gql(`{ trusts(first: 10, filter: { nameContains: "Stranger" }) { edges { node { id } } } }`);
    expect(trusts.data.trusts.edges).toEqual([]);
  });

  it('keeps HS256 service tokens working beside the issuer', async () => {
    const result = await bearerGql(web, admin, VIEWER);
    expect(result.data.viewer).toMatchObject({ role: 'ADMIN', signedInWith: 'SERVICE_TOKEN', directoryUser: null });
  });
});

describe('the directory decides, request by request', () => {
  it("ends a person's open session as soon as their directory record is removed", async () => {
    const browser = new Browser();
    await signIn(browser, 'ada-sub');
    const me = await pageGql(browser, web, VIEWER);
    expect(me.data.viewer.role).toBe('TEACHER');
    const id = (await api.gql(`{ directoryUsers(first: 1, filter: { emailContains: "ada" }) { edges { node { id } } } }`, {}, { token: admin })).data.directoryUsers.edges[0].node.id;
    const removed = await api.gql(`mutation ($id: ID!) { removeDirectoryUser(input: { id: $id }) { removedId } }`, { id }, { token: admin });
    expect(removed.data.removeDirectoryUser.removedId).toBe(id);
    const after = await pageGql(browser, web, VIEWER);
    expect(after.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'NOT_ENROLLED' } });
  });
});

describe('what the web app is told about signing in (GET /auth/options)', () => {
  it('offers the organisation sign-in where an issuer is configured, and development sign-in only where it is on', async () => {
    const withIssuer = await fetch(`${web.origin}/auth/options`);
    expect(withIssuer.status).toBe(200);
    expect(withIssuer.headers.get('cache-control')).toBe('no-store');
    expect(await withIssuer.json()).toEqual({ openIdConnect: { loginPath: '/auth/login', logoutPath: '/auth/logout' }, developmentSignIn: true });

    const noDevelopment = await startServer((origin) => ({ config: { oidc: oidcSettings(origin, issuer.issuer), devSignIn: false } }));
    try {
      expect(await (await fetch(`${noDevelopment.origin}/auth/options`)).json()).toEqual({
        openIdConnect: { loginPath: '/auth/login', logoutPath: '/auth/logout' },
        developmentSignIn: false,
      });
    } finally {
      await noDevelopment.close();
    }

    const withoutIssuer = new URL(api.url).origin;
    expect(await (await fetch(`${withoutIssuer}/auth/options`)).json()).toEqual({ openIdConnect: null, developmentSignIn: true });
    // Without an issuer there is no /auth/login: a clear 404, never the web app's page.
    const login = await fetch(`${withoutIssuer}/auth/login`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(login.status).toBe(404);
  });
});
