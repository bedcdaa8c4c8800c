// "When I can help": a teacher states the days they are free on their profile form. A range the
// server refuses (ending before it starts, or wholly in the past) shows its message at the range's field and changes nothing; a saved range
// survives a reload, shows on their home page, and "Where could I help most?" then offers
// only needs whose window meets it (NOT_AVAILABLE_IN_WINDOW). axe-clean at 1280 and 375 px.
import { expect, type Page, test } from '@playwright/test';
import { LEAD, screenReady, seriousViolations, signInAs, tokenOf } from './support';

interface RankedNeed {
  id: string;
  windowStart: string | null;
  windowEnd: string | null;
}

/** A day this many days from today, as YYYY-MM-DD (UTC, as the server's Date scalar). */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** As the page shows a date (web/src/format.ts `date`). */
const shown = (day: string) => new Date(day).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
/** Inclusive ranges meet when neither ends before the other starts; an open end meets everything. */
const meets = (need: RankedNeed, from: string, to: string) =>
  (need.windowEnd == null || need.windowEnd.slice(0, 10) >= from) && (need.windowStart == null || need.windowStart.slice(0, 10) <= to);

async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/graphql', { headers: { authorization: `Bearer ${await tokenOf(page)}` }, data: { query, variables } });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

const RANKING = 'query($id: ID!) { rankNeedsForStaff(staffId: $id, first: 10) { need { id windowStart windowEnd } } }';
const AVAILABILITY = 'query($id: ID!) { node(id: $id) { ... on StaffMember { availability { from to } } } }';

test('a teacher states when they can help: refused ranges write nothing, saved ones show and narrow where they could help', async ({ page }) => {
  // A teacher whose ranking today includes a need with a window (the demo data's needs have
  // windows relative to today), so narrowing their availability visibly changes it.
  await signInAs(page, LEAD);
  const { devSignInPeople: teachers } = await gql<{ devSignInPeople: { name: string; staffMemberId: string }[] }>(
    page,
    '{ devSignInPeople(roles: [TEACHER], first: 8) { name staffMemberId } }',
  );
  // Far beyond every demo window's end, so any need with a window stops meeting it.
  const from = dayFromToday(400);
  const to = dayFromToday(430);
  let chosen: { name: string; staffMemberId: string; before: RankedNeed[] } | null = null;
  // Later teachers first: the journeys spec edits the first ones.
  for (const t of [...teachers].reverse()) {
    const ranked = (await gql<{ rankNeedsForStaff: { need: RankedNeed }[] }>(page, RANKING, { id: t.staffMemberId })).rankNeedsForStaff.map((r) => r.need);
    if (ranked.some((n) => !meets(n, from, to))) {
      chosen = { ...t, before: ranked };
      break;
    }
  }
  expect(chosen, 'a demo teacher ranked for a need with a window').not.toBeNull();
  const me = chosen!;

  await signInAs(page, me.name, new RegExp(`^${me.name}`));
  const stored = async () =>
    (await gql<{ node: { availability: { from: string; to: string }[] } }>(page, AVAILABILITY, { id: me.staffMemberId })).node.availability;
  const before = await stored();
  const index = before.length;

  await page.goto(`/staff/${encodeURIComponent(me.staffMemberId)}/edit`);
  await screenReady(page);
  const section = page.getByRole('group', { name: 'When I can help' });
  await expect(section).toBeVisible();

  // Adding a range moves focus to its first field, so a keyboard user carries on typing there.
  await section.getByRole('button', { name: 'Add a range of dates' }).click();
  const range = section.getByRole('group', { name: `Range ${index + 1}` });
  await expect(range.getByLabel('From')).toBeFocused();

  // A range ending before it starts: the server's message at its "To" field, nothing written.
  await range.getByLabel('From').fill(to);
  await range.getByLabel('To (last free day)').fill(from);
  await page.getByRole('button', { name: 'Save my profile' }).click();
  const toField = range.getByLabel('To (last free day)');
  await expect(toField).toHaveAttribute('aria-invalid', 'true');
  await expect(range.locator('.field-error')).toHaveText('Must not be before from');
  expect(await stored()).toEqual(before);
  // A range wholly in the past (a wrong year, most often): refused at its "To" field too.
  await range.getByLabel('From').fill(dayFromToday(-40));
  await toField.fill(dayFromToday(-10));
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(range.locator('.field-error')).toHaveText(`${dayFromToday(-10)} is in the past; a range must end today or later`);
  await expect(toField).toHaveAttribute('aria-invalid', 'true');
  expect(await stored()).toEqual(before);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `form with the server's message at ${width} px`).toEqual([]);
    // Usable on a phone: the date fields never push the page sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), `sideways overflow at ${width} px`).toBe(0);
  }

  // Corrected and saved; after a reload the form and the home page show it.
  await range.getByLabel('From').fill(from);
  await toField.fill(to);
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(toField).not.toHaveAttribute('aria-invalid', 'true');
  expect((await stored()).map((w) => [w.from.slice(0, 10), w.to.slice(0, 10)])).toContainEqual([from, to]);
  await page.reload();
  await screenReady(page);
  await expect(page.getByRole('group', { name: `Range ${index + 1}` }).getByLabel('From')).toHaveValue(from);

  await page.goto('/me');
  await screenReady(page);
  await expect(page.getByRole('list', { name: 'When I can help' })).toContainText(`${shown(from)} to ${shown(to)}`);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `home at ${width} px`).toEqual([]);
  }

  // "Where could I help most?" as the page itself asks it: no need whose window misses every
  // stated range, and those the new range excludes have gone.
  const ranking = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('WhereCouldIHelp'));
  await page.goto('/me/help');
  const answer = (await (await ranking).json()) as { data: { rankNeedsForStaff: { need: { id: string } }[] } };
  await screenReady(page);
  const nowRanked = new Set(answer.data.rankNeedsForStaff.map((r) => r.need.id));
  const ranges = (await stored()).map((w) => [w.from.slice(0, 10), w.to.slice(0, 10)] as const);
  const after = (await gql<{ rankNeedsForStaff: { need: RankedNeed }[] }>(page, RANKING, { id: me.staffMemberId })).rankNeedsForStaff.map((r) => r.need);
  expect(new Set(after.map((n) => n.id))).toEqual(nowRanked);
  for (const need of after) expect(ranges.some(([f, t]) => meets(need, f, t)), `need ${need.id} meets a stated range`).toBe(true);
  for (const need of me.before.filter((n) => !ranges.some(([f, t]) => meets(n, f, t)))) expect(nowRanked.has(need.id)).toBe(false);

  // Removing the range moves focus to the add button (the only range) or the next range.
  await page.goto(`/staff/${encodeURIComponent(me.staffMemberId)}/edit`);
  await screenReady(page);
  await page.getByRole('button', { name: `Remove range ${index + 1}` }).click();
  await expect(page.getByRole('group', { name: `Range ${index + 1}` })).toHaveCount(0);
  await expect(
    index === 0 ? page.getByRole('button', { name: 'Add a range of dates' }) : page.getByRole('group', { name: `Range ${index}` }).getByLabel('From'),
  ).toBeFocused();
});
