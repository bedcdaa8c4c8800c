// Browser tests: Debian's Chromium (/usr/bin/chromium; Playwright's own browser download is
// neither wanted nor possible here) driving the real server (`server/main.ts`, as `npm start`
// runs it) on the embedded database with the demo data, serving the built web app at `/`.
// One server and one browser for every test: one worker, tests in file order.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.BROWSER_TEST_PORT ?? 4873);
// The OpenID Connect provider the shared server signs people in with (sign-in.spec.ts).
const issuerPort = Number(process.env.BROWSER_TEST_ISSUER_PORT ?? port + 1000);
const origin = `http://127.0.0.1:${port}`;

export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // No background traffic to Google's hosts: this machine (and CI) has no route to them.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: 'tests/browser',
  testMatch: '**/*.spec.ts',
  testIgnore: '**/screenshots.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  // How long a web-first assertion waits for the page to get there (not a speed check).
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: origin,
    browserName: 'chromium',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    launchOptions: chromiumLaunch,
    trace: 'off',
    screenshot: 'off',
  },
  // Started in this order, each once the one before answers. The issuer is a web server here
  // rather than a globalSetup: Playwright runs globalSetup after the web servers, too late to
  // point the server at it.
  webServer: [
    {
      command: `node --import tsx tests/support/browser-test-issuer.ts ${issuerPort} ${origin}`,
      url: `http://127.0.0.1:${issuerPort}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node --import tsx server/main.ts',
      url: `http://127.0.0.1:${port}/readyz`,
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'development',
        // Every test signs in and acts many times a minute; the limit has its own API tests.
        RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'warn',
        // Signing in with the organisation (OpenID Connect) beside the development sign-in the
        // other specs use; the client is registered at the issuer above (browser-test-issuer.ts).
        OIDC_ISSUER: `http://127.0.0.1:${issuerPort}`,
        OIDC_CLIENT_ID: 'support-web',
        OIDC_CLIENT_SECRET: 'browser-test-client-secret-0123456789',
        PUBLIC_URL: origin,
      },
      // The embedded database may need building on a fresh machine (see README, "The database").
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
