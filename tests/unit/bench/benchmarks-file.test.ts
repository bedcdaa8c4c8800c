import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_BEGIN, BENCH_END, withBenchReport, writeIntoBenchmarks } from '../../../bench/steps/benchmarks-file';

// `npm run bench` rewrites only its own section of BENCHMARKS.md: everything people wrote
// around the markers must survive a run.
describe('the bench report in BENCHMARKS.md', () => {
  it('replaces only what lies between the markers', () => {
    const current = `# Benchmarks\n\nBefore.\n\n${BENCH_BEGIN}\nold figures\n${BENCH_END}\n\nAfter.\n`;
    expect(withBenchReport(current, 'new figures')).toBe(`# Benchmarks\n\nBefore.\n\n${BENCH_BEGIN}\nnew figures\n${BENCH_END}\n\nAfter.\n`);
  });

  it('appends the markers and the report when the file has none', () => {
    expect(withBenchReport('# Benchmarks\n\nNotes.\n\n\n', 'figures')).toBe(`# Benchmarks\n\nNotes.\n\n${BENCH_BEGIN}\nfigures\n${BENCH_END}\n`);
  });

  it('appends rather than cutting text when the end marker comes first', () => {
    const current = `${BENCH_END}\ntext\n${BENCH_BEGIN}`;
    expect(withBenchReport(current, 'figures')).toBe(`${current}\n\n${BENCH_BEGIN}\nfigures\n${BENCH_END}\n`);
  });

  it('writes the section into the file, creating it when missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-file-'));
    try {
      const file = join(dir, 'BENCHMARKS.md');
      writeIntoBenchmarks('first', file);
      expect(readFileSync(file, 'utf8')).toBe(`# Benchmarks\n\n${BENCH_BEGIN}\nfirst\n${BENCH_END}\n`);
      writeFileSync(file, readFileSync(file, 'utf8') + '\nKept.\n');
      writeIntoBenchmarks('second', file);
      expect(readFileSync(file, 'utf8')).toBe(`# Benchmarks\n\n${BENCH_BEGIN}\nsecond\n${BENCH_END}\n\nKept.\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
