// OpenID Connect settings from the environment. Sign-in is on when OIDC_ISSUER is set; the
// service then also needs its client id (the audience of the tokens it accepts) and its own
// public address (for the redirect URI and the same-origin check on session cookies).
import { ConfigError } from '../../config';

export interface OidcSettings {
  /** The issuer exactly as its discovery document names it (OIDC_ISSUER). */
  issuer: string;
  /** This service's client id at the issuer (OIDC_CLIENT_ID). */
  clientId: string;
  /** Confidential clients only (OIDC_CLIENT_SECRET); public clients rely on PKCE alone. */
  clientSecret: string | null;
  /** `aud` values accepted on bearer tokens (OIDC_AUDIENCE, comma-separated; default the client id). */
  audiences: string[];
  /** Scopes asked for at sign-in (OIDC_SCOPES). */
  scopes: string;
  /** Where browsers reach this service, e.g. https://support.example.org (PUBLIC_URL). */
  publicUrl: string;
  /**
   * Treat every `email` this issuer sends as verified (OIDC_EMAILS_VERIFIED). Entra ID sends
   * no `email_verified`; a single-tenant issuer whose addresses the trust itself manages can
   * be trusted this way. Otherwise only `email_verified: true` lets an email match.
   */
  emailsVerified: boolean;
  /** How long a browser session lasts, in seconds (SESSION_MAX_AGE). */
  sessionMaxAgeSeconds: number;
  /** Plain-HTTP issuer on this machine (tests, local development); never in production. */
  allowInsecureHttp: boolean;
  /**
   * Least time between two JWKS fetches caused by an unknown key id, in ms. jose's default
   * (30 s) stops a stream of forged key ids from hammering the issuer; tests set 0.
   */
  jwksCooldownMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DEFAULT_SESSION_MAX_AGE = 8 * 60 * 60;

export function loadOidcSettings(env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test'): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_AUDIENCE']) {
      if (env[name]?.trim()) throw new ConfigError(`${name} is set but OIDC_ISSUER is not: set the issuer to turn sign-in on`);
    }
    return null;
  }
  const issuerUrl = parseUrl('OIDC_ISSUER', issuer);
  const insecure = issuerUrl.protocol === 'http:';
  if (insecure && (nodeEnv === 'production' || !LOOPBACK.has(issuerUrl.hostname))) {
    throw new ConfigError(`OIDC_ISSUER must be an https:// URL (got "${issuer}"); plain http is allowed only for a test issuer on this machine outside production`);
  }
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID must be set with OIDC_ISSUER: the client id this service is registered under');
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (!publicUrl) throw new ConfigError('PUBLIC_URL must be set with OIDC_ISSUER: where browsers reach this service, e.g. https://support.example.org');
  const publicParsed = parseUrl('PUBLIC_URL', publicUrl);
  if (nodeEnv === 'production' && publicParsed.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL must be https:// in production (got "${publicUrl}"): session cookies are Secure there`);
  }
  if (publicParsed.pathname !== '/' || publicParsed.search) {
    throw new ConfigError(`PUBLIC_URL must be an origin without a path, e.g. https://support.example.org (got "${publicUrl}")`);
  }
  const audiences = (env.OIDC_AUDIENCE?.trim() || clientId).split(',').map((a) => a.trim()).filter(Boolean);
  const maxAge = env.SESSION_MAX_AGE?.trim();
  const sessionMaxAgeSeconds = maxAge ? Number(maxAge) : DEFAULT_SESSION_MAX_AGE;
  if (!Number.isInteger(sessionMaxAgeSeconds) || sessionMaxAgeSeconds < 300 || sessionMaxAgeSeconds > 7 * 24 * 3600) {
    throw new ConfigError(`SESSION_MAX_AGE must be a number of seconds between 300 and 604800 (got "${maxAge}")`);
  }
  const emailsVerified = env.OIDC_EMAILS_VERIFIED?.trim().toLowerCase();
  if (emailsVerified && !['true', 'false'].includes(emailsVerified)) {
    throw new ConfigError(`OIDC_EMAILS_VERIFIED must be true or false (got "${env.OIDC_EMAILS_VERIFIED}")`);
  }
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET?.trim() || null,
    audiences,
    scopes: env.OIDC_SCOPES?.trim() || 'openid email profile',
    publicUrl: publicParsed.origin,
    emailsVerified: emailsVerified === 'true',
    sessionMaxAgeSeconds,
    allowInsecureHttp: insecure,
    jwksCooldownMs: 30_000,
  };
}

function parseUrl(name: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL (got "${value}")`);
  }
}
