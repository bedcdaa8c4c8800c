// The school year on the screens that show capacity: a teacher's own days and an executive
// head's staff capacity say which school year (1 September to 31 August) they are about, and
// stay accessible at phone width.
import { expect, test } from '@playwright/test';
import { schoolYearOf } from '../../server/domain/school-year';
import { screenReady, seriousViolations, signInAs } from './support';

const thisYear = schoolYearOf(new Date()).label;

test("a teacher's profile says which school year their days are about", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const people = await page.request.post('/graphql', { data: { query: '{ devSignInPeople(roles: [TEACHER], first: 1) { name } }' } });
  const [me] = ((await people.json()) as { data: { devSignInPeople: { name: string }[] } }).data.devSignInPeople;
  await signInAs(page, me!.name, new RegExp(`^${me!.name}`));
  await page.goto('/me');
  await screenReady(page);
  await expect(page.getByRole('heading', { name: `Availability, school year ${thisYear}` })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("an executive head's staff capacity names the school year", async ({ page }) => {
  await signInAs(page, 'Executive head, Truro and Penwith Hub');
  await page.goto('/hub');
  await screenReady(page);
  await expect(page.getByRole('heading', { name: `Staff capacity, school year ${thisYear}` })).toBeVisible();
  await expect(page.getByText(`Days of the school year ${thisYear} (1 September to 31 August)`)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
