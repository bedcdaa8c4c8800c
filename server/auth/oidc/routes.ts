// Browser sign-in as a backend for the web app (/auth/login, /auth/callback, /auth/logout):
// the Authorization Code flow with PKCE, state and nonce, run by openid-client on the
// server. Tokens from the issuer never reach the browser; it gets an HttpOnly session cookie
// (session.ts) once the ID token is verified and the person found in the user directory.
import express, { type Request, type Response, type Router } from 'express';
import { parse as parseCookies } from 'cookie';
import * as client from 'openid-client';
import type { Logger } from '../../logger';
import { endSessions, findEnrolment, findEnrolmentById } from '../../services/directory';
import { type OidcIssuer, TokenRejected } from './issuer';
import type { SessionCookies } from './session';

/** Only a path on this service (not "//elsewhere" or "/\elsewhere"): no open redirect. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[^\s]*$/.test(value) || value.length > 500) return '/';
  return value;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain page for a person in a browser: what happened and what to do next. */
function page(res: Response, status: number, title: string, message: string, next = '<a href="/auth/login">Sign in again</a>'): void {
  res
    .status(status)
    .set('cache-control', 'no-store')
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p>${next} · <a href="/">Home</a></p></main></body></html>`,
    );
}

export interface SignInRoutesOptions {
  issuer: OidcIssuer;
  sessions: SessionCookies;
  logger: Logger;
}

export function signInRoutes({ issuer, sessions, logger }: SignInRoutesOptions): Router {
  const { publicUrl, clientId, scopes } = issuer.settings;
  const redirectUri = `${publicUrl}/auth/callback`;
  const router = express.Router();

  router.get('/auth/login', async (req, res) => {
    let configuration;
    try {
      ({ configuration } = await issuer.discover());
    } catch (error) {
      logger.error({ err: error }, 'OpenID Connect discovery failed');
      return page(res, 503, 'Sign-in is unavailable', 'The identity provider cannot be reached just now. Please try again in a few minutes.');
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const flow = { codeVerifier, state: client.randomState(), nonce: client.randomNonce(), returnTo: safeReturnPath(req.query.returnTo) };
    // ?prompt=login: the issuer asks who is signing in even when it has a session already
    // (after "not enrolled", signing in again would otherwise bring back the same account).
    const askWho = req.query.prompt === 'login';
    const url = client.buildAuthorizationUrl(configuration, {
      ...(askWho ? { prompt: 'login' } : {}),
      redirect_uri: redirectUri,
      scope: scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    res.cookie(sessions.flowName, await sessions.sealFlow(flow), sessions.options(10 * 60));
    res.set('cache-control', 'no-store').redirect(302, url.href);
  });

  router.get('/auth/callback', async (req, res) => {
    const flow = await sessions.openFlow(parseCookies(req.headers.cookie ?? '')[sessions.flowName]);
    res.clearCookie(sessions.flowName, sessions.clearOptions());
    if (!flow) {
      return page(res, 400, 'Sign-in did not complete', 'This sign-in expired or was started in another browser. Please start again.');
    }
    if (typeof req.query.error === 'string') {
      const detail = typeof req.query.error_description === 'string' ? req.query.error_description : req.query.error;
      return page(res, 401, 'Sign-in was not completed', `The identity provider answered: ${detail}`);
    }
    let idToken: string | undefined;
    try {
      const { configuration } = await issuer.discover();
      const tokens = await client.authorizationCodeGrant(configuration, new URL(req.originalUrl, publicUrl), {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      idToken = tokens.id_token;
    } catch (error) {
      logger.warn({ err: error }, 'sign-in callback refused');
      return page(res, 400, 'Sign-in did not complete', 'The answer from the identity provider did not match this sign-in. Please start again.');
    }
    let identity;
    try {
      // openid-client checked state, nonce and the ID token's claims; its signature is checked
      // here too, against the issuer's published keys, as every token from the issuer is.
      identity = await issuer.verify(idToken!, [clientId]);
    } catch (error) {
      const reason = error instanceof TokenRejected ? error.message : 'the identity provider could not be reached';
      return page(res, 400, 'Sign-in did not complete', `The identity provider's answer could not be verified: ${reason}.`);
    }
    const record = await findEnrolment(identity);
    if (!record) {
      logger.info({ subject: identity.subject }, 'sign-in refused: not enrolled');
      return page(
        res,
        403,
        'Not enrolled',
        `You signed in as ${identity.email ?? 'a person without an email address'} (subject ${identity.subject}), but you are not enrolled in this service. Ask your trust's improvement lead (or an administrator) to add you to the user directory, then sign in again.`,
        '<a href="/auth/login?prompt=login">Sign in as someone else</a>',
      );
    }
    res.cookie(sessions.sessionName, await sessions.issueSession({ directoryUserId: record._id.toString(), subject: identity.subject }), sessions.options(sessions.sessionMaxAgeSeconds));
    res.set('cache-control', 'no-store').redirect(303, flow.returnTo);
  });

  router.post('/auth/logout', async (req: Request, res: Response) => {
    // Another site must not be able to sign a person out either: same Origin required.
    if (req.headers.origin !== publicUrl) {
      return void res.status(403).json({ error: { code: 'FORBIDDEN', message: `Sign out from pages of ${publicUrl} only (the Origin header must say so)` } });
    }
    const cookie = parseCookies(req.headers.cookie ?? '')[sessions.sessionName];
    const session = cookie ? await sessions.readSession(cookie) : null;
    if (session && !('problem' in session)) {
      const record = await findEnrolmentById(session.directoryUserId);
      if (record) await endSessions(session.directoryUserId, { sub: session.subject, role: record.role }, sessions.currentTime());
    }
    res.clearCookie(sessions.sessionName, sessions.clearOptions());
    let endSessionUrl: string | null = null;
    try {
      const { configuration } = await issuer.discover();
      if (configuration.serverMetadata().end_session_endpoint) {
        // RP-initiated logout: the issuer ends its own session too, then sends the browser back.
        endSessionUrl = client.buildEndSessionUrl(configuration, { post_logout_redirect_uri: `${publicUrl}/` }).href;
      }
    } catch (error) {
      logger.warn({ err: error }, 'OpenID Connect discovery failed at sign-out; signed out of this service only');
    }
    res.set('cache-control', 'no-store');
    if (req.accepts(['html', 'json']) === 'json') return void res.json({ signedOut: true, endSessionUrl });
    res.redirect(303, endSessionUrl ?? '/');
  });

  return router;
}
