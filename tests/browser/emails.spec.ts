// The email outbox in the web app (docs/notifications.md): an ADMIN opens "Emails" and reads a
// message the server caught (development, no SMTP_URL) with its subject, recipient and text.
// The message is caused here: the ADMIN proposes a deployment through the API, which writes
// release and acceptance requests to the headteachers; the server's sender (every
// EMAIL_POLL_SECONDS) then catches them. axe-clean at desktop and phone width.
// A FAILED message needs a mail server that refuses it (SMTP_URL set), which the shared
// browser-test server does not have: Send again is covered by the API tests of retryEmail.
import { type APIRequestContext, expect, test } from '@playwright/test';
import { screenReady, seriousViolations, signInAs } from './support';

const SIZES = [
  { width: 1280, height: 900 },
  { width: 375, height: 812 },
];

async function gql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await request.post('/graphql', { data: { query, variables }, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Proposes one day of a ranked supporter for the first open need that takes one; the deployment's ID. */
async function proposeSomeDeployment(request: APIRequestContext, token: string): Promise<string> {
  const { needs } = await gql<{ needs: { edges: { node: { id: string } }[] } }>(request, 'query { needs(first: 30, filter: { statuses: [OPEN] }) { edges { node { id } } } }', {}, token);
  const refusals: string[] = [];
  for (const { node: need } of needs.edges) {
    const { rankCandidates } = await gql<{ rankCandidates: { candidates: { candidate: { id?: string } }[] } }>(
      request,
      'query ($needId: ID!) { rankCandidates(needId: $needId, first: 3) { candidates { candidate { ... on StaffMember { id } } } } }',
      { needId: need.id },
      token,
    );
    for (const { candidate } of rankCandidates.candidates) {
      if (!candidate.id) continue;
      const { proposeDeployment } = await gql<{ proposeDeployment: { deployment: { id: string } | null; userErrors: { message: string }[] } }>(
        request,
        'mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { message } } }',
        { input: { needId: need.id, staffId: candidate.id, days: 1 } },
        token,
      );
      if (proposeDeployment.deployment) return proposeDeployment.deployment.id;
      refusals.push(...proposeDeployment.userErrors.map((e) => e.message));
    }
  }
  throw new Error(`no deployment could be proposed: ${refusals.join('; ')}`);
}

interface Caught {
  to: string;
  subject: string;
  text: string;
}

test('an ADMIN reads a caught message in Emails, with its recipient and text', async ({ page, request }) => {
  const admin = (await gql<{ devSignIn: { token: string } }>(request, 'mutation { devSignIn(input: { role: ADMIN }) { token } }', {})).devSignIn.token;
  const deploymentId = await proposeSomeDeployment(request, admin);

  // The sender catches it at its next round: wait for the server to say so.
  let caught: Caught | undefined;
  await expect
    .poll(async () => {
      const { emailOutbox } = await gql<{ emailOutbox: { edges: { node: Caught & { deployment: { id: string } | null } }[] } }>(
        request,
        'query { emailOutbox(first: 50, filter: { status: [CAUGHT] }) { edges { node { to subject text deployment { id } } } } }',
        {},
        admin,
      );
      caught = emailOutbox.edges.map((e) => e.node).find((n) => n.deployment?.id === deploymentId);
      return caught !== undefined;
    })
    .toBe(true);
  const message = caught!;

  await signInAs(page, 'Administrator');
  await page.setViewportSize(SIZES[0]!);
  await page.getByRole('link', { name: 'Emails' }).click();
  await screenReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Emails' })).toBeVisible();
  await page.getByLabel('Status').selectOption({ label: 'Caught' });
  await screenReady(page);

  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: message.subject }) }).filter({ hasText: message.to }).first();
  await expect(item).toBeVisible();
  await expect(item.getByText('Caught', { exact: true }).first()).toBeVisible();
  // The text is behind a disclosure until asked for.
  const firstLine = message.text.split('\n').find((line) => line.trim().length > 0)!.trim();
  await expect(item.getByText(firstLine, { exact: false }).first()).toBeHidden();
  await item.getByText('The message').click();
  await expect(item.getByText(firstLine, { exact: false }).first()).toBeVisible();

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expect(item).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  }
  // Nothing scrolls sideways at phone width.
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
});

test('the outbox is not in the improvement lead\'s menu: the API answers an ADMIN only', async ({ page }) => {
  await signInAs(page, 'Improvement lead, Trelawny Academy Trust');
  await expect(page.getByRole('link', { name: 'Emails' })).toHaveCount(0);
  await page.goto('/emails');
  await expect(page.getByRole('heading', { name: 'Not for your role' })).toBeVisible();
});
