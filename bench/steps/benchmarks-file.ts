// Step 7: the report written into BENCHMARKS.md between its bench markers, leaving the rest
// of the file as it is (the markers are added at the end when missing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_BEGIN = '<!-- bench:begin (written by `npm run bench`; edits between these markers are replaced) -->';
export const BENCH_END = '<!-- bench:end -->';

export const BENCHMARKS_FILE = join(__dirname, '..', '..', 'BENCHMARKS.md');

/** The file's text with the report between the markers. */
export function withBenchReport(current: string, report: string): string {
  const block = `${BENCH_BEGIN}\n${report}\n${BENCH_END}`;
  const start = current.indexOf(BENCH_BEGIN);
  const end = current.indexOf(BENCH_END);
  return start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + BENCH_END.length) : `${current.trimEnd()}\n\n${block}\n`;
}

export function writeIntoBenchmarks(report: string, file = BENCHMARKS_FILE): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  writeFileSync(file, withBenchReport(current, report));
}
