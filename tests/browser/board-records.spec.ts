// The improvement lead's deployment records and equity ledger, in a real browser on the demo
// data: filters narrow the table, "Download CSV" gives the same rows as the table, the
// equity page shows the ledger the API gives; both screens axe-clean at desktop and at
// 375 px, where nothing overflows the page sideways.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs, tokenOf } from './support';
import { csvObjects } from '../support/csv';

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
  expect(consoleErrors, 'errors in the browser console').toEqual([]);
});

async function checkWidths(page: Page, path: string, ready: (p: Page) => Promise<void>): Promise<string[]> {
  const found: string[] = [];
  for (const size of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
    await page.setViewportSize(size);
    await page.goto(path);
    await screenReady(page);
    await ready(page);
    for (const v of await seriousViolations(page)) found.push(`${path} at ${size.width}px: ${v}`);
    // Wide tables scroll inside their own region; the page itself never scrolls sideways.
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    if (overflow > 0) {
      const culprits = (await page.evaluate(
        "[...document.querySelectorAll('main *, header *')].filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 6).map((e) => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))",
      )) as string[];
      found.push(`${path} at ${size.width}px: the page is ${overflow}px wider than the screen (${culprits.join('; ')})`);
    }
  }
  return found;
}

async function gql(page: Page, query: string, variables: Record<string, unknown>) {
  const response = await page.request.post('/graphql', { headers: { authorization: `Bearer ${await tokenOf(page)}`, 'content-type': 'application/json' }, data: { query, variables } });
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  return body.data;
}

test('deployment records: filters, the table, and a CSV with the same rows', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.getByRole('link', { name: 'Records' }).click();
  await expect(page.getByRole('heading', { name: 'Deployment records', level: 1 })).toBeVisible();
  await screenReady(page);
  await page.getByRole('checkbox', { name: 'Completed' }).check();
  await screenReady(page);
  const table = page.getByRole('table', { name: 'Deployments matching the filters' });
  await expect(table).toBeVisible();
  const statuses = await table.locator('tbody tr td:nth-child(4)').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['Completed']));

  // The same filter through the API: the table shows exactly its first page.
  const session = JSON.parse((await page.evaluate("window.localStorage.getItem('school-support.session')")) as string) as { trustId: string };
  const listed = await gql(page, `query ($f: DeploymentFilter) { deployments(first: 25, filter: $f, orderBy: RECENTLY_CHANGED) { edges { node { id receivingAcademy { name } } } } }`, {
    f: { trustId: session.trustId, status: ['COMPLETED'] },
  });
  const names = await table.locator('tbody th').allTextContents();
  expect(names).toEqual(listed.deployments.edges.map((e: any) => e.node.receivingAcademy.name));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('deployments.csv');
  const { header, rows } = csvObjects(readFileSync((await download.path())!, 'utf8'));
  expect(header.slice(0, 5)).toEqual(['id', 'status', 'days', 'needId', 'staffId']);
  expect(rows.map((r) => r.id)).toEqual(listed.deployments.edges.map((e: any) => e.node.id));
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded deployments.csv' })).toBeVisible();

  // A school year with nothing in it says so.
  await page.getByLabel('From').fill('2001-01-01');
  await page.getByLabel('To').fill('2001-12-31');
  await expect(page.getByText('No deployments match these filters.')).toBeVisible();
});

test('equity ledger: the table and chart of the API’s ledger', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.getByRole('link', { name: 'Equity' }).click();
  await expect(page.getByRole('heading', { name: 'Equity ledger', level: 1 })).toBeVisible();
  await screenReady(page);
  const session = JSON.parse((await page.evaluate("window.localStorage.getItem('school-support.session')")) as string) as { trustId: string };
  const year = await page.getByLabel('School year').inputValue();
  const { equityLedger } = await gql(page, `query ($t: ID!, $y: String) { equityLedger(trustId: $t, schoolYear: $y) { daysReceived bands { label daysReceived daysRequested } banding { basis } } }`, { t: session.trustId, y: year });
  const table = page.getByRole('table', { name: /Days asked for, received and given, by band/ });
  await expect(table.locator('tbody tr')).toHaveCount(6);
  expect(await table.locator('tbody th').allTextContents()).toEqual(equityLedger.bands.map((b: any) => b.label));
  expect((await table.locator('tbody td:nth-child(4)').allTextContents()).map(Number)).toEqual(equityLedger.bands.map((b: any) => b.daysReceived));
  await expect(page.locator('.chart .recharts-surface').first()).toBeVisible();
  await expect(page.getByRole('table', { name: /Delivered days by direction/ })).toBeVisible();
  // The bands say what they are: with no register imported in the demo, not quintiles.
  if (equityLedger.banding.basis === 'FIXED_20_POINT_BANDS') await expect(page.getByText(/fixed 20-point FSM bands/)).toBeVisible();
});

test('both screens are axe-clean and fit a 375 px phone', async ({ page }) => {
  await signInAs(page, LEAD);
  const found = [
    ...(await checkWidths(page, '/deployments/records', async (p) => {
      await expect(p.getByRole('table', { name: 'Deployments matching the filters' })).toBeVisible();
    })),
    ...(await checkWidths(page, '/equity', async (p) => {
      await expect(p.getByRole('table', { name: /by band/ })).toBeVisible();
    })),
  ];
  expect(found).toEqual([]);
});
