// The web app's CSS is linted (npm test runs `npm run lint:css` before jest and the browser
// tests): the stylesheet as it is passes, and the same stylesheet with closing braces lost
// (as a merge once lost two) fails, naming the file, the line and the mistake. Runs the real
// stylelint command with the project's config, on the text given on its standard input.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const STYLES = join(root, 'web', 'src', 'styles.css');
const lint = (css: string) =>
  spawnSync(process.execPath, [join(root, 'node_modules', 'stylelint', 'bin', 'stylelint.mjs'), '--stdin-filename', STYLES], { cwd: root, input: css, encoding: 'utf8' });

/** The stylesheet without the closing brace of the rule starting at `selector {`. */
function withoutClosingBrace(css: string, selector: string): string {
  const start = css.indexOf(`\n${selector} {\n`);
  expect(start).toBeGreaterThan(-1);
  const close = css.indexOf('\n}\n', start);
  return css.slice(0, close) + css.slice(close + 2);
}

describe('the web app’s CSS lint', () => {
  const css = readFileSync(STYLES, 'utf8');

  it('passes the stylesheet as it is', () => {
    const result = lint(css);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails a stylesheet that lost two closing braces: an unclosed block', () => {
    const result = lint(withoutClosingBrace(withoutClosingBrace(css, '.stats'), '.stats div'));
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/styles\.css[\s\S]*Unclosed block/);
  });

  it('fails a lost brace made up for by a stray one later: the rules after it are nested', () => {
    const result = lint(`${withoutClosingBrace(css, '.stats')}}\n`);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/Too deep nesting[\s\S]*max-nesting-depth/);
  });
});
