// A school's whole-school support days in the web app: the headteacher sees this school
// year's days offered, reserved and left on the school page and sets them; the hub's
// executive head sees every member school's on the hub page and sets one. A value the server
// refuses is shown at the field in the server's words, and nothing is written. Each test puts
// the days back as it found them (the specs after rank schools on them). Next school year's
// days appear once a deployment reserves days in it. axe-clean at desktop and phone width.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs, tokenOf } from './support';

test.describe.configure({ mode: 'serial' });

const HUB = 'Truro and Penwith Hub';
const SIZES = [
  { width: 1280, height: 900 },
  { width: 375, height: 812 },
];

async function gql(page: Page, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await page.request.post('/graphql', { headers: token ? { authorization: `Bearer ${token}` } : {}, data: { query, variables } });
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { data: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** A headteacher of a school in the hub, so the executive head sees the same school. */
async function headOfHubSchool(page: Page): Promise<{ label: string; school: string }> {
  const people = await gql(page, '{ devSignInPeople(roles: [HEADTEACHER]) { label academy { id name cluster { name } } } }');
  const head = people.devSignInPeople.find((p: any) => p.academy?.cluster?.name === HUB);
  expect(head, `a headteacher of a school in ${HUB}`).toBeTruthy();
  return { label: head.label, school: head.academy.name };
}

async function axeClean(page: Page) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]!);
}

/** The figures of the first year shown: offered, reserved, left. */
async function figures(panel: Locator): Promise<{ offered: number; reserved: number; left: number }> {
  const [offered, reserved, left] = (await panel.locator('dl.stats').first().getByRole('definition').allInnerTexts()).map(Number);
  return { offered: offered!, reserved: reserved!, left: left! };
}

test('the headteacher sets the school’s support days and sees them; a refused value shows the server’s message', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await page.goto('/sign-in');
  const head = await headOfHubSchool(page);
  await signInAs(page, head.label);
  await page.goto('/school');
  await screenReady(page);
  const panel = page.getByRole('region', { name: 'Whole-school support days' });
  await expect(panel.getByRole('heading', { name: /^This school year, \d{4}\/\d{2}$/ })).toBeVisible();
  const before = await figures(panel);
  expect(before.offered).toBe(before.reserved + before.left);
  await axeClean(page);

  // A value unlike the one saved now (and not below what is reserved), whatever ran before.
  const wanted = before.reserved + (before.offered === before.reserved + 6 ? 7 : 6);
  const field = panel.getByLabel(new RegExp(`^Days ${head.school} offers in \\d{4}/\\d{2}$`));
  await expect(field).toHaveValue(String(before.offered));
  await field.fill(String(wanted));
  const save = panel.getByRole('button', { name: 'Save the support days' });
  await expect(save).toBeEnabled();
  await field.focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toContainText(`Saved: ${head.school} offers ${wanted} days in`);
  await expect(panel.locator('dl.stats').first().getByRole('definition')).toHaveText([String(wanted), String(before.reserved), String(wanted - before.reserved)]);
  await axeClean(page);

  // The server's rule, in its words, at the field; nothing written.
  await field.fill('1001');
  await save.click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Must be at most 1000 days/);
  await expect(panel.getByRole('status')).toHaveCount(0);
  await axeClean(page);
  await field.fill('-2');
  await save.click();
  await expect(field).toHaveAccessibleDescription(/Must not be negative/);
  // Not a number at all: caught before anything is sent.
  await field.fill('lots');
  await save.click();
  await expect(field).toHaveAccessibleDescription(/“lots” is not a number\./);

  await page.reload();
  await screenReady(page);
  await expect(panel.locator('dl.stats').first().getByRole('definition').first()).toHaveText(String(wanted));
  await expect(field).toHaveValue(String(wanted));

  // As it was, for the specs after.
  await field.fill(String(before.offered));
  await save.click();
  await expect(panel.getByRole('status')).toContainText(`Saved: ${head.school} offers ${before.offered} day`);
});

