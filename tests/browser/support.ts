// Shared steps for the browser tests: signing in through the development sign-in page as a
// person a user would pick, and waiting until a screen has its data.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Signs in on the sign-in page by finding the person (name or label) and clicking them. */
export async function signInAs(page: Page, find: string, buttonName: string | RegExp = find): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Find a person, school or hub').fill(find);
  await page.getByRole('button', { name: buttonName }).first().click();
  // The app leaves the sign-in page once the new session is stored. Waiting for "Sign out"
  // alone passes at once when someone else was signed in, and the next page then loaded as them.
  await expect(page).not.toHaveURL(/\/sign-in(?:[?#]|$)/);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await screenReady(page);
}

/** The screen has its data: no loading indicator left, and a main heading. */
export async function screenReady(page: Page): Promise<void> {
  await expect(page.locator('.state-loading')).toHaveCount(0);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('.state-loading')).toHaveCount(0);
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** The bearer token the app holds (to show the server itself refuses what the page hides). */
export async function tokenOf(page: Page): Promise<string> {
  // A string, not a function: this file is type-checked without the DOM library.
  const session = (await page.evaluate("window.localStorage.getItem('school-support.session')")) as string | null;
  if (!session) throw new Error('not signed in');
  return (JSON.parse(session) as { token: string }).token;
}

export const LEAD = 'Improvement lead, Trelawny Academy Trust';
