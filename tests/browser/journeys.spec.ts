// The journeys of the issue, across roles, in one browser against the real server and the
// demo data. Later tests build on what earlier ones did (they share the server), so they
// run in order.
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, signInAs, tokenOf } from './support';

test.describe.configure({ mode: 'serial' });

/** The track-record detail of a candidate on the need page, e.g. "no completed deployments in Phonics yet: prior 0.50". */
async function trackRecordOf(page: Page, name: string): Promise<string> {
  const card = page.locator('article.candidate-card').filter({ has: page.getByRole('heading', { name }) });
  await expect(card).toHaveCount(1);
  return (await card.locator('[data-factor="trackRecord"] .factor-detail').innerText()).replace(/^:\s*/, '');
}

test('a need goes from proposal to completed impact across four roles, and the track record follows', async ({ page }) => {
  // The lead opens the top need and proposes the best-ranked person for one day.
  await signInAs(page, LEAD);
  await expect(page).toHaveURL(/\/lead$/);
  const topNeed = page.locator('section[aria-labelledby="needs-heading"] article.need-card').first();
  const needTitle = (await topNeed.getByRole('heading').innerText()).trim();
  await topNeed.getByRole('link').click();
  await screenReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(needTitle);
  const needUrl = page.url();
  const best = page.locator('article.candidate-card').first();
  const name = (await best.getByRole('heading').innerText()).replace(/^1\.\s*/, '').trim();
  const meta = await best.locator('.meta').first().innerText();
  // "Teacher at Home School (Home Hub) · ...": the school and hub that must release them.
  const home = /at (.+?)(?: \(([^)]+)\))? ·/.exec(meta);
  expect(home, `the best candidate's home school, from "${meta}"`).not.toBeNull();
  const [, homeSchool, homeHub] = home!;
  // The executive head of their hub releases them; a school in no hub releases through its headteacher.
  const releaser = homeHub ? `Executive head, ${homeHub}` : `Headteacher, ${homeSchool}`;
  const trackBefore = await trackRecordOf(page, name);
  await best.getByRole('button', { name: `Propose ${name}` }).click();
  await best.getByLabel(`Days for ${name}`).fill('1');
  await best.getByRole('button', { name: `Propose ${name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Proposed' })).toContainText(`Proposed ${name} for 1 day`);
  await expect(page.locator('section[aria-labelledby="arranged-heading"]')).toContainText(`${name}: 1 day, Proposed`);
  const receivingSchool = needTitle.replace(/^.+? at /, '');

  // The receiving school's headteacher accepts it. (First: when the person's hub is also the
  // receiving school's, the executive head's agreement signs for both sides of the hub.)
  await signInAs(page, `Headteacher, ${receivingSchool}`);
  await expect(page).toHaveURL(/\/school$/);
  const accept = page.getByRole('region', { name: 'Waiting on you' }).getByRole('button', { name: `Accept the support: ${name} to ${receivingSchool}` });
  await accept.click();
  await expect(accept).toHaveCount(0);
  const incoming = page.locator('section[aria-labelledby="incoming-heading"] article').filter({ hasText: name });
  await expect(incoming).toContainText('release awaited');

  // The executive head of the person's hub agrees the release.
  await signInAs(page, releaser);
  await expect(page).toHaveURL(homeHub ? /\/hub$/ : /\/school$/);
  const release = page.getByRole('region', { name: 'Waiting on you' }).getByRole('button', { name: `Agree the release: ${name} to ${receivingSchool}` });
  await release.click();
  await expect(release).toHaveCount(0);

  // Both schools have signed: the headteacher sees it agreed.
  await signInAs(page, `Headteacher, ${receivingSchool}`);
  await expect(incoming.locator('.badge').first()).toHaveText('Agreed');

  // The person starts it and completes it with its impact.
  await signInAs(page, name, new RegExp(`^${name}`));
  await page.getByRole('link', { name: 'My deployments' }).first().click();
  await screenReady(page);
  const waiting = page.getByRole('region', { name: 'Waiting on you' });
  await waiting.getByRole('button', { name: `Start: ${name} to ${receivingSchool}` }).click();
  await waiting.getByRole('button', { name: `Complete ${name}'s support at ${receivingSchool}` }).click();
  const form = page.getByRole('form', { name: `Complete ${name}'s support` });
  await form.getByLabel('4: strong, lasting impact').check();
  await form.getByLabel('What changed, and how you know').fill('Phonics screening check pass rate rose from 64% to 81% across Year 1.');
  await form.getByRole('button', { name: 'Complete the deployment' }).click();
  await expect(form).toHaveCount(0);
  const done = page.locator('section[aria-labelledby="all-heading"] article').filter({ hasText: receivingSchool }).first();
  await expect(done.locator('.badge').first()).toHaveText('Completed');
  await expect(done).toContainText('Impact 4/4');

  // The lead ranks the need again: the person's track record now counts the completed deployment.
  await signInAs(page, LEAD);
  await page.goto(needUrl);
  await screenReady(page);
  const trackAfter = await trackRecordOf(page, name);
  expect(trackAfter).not.toBe(trackBefore);
  const count = (text: string) => Number(/^(\d+) completed/.exec(text)?.[1] ?? 0);
  expect(count(trackAfter)).toBe(count(trackBefore) + 1);
});

test('a lead plans the trust, commits the plan after confirming, and its deployments appear on the board', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.getByRole('link', { name: 'Plan support' }).click();
  await screenReady(page);
  await expect(page.getByLabel('Plan for')).toHaveValue(/^trust:/);
  await page.getByRole('button', { name: 'Make a plan' }).click();
  const rows = page.locator('section[aria-labelledby="assignments-heading"] tbody tr');
  await expect(rows.first()).toBeVisible();
  const planned = await rows.count();
  expect(planned).toBeGreaterThan(0);
  const firstWho = (await rows.first().locator('td').nth(1).innerText()).replace(/\s*\(.*\)$/, '').trim();
  await expect(page.getByRole('table', { name: /Days asked for and allocated/ })).toBeVisible();

  await page.getByRole('button', { name: 'Commit this plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Commit this plan?' });
  await expect(dialog).toBeVisible();
  // Cancelling writes nothing; confirming commits.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Commit this plan' }).click();
  await dialog.getByRole('button', { name: `Propose ${planned} deployments` }).click();
  const outcome = page.getByRole('status').filter({ hasText: 'proposed' });
  await expect(outcome).toContainText(/\d+ deployments? proposed/);
  const made = Number(/(\d+) deployments? proposed/.exec(await outcome.innerText())![1]);
  expect(made).toBeGreaterThan(0);

  await outcome.getByRole('link', { name: 'See them on the deployments board' }).click();
  await screenReady(page);
  const proposed = page.locator('section[aria-labelledby="col-PROPOSED"]');
  await expect(proposed.locator('article')).not.toHaveCount(0);
  expect(await proposed.locator('article').count()).toBeGreaterThanOrEqual(Math.min(made, 40));
  await expect(proposed.locator('article').filter({ hasText: firstWho }).first()).toBeVisible();
  await expect(proposed.locator('.flag-waiting').first()).toHaveText('Waiting longest');
});

