// A real OpenID Connect provider for the tests: oidc-provider (an OpenID Certified
// implementation), in this process, on 127.0.0.1. Its built-in login and consent pages
// (devInteractions) are driven with real HTTP requests by tests/support/browser.ts.
// Signing keys can be rotated while it runs: a new Provider with the new keys first takes
// over the same address (its sessions and grants live in oidc-provider's shared in-memory
// store), as an identity provider publishing a new key and signing with it would.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import './quiet-oidc-provider'; // before oidc-provider, which warns as it loads
import Provider from 'oidc-provider';
import { type Browser, type Page } from './browser';

export interface Account {
  email: string;
  name: string;
  emailVerified?: boolean;
}

export interface TestClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  token_endpoint_auth_method: 'client_secret_post' | 'none';
  id_token_signed_response_alg?: 'RS256' | 'ES256';
  application_type?: 'web' | 'native';
}

export interface TestIssuer {
  issuer: string;
  /** Kids of the keys it signs with now (RS256, ES256). */
  signingKids(): string[];
  /** Publishes new keys and signs with them from now on; the old ones stay published. */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
}

async function signingKey(alg: 'RS256' | 'ES256', generation: number): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg, use: 'sig', kid: `${alg.toLowerCase()}-${generation}-${createHash('sha256').update(JSON.stringify(jwk)).digest('hex').slice(0, 8)}` };
}

/**
 * `clients` is read when the provider is built (first request, and each rotation), so it may
 * name addresses known later. `accounts` maps a login typed on the issuer's form to a person
 * (a function: any login it answers for). `port` 0 picks a free one.
 */
export async function startTestIssuer(
  clients: () => TestClient[],
  accounts: Record<string, Account> | ((login: string) => Account | undefined),
  { port = 0 }: { port?: number } = {},
): Promise<TestIssuer> {
  const accountFor = typeof accounts === 'function' ? accounts : (login: string) => accounts[login];
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let keys: JWK[] = [];
  const server: Server = createServer((req, res) => {
    handler ??= build(keys).callback();
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let generation = 0;
  const build = (jwks: JWK[]) =>
    new Provider(issuer, {
      clients: clients().map((c) => ({ ...c })),
      jwks: { keys: jwks },
      cookies: { keys: ['test-issuer-cookie-key-0123456789abcdef'] },
      // Claims for the scopes asked for go into the ID token, as Entra ID and Google do.
      conformIdTokenClaims: false,
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      pkce: { required: () => true },
      async findAccount(_ctx, id) {
        const account = accountFor(id);
        if (!account) return undefined;
        return {
          accountId: id,
          claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name }),
        };
      },
    });
  const install = async () => {
    generation += 1;
    const fresh = [await signingKey('RS256', generation), await signingKey('ES256', generation)];
    keys = [...fresh, ...keys];
    handler = null; // the next request builds a provider with these keys

  };
  await install();

  return {
    issuer,
    signingKids: () => keys.slice(0, 2).map((k) => k.kid!),
    rotateKeys: install,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Signs `login` in at the issuer's own pages, from a page that is its login form, through
 * consent, until the issuer redirects to `redirectUri` (not followed when `stopAtRedirect`).
 */
export async function completeIssuerInteraction(browser: Browser, loginPage: Page, login: string, stopAt: (url: string) => boolean): Promise<Page> {
  if (!/name="login"/.test(loginPage.body)) throw new Error(`expected the issuer's login form, got ${loginPage.status} at ${loginPage.url}:\n${loginPage.body.slice(0, 400)}`);
  let page = await browser.submitForm(loginPage, { login, password: 'any' }, { stopAt });
  if (!stopAt(page.url) && /name="prompt" value="consent"/.test(page.body)) {
    page = await browser.submitForm(page, {}, { stopAt });
  }
  return page;
}

/**
 * A whole Authorization Code flow with PKCE as client `client`, driven by the test itself
 * (for tokens issued to other clients than the service: another audience, another algorithm).
 * Returns the issuer's token response.
 */
export async function tokensForClient(browser: Browser, issuer: string, client: TestClient, login: string): Promise<{ id_token: string }> {
  const verifier = createHash('sha256').update(`${Math.random()}${Date.now()}`).digest('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = client.redirect_uris[0]!;
  const authorize = new URL('/auth', issuer);
  authorize.search = new URLSearchParams({
    client_id: client.client_id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    nonce: 'n-' + verifier.slice(0, 12),
    state: 's-' + verifier.slice(12, 24),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const stopAt = (url: string) => url.startsWith(redirectUri);
  const loginPage = await browser.navigate(authorize.href, {}, stopAt);
  const done = await completeIssuerInteraction(browser, loginPage, login, stopAt);
  const code = new URL(done.url).searchParams.get('code');
  if (!code) throw new Error(`no code in ${done.url}`);
  const response = await fetch(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: client.client_id,
      ...(client.client_secret ? { client_secret: client.client_secret } : {}),
    }).toString(),
  });
  const body = (await response.json()) as { id_token?: string; error?: string };
  if (!response.ok || !body.id_token) throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  return { id_token: body.id_token };
}
