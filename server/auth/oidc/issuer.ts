// The configured OpenID Connect issuer: its discovery document (fetched on first use and
// fetched again after a failure, so the service starts even while the issuer is unreachable),
// the client configuration openid-client uses for the sign-in flow, and verification of the
// JWTs it signs (RS256 or ES256; issuer, audience and expiry checked). Keys come from its JWKS
// through jose's remote key set, which fetches the set again when a token names a key id it
// has not seen: a key the issuer rotates in is accepted without a restart.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import * as client from 'openid-client';
import type { VerifiedIdentity } from '../../services/directory';
import type { OidcSettings } from './settings';

export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];

export class TokenRejected extends Error {}

interface Discovered {
  configuration: client.Configuration;
  keys: ReturnType<typeof createRemoteJWKSet>;
  issuer: string;
}

export class OidcIssuer {
  private discovered: Promise<Discovered> | null = null;

  constructor(
    readonly settings: OidcSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Discovery, once; a failed attempt is forgotten so the next request tries again. */
  discover(): Promise<Discovered> {
    if (!this.discovered) {
      this.discovered = this.fetchDiscovery().catch((error: unknown) => {
        this.discovered = null;
        throw error;
      });
    }
    return this.discovered;
  }

  private async fetchDiscovery(): Promise<Discovered> {
    const { issuer, clientId, clientSecret, allowInsecureHttp, jwksCooldownMs } = this.settings;
    const configuration = await client.discovery(
      new URL(issuer),
      clientId,
      clientSecret ?? undefined,
      // A public client (no secret) authenticates with PKCE alone.
      clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
      { execute: allowInsecureHttp ? [client.allowInsecureRequests] : [], timeout: 10 },
    );
    const metadata = configuration.serverMetadata();
    if (!metadata.jwks_uri) throw new Error(`the issuer ${issuer} publishes no jwks_uri in its discovery document`);
    const keys = createRemoteJWKSet(new URL(metadata.jwks_uri), { cooldownDuration: jwksCooldownMs, timeoutDuration: 10_000 });
    return { configuration, keys, issuer: metadata.issuer };
  }

  /**
   * Verifies a JWT the issuer signed and returns who it names. `audiences`: the `aud` values
   * accepted (ID tokens at sign-in: this client; bearer tokens: OIDC_AUDIENCE).
   */
  async verify(token: string, audiences: string[] = this.settings.audiences): Promise<VerifiedIdentity> {
    const { keys, issuer } = await this.discover();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        audience: audiences,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        currentDate: this.clock(),
      }));
    } catch (error) {
      throw new TokenRejected(rejectionReason(error));
    }
    const email = typeof payload.email === 'string' && payload.email ? payload.email : null;
    return {
      issuer,
      subject: payload.sub!,
      email,
      emailVerified: !!email && (payload.email_verified === true || this.settings.emailsVerified),
      name: typeof payload.name === 'string' ? payload.name : null,
    };
  }
}

function rejectionReason(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the token was issued for another application (its audience is not this service)';
    if (error.claim === 'iss') return 'the token was issued by another issuer than the one this service trusts';
    return `the token's ${error.claim} claim is not valid (${error.reason})`;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "the token is signed with a key the issuer does not publish";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return `the token must be signed with ${ACCEPTED_ALGORITHMS.join(' or ')}`;
  // Not jose's verdict on the token: fetching the issuer's keys failed.
  if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) return 'the issuer could not be reached to check the token';
  return 'the token is malformed';
}
