// GraphiQL (the README sends newcomers to it) renders with no internet: every file it loads
// comes from this server, and the content security policy lets it run.
import { expect, test } from '@playwright/test';

test('GraphiQL renders from this server alone and loads the schema', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${baseURL}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('/graphql');
  await expect(page.locator('.graphiql-container').first()).toBeVisible();
  await expect(page.getByText('Loading')).toHaveCount(0);
  // The schema arrived: the documentation explorer lists the root types.
  await page.getByRole('button', { name: /documentation explorer/i }).click();
  await expect(page.getByText('Query', { exact: true }).first()).toBeVisible();
  expect(foreign).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
});