test('bad input shows the server message at its field and writes nothing; a teacher cannot edit another profile', async ({ page }) => {
  await signInAs(page, 'Headteacher, Larkhill Primary Academy');
  const needs = page.locator('section[aria-labelledby="needs-heading"] article');
  await expect(needs.first()).toBeVisible();
  const before = await needs.count();

  await page.getByRole('link', { name: 'Raise a need' }).first().click();
  await screenReady(page);
  await page.getByLabel('Area').selectOption('MATHS');
  await page.getByLabel('What is needed').fill('Help');
  await page.getByLabel('Days of support wanted').fill('500');
  await page.getByRole('button', { name: 'Raise this need' }).click();
  // The server's own words, at the fields they name, tied to the control for screen readers.
  const days = page.getByLabel('Days of support wanted');
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  const daysError = page.locator(`#${await days.getAttribute('aria-describedby')}`);
  await expect(daysError).toContainText(/200/);
  const description = page.getByLabel('What is needed');
  await expect(description).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`#${(await description.getAttribute('aria-describedby'))!.split(' ').pop()}`)).not.toBeEmpty();
  // What was typed is still there to correct.
  await expect(description).toHaveValue('Help');

  await page.getByRole('link', { name: 'My school' }).click();
  await screenReady(page);
  await expect(needs).toHaveCount(before);

  // A teacher may open only their own profile for editing: the page refuses, and so does the server.
  const people = await page.request.post('/graphql', {
    data: { query: '{ devSignInPeople(roles: [TEACHER], first: 2) { name staffMemberId } }' },
  });
  const [me, other] = ((await people.json()) as { data: { devSignInPeople: { name: string; staffMemberId: string }[] } }).data.devSignInPeople;
  await signInAs(page, me!.name, new RegExp(`^${me!.name}`));
  await page.goto(`/staff/${encodeURIComponent(other!.staffMemberId)}/edit`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You can change only your own profile');
  await expect(page.getByRole('textbox')).toHaveCount(0);
  const refused = await page.request.post('/graphql', {
    headers: { authorization: `Bearer ${await tokenOf(page)}` },
    data: { query: 'mutation($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { staffMember { id } } }', variables: { input: { id: other!.staffMemberId, maxTravelKm: 99 } } },
  });
  expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
  // Their own profile opens for editing.
  await page.getByRole('link', { name: 'Edit your own profile' }).click();
  await screenReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit my profile');
  await expect(page.getByLabel('Days you can offer this year')).toBeVisible();
});

test('an expired sign-in or a lost connection says so and keeps what was typed', async ({ page, context }) => {
  await signInAs(page, 'Headteacher, Larkhill Primary Academy');
  await page.getByRole('link', { name: 'Raise a need' }).first().click();
  await screenReady(page);
  const text = 'Year 4 times-tables fluency is well below the national average; we want a maths lead to coach two teachers.';
  await page.getByLabel('Area').selectOption('MATHS');
  await page.getByLabel('What is needed').fill(text);
  await page.getByLabel('Days of support wanted').fill('4');

  // The token stops being valid (as after a server restart with a new signing key).
  await page.evaluate(`(() => {
    const s = JSON.parse(localStorage.getItem('school-support.session'));
    s.token = s.token.slice(0, -4) + 'AAAA';
    localStorage.setItem('school-support.session', JSON.stringify(s));
  })()`);
  await page.getByRole('button', { name: 'Raise this need' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your sign-in is no longer valid' }).first()).toBeVisible();
  await expect(page.getByLabel('What is needed')).toHaveValue(text);

  // The connection drops.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Raise this need' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'No connection to the server' })).toBeVisible();
  await expect(page.getByLabel('What is needed')).toHaveValue(text);
  await context.setOffline(false);

  // Even a reload keeps the draft.
  await page.reload();
  await screenReady(page);
  await expect(page.getByLabel('What is needed')).toHaveValue(text);
  await expect(page.getByLabel('Days of support wanted')).toHaveValue('4');
});
