// Start-up configuration of OpenID Connect sign-in, introspection, field suggestions and the
// execution timeout: defaults per environment, and a bad value stops the service naming it.
import { ConfigError, loadConfig } from '../../../server/config';

const STRONG = 'c0ffee-5ecret-for-production-7f3a9b2e41d8';
const PROD = { NODE_ENV: 'production', AUTH_JWT_SECRET: STRONG };
const ENTRA = {
  OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0',
  OIDC_CLIENT_ID: '5a6b7c8d-0000-1111-2222-333344445555',
  PUBLIC_URL: 'https://support.example-trust.org.uk/',
};

describe('OpenID Connect settings', () => {
  it('are off without OIDC_ISSUER', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('read the issuer, client, audience and public URL, with safe defaults', () => {
    const oidc = loadConfig({ ...PROD, ...ENTRA, OIDC_CLIENT_SECRET: 'from-entra' }).oidc;
    expect(oidc).toEqual({
      issuer: ENTRA.OIDC_ISSUER,
      clientId: ENTRA.OIDC_CLIENT_ID,
      clientSecret: 'from-entra',
      audiences: [ENTRA.OIDC_CLIENT_ID],
      scopes: 'openid email profile',
      publicUrl: 'https://support.example-trust.org.uk',
      emailsVerified: false,
      sessionMaxAgeSeconds: 8 * 3600,
      allowInsecureHttp: false,
      jwksCooldownMs: 30_000,
    });
    const custom = loadConfig({ ...PROD, ...ENTRA, OIDC_AUDIENCE: 'api://support, other', OIDC_EMAILS_VERIFIED: 'true', SESSION_MAX_AGE: '3600' }).oidc;
    expect(custom).toMatchObject({ audiences: ['api://support', 'other'], emailsVerified: true, sessionMaxAgeSeconds: 3600, clientSecret: null });
  });

  it.each([
    ['a plain-http issuer in production', { ...PROD, ...ENTRA, OIDC_ISSUER: 'http://127.0.0.1:9000' }, /OIDC_ISSUER must be an https/],
    ['a plain-http issuer elsewhere than this machine', { ...ENTRA, OIDC_ISSUER: 'http://idp.example.org' }, /OIDC_ISSUER must be an https/],
    ['no client id', { ...PROD, ...ENTRA, OIDC_CLIENT_ID: '' }, /OIDC_CLIENT_ID must be set/],
    ['no public URL', { ...PROD, ...ENTRA, PUBLIC_URL: '' }, /PUBLIC_URL must be set/],
    ['a plain-http public URL in production', { ...PROD, ...ENTRA, PUBLIC_URL: 'http://support.example.org' }, /PUBLIC_URL must be https/],
    ['a public URL with a path', { ...PROD, ...ENTRA, PUBLIC_URL: 'https://example.org/support' }, /PUBLIC_URL must be an origin/],
    ['a client id without an issuer', { ...PROD, OIDC_CLIENT_ID: 'x' }, /OIDC_CLIENT_ID is set but OIDC_ISSUER is not/],
    ['a session lifetime out of range', { ...PROD, ...ENTRA, SESSION_MAX_AGE: '30' }, /SESSION_MAX_AGE/],
    ['a yes-or-no that is neither', { ...PROD, ...ENTRA, OIDC_EMAILS_VERIFIED: 'yes please' }, /OIDC_EMAILS_VERIFIED/],
  ])('refuse %s', (_title, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('allow a plain-http issuer on this machine outside production (a test or local issuer)', () => {
    expect(loadConfig({ ...ENTRA, OIDC_ISSUER: 'http://127.0.0.1:9000', PUBLIC_URL: 'http://localhost:4000' }).oidc).toMatchObject({ allowInsecureHttp: true });
  });
});

describe('schema exposure and the execution timeout', () => {
  it('turn introspection and field suggestions off in production unless asked for', () => {
    expect(loadConfig(PROD).security).toMatchObject({ introspection: false, fieldSuggestions: false, executionTimeoutMs: 10_000 });
    expect(loadConfig({}).security).toMatchObject({ introspection: true, fieldSuggestions: true });
    expect(loadConfig({ ...PROD, GRAPHQL_INTROSPECTION: 'on', GRAPHQL_FIELD_SUGGESTIONS: 'on' }).security).toMatchObject({ introspection: true, fieldSuggestions: true });
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'off', GRAPHQL_EXECUTION_TIMEOUT_MS: '0' }).security).toMatchObject({ introspection: false, executionTimeoutMs: 0 });
  });

  it.each([
    [{ GRAPHQL_INTROSPECTION: 'sometimes' }, /GRAPHQL_INTROSPECTION/],
    [{ GRAPHQL_FIELD_SUGGESTIONS: '2' }, /GRAPHQL_FIELD_SUGGESTIONS/],
    [{ GRAPHQL_EXECUTION_TIMEOUT_MS: '-1' }, /GRAPHQL_EXECUTION_TIMEOUT_MS/],
    [{ GRAPHQL_EXECUTION_TIMEOUT_MS: '10s' }, /GRAPHQL_EXECUTION_TIMEOUT_MS/],
  ])('refuse a bad value (%p)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
