// `npm run screenshots`: each role's main screens, written to docs/screenshots/ for the README.
// Not part of `npm test` (see playwright.screenshots.config.ts). It commits a plan for one hub
// first, so the board and the heads' "waiting on you" lists have something to show.
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, signInAs } from './support';

const DIR = 'docs/screenshots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string, size = DESKTOP): Promise<void> {
  await page.setViewportSize(size);
  await screenReady(page);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true, animations: 'disabled' });
}

test.describe.configure({ mode: 'serial' });

test('screenshots of every role', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(DESKTOP);
  await page.goto('/sign-in');
  await shot(page, '01-sign-in');

  // Improvement lead.
  await signInAs(page, LEAD);
  await shot(page, '02-lead-home');
  await page.locator('article.need-card h3 a').first().click();
  await shot(page, '03-lead-need-ranking');
  await page.getByRole('link', { name: 'Plan support' }).click();
  await screenReady(page);
  await page.getByLabel('Plan for').selectOption({ label: 'Truro and Penwith Hub' });
  await page.getByRole('button', { name: 'Make a plan' }).click();
  await expect(page.getByRole('heading', { name: 'Fairness by FSM band' })).toBeVisible();
  await shot(page, '04-lead-allocation-plan');
  await page.getByRole('button', { name: 'Commit this plan' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Propose/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'proposed' })).toBeVisible();
  await page.getByRole('link', { name: 'Deployments', exact: true }).click();
  await shot(page, '05-lead-deployments-board');
  // The lead's records, equity ledger, maturity self-assessment and day rates.
  for (const [path, name] of [
    ['/deployments/records', '13-lead-deployment-records'],
    ['/equity', '14-lead-equity-ledger'],
    ['/maturity', '15-lead-maturity'],
    ['/cost-settings', '16-lead-day-rates'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await shot(page, name);
  }

  // Executive head.
  await signInAs(page, 'Executive head, Truro and Penwith Hub');
  await shot(page, '06-executive-head-hub');

  // Headteacher.
  await signInAs(page, 'Headteacher, Carn Brea Primary Academy');
  await shot(page, '07-headteacher-school');
  await page.getByRole('link', { name: 'Raise a need' }).first().click();
  await screenReady(page);
  await page.getByLabel('Area').selectOption('MATHS');
  await page.getByLabel('What is needed').fill('Help');
  await page.getByLabel('Days of support wanted').fill('500');
  await page.getByRole('button', { name: 'Raise this need' }).click();
  await expect(page.getByLabel('Days of support wanted')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, '08-headteacher-raise-need-errors');

  // Teacher, at phone width.
  const people = await page.request.post('/graphql', { data: { query: '{ devSignInPeople(roles: [TEACHER], first: 1) { name staffMemberId } }' } });
  const [teacher] = ((await people.json()) as { data: { devSignInPeople: { name: string; staffMemberId: string }[] } }).data.devSignInPeople;
  await page.setViewportSize(PHONE);
  await signInAs(page, teacher!.name, new RegExp(`^${teacher!.name}`));
  await shot(page, '09-teacher-profile-phone', PHONE);
  await page.goto('/me/help');
  await shot(page, '10-teacher-where-could-i-help-phone', PHONE);
  await page.goto('/me/deployments');
  await shot(page, '11-teacher-deployments-phone', PHONE);
  await page.goto(`/staff/${encodeURIComponent(teacher!.staffMemberId)}/edit`);
  await shot(page, '12-teacher-edit-profile-phone', PHONE);
});
