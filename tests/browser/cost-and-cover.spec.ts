// Cost and cover in the web app: the plan page takes a budget, never plans past it, shows
// what each assignment and the whole plan cost, and lists what the budget left unmet apart
// from other reasons; a proposal on the need page says what it costs. axe-clean, at desktop
// and phone width.
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs } from './support';

test.describe.configure({ mode: 'serial' });

/** "£2,250" -> 2250. */
const pounds = (text: string) => Number(/£([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));

async function statOf(page: Page, name: string): Promise<string> {
  return page.locator('.stats div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').innerText();
}

test('the plan page takes a budget, keeps within it and says what the budget left unmet', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.getByRole('link', { name: 'Plan support' }).click();
  await screenReady(page);
  const budget = page.getByLabel('Budget in £ (optional)');

  // Not a number: caught at the field, nothing sent.
  await budget.fill('lots');
  await page.getByRole('button', { name: 'Make a plan' }).click();
  await expect(budget).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#plan-budget-error')).toHaveText('“lots” is not a number.');
  // Negative: the server's own words, at the field.
  await budget.fill('-5');
  await page.getByRole('button', { name: 'Make a plan' }).click();
  await expect(page.locator('#plan-budget-error')).toHaveText('budget: must not be negative');

  // Without a budget: the plan and what it costs.
  await budget.fill('');
  await page.getByRole('button', { name: 'Make a plan' }).click();
  await expect(page.getByRole('heading', { name: 'Fairness by FSM band' })).toBeVisible();
  await expect(budget).not.toHaveAttribute('aria-invalid', 'true');
  const unlimitedCost = pounds(await statOf(page, 'Cost'));
  expect(unlimitedCost).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { name: 'Unmet because of the budget' })).toHaveCount(0);

  // Half of that as the budget: never more, and the shortfall is named as the budget's.
  const half = Math.floor(unlimitedCost / 2);
  await budget.fill(String(half));
  await page.getByRole('button', { name: 'Make a plan' }).click();
  await expect(page.locator('.stats dt', { hasText: 'Budget left' })).toBeVisible();
  const cost = pounds(await statOf(page, 'Cost'));
  expect(cost).toBeLessThanOrEqual(half);
  expect(await statOf(page, 'Budget left')).toBe(`£${(half - cost).toLocaleString('en-GB')} of £${half.toLocaleString('en-GB')}`);
  const rows = page.locator('section[aria-labelledby="assignments-heading"] tbody tr');
  const totals = await rows.locator('td:nth-child(5)').allInnerTexts();
  expect(totals.reduce((sum, t) => sum + pounds(t), 0)).toBe(cost);
  const byBudget = page.locator('section[aria-labelledby="budget-unmet-heading"] li');
  await expect(byBudget.first()).toBeVisible();
  const unmetDays = (await byBudget.allInnerTexts()).reduce((sum, t) => sum + Number(/: (\d+) of \d+ days unmet/.exec(t)![1]), 0);
  expect(Number(await statOf(page, 'Days unmet because of the budget'))).toBe(unmetDays);
  await expect(page.getByRole('heading', { name: 'Unmet for other reasons' })).toBeVisible();

  for (const size of [
    { width: 1280, height: 900 },
    { width: 375, height: 812 },
  ]) {
    await page.setViewportSize(size);
    await expect(page.getByRole('heading', { name: 'Unmet because of the budget' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test('a proposal on the need page says what it costs and who pays', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, LEAD);
  const topNeed = page.locator('section[aria-labelledby="needs-heading"] article.need-card').first();
  await topNeed.getByRole('link').click();
  await screenReady(page);
  const best = page.locator('article.candidate-card').first();
  const name = (await best.getByRole('heading').innerText()).replace(/^\d+\.\s*/, '').trim();
  await best.getByRole('button', { name: `Propose ${name}` }).click();
  await best.getByLabel(`Days for ${name}`).fill('2');
  await best.getByRole('button', { name: `Propose ${name}` }).click();
  const status = page.getByRole('status').filter({ hasText: 'Proposed' });
  await expect(status).toContainText(new RegExp(`Proposed ${name} for 2 days, costing £[\\d,]+ \\(support paid by the receiving school, cover by their own school\\)`));
  const total = pounds(await status.innerText());
  const arranged = page.locator('section[aria-labelledby="arranged-heading"] li').filter({ hasText: `${name}: 2 days` });
  await expect(arranged.locator('.cost-line')).toContainText(`Costs £${total.toLocaleString('en-GB')}: support £`);
  const line = await arranged.locator('.cost-line').innerText();
  const [, support, rate, cover, coverRate] = /support £([\d,]+) \(2 × £([\d,]+),.*cover £([\d,]+) \(2 × £([\d,]+),/.exec(line)!.map((x) => Number(x.replace(/,/g, '')));
  expect(support).toBe(2 * rate!);
  expect(cover).toBe(2 * coverRate!);
  expect(support! + cover!).toBe(total);
  for (const size of [
    { width: 1280, height: 900 },
    { width: 375, height: 812 },
  ]) {
    await page.setViewportSize(size);
    expect(await seriousViolations(page)).toEqual([]);
  }
});
