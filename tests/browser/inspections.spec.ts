// The school page's latest Ofsted inspection, honestly labelled: a single-word judgement as
// such, then (once the trust lead records one) the report card with its grades and
// safeguarding, the judgement kept below as history. Axe-clean at desktop and phone width.
// The report card recorded (four areas strong, two expected: a mean of 0.3, as Good's value)
// leaves the school's priorities and its staff's rankings as they were for the specs after.
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs, tokenOf } from './support';

const RECORD = `mutation ($input: RecordOfstedReportCardInput!) {
  recordOfstedReportCard(input: $input) { academy { id } userErrors { field message } }
}`;
const AREAS = ['INCLUSION', 'CURRICULUM_AND_TEACHING', 'ACHIEVEMENT', 'ATTENDANCE_AND_BEHAVIOUR', 'PERSONAL_DEVELOPMENT_AND_WELLBEING', 'LEADERSHIP_AND_GOVERNANCE'];

async function gql(page: Page, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await page.request.post('/graphql', { headers: token ? { authorization: `Bearer ${token}` } : {}, data: { query, variables } });
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { data: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function axeAtBothWidths(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const size of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
    await page.setViewportSize(size);
    await page.goto('/school');
    await screenReady(page);
    found.push(...(await seriousViolations(page)));
  }
  return found;
}

test('the school page shows the latest inspection for what it is, and follows a new report card', async ({ page }) => {
  // A Good school of the lead's trust, so the lead may record its report card.
  await signInAs(page, LEAD);
  const leadToken = await tokenOf(page);
  const people = await gql(page, null, '{ devSignInPeople(roles: [HEADTEACHER]) { label academy { id ofstedRating trust { name } } } }');
  const head = people.devSignInPeople.find((p: any) => p.academy?.trust?.name === 'Trelawny Academy Trust' && p.academy.ofstedRating === 'GOOD');
  expect(head, 'a headteacher of a Good school in the lead’s trust').toBeTruthy();

  await signInAs(page, head.label);
  await page.goto('/school');
  await screenReady(page);
  const panel = page.getByRole('region', { name: 'Latest Ofsted inspection' });
  await expect(panel).toContainText('Single-word judgement: Good (date not recorded).');
  await expect(page.locator('.lede')).toContainText('Ofsted judgement GOOD (date not recorded)');
  expect(await axeAtBothWidths(page)).toEqual([]);

  const grades = AREAS.map((area, i) => ({ area, grade: i < 4 ? 'STRONG_STANDARD' : 'EXPECTED_STANDARD' }));
  const recorded = await gql(page, leadToken, RECORD, { input: { academyId: head.academy.id, inspectedOn: '2026-03-12', safeguarding: 'MET', grades } });
  expect(recorded.recordOfstedReportCard.userErrors).toEqual([]);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/school');
  await screenReady(page);
  await expect(panel).toContainText('Report card, inspected 12 Mar 2026. Report-card grades are not the old single-word judgements.');
  await expect(panel.getByRole('definition')).toHaveText(['Strong standard', 'Strong standard', 'Strong standard', 'Strong standard', 'Expected standard', 'Expected standard', 'Met']);
  await expect(panel.getByRole('term').first()).toHaveText('Inclusion');
  await expect(panel.getByRole('term').nth(4)).toHaveText('Personal development and well-being');
  await expect(panel).toContainText('Before it: single-word judgement Good (date not recorded), kept as history.');
  await expect(page.locator('.lede')).toContainText('Ofsted report card, 12 Mar 2026');
  expect(await axeAtBothWidths(page)).toEqual([]);
});
