// PDF_CHROMIUM_PATH (server/config.ts, server/exports/board-report/pdf.ts): checked at start-up,
// and where the board report's PDF looks for Chromium when it is unset.
import { ConfigError, loadConfig } from '../../../server/config';
import { chromiumPathFor } from '../../../server/exports/board-report/pdf';

describe('PDF_CHROMIUM_PATH', () => {
  it('is unset by default and taken when it names an executable', () => {
    expect(loadConfig({}).pdfChromiumPath).toBeNull();
    expect(loadConfig({ PDF_CHROMIUM_PATH: process.execPath }).pdfChromiumPath).toBe(process.execPath);
  });

  it('stops start-up naming the variable when it names no executable file', () => {
    expect(() => loadConfig({ PDF_CHROMIUM_PATH: '/nowhere/chromium' })).toThrow(ConfigError);
    expect(() => loadConfig({ PDF_CHROMIUM_PATH: '/nowhere/chromium' })).toThrow('PDF_CHROMIUM_PATH must name a Chromium or Chrome executable; /nowhere/chromium is not an executable file');
    expect(() => loadConfig({ PDF_CHROMIUM_PATH: __filename })).toThrow(/PDF_CHROMIUM_PATH/);
  });

  it('unset: none in production; a system Chromium elsewhere, when one is installed', () => {
    expect(chromiumPathFor(null, 'production')).toBeNull();
    expect(chromiumPathFor('/opt/chrome', 'production')).toBe('/opt/chrome');
    expect(chromiumPathFor(null, 'development')).toBe('/usr/bin/chromium'); // installed on this machine (the browser tests use it)
  });
});
