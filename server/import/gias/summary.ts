// What an import did, for the person who ran it (text) and for scripts (JSON).
import type { SourceEncoding } from './encoding';
import { ENCODING_LABEL } from './encoding';
import type { TrustCounts } from './trusts';

export interface RowNote {
  line: number;
  urn: string | null;
  reason: string;
}

export interface ImportSummary {
  file: string;
  encoding: SourceEncoding;
  dryRun: boolean;
  /** Data rows read (the header and blank lines not counted). */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows not imported on purpose, by reason (closed, independent school, ...). */
  skipped: Record<string, number>;
  rejected: { count: number; listed: RowNote[] };
  warnings: { count: number; listed: RowNote[] };
  /** Closed in GIAS and recorded here as open: marked closed (kept: staff, needs, history refer to them). */
  closedHere: { count: number; listed: RowNote[] };
  /** Recorded here as closed and listed open by the register: reopened (their withdrawn needs stay withdrawn). */
  reopenedHere: { count: number; listed: RowNote[] };
  /** Open needs of those schools, withdrawn with the reason (services see ImprovementNeed.withdrawnReason). */
  needsWithdrawn: number;
  trusts: TrustCounts;
  /** Optional columns the file lacks: those fields were left as they were. */
  missingColumns: string[];
  /** The national FSM quintile cut points computed after the import (domain/fsm-bands.ts); absent on a dry run. */
  fsmQuintileCutPoints?: number[];
  seconds: number;
}

export function emptySummary(file: string, encoding: SourceEncoding, dryRun: boolean): ImportSummary {
  return {
    file,
    encoding,
    dryRun,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: {},
    rejected: { count: 0, listed: [] },
    warnings: { count: 0, listed: [] },
    closedHere: { count: 0, listed: [] },
    reopenedHere: { count: 0, listed: [] },
    needsWithdrawn: 0,
    trusts: { created: 0, linked: 0 },
    missingColumns: [],
    seconds: 0,
  };
}

/** Counts every note, keeps the first `cap` (a broken file must not flood the terminal). */
export function note(into: { count: number; listed: RowNote[] }, entry: RowNote, cap: number): void {
  into.count++;
  if (into.listed.length < cap) into.listed.push({ line: entry.line, urn: entry.urn, reason: entry.reason });
}

export function skippedTotal(summary: ImportSummary): number {
  return Object.values(summary.skipped).reduce((a, b) => a + b, 0);
}

export function formatSummary(s: ImportSummary): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  const rate = s.seconds > 0 ? `, ${n(Math.round(s.rows / s.seconds))} rows/s` : '';
  const would = s.dryRun ? ' (dry run: nothing written; counts are what would happen)' : '';
  const lines = [
    `GIAS import of ${s.file}${would}`,
    `  read ${n(s.rows)} rows (${ENCODING_LABEL[s.encoding]}) in ${s.seconds.toFixed(1)} s${rate}`,
    `  inserted   ${n(s.inserted)}`,
    `  updated    ${n(s.updated)}`,
    `  unchanged  ${n(s.unchanged)}`,
    `  skipped    ${n(skippedTotal(s))}`,
    ...Object.entries(s.skipped)
      .sort(([, a], [, b]) => b - a)
      .map(([reason, count]) => `    ${n(count).padStart(7)}  ${reason}`),
    `  rejected   ${n(s.rejected.count)}`,
    ...s.rejected.listed.map((r) => `    line ${r.line}${r.urn ? ` (URN ${r.urn})` : ''}: ${r.reason}`),
    ...(s.rejected.count > s.rejected.listed.length ? [`    ... and ${n(s.rejected.count - s.rejected.listed.length)} more`] : []),
    `  trusts     ${n(s.trusts.created)} created, ${n(s.trusts.linked)} linked by name`,
  ];
  if (s.warnings.count) {
    lines.push(`  warnings   ${n(s.warnings.count)}`, ...s.warnings.listed.map((w) => `    line ${w.line}${w.urn ? ` (URN ${w.urn})` : ''}: ${w.reason}`));
    if (s.warnings.count > s.warnings.listed.length) lines.push(`    ... and ${n(s.warnings.count - s.warnings.listed.length)} more`);
  }
  if (s.closedHere.count) {
    const would = s.dryRun ? 'would be ' : '';
    lines.push(`  closed in GIAS, ${would}marked closed here (kept: staff, needs and history refer to them; their staff are no longer ranked): ${n(s.closedHere.count)}`);
    lines.push(...s.closedHere.listed.map((c) => `    line ${c.line}: URN ${c.urn}`));
    if (s.closedHere.count > s.closedHere.listed.length) lines.push(`    ... and ${n(s.closedHere.count - s.closedHere.listed.length)} more`);
    lines.push(`  open needs of closed schools ${would}withdrawn, with the reason: ${n(s.needsWithdrawn)}`);
  }
  if (s.reopenedHere.count) {
    const would = s.dryRun ? 'would be ' : '';
    lines.push(`  recorded here as closed, open in GIAS again, ${would}reopened (their withdrawn needs stay withdrawn): ${n(s.reopenedHere.count)}`);
    lines.push(...s.reopenedHere.listed.map((c) => `    line ${c.line}: URN ${c.urn}`));
    if (s.reopenedHere.count > s.reopenedHere.listed.length) lines.push(`    ... and ${n(s.reopenedHere.count - s.reopenedHere.listed.length)} more`);
  }
  if (s.fsmQuintileCutPoints) lines.push(`  national FSM quintile cut points now ${s.fsmQuintileCutPoints.map((c) => `${c}%`).join(', ')}`);
  if (s.missingColumns.length) lines.push(`  columns not in the file (those fields left as they were): ${s.missingColumns.join(', ')}`);
  return lines.join('\n');
}
