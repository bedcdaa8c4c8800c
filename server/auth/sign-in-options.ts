// GET /auth/options: which ways of signing in this server offers, for the web app's sign-in
// page (it shows the organisation's button, the development people picker, or both). Public
// and free of secrets: only paths and switches the page needs before anyone has signed in.
import express from 'express';

export interface SignInOptions {
  /** Signing in with the trust's identity provider (OIDC_ISSUER set); null when off. */
  openIdConnect: { loginPath: '/auth/login'; logoutPath: '/auth/logout' } | null;
  /** Signing in as any demo person through GraphQL's devSignIn (development only). */
  developmentSignIn: boolean;
}

export function signInOptionsRoute(options: { openIdConnect: boolean; developmentSignIn: boolean }): express.Router {
  const body: SignInOptions = {
    openIdConnect: options.openIdConnect ? { loginPath: '/auth/login', logoutPath: '/auth/logout' } : null,
    developmentSignIn: options.developmentSignIn,
  };
  const router = express.Router();
  router.get('/auth/options', (_req, res) => {
    res.set('cache-control', 'no-store').json(body);
  });
  return router;
}
