// The OpenID Connect provider for the browser tests (playwright.config.ts starts it before the
// shared server, which is pointed at it): oidc-provider, its own login and consent pages. Any
// login typed on its form that looks like an email address signs that person in, with that
// address verified: the directory, not this provider, decides who is enrolled.
//   node --import tsx tests/support/browser-test-issuer.ts <issuer port> <service origin>
import { startTestIssuer } from './oidc-issuer';

const BROWSER_CLIENT_ID = 'support-web';
const BROWSER_CLIENT_SECRET = 'browser-test-client-secret-0123456789';

async function main(): Promise<void> {
  const [port, serviceOrigin] = process.argv.slice(2);
  if (!port || !serviceOrigin) throw new Error('usage: browser-test-issuer.ts <issuer port> <service origin>');
  const issuer = await startTestIssuer(
    () => [
      {
        client_id: BROWSER_CLIENT_ID,
        client_secret: BROWSER_CLIENT_SECRET,
        redirect_uris: [`${serviceOrigin}/auth/callback`],
        post_logout_redirect_uris: [`${serviceOrigin}/`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    (login) => (/^[^@\s]+@[^@\s]+$/.test(login) ? { email: login, name: login.split('@')[0]! } : undefined),
    { port: Number(port) },
  );
  process.stdout.write(`browser test issuer at ${issuer.issuer}\n`);
  const stop = () => void issuer.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
