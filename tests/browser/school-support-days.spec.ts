// A school's whole-school support days in the web app: the headteacher sees this school
// year's days offered, reserved and left on the school page and sets them; the hub's
// executive head sees every member school's on the hub page and sets one. A value the server
// refuses is shown at the field in the server's words, and nothing is written. Each test puts
// the days back as it found them (the specs after rank schools on them). Next school year's
// days appear once a deployment reserves days in it. A school in an Ofsted category of
// concern has no form but the reason, by which inspection, and what becomes of days recorded
// before, on both pages; a closed school likewise, saying since when. A headteacher's offer of
// the whole school is refused at that choice once the school is in a category of concern.
// axe-clean at desktop and phone width.
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

const HEADS_OF_HUB_SCHOOLS = `{ devSignInPeople(roles: [HEADTEACHER]) {
  label academy { id urn name cluster { name } latestInspection { label mustNotLendStaff mustNotLendReason categoryOfConcern } }
} }`;

/** A headteacher of a school in the hub that may lend (so it has the form), so the executive head sees the same school. */
async function headOfHubSchool(page: Page): Promise<{ label: string; school: string }> {
  const people = await gql(page, HEADS_OF_HUB_SCHOOLS);
  const head = people.devSignInPeople.find((p: any) => p.academy?.cluster?.name === HUB && !p.academy.latestInspection.mustNotLendStaff);
  expect(head, `a headteacher of a school in ${HUB} that may lend`).toBeTruthy();
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

test('a school in a category of concern gets no offer form but the reason, and its days recorded before are shown for what they are', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await signInAs(page, LEAD);
  const lead = await tokenOf(page);
  // The demo's Inadequate school in the hub (a category of concern), with its headteacher.
  const people = (await gql(page, HEADS_OF_HUB_SCHOOLS)).devSignInPeople;
  const head = people.find((p: any) => p.academy?.cluster?.name === HUB && p.academy.latestInspection.mustNotLendStaff);
  expect(head, `a headteacher of a school in ${HUB} in a category of concern`).toBeTruthy();
  const school = head.academy as { id: string; urn: string; name: string; latestInspection: { categoryOfConcern: string } };
  // The server's phrase for it (reason and inspection), which the page and the refusals share.
  const concern = `(${school.latestInspection.categoryOfConcern})`;
  const SUPPORT = 'query ($id: ID!) { node(id: $id) { ... on Academy { ofstedRating supportCapacity { daysOffered daysCommitted } } } }';
  const start = (await gql(page, SUPPORT, { id: school.id }, lead)).node;
  expect(start.supportCapacity, `${school.name} starts with no days recorded`).toEqual({ daysOffered: 0, daysCommitted: 0 });
  const SET = 'mutation ($input: SetAcademySupportCapacityInput!) { setAcademySupportCapacity(input: $input) { academy { id } userErrors { field code message } } }';
  const RATE = 'mutation ($input: UpsertAcademyInput!) { upsertAcademy(input: $input) { academy { id } userErrors { field message } } }';

  await signInAs(page, head.label);
  const headToken = await tokenOf(page);
  await page.goto('/school');
  await screenReady(page);
  const panel = page.getByRole('region', { name: 'Whole-school support days' });
  const note = panel.getByRole('note', { name: `Why ${school.name} offers no support days` });
  await expect(note).toContainText(`${school.name} offers no whole-school support days`);
  await expect(note).toContainText(`It is in an Ofsted category of concern ${concern}, so it keeps its own staff`);
  await expect(note).toContainText(/No days are recorded for it in \d{4}\/\d{2}\./);
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Save the support days' })).toHaveCount(0);
  await expect(panel.getByRole('heading', { name: /^This school year/ })).toHaveCount(0);
  await axeClean(page);
  // The server holds the same rule for anyone asking.
  const refused = (await gql(page, SET, { input: { academyId: school.id, supportCapacityDays: 5 } }, headToken)).setAcademySupportCapacity;
  expect(refused.userErrors).toEqual([{ field: ['supportCapacityDays'], code: 'CATEGORY_OF_CONCERN', message: expect.stringContaining(concern) }]);

  try {
    // Days offered while its judgement was Good, then Inadequate again: the days stay on record.
    const rated = async (ofstedRating: string) =>
      expect((await gql(page, RATE, { input: { urn: school.urn, ofstedRating } }, lead)).upsertAcademy.userErrors).toEqual([]);
    await rated('GOOD');
    expect((await gql(page, SET, { input: { academyId: school.id, supportCapacityDays: 6 } }, lead)).setAcademySupportCapacity.userErrors).toEqual([]);
    await rated(start.ofstedRating);

    await page.reload();
    await screenReady(page);
    await expect(note).toContainText(`It is in an Ofsted category of concern ${concern}`);
    await expect(note).toContainText('Days recorded before stay on record as they are. The 6 days left are offered to no school; they count again only once a later inspection takes the school out of the category.');
    await expect(panel.getByRole('heading', { name: /^This school year, \d{4}\/\d{2}$/ })).toBeVisible();
    await expect(panel.locator('dl.stats').first().getByRole('definition')).toHaveText(['6', '0', '6']);
    await expect(panel.getByRole('textbox')).toHaveCount(0);
    await axeClean(page);

    // The hub page says the same of it, in the table and in place of the form.
    await signInAs(page, `Executive head, ${HUB}`);
    await page.goto('/hub');
    await screenReady(page);
    const hub = page.getByRole('region', { name: /^Whole-school support days, school year \d{4}\/\d{2}$/ });
    const row = hub.getByRole('row', { name: new RegExp(`^${school.name}`) });
    await expect(row.getByRole('rowheader')).toContainText(`Category of concern ${concern}: keeps its own staff, lends no days`);
    await expect(row.getByRole('cell')).toHaveText(['6', '0', '6']);
    await hub.getByLabel('School', { exact: true }).selectOption({ label: school.name });
    await expect(hub.getByRole('note', { name: `Why ${school.name} offers no support days` })).toContainText('The 6 days left are offered to no school');
    await expect(hub.getByLabel(new RegExp(`^Days ${school.name} offers in`))).toHaveCount(0);
    await axeClean(page);
    // Another school of the hub, which may lend, has the form.
    const other = await headOfHubSchool(page);
    await hub.getByLabel('School', { exact: true }).selectOption({ label: other.school });
    await expect(hub.getByLabel(new RegExp(`^Days ${other.school} offers in`))).toBeVisible();
    await expect(hub.getByRole('note')).toHaveCount(0);

    // The one change left to its headteacher: withdrawing the days left, after a confirmation.
    await signInAs(page, head.label);
    await page.goto('/school');
    await screenReady(page);
    const withdraw = note.getByRole('button', { name: 'Withdraw the 6 days left' });
    await withdraw.click();
    const dialog = page.getByRole('dialog', { name: `Withdraw 6 days from ${school.name}’s offer?` });
    await expect(dialog).toContainText('It then offers only the 0 days deployments have reserved in');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(withdraw).toBeFocused();
    await expect(panel.locator('dl.stats').first().getByRole('definition')).toHaveText(['6', '0', '6']);
    await withdraw.click();
    await dialog.getByRole('button', { name: 'Withdraw them' }).click();
    await expect(note.getByRole('status')).toHaveText(/^Withdrawn: .+ now offers 0 days in \d{4}\/\d{2}, 0 days left\.$/);
    await expect(note).toContainText(/No days are recorded for it in \d{4}\/\d{2}\./);
    await expect(panel.getByRole('heading', { name: /^This school year/ })).toHaveCount(0);
    await expect(withdraw).toHaveCount(0);
    await axeClean(page);
  } finally {
    // As it was, for the specs after: its judgement, and no days (lowering is allowed in a category of concern).
    await gql(page, RATE, { input: { urn: school.urn, ofstedRating: start.ofstedRating } }, lead);
    expect((await gql(page, SET, { input: { academyId: school.id, supportCapacityDays: 0 } }, lead)).setAcademySupportCapacity.userErrors).toEqual([]);
  }
  expect((await gql(page, SUPPORT, { id: school.id }, lead)).node).toEqual(start);
});

