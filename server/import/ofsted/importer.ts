// The Ofsted inspections import: read and check the whole file, compare it with the schools
// recorded here, and write only when every row is good. Steps:
//   1. read (reader.ts) and check each row on its own (row.ts): line and column per problem;
//   2. read the schools once and plan (plan.ts): per school recorded here, the newer outcomes;
//   3. unless it is a dry run or any row is bad: write (write.ts), audited with the actor,
//      then recompute the priority of those schools' needs.
import type { ActorRecord } from '../../models/common';
import { indexColumns } from './columns';
import { OfstedFileError } from './errors';
import { loadAcademiesByUrn, planImport } from './plan';
import { readOfstedFile } from './reader';
import { type InspectionRow, parseRow, type RowProblem } from './row';
import { writePlan } from './write';

/** Who an import's writes are recorded as. */
export const OFSTED_ACTOR: ActorRecord = { sub: 'ofsted-import', role: 'SYSTEM' };

export interface OfstedImportOptions {
  /** Check and compare, write nothing. */
  dryRun?: boolean;
  actor?: ActorRecord;
  now?: Date;
  /** Runs once the file is known good, just before the first write. */
  beforeWrite?: () => Promise<void>;
  /** Told how many rows are checked, now and then (the command's progress line). */
  onRows?: (checked: number, total: number) => void;
}

export interface OfstedImportSummary {
  file: string;
  encoding: 'utf8' | 'win1252';
  dryRun: boolean;
  /** Rows of schools (the header not counted). */
  rows: number;
  /** Whether anything was written: false for a dry run, and for a file with any bad row. */
  written: boolean;
  /** Good rows by what they hold. */
  judgements: number;
  reportCards: number;
  /** Latest graded inspection without an overall judgement (September 2024 to November 2025): nothing recorded from it. */
  notJudged: number;
  /** No graded inspection yet. */
  notInspected: number;
  /** Rows for schools this service does not hold (the file covers all of England). */
  notRecordedHere: number;
  /** Schools recorded here whose outcomes the file changes, and those it leaves as they are. */
  updated: number;
  unchanged: number;
  /** How many schools each field changed for. */
  changedFields: Record<string, number>;
  /** Outcomes older than the ones recorded here, left alone. */
  olderThanRecorded: { line: number; urn: string; what: string }[];
  /** Rows with at least one problem; every problem is in `problems`. */
  badRows: number;
  problems: RowProblem[];
  /** Header columns the import does not read. */
  ignoredColumns: string[];
  /** Updates the database refused (re-run to retry). */
  notApplied: { line: number; urn: string }[];
  /** Needs whose priority was recomputed from the new outcomes. */
  prioritiesRefreshed: number;
  seconds: number;
}

export function importSucceeded(summary: OfstedImportSummary): boolean {
  return summary.badRows === 0 && summary.notApplied.length === 0;
}

export async function importOfstedFile(file: string, options: OfstedImportOptions = {}): Promise<OfstedImportSummary> {
  const startedAt = performance.now();
  const dryRun = options.dryRun ?? false;
  const { records, encoding } = await readOfstedFile(file);
  const [header, ...body] = records;
  if (!header) throw new OfstedFileError(file, 'the file is empty');
  const columns = indexColumns(file, header.fields);
  if (!body.length) throw new OfstedFileError(file, 'the file has a header but no rows');

  const rows: InspectionRow[] = [];
  const problems: RowProblem[] = [];
  const firstLineOfUrn = new Map<string, number>();
  let notInspected = 0;
  body.forEach((record, i) => {
    if (i % 1000 === 999) options.onRows?.(i + 1, body.length);
    const result = parseRow(record.line, record.fields, columns);
    const urn = result.ok ? (result.row?.urn ?? null) : result.urn;
    // One row per school: a second row for a URN is a problem, as which to believe is unknown.
    if (urn !== null) {
      const first = firstLineOfUrn.get(urn);
      if (first !== undefined) problems.push({ line: record.line, column: header.fields[columns.at.urn!]!.trim(), message: `URN ${urn} is already on line ${first}` });
      else firstLineOfUrn.set(urn, record.line);
    }
    if (!result.ok) problems.push(...result.problems);
    else if (result.row) rows.push(result.row);
    else notInspected++;
  });
  options.onRows?.(body.length, body.length);
  problems.sort((a, b) => a.line - b.line);

  const academies = await loadAcademiesByUrn();
  const plan = planImport(rows, academies);
  const summary: OfstedImportSummary = {
    file,
    encoding,
    dryRun,
    rows: body.length,
    written: false,
    judgements: rows.filter((r) => r.judgement).length,
    reportCards: rows.filter((r) => r.reportCard).length,
    notJudged: rows.filter((r) => r.notJudged && !r.reportCard).length,
    notInspected,
    notRecordedHere: plan.notRecordedHere,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    changedFields: countFields(plan.updates.map((u) => Object.keys(u.changes))),
    olderThanRecorded: plan.older,
    badRows: new Set(problems.map((p) => p.line)).size,
    problems,
    ignoredColumns: [...columns.ignored],
    notApplied: [],
    prioritiesRefreshed: 0,
    seconds: 0,
  };
  if (!dryRun && summary.badRows === 0) {
    await options.beforeWrite?.();
    const outcome = await writePlan(plan.updates, options.actor ?? OFSTED_ACTOR, options.now ?? new Date());
    summary.written = true;
    summary.notApplied = outcome.notApplied;
    summary.updated -= outcome.notApplied.length;
    summary.prioritiesRefreshed = outcome.prioritiesRefreshed;
  }
  summary.seconds = (performance.now() - startedAt) / 1000;
  return summary;
}

function countFields(lists: string[][]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const fields of lists) for (const field of fields) counts[field] = (counts[field] ?? 0) + 1;
  return counts;
}
