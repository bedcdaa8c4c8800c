// The summary the command prints: what was (or, in a dry run, would be) written, and every
// bad row by line and column, so the file can be fixed in one pass.
import { ENCODING_LABEL } from '../gias/encoding';
import type { StaffImportSummary } from './importer';

const n = (value: number) => value.toLocaleString('en-GB');

export function formatStaffSummary(s: StaffImportSummary): string {
  const lines: string[] = [];
  const heading = s.dryRun ? 'Staff import, dry run (nothing written)' : s.written ? 'Staff import' : 'Staff import refused (nothing written)';
  lines.push(`${heading}: ${s.file} (${ENCODING_LABEL[s.encoding]})`);
  const would = s.written ? '' : ' (would be)';
  lines.push(`  rows        ${n(s.rows)}`);
  lines.push(`  new         ${n(s.inserted)}${s.inserted ? would : ''}`);
  lines.push(`  updated     ${n(s.updated)}${s.updated ? would : ''}${fieldList(s.changedFields)}`);
  lines.push(`  unchanged   ${n(s.unchanged)}`);
  lines.push(`  bad rows    ${n(s.badRows)}`);
  if (s.problems.length) {
    lines.push('', `Bad rows (${n(s.badRows)}; fix them and run again: a file with any bad row writes nothing):`);
    for (const p of s.problems) lines.push(`  line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`);
  }
  if (s.notApplied.length) {
    lines.push('', `Not applied (${n(s.notApplied.length)}), the rest was written:`);
    for (const p of s.notApplied) lines.push(`  line ${p.line} (${p.email}): ${p.reason}`);
  }
  if (s.fullTrust) {
    const { name, missing, newlyFlagged } = s.fullTrust;
    lines.push('', `Full-trust file for ${name}: ${n(missing.length)} ${missing.length === 1 ? 'person' : 'people'} at its schools not in the file` +
      (missing.length ? ` (flagged, not deleted; ${n(newlyFlagged)} newly${s.written ? '' : ' would be'}). Mark leavers as left in the app:` : '.'));
    for (const m of missing) lines.push(`  ${m.email} (${m.name}, ${m.school})${m.alreadyFlagged ? ', flagged by an earlier import' : ''}`);
  }
  if (s.warnings.length) {
    lines.push('', 'Warnings:');
    for (const w of s.warnings) lines.push(`  line ${w.line}: ${w.message}`);
  }
  if (s.absentOptionalColumns.length) lines.push('', `No ${s.absentOptionalColumns.join(', ')} column: existing values kept.`);
  if (s.ignoredColumns.length) lines.push('', `Columns not read: ${s.ignoredColumns.map((c) => `"${c}"`).join(', ')}.`);
  lines.push('', `Took ${s.seconds.toFixed(1)} s.`);
  return lines.join('\n');
}

function fieldList(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length ? `  (${entries.map(([field, count]) => `${field} ${n(count)}`).join(', ')})` : '';
}