test('a closed school gets no offer form but since when it is closed, and its days recorded before are shown for what they are', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await page.goto('/sign-in');
  // The demo's school the register lists as closed, with its headteacher.
  const people = (await gql(page, '{ devSignInPeople(roles: [HEADTEACHER]) { label academy { id name status closedOn } } }')).devSignInPeople;
  const head = people.find((p: any) => p.academy?.status === 'CLOSED');
  expect(head, 'a headteacher of a closed school').toBeTruthy();
  const school = head.academy as { id: string; name: string; closedOn: string };
  const since = new Date(`${school.closedOn}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

  await signInAs(page, head.label);
  const headToken = await tokenOf(page);
  const SUPPORT = 'query ($id: ID!) { node(id: $id) { ... on Academy { supportCapacity { daysOffered daysCommitted daysLeft } } } }';
  const start = (await gql(page, SUPPORT, { id: school.id }, headToken)).node.supportCapacity;
  expect(start.daysLeft, `${school.name} has days recorded from before it closed`).toBeGreaterThan(0);
  await page.goto('/school');
  await screenReady(page);
  const panel = page.getByRole('region', { name: 'Whole-school support days' });
  const note = panel.getByRole('note', { name: `Why ${school.name} offers no support days` });
  await expect(note).toContainText(`${school.name} offers no whole-school support days`);
  await expect(note).toContainText(`It has closed (the register, GIAS, lists it as closed from ${since}), so it lends no staff`);
  await expect(note).toContainText(
    `Days recorded before stay on record as they are. The ${start.daysLeft} day${start.daysLeft === 1 ? ' left is' : 's left are'} offered to no school; ${start.daysLeft === 1 ? 'it counts' : 'they count'} again only if the register lists the school as open again.`,
  );
  await expect(panel.locator('dl.stats').first().getByRole('definition')).toHaveText([String(start.daysOffered), String(start.daysCommitted), String(start.daysLeft)]);
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Save the support days' })).toHaveCount(0);
  // Withdraw stays (lowering is allowed); the dialog says why the days cannot come back. Not confirmed: they could not be offered again.
  await note.getByRole('button', { name: `Withdraw the ${start.daysLeft} day${start.daysLeft === 1 ? '' : 's'} left` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('While it is closed it cannot offer days again.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await axeClean(page);

  // The server holds the same rule, in the words the page uses.
  const SET = 'mutation ($input: SetAcademySupportCapacityInput!) { setAcademySupportCapacity(input: $input) { academy { id } userErrors { field code message } } }';
  const refused = (await gql(page, SET, { input: { academyId: school.id, supportCapacityDays: start.daysOffered + 1 } }, headToken)).setAcademySupportCapacity;
  expect(refused.userErrors).toEqual([{ field: ['supportCapacityDays'], code: 'ACADEMY_CLOSED', message: expect.stringContaining(`${school.name} has closed (the register, GIAS, lists it as closed from ${since}): it lends no staff`) }]);
  expect((await gql(page, SUPPORT, { id: school.id }, headToken)).node.supportCapacity).toEqual(start);

  // “Where could I help most” lists nothing for its staff, and says why rather than “widen your expertise”.
  await page.goto('/me/help');
  await screenReady(page);
  const why = page.getByRole('note', { name: `Why ${school.name}’s staff are not asked to help` });
  await expect(why).toContainText(`It has closed (the register, GIAS, lists it as closed from ${since}). No need is listed for you here, and an offer of help from you or the school would be refused.`);
  await expect(page.getByRole('button', { name: /^Offer help: / })).toHaveCount(0);
  await axeClean(page);
});

test('a headteacher’s whole-school offer is refused at that choice once the school is in a category of concern', async ({ page }) => {
  await page.setViewportSize(SIZES[1]!);
  await signInAs(page, LEAD);
  const lead = await tokenOf(page);
  // A headteacher of a school of the hub that may lend, whose "where could I help most" lists a need.
  const people = (await gql(page, '{ devSignInPeople(roles: [HEADTEACHER]) { label academy { id urn name ofstedRating cluster { name } latestInspection { mustNotLendStaff } } } }')).devSignInPeople;
  const candidates = people.filter((p: any) => p.academy?.cluster?.name === HUB && !p.academy.latestInspection.mustNotLendStaff);
  let head: any = null;
  for (const p of candidates) {
    await signInAs(page, p.label);
    await page.goto('/me/help');
    await screenReady(page);
    if ((await page.getByRole('button', { name: /^Offer help: / }).count()) > 0) {
      head = p;
      break;
    }
  }
  expect(head, `a headteacher in ${HUB} offered a need on “where could I help most”`).toBeTruthy();
  const school = head.academy as { id: string; urn: string; name: string; ofstedRating: string };
  const headToken = await tokenOf(page);
  const MINE = '{ myOffers(first: 50) { id } }';
  const offersBefore = (await gql(page, MINE, {}, headToken)).myOffers.length;
  const RATE = 'mutation ($input: UpsertAcademyInput!) { upsertAcademy(input: $input) { academy { latestInspection { categoryOfConcern } } userErrors { field message } } }';

  await page.getByRole('button', { name: /^Offer help: / }).first().click();
  const form = page.getByRole('form', { name: /^Offer help: / });
  const whole = form.getByRole('checkbox', { name: 'Offer the whole school’s help, not only mine' });
  await whole.check();
  try {
    // Meanwhile an inspection puts the school in a category of concern (the page still shows the need).
    const rated = (await gql(page, RATE, { input: { urn: school.urn, ofstedRating: 'INADEQUATE' } }, lead)).upsertAcademy;
    expect(rated.userErrors).toEqual([]);
    const concern = rated.academy.latestInspection.categoryOfConcern as string;
    expect(concern).not.toMatch(/\(/); // reads without nested brackets inside the message's own
    await form.getByRole('button', { name: 'Send the offer' }).click();
    await expect(whole).toHaveAttribute('aria-invalid', 'true');
    await expect(whole).toHaveAccessibleDescription(`${school.name} is in an Ofsted category of concern (${concern}): it keeps its own staff, so it cannot offer its help`);
    await expect(form.getByRole('alert')).toHaveCount(0); // at the field, not in the summary
    await expect(page.getByText('Offer sent for')).toHaveCount(0);
    expect((await gql(page, MINE, {}, headToken)).myOffers.length).toBe(offersBefore);
    for (const size of [SIZES[1]!, SIZES[0]!]) {
      await page.setViewportSize(size);
      expect(await seriousViolations(page)).toEqual([]);
    }
  } finally {
    // As it was, for the specs after.
    expect((await gql(page, RATE, { input: { urn: school.urn, ofstedRating: school.ofstedRating } }, lead)).upsertAcademy.userErrors).toEqual([]);
  }
});
