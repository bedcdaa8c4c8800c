// The maturity and board report screens in a real browser against the demo data: the lead
// records a stage (the server's message at the field first, then the history), a headteacher
// reads without a form, the board report downloads as HTML and PDF; axe-clean at desktop and
// phone width (375 px), nothing wider than the phone.
import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs } from './support';

test.describe.configure({ mode: 'serial' });

let consoleErrors: string[] = [];
test.beforeEach(({ page }) => {
  consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});
test.afterEach(() => {
  // A refused request (the blank evidence) logs nothing: user errors are data, not failures.
  expect(consoleErrors, 'errors in the browser console').toEqual([]);
});

async function fitsPhone(page: Page): Promise<void> {
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  expect(width).toBeLessThanOrEqual(375);
}

test('the lead sees the nine steps with proposals, records Step 6 and sees it in the history (phone width)', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByRole('link', { name: 'Maturity' }).click();
  await screenReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Trust maturity' })).toBeVisible();
  await expect(page.locator('section.maturity-step')).toHaveCount(10);
  const step6 = page.locator('section.maturity-step', { has: page.getByRole('heading', { level: 2, name: /^Step 6:/ }) });
  await expect(step6.getByRole('heading', { level: 3, name: /^Proposed from \d{4}\/\d{2}'s records: / })).toBeVisible();
  await expect(step6.getByText(/needs raised in \d{4}\/\d{2} were met by support from the trust's own schools/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await fitsPhone(page);

  // Blank evidence: the server's message at the field, nothing recorded.
  await step6.getByRole('radio', { name: /^Developing/ }).check();
  await step6.getByRole('button', { name: /Record stage|Accept and record/ }).click();
  await expect(step6.getByText('Give the evidence for this stage')).toBeVisible();
  await expect(step6.getByLabel('Evidence')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);

  await step6.getByLabel('Evidence').fill('Maths coaching across the Truro hub, impact named in review');
  await step6.getByRole('button', { name: /Record stage|Accept and record/ }).click();
  await expect(step6.getByRole('status')).toHaveText('Step 6 recorded at Developing.');
  await expect(step6.getByRole('heading', { level: 2 })).toHaveText('Step 6: Developing');
  const history = step6.getByRole('region', { name: 'Step 6 history' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history.getByRole('cell', { name: 'Maths coaching across the Truro hub, impact named in review' })).toBeVisible();
  await fitsPhone(page);

  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await seriousViolations(page)).toEqual([]);
});

test('a headteacher reads the assessment without a form', async ({ page }) => {
  await signInAs(page, 'Headteacher, Carn Brea Primary Academy');
  await page.getByRole('link', { name: 'Maturity' }).click();
  await screenReady(page);
  await expect(page.locator('section.maturity-step')).toHaveCount(10);
  await expect(page.getByRole('heading', { level: 2, name: 'Step 6: Developing' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Record stage|Accept and record/ })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the board report downloads as HTML and as PDF, and the page is axe-clean at 375 px', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByRole('link', { name: 'Board report' }).click();
  await screenReady(page);
  expect(await seriousViolations(page)).toEqual([]);
  await fitsPhone(page);

  const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the report (HTML)' }).click()]);
  expect(html.suggestedFilename()).toMatch(/^board-report-Trelawny-Academy-Trust-\d{4}-(autumn|spring|summer)\.html$/);
  const page1 = await readFile((await html.path())!, 'utf8');
  expect(page1).toContain('<h1>Trelawny Academy Trust</h1>');
  expect(page1).toContain('Step 6');

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the PDF' }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await readFile((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByText(/^Downloaded board-report-.*\.pdf\.$/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
