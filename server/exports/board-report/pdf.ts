// The board report's PDF: the same HTML page printed by Chromium (playwright-core driving the
// Chromium named by PDF_CHROMIUM_PATH). Printing the page itself keeps one source for the
// screen, the print dialog and the PDF: same charts, same print CSS, nothing re-laid-out by a
// second renderer. The page is loaded with JavaScript off and every network request refused,
// so it renders only what the server wrote. One browser per PDF, one PDF at a time
// (print-queue.ts, with a bounded line of waiting requests): a
// browser costs about 0.7 s to start and 100-200 MB while it runs, and board reports are a
// few a term, so nothing stays resident between them (BENCHMARKS.md has the figures).
import { existsSync } from 'node:fs';

export const CHROMIUM_SETTING = 'PDF_CHROMIUM_PATH';

/** Where Chromium is looked for outside production when PDF_CHROMIUM_PATH is unset. */
const DEVELOPMENT_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to print with: the setting, else (not in production) a system one, else null. */
export function chromiumPathFor(setting: string | null | undefined, nodeEnv: string): string | null {
  if (setting) return setting;
  if (nodeEnv === 'production') return null;
  return DEVELOPMENT_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export class PdfUnavailableError extends Error {}

/** The page printed; one at a time is the caller's to ensure (print-queue.ts). */
export function printToPdf(html: string, chromiumPath: string | null): Promise<Buffer> {
  if (!chromiumPath) {
    return Promise.reject(new PdfUnavailableError(`PDF rendering is not configured: set ${CHROMIUM_SETTING} to a Chromium or Chrome executable (the HTML report works without it)`));
  }
  return render(html, chromiumPath);
}

async function render(html: string, chromiumPath: string): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  } catch (error) {
    throw new PdfUnavailableError(`Chromium could not start from ${CHROMIUM_SETTING}=${chromiumPath}: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="title"></span> · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
      tagged: true,
      outline: true,
    });
    return pdf;
  } finally {
    await browser.close();
  }
}
