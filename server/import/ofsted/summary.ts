// The summary the command prints: what was (or, in a dry run, would be) written, and every
// bad row by line and column, so the file can be fixed in one pass.
import { ENCODING_LABEL } from '../gias/encoding';
import type { OfstedImportSummary } from './importer';

const n = (value: number) => value.toLocaleString('en-GB');
/** The national file has ~22,000 rows; lists longer than this are cut, with a count. */
const MAX_LISTED = 200;

export function formatSummary(s: OfstedImportSummary): string {
  const lines: string[] = [];
  const heading = s.dryRun ? 'Ofsted import, dry run (nothing written)' : s.written ? 'Ofsted import' : 'Ofsted import refused (nothing written)';
  lines.push(`${heading}: ${s.file} (${ENCODING_LABEL[s.encoding]})`);
  const would = s.written ? '' : ' (would be)';
  const fields = Object.entries(s.changedFields);
  lines.push(`  rows                    ${n(s.rows)} (${n(s.reportCards)} report cards, ${n(s.judgements)} judgements, ${n(s.notJudged)} graded without an overall judgement, ${n(s.notInspected)} not yet inspected)`);
  lines.push(`  schools not held here   ${n(s.notRecordedHere)}`);
  lines.push(`  schools updated         ${n(s.updated)}${s.updated ? would : ''}${fields.length ? `  (${fields.map(([f, c]) => `${f} ${n(c)}`).join(', ')})` : ''}`);
  lines.push(`  schools unchanged       ${n(s.unchanged)}`);
  if (s.written) lines.push(`  need priorities redone  ${n(s.prioritiesRefreshed)}`);
  lines.push(`  bad rows                ${n(s.badRows)}`);
  if (s.problems.length) {
    lines.push('', `Bad rows (${n(s.badRows)}; fix them and run again: a file with any bad row writes nothing):`);
    for (const p of s.problems.slice(0, MAX_LISTED)) lines.push(`  line ${p.line}${p.column ? `, column "${p.column}"` : ''}: ${p.message}`);
    if (s.problems.length > MAX_LISTED) lines.push(`  ... and ${n(s.problems.length - MAX_LISTED)} more problems`);
  }
  if (s.olderThanRecorded.length) {
    lines.push('', `Older than what is recorded here, left alone (${n(s.olderThanRecorded.length)}):`);
    for (const o of s.olderThanRecorded.slice(0, MAX_LISTED)) lines.push(`  line ${o.line}: URN ${o.urn}, ${o.what}`);
  }
  if (s.notApplied.length) {
    lines.push('', `Not applied (${n(s.notApplied.length)}): the database refused these updates; run the import again. The rest was written:`);
    for (const p of s.notApplied) lines.push(`  line ${p.line}: URN ${p.urn}`);
  }
  if (s.ignoredColumns.length) lines.push('', `Columns not read (${n(s.ignoredColumns.length)}): ${s.ignoredColumns.map((c) => `"${c}"`).join(', ')}.`);
  const rate = s.seconds > 0 ? ` (${n(Math.round(s.rows / s.seconds))} rows/s)` : '';
  lines.push('', `Took ${s.seconds.toFixed(1)} s${rate}.`);
  return lines.join('\n');
}
