// axe-core on every screen, at desktop and phone width: no serious or critical violation.
// Each screen is checked once its data is in (no loading state) and, where a screen has a
// second state worth checking (a plan made, a form with the server's errors), in that state.
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs } from './support';

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 375, height: 812 },
];

/** Checks the page as it is at both widths; `prepare` brings it to the state to check. */
async function checkScreen(page: Page, path: string, prepare?: (page: Page) => Promise<void>): Promise<string[]> {
  const found: string[] = [];
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(path);
    await screenReady(page);
    if (prepare) await prepare(page);
    // A screen that failed to load its data is no pass.
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
    for (const violation of await seriousViolations(page)) found.push(`${path} at ${size.name}: ${violation}`);
  }
  return found;
}

test.describe.configure({ mode: 'serial' });

// Every screen also: asks no host but its own server (no fonts, CDNs or tiles), and logs no
// error (a content-security-policy refusal or a script error would show here).
let foreign: string[] = [];
let consoleErrors: string[] = [];
test.beforeEach(({ page, baseURL }) => {
  foreign = [];
  consoleErrors = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${baseURL}/`) && !url.startsWith('data:')) foreign.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});
test.afterEach(() => {
  expect(foreign, 'requests to other hosts').toEqual([]);
  expect(consoleErrors, 'errors in the browser console').toEqual([]);
});

test('sign-in page', async ({ page }) => {
  expect(await checkScreen(page, '/sign-in')).toEqual([]);
});

test("improvement lead's screens", async ({ page }) => {
  await signInAs(page, LEAD);
  const needLink = page.locator('article.need-card h3 a').first();
  const needPath = (await needLink.getAttribute('href'))!;
  const hubPath = (await page.locator('.hub-cards h3 a').first().getAttribute('href'))!;
  const found = [
    ...(await checkScreen(page, '/lead')),
    ...(await checkScreen(page, needPath)),
    ...(await checkScreen(page, needPath, async (p) => {
      await p.getByRole('button', { name: 'Whole schools' }).click();
      await screenReady(p);
    })),
    ...(await checkScreen(page, '/allocation', async (p) => {
      await p.getByRole('button', { name: 'Make a plan' }).click();
      await expect(p.getByRole('heading', { name: 'Fairness by FSM band' })).toBeVisible();
    })),
    ...(await checkScreen(page, '/deployments')),
    ...(await checkScreen(page, hubPath)),
  ];
  expect(found).toEqual([]);
});

test("executive head's screens", async ({ page }) => {
  await signInAs(page, 'Executive head, Truro and Penwith Hub');
  expect([...(await checkScreen(page, '/hub')), ...(await checkScreen(page, '/deployments'))]).toEqual([]);
});

test("headteacher's screens", async ({ page }) => {
  await signInAs(page, 'Headteacher, Carn Brea Primary Academy');
  const found = [
    ...(await checkScreen(page, '/school')),
    ...(await checkScreen(page, '/school/raise-need')),
    ...(await checkScreen(page, '/school/raise-need', async (p) => {
      await p.getByLabel('Area').selectOption('MATHS');
      await p.getByLabel('Days of support wanted').fill('0');
      await p.getByRole('button', { name: 'Raise this need' }).click();
      await expect(p.getByLabel('Days of support wanted')).toHaveAttribute('aria-invalid', 'true');
    })),
    ...(await checkScreen(page, '/me/deployments')),
  ];
  expect(found).toEqual([]);
});

test("teacher's screens", async ({ page }) => {
  const people = await page.request.post('/graphql', { data: { query: '{ devSignInPeople(roles: [TEACHER], first: 2) { name staffMemberId } }' } });
  const [me, other] = ((await people.json()) as { data: { devSignInPeople: { name: string; staffMemberId: string }[] } }).data.devSignInPeople;
  await signInAs(page, me!.name, new RegExp(`^${me!.name}`));
  const found = [
    ...(await checkScreen(page, '/me')),
    ...(await checkScreen(page, '/me/help')),
    ...(await checkScreen(page, '/me/deployments')),
    ...(await checkScreen(page, `/staff/${encodeURIComponent(me!.staffMemberId)}/edit`)),
    ...(await checkScreen(page, `/staff/${encodeURIComponent(other!.staffMemberId)}/edit`)),
  ];
  expect(found).toEqual([]);
});
