// The trust's day rates in the web app: the improvement lead changes them and the plan page
// prices at the new rates; a bad value is refused by the server, shown at its field, and
// nothing is written; who pays is overridden on a deployment's page. axe-clean, at desktop
// and phone width.
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs } from './support';

test.describe.configure({ mode: 'serial' });

const SIZES = [
  { width: 1280, height: 900 },
  { width: 375, height: 812 },
];
const DAY_RATE_LABELS = ['NLE day rate', 'LLE day rate', 'SLE day rate', 'NLG day rate', 'Day rate without a designation'];

async function openRates(page: Page) {
  await page.setViewportSize(SIZES[0]!);
  await page.goto('/lead');
  await screenReady(page);
  await page.getByRole('link', { name: 'Day rates' }).click();
  await screenReady(page);
  await expect(page.getByRole('heading', { name: 'Day rates and who pays' })).toBeVisible();
}

test('a changed day rate is the one the plan page prices at', async ({ page }) => {
  await signInAs(page, LEAD);
  await openRates(page);
  // A rate unlike the one saved now, so the test shows a change whatever ran before it.
  const rate = (await page.getByLabel('NLE day rate', { exact: true }).inputValue()) === '777' ? '778' : '777';
  for (const name of DAY_RATE_LABELS) await page.getByLabel(name, { exact: true }).fill(rate);
  await page.getByRole('button', { name: 'Save the rates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rates saved.' })).toBeVisible();

  await page.getByRole('link', { name: 'Plan support at these rates' }).click();
  await screenReady(page);
  await page.getByRole('button', { name: 'Make a plan' }).click();
  await expect(page.getByRole('heading', { name: 'Fairness by FSM band' })).toBeVisible();
  const costs = await page.locator('section[aria-labelledby="assignments-heading"] tbody tr td:nth-child(5)').allInnerTexts();
  expect(costs.length).toBeGreaterThan(0);
  // Every supporter, with whatever designation, is priced at the rate just set.
  for (const cost of costs) expect(cost).toMatch(new RegExp(`\\(\\d+ × £${rate} support \\+`));
});

test('a bad value is shown at its field and nothing is written; the form is axe-clean', async ({ page }) => {
  await signInAs(page, LEAD);
  await openRates(page);
  const nle = page.getByLabel('NLE day rate', { exact: true });
  const cover = page.getByLabel('Cover day rate (£)');
  const savedNle = await nle.inputValue();
  const savedCover = await cover.inputValue();

  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]!);

  await nle.fill('6000');
  await cover.fill('-5');
  await page.getByRole('button', { name: 'Save the rates' }).click();
  // The server's words, each at its own field.
  await expect(cover).toHaveAttribute('aria-invalid', 'true');
  await expect(cover).toHaveAccessibleDescription(/Must not be negative/);
  await expect(nle).toHaveAttribute('aria-invalid', 'true');
  await expect(nle).toHaveAccessibleDescription(/Must be at most £5000 a day/);
  await expect(page.getByLabel('LLE day rate', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Rates saved.')).toHaveCount(0);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await seriousViolations(page)).toEqual([]);
  }

  // Not a number at all: caught before anything is sent.
  await page.setViewportSize(SIZES[0]!);
  await cover.fill('lots');
  await page.getByRole('button', { name: 'Save the rates' }).click();
  await expect(cover).toHaveAccessibleDescription(/“lots” is not a number\./);

  // Nothing was written: the saved rates are as they were.
  await page.reload();
  await screenReady(page);
  await expect(page.getByLabel('NLE day rate', { exact: true })).toHaveValue(savedNle);
  await expect(page.getByLabel('Cover day rate (£)')).toHaveValue(savedCover);
});

test("who pays is overridden on a deployment's page", async ({ page }) => {
  await signInAs(page, LEAD);
  await page.setViewportSize(SIZES[0]!);
  await page.getByRole('link', { name: 'Deployments', exact: true }).click();
  await screenReady(page);
  const live = page.locator('article.deployment-card').filter({ hasNot: page.locator('.badge.status-declined, .badge.status-cancelled') });
  await live.first().getByRole('link', { name: /^Agreement and impact/ }).click();
  await screenReady(page);
  const whoPays = page.getByLabel('Who pays for the support');
  const costLine = page.locator('section[aria-labelledby="cost-heading"] .cost-line');
  for (const [value, words] of [
    ['TRUST', 'the trust'],
    ['RECEIVING_SCHOOL', 'the receiving school'],
  ] as const) {
    await whoPays.selectOption(value);
    await page.getByRole('button', { name: 'Save who pays' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved: the support is paid by ${words}.` })).toBeVisible();
    await expect(costLine).toContainText(`paid by ${words})`);
  }
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expect(costLine).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test('an ADMIN picks the trust whose rates to read and set', async ({ page }) => {
  await signInAs(page, 'Administrator');
  await openRates(page);
  const picker = page.getByLabel('Trust', { exact: true });
  await expect(picker.locator('option')).not.toHaveCount(0);
  const options = await picker.locator('option').allTextContents();
  const other = options[options.length - 1]!;
  await picker.selectOption({ label: other });
  await expect(page.getByRole('heading', { level: 2, name: other })).toBeVisible();
  await expect(page.getByLabel('NLE day rate', { exact: true })).toHaveValue(/^\d+$/);
  await screenReady(page);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await seriousViolations(page)).toEqual([]);
  }
});
