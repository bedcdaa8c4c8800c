// An offer of help becomes a proposal, and the deployment agreement is signed by both schools
// (then changed, and signed again), at phone width (375 px), axe-clean at each step (at desktop
// width too), against
// the real server and the demo data. The teacher and the need are found through the API: a
// teacher of the lead's trust whose "where could I help most" lists a need of that trust.
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs } from './support';

test.describe.configure({ mode: 'serial' });

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await page.request.post('/graphql', { data: { query, variables }, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** No part of the page is wider than the phone's screen. */
async function fitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
}

/** axe-clean at phone width and fitting it, then axe-clean at desktop width too; back to the phone. */
async function axeClean(page: Page): Promise<void> {
  await screenReady(page);
  expect(await seriousViolations(page)).toEqual([]);
  await fitsWidth(page);
  await page.setViewportSize(DESKTOP);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize(PHONE);
}

interface Person {
  name: string;
  label: string;
  staffMemberId: string | null;
  scopeId: string | null;
  academy: { name: string } | null;
  trust: { id: string } | null;
}

let teacher: Person;
let need: { id: string; school: string };
let deploymentPath = '';

test('a teacher offers help on a need; the lead sees it beside the ranking and turns it into a proposal', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const people = await gql<{ devSignInPeople: Person[] }>(page, `{ devSignInPeople(first: 500) { name label staffMemberId scopeId academy { name } trust { id } } }`);
  const lead = people.devSignInPeople.find((p) => p.label === LEAD || p.name === LEAD)!;
  expect(lead, 'the demo lead').toBeDefined();
  // A teacher of the lead's trust, and a need of that trust they could help with.
  for (const p of people.devSignInPeople.filter((x) => x.staffMemberId && x.trust?.id === lead.trust!.id && /^(teacher|middle leader)/i.test(x.label))) {
    const signIn = await gql<{ devSignIn: { token: string } }>(page, `mutation ($input: DevSignInInput!) { devSignIn(input: $input) { token } }`, { input: { role: 'TEACHER', scopeId: p.staffMemberId } });
    // Earlier specs on the shared server (a committed plan) may have given this year's days
    // away: the teacher first offers a few more, as a teacher would before offering help.
    const days = await gql<{ node: { capacityDays: number; daysCommitted: number; remainingDays: number } }>(
      page,
      `query ($id: ID!) { node(id: $id) { ... on StaffMember { capacityDays daysCommitted remainingDays } } }`,
      { id: p.staffMemberId },
      signIn.devSignIn.token,
    );
    if (days.node.remainingDays < 3) {
      await gql(page, `mutation ($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { userErrors { message } } }`, { input: { id: p.staffMemberId, capacityDays: days.node.daysCommitted + 5 } }, signIn.devSignIn.token);
    }
    const ranked = await gql<{ rankNeedsForStaff: { need: { id: string; academy: { name: string; trust: { id: string } | null } } }[] }>(
      page,
      `query ($id: ID!) { rankNeedsForStaff(staffId: $id, first: 10) { need { id academy { name trust { id } } } } }`,
      { id: p.staffMemberId },
      signIn.devSignIn.token,
    );
    const mine = ranked.rankNeedsForStaff.find((r) => r.need.academy.trust?.id === lead.trust!.id);
    if (mine) {
      teacher = p;
      need = { id: mine.need.id, school: mine.need.academy.name };
      break;
    }
  }
  expect(teacher, 'a teacher of the trust who could help with one of its needs').toBeDefined();

  // The teacher offers help from "where could I help most".
  await signInAs(page, teacher.name, new RegExp(`^${teacher.name}`));
  await page.goto('/me/help');
  await screenReady(page);
  await expect(page.getByRole('heading', { name: 'My offers' })).toBeVisible();
  const card = page.locator(`article[data-need-id="${need.id}"]`);
  const what = (await card.getByRole('heading').innerText()).replace(/^\d+\.\s*/, '').trim();
  await card.getByRole('button', { name: `Offer help: ${what}` }).click();
  const form = card.getByRole('form', { name: `Offer help: ${what}` });
  await form.getByLabel('What you would bring (optional)').fill('I led the reading recovery at my school last year.');
  // Bad input is named at its field.
  await form.getByLabel(/Days you could give/).fill('500');
  await form.getByRole('button', { name: 'Send the offer' }).click();
  const days = form.getByLabel(/Days you could give/);
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await axeClean(page);
  await days.fill('1');
  await form.getByRole('button', { name: 'Send the offer' }).click();
  const myOffer = page.getByRole('article', { name: `Offer: ${what}` });
  await expect(myOffer).toContainText('Waiting for the improvement lead');
  await expect(card).toContainText('You have offered help on this need');
  await axeClean(page);

  // The lead: the offer waits on them, and sits beside the ranking with its own explanation.
  await signInAs(page, LEAD);
  const waiting = page.locator('section[aria-labelledby="offers-waiting-heading"]');
  await expect(waiting).toContainText(`from ${teacher.name}`);
  await axeClean(page);
  await waiting.locator('li').filter({ hasText: `from ${teacher.name}` }).getByRole('link').first().click();
  await screenReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(what);
  const offer = page.getByRole('article', { name: `Offer from ${teacher.name}` });
  await expect(offer).toContainText('I led the reading recovery at my school last year.');
  await expect(offer.locator('[data-factor="trackRecord"]')).toHaveCount(1);
  await axeClean(page);

  await offer.getByRole('button', { name: `Accept as a proposal: the offer from ${teacher.name}` }).click();
  await offer.getByLabel(`Days to propose for ${teacher.name}`).fill('1');
  await offer.getByRole('button', { name: `Propose ${teacher.name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accepted the offer' })).toContainText(`Accepted the offer from ${teacher.name}: proposed for 1 day`);
  const arranged = page.locator('section[aria-labelledby="arranged-heading"]');
  await expect(arranged).toContainText(`${teacher.name}: 1 day, Proposed`);
  await expect(page.getByRole('article', { name: `Offer from ${teacher.name}` })).toHaveCount(0);
  await axeClean(page);
  await arranged.getByRole('link', { name: `Agreement and impact: ${teacher.name}` }).click();
  await screenReady(page);
  deploymentPath = new URL(page.url()).pathname;

  // The teacher sees the offer taken up.
  await signInAs(page, teacher.name, new RegExp(`^${teacher.name}`));
  await page.goto('/me/help');
  await screenReady(page);
  await expect(page.getByRole('article', { name: `Offer: ${what}` })).toContainText('Taken up: proposed');
});

test('the agreement is written and signed by both schools; changed after signing, both sign again', async ({ page }) => {
  expect(deploymentPath, 'the proposal made in the previous test').toMatch(/^\/deployments\//);
  await page.setViewportSize(PHONE);
  await signInAs(page, LEAD);
  await page.goto(deploymentPath);
  await screenReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${teacher.name} to ${need.school}`);
  await page.getByRole('button', { name: 'Write the agreement' }).click();
  const form = page.getByRole('form', { name: 'The agreement' });
  await form.getByLabel('Objectives (one per line)').fill('Guided reading in every Year 2 class\nTeachers model fluency daily');
  await form.getByLabel(/Planned sessions/).fill('next week, somehow');
  await form.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(form.getByLabel(/Planned sessions/)).toHaveAttribute('aria-invalid', 'true');
  await axeClean(page);
  await form.getByLabel(/Planned sessions/).fill('2031-01-13 audit of reading\n2031-02-03 coaching');
  await form.getByLabel('Review date').fill('2031-03-03');
  await form.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(page.getByRole('status')).toContainText('Agreement saved');
  await expect(page.getByText('Waiting for signatures')).toBeVisible();

  // The lead may sign for both schools of their trust.
  await page.getByRole('button', { name: 'Sign version 1' }).click();
  await expect(page.getByText('Signed by both schools')).toBeVisible();
  await axeClean(page);

  // Changed after signing: the signatures are cleared, and both schools sign the new version.
  await page.getByRole('button', { name: 'Edit the agreement' }).click();
  await expect(page.getByText('Changing a signed agreement clears both signatures')).toBeVisible();
  await page.getByLabel('Review date').fill('2031-03-10');
  await page.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(page.getByText('Waiting for signatures')).toBeVisible();
  await expect(page.locator('section[aria-labelledby="agreement-heading"] dl.facts')).toContainText('Version2');

  await signInAs(page, `Headteacher, ${need.school}`);
  await page.goto(deploymentPath);
  await screenReady(page);
  await page.getByRole('button', { name: 'Sign version 2' }).click();
  const facts = page.locator('section[aria-labelledby="agreement-heading"] dl.facts');
  await expect(facts).toContainText(/Receiving school\s*signed/);
  await expect(facts).toContainText(/Supporting school\s*awaited/);
  await axeClean(page);

  await signInAs(page, `Headteacher, ${teacher.academy!.name}`);
  await page.goto(deploymentPath);
  await screenReady(page);
  await page.getByRole('button', { name: 'Sign version 2' }).click();
  await expect(page.getByText('Signed by both schools')).toBeVisible();
  await expect(page.locator('section[aria-labelledby="impact-heading"]')).toContainText('Rated by the receiving school');
  await axeClean(page);
});
