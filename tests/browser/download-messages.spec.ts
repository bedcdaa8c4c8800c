// When a download is refused, the page says why in the server's own words (web/src/api/download.ts,
// components/download-failure.tsx): the hourly limit (429 RATE_LIMITED, Retry-After), the PDF
// printer busy (503 PDF_BUSY) or missing (503 PDF_UNAVAILABLE), the sign-in ended (401). The
// message is an alert, the focus stays on the button pressed, the page stays usable (the next
// download works), axe-clean at 375 px.
//
// The 401s are the real server's: the page's token is made invalid. The 429s and 503s are the
// server's error bodies given to the page by page.route: the shared server runs with the real
// limits (60 HTML, 20 PDF, 120 CSV an hour) that maturity.spec.ts and board-records.spec.ts
// download under, and lowering them for everyone would make those specs depend on file order;
// a PDF_UNAVAILABLE server could not print maturity.spec.ts's PDF at all. The bodies are made by
// the server's own code (sendGraphQLError, retryWording, PrintQueueFullError, printToPdf without
// Chromium), so they are byte for byte what it sends; the limits themselves are tested against
// the real server in tests/api/download-limits.test.ts.
import type { Response as ExpressResponse } from 'express';
import { expect, type Page, type Route, test } from '@playwright/test';
import { printToPdf } from '../../server/exports/board-report/pdf';
import { PrintQueueFullError } from '../../server/exports/board-report/print-queue';
import { retryWording } from '../../server/exports/per-person-limit';
import { sendGraphQLError } from '../../server/security/graphql-errors';
import { LEAD, screenReady, seriousViolations, signInAs } from './support';

test.describe.configure({ mode: 'serial' });

// Unhandled errors and console errors fail a test, except the browser's own note that a request
// was answered with an error status: those answers are what this spec is about.
let consoleErrors: string[] = [];
test.beforeEach(({ page }) => {
  consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of (401|429|503)/.test(message.text())) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});
test.afterEach(() => {
  expect(consoleErrors, 'errors in the browser console').toEqual([]);
});

interface ServerAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the server's sendGraphQLError writes, recorded from the function itself. */
function serverError(status: number, code: string, message: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}): ServerAnswer {
  const answer: ServerAnswer = { status: 0, headers: { ...headers }, body: '' };
  const recorder = {
    headersSent: false,
    status(s: number) {
      answer.status = s;
      return recorder;
    },
    setHeader(name: string, value: string) {
      answer.headers[name] = value;
      return recorder;
    },
    end(body: string) {
      answer.body = body;
      return recorder;
    },
  };
  sendGraphQLError(recorder as unknown as ExpressResponse, status, code, message, extensions);
  return answer;
}

/** The per-person limit's 429 (server/exports/per-person-limit.ts, its handler's wording). */
function rateLimited(what: string, perHour: number, retryAfterSeconds: number, note?: string): ServerAnswer {
  const message = `${what}: at most ${perHour} an hour. ${note ? `${note} ` : ''}Please ${retryWording(retryAfterSeconds)}.`;
  return serverError(429, 'RATE_LIMITED', message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
}

/** Answers the next request to `pathname` (the app's download POST) with `answer`, once; later requests reach the server. */
async function answerOnce(page: Page, pathname: string, answer: ServerAnswer): Promise<void> {
  await page.route(
    (url) => url.pathname === pathname,
    (route: Route) => route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body }),
    { times: 1 },
  );
}

