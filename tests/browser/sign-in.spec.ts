// Signing in with the organisation's identity provider, as a member of staff would: the web
// app's button, the provider's own login and consent pages (oidc-provider, started by
// playwright.config.ts and configured on the shared server), back to their home screen; a
// reload keeps them signed in; signing out ends the session (at the provider too) and the
// old cookie no longer works; a session ended elsewhere keeps what was typed while the person
// signs in again. A person the user directory does not know is told "Not enrolled".
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { screenReady, seriousViolations } from './support';

const SESSION_COOKIE = 'support-session';

interface Teacher {
  name: string;
  staffMemberId: string;
  email: string;
  directoryUserId: string;
  /** The administrator's token that enrolled them. */
  admin: string;
}

async function gql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await request.post('/graphql', { data: { query, variables }, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A demo teacher, enrolled in the user directory by an administrator (development sign-in's ADMIN token). */
async function enrolTeacher(request: APIRequestContext, which: number): Promise<Teacher> {
  const admin = (await gql<{ devSignIn: { token: string } }>(request, 'mutation { devSignIn(input: { role: ADMIN }) { token } }')).devSignIn.token;
  const { devSignInPeople } = await gql<{ devSignInPeople: { name: string; staffMemberId: string }[] }>(
    request,
    '{ devSignInPeople(roles: [TEACHER], first: 5) { name staffMemberId } }',
  );
  // Not the first teachers: the other specs sign in as those (with development tokens).
  const person = devSignInPeople[which]!;
  const { node } = await gql<{ node: { email: string } }>(request, 'query ($id: ID!) { node(id: $id) { ... on StaffMember { email } } }', { id: person.staffMemberId }, admin);
  const enrolled = await gql<{ enrolUser: { directoryUser: { id: string } | null; userErrors: { message: string }[] } }>(
    request,
    'mutation ($input: EnrolUserInput!) { enrolUser(input: $input) { directoryUser { id } userErrors { message } } }',
    { input: { email: node.email, role: 'TEACHER', staffMemberId: person.staffMemberId } },
    admin,
  );
  expect(enrolled.enrolUser.userErrors).toEqual([]);
  return { ...person, email: node.email, directoryUserId: enrolled.enrolUser.directoryUser!.id, admin };
}

/** The provider's own pages: its login form, then its consent page, then back to the service. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sign-in' })).toBeVisible();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
}

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  // The provider's stock pages ask Google for a web font; this machine has no route there.
  await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
});

test('a member of staff signs in with their organisation, stays signed in across a reload, and signs out', async ({ page, context, request, baseURL }) => {
  const teacher = await enrolTeacher(request, 2);

  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await screenReady(page);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 812 });
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();

  await signInAtProvider(page, teacher.email);

  // Back on the service, at the teacher's home: their own profile.
  await expect(page).toHaveURL(`${baseURL}/me`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(teacher.name);
  await expect(page.locator('.who')).toContainText(teacher.name);
  await screenReady(page);
  expect(await seriousViolations(page)).toEqual([]);

  // The session is an HttpOnly cookie: nothing a page script can read holds it.
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(await page.evaluate('document.cookie')).not.toContain(SESSION_COOKIE);
  const stored = (await page.evaluate('JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])')) as string;
  expect(stored).not.toContain(cookie!.value);
  expect(stored).not.toContain('school-support.session');

  // A reload asks the server again, which still knows the person.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(teacher.name);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // The session is ended elsewhere (a sign-out with a copy of the cookie): the page says so
  // and keeps what was typed; signing in again comes back to the same page, typing intact.
  const edit = `/staff/${encodeURIComponent(teacher.staffMemberId)}/edit`;
  await page.goto(edit);
  await screenReady(page);
  await page.getByLabel('Furthest you will travel (km)').fill('37');
  const elsewhere = await request.post('/auth/logout', { headers: { cookie: `${SESSION_COOKIE}=${cookie!.value}`, origin: baseURL!, accept: 'application/json' } });
  expect(elsewhere.status()).toBe(200);
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your sign-in is no longer valid' }).first()).toBeVisible();
  await expect(page.getByLabel('Furthest you will travel (km)')).toHaveValue('37');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'sign in again' }).first().click();
  // The provider still knows the person and their consent: straight back, to the same page.
  await expect(page).toHaveURL(`${baseURL}${edit}`);
  await expect(page.getByLabel('Furthest you will travel (km)')).toHaveValue('37');
  await page.getByRole('button', { name: 'Save my profile' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const renewed = await sessionCookie(context);
  expect(renewed).toBeDefined();
  expect(renewed).not.toBe(cookie!.value);

  // Signing out ends the service's session, then the provider's (its own confirmation page).
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(`${baseURL}/sign-in`);
  await expect(page.getByRole('link', { name: 'Sign in with your organisation' })).toBeVisible();
  expect(await sessionCookie(context)).toBeUndefined();

  // A copy of the cookie kept from before no longer signs anyone in.
  const replay = await request.post('/graphql', {
    data: { query: '{ viewer { role } }' },
    headers: { cookie: `${SESSION_COOKIE}=${renewed}`, origin: baseURL! },
  });
  const body = (await replay.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(body.errors?.[0]?.message).toContain('signed out');
});

test('a person the user directory does not know is told they are not enrolled, and whom to ask', async ({ page, context }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await signInAtProvider(page, 'newcomer@unknown-school.example');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not enrolled');
  await expect(page.getByText("Ask your trust's improvement lead")).toBeVisible();
  await expect(page.getByText('newcomer@unknown-school.example')).toBeVisible();
  expect(await sessionCookie(context)).toBeUndefined();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a person removed from the user directory while signed in sees "Not enrolled" on their next step, not a broken page', async ({ page, request }) => {
  const teacher = await enrolTeacher(request, 3);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await signInAtProvider(page, teacher.email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(teacher.name);

  const removed = await gql<{ removeDirectoryUser: { removedId: string } }>(
    request,
    'mutation ($id: ID!) { removeDirectoryUser(input: { id: $id }) { removedId } }',
    { id: teacher.directoryUserId },
    teacher.admin,
  );
  expect(removed.removeDirectoryUser.removedId).toBe(teacher.directoryUserId);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not enrolled');
  await expect(page.getByText("Ask your trust's school improvement lead")).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 812 });
    expect(await seriousViolations(page)).toEqual([]);
  }
  // Signing out to use another account goes through the provider's sign-out, back to sign-in.
  await page.getByRole('button', { name: 'Sign out to use another account' }).click();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in with your organisation' })).toBeVisible();
});