test('the hub’s executive head sees each member school’s support days and sets one', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await page.goto('/sign-in');
  const head = await headOfHubSchool(page);
  await signInAs(page, `Executive head, ${HUB}`);
  await page.goto('/hub');
  await screenReady(page);
  const panel = page.getByRole('region', { name: /^Whole-school support days, school year \d{4}\/\d{2}$/ });
  const row = panel.getByRole('row', { name: new RegExp(`^${head.school}`) });
  await expect(row).toBeVisible();
  const cells = async () => (await row.getByRole('cell').allInnerTexts()).map(Number);
  const [offered, reserved, left] = await cells();
  expect(offered).toBe(reserved! + left!);
  await axeClean(page);

  await panel.getByLabel('School', { exact: true }).selectOption({ label: head.school });
  const field = panel.getByLabel(new RegExp(`^Days ${head.school} offers in`));
  await expect(field).toHaveValue(String(offered));
  const wanted = reserved! + (offered === reserved! + 4 ? 5 : 4);
  await field.fill(String(wanted));
  await panel.getByRole('button', { name: 'Save the support days' }).click();
  await expect(panel.getByRole('status')).toContainText(`Saved: ${head.school} offers ${wanted} days in`);
  await expect(row.getByRole('cell')).toHaveText([String(wanted), String(reserved), String(wanted - reserved!)]);

  await field.fill('1001');
  await panel.getByRole('button', { name: 'Save the support days' }).click();
  await expect(field).toHaveAccessibleDescription(/Must be at most 1000 days/);
  await expect(row.getByRole('cell').first()).toHaveText(String(wanted));
  await axeClean(page);

  // As it was, for the specs after.
  await field.fill(String(offered));
  await panel.getByRole('button', { name: 'Save the support days' }).click();
  await expect(row.getByRole('cell')).toHaveText([String(offered), String(reserved), String(left)]);
});

test('next school year’s days appear on the school page once a deployment reserves days in it', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await signInAs(page, LEAD);
  const lead = await tokenOf(page);
  // A school the ranking offers as a whole for one of the trust's needs, with a headteacher.
  const heads = (await gql(page, '{ devSignInPeople(roles: [HEADTEACHER]) { label academy { id name } } }')).devSignInPeople;
  const trusts = (await gql(page, '{ trusts(first: 50) { edges { node { id name } } } }')).trusts.edges.map((e: any) => e.node);
  const trustId = trusts.find((t: any) => LEAD.endsWith(t.name)).id as string;
  const needs = (await gql(page, 'query ($trustId: ID!) { needs(first: 30, filter: { trustId: $trustId, statuses: [OPEN] }, orderBy: PRIORITY) { edges { node { id } } } }', { trustId }, lead)).needs.edges.map((e: any) => e.node);
  let found: { needId: string; academyId: string; head: { label: string; school: string } } | null = null;
  for (const need of needs) {
    const ranking = await gql(page, 'query ($id: ID!) { rankCandidates(needId: $id, kind: ACADEMY, first: 10) { candidates { candidate { ... on Academy { id name } } } } }', { id: need.id }, lead);
    for (const c of ranking.rankCandidates.candidates) {
      const head = heads.find((h: any) => h.academy?.id === c.candidate.id);
      if (head) {
        found = { needId: need.id, academyId: c.candidate.id, head: { label: head.label, school: head.academy.name } };
        break;
      }
    }
    if (found) break;
  }
  expect(found, 'a school ranked as a whole for a need of the trust, with a headteacher').toBeTruthy();
  const { needId, academyId, head } = found!;
  const now = (await gql(page, 'query ($id: ID!) { node(id: $id) { ... on Academy { supportCapacity { schoolYear } } } }', { id: academyId }, lead)).node.supportCapacity.schoolYear as string;
  const start = Number(now.slice(0, 4)) + 1;
  const nextYear = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;

  // Before: nothing reserved next year, so only this year is shown.
  await signInAs(page, head.label);
  await page.goto('/school');
  await screenReady(page);
  const panel = page.getByRole('region', { name: 'Whole-school support days' });
  await expect(panel.getByRole('heading', { name: `This school year, ${now}` })).toBeVisible();
  await expect(panel.getByRole('heading', { name: /^Next school year/ })).toHaveCount(0);
  const offered = (await figures(panel)).offered;

  // Two days in October of next school year, reserved by a proposal from the lead.
  const proposed = await gql(
    page,
    'mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { field message } } }',
    { input: { needId, supportingAcademyId: academyId, days: 2, startDate: `${start}-10-05`, endDate: `${start}-10-06` } },
    lead,
  );
  expect(proposed.proposeDeployment.userErrors).toEqual([]);
  const deploymentId = proposed.proposeDeployment.deployment.id as string;

  await page.reload();
  await screenReady(page);
  await expect(panel.getByRole('heading', { name: `Next school year, ${nextYear}` })).toBeVisible();
  // Next year opens with the standing offer (this year's), two of its days already reserved.
  await expect(panel.locator('dl.stats').nth(1).getByRole('definition')).toHaveText([String(offered), '2', String(offered - 2)]);
  await expect(panel.locator('dl.stats').first().getByRole('definition').first()).toHaveText(String(offered));
  await axeClean(page);

  // Cancelled: the days go back, and next year is no longer shown.
  const cancelled = await gql(page, 'mutation ($id: ID!) { cancelDeployment(input: { id: $id }) { deployment { status } userErrors { message } } }', { id: deploymentId }, lead);
  expect(cancelled.cancelDeployment.userErrors).toEqual([]);
  await page.reload();
  await screenReady(page);
  await expect(panel.getByRole('heading', { name: `This school year, ${now}` })).toBeVisible();
  await expect(panel.getByRole('heading', { name: /^Next school year/ })).toHaveCount(0);
});