/** Makes the page's stored development token one the server refuses (its signature altered). */
async function spoilToken(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const session = JSON.parse(window.localStorage.getItem('school-support.session'));
    // The signature's first character: its last one carries padding bits, so changing it
    // (A to B, say) can leave the very same signature, and the token still valid.
    const at = session.token.lastIndexOf('.') + 1;
    session.token = session.token.slice(0, at) + (session.token[at] === 'A' ? 'B' : 'A') + session.token.slice(at + 1);
    window.localStorage.setItem('school-support.session', JSON.stringify(session));
  })()`);
}

async function fitsPhone(page: Page): Promise<void> {
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  expect(width).toBeLessThanOrEqual(375);
}

test('board report: the limit, a busy and a missing PDF printer are told in the page, and the HTML still downloads (375 px)', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByRole('link', { name: 'Board report' }).click();
  await screenReady(page);
  const pdfButton = page.getByRole('button', { name: 'Download the PDF' });
  const htmlButton = page.getByRole('button', { name: 'Download the report (HTML)' });
  const alert = page.getByRole('alert');
  // The buttons wait for the trust to be known; focus() (unlike click) does not wait for them.
  await expect(pdfButton).toBeEnabled();

  // 429: the server's message (how many an hour, when to retry) and the time on the person's clock.
  const limited = rateLimited('Too many board report PDFs', 20, 1234);
  await answerOnce(page, '/reports/board.pdf', limited);
  await pdfButton.focus();
  await page.keyboard.press('Enter');
  await expect(alert).toContainText('Download limit reached for now');
  await expect(alert).toContainText((JSON.parse(limited.body) as { errors: { message: string }[] }).errors[0]!.message);
  await expect(alert).toContainText(/You can try again from \d{2}:\d{2} \(your time\)/);
  await expect(pdfButton).toBeFocused();
  await expect(pdfButton).not.toHaveAttribute('aria-disabled', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await fitsPhone(page);

  // 503 PDF_BUSY: the print queue is full.
  const busy = new PrintQueueFullError(4).message;
  await answerOnce(page, '/reports/board.pdf', serverError(503, 'PDF_BUSY', busy, {}, { 'retry-after': '60' }));
  await pdfButton.click();
  await expect(alert).toContainText('The PDF printer is busy');
  await expect(alert).toContainText(busy);
  await expect(alert).toContainText(/You can try again from \d{2}:\d{2}/);

  // 503 PDF_UNAVAILABLE: what the person can do instead, then the server's words.
  const unavailable = await printToPdf('<p></p>', null).then(
    () => {
      throw new Error('printToPdf without Chromium printed');
    },
    (error: Error) => error.message,
  );
  await answerOnce(page, '/reports/board.pdf', serverError(503, 'PDF_UNAVAILABLE', unavailable));
  await pdfButton.click();
  await expect(alert).toContainText('PDFs are not available on this server');
  await expect(alert).toContainText("Download the HTML report and use your browser's Print");
  await expect(alert).toContainText(unavailable);
  expect(await seriousViolations(page)).toEqual([]);
  await fitsPhone(page);

  // The page is still usable: the HTML report downloads from the real server and the message goes.
  const [html] = await Promise.all([page.waitForEvent('download'), htmlButton.click()]);
  expect(html.suggestedFilename()).toMatch(/^board-report-Trelawny-Academy-Trust-\d{4}-(autumn|spring|summer)\.html$/);
  await expect(page.getByText(/^Downloaded board-report-.*\.html\.$/)).toBeVisible();
  await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
});

test('board report: an ended sign-in (the real server’s 401) is told in the page, which stays', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.getByRole('link', { name: 'Board report' }).click();
  await screenReady(page);
  const htmlButton = page.getByRole('button', { name: 'Download the report (HTML)' });
  // Spoil the token only once the page knows the trust (its buttons wait for it).
  await expect(htmlButton).toBeEnabled();
  await spoilToken(page);
  await htmlButton.click();
  const notice = page.locator('main').getByRole('alert');
  await expect(notice).toContainText('Please sign in again');
  await expect(notice).toContainText(/Your sign-in has ended \(Not authenticated: .+\)\. Sign in again, then download again\./);
  // The layout's banner offers signing in again; the page and its choices are still there.
  await expect(page.getByRole('alert').filter({ hasText: 'Your sign-in is no longer valid' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Board report' })).toBeVisible();
  await expect(page.getByLabel('Term')).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
});

test('records: the CSV limit is told in the page, the table stays, and the next download works; a 401 too (375 px)', async ({ page }) => {
  await signInAs(page, LEAD);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByRole('link', { name: 'Records' }).first().click();
  await screenReady(page);
  const button = page.getByRole('button', { name: 'Download CSV' });
  const table = page.getByRole('table', { name: 'Deployments matching the filters' });
  await expect(table).toBeVisible();

  const limited = rateLimited('Too many CSV exports', 120, 2400, 'Files already downloaded are complete.');
  await answerOnce(page, '/exports/deployments.csv', limited);
  await button.click();
  const alert = page.locator('main').getByRole('alert');
  await expect(alert).toContainText('Download limit reached for now');
  await expect(alert).toContainText((JSON.parse(limited.body) as { errors: { message: string }[] }).errors[0]!.message);
  await expect(button).toBeFocused();
  await expect(table).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await fitsPhone(page);

  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('deployments.csv');
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded deployments.csv' })).toBeVisible();
  await expect(alert).toHaveCount(0);

  await spoilToken(page);
  await button.click();
  await expect(alert).toContainText('Please sign in again');
  await expect(alert).toContainText(/Your sign-in has ended \(Not authenticated: .+\)/);
  await expect(table).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await fitsPhone(page);
});
