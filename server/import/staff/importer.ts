// The staff import: read and check the whole file, compare it with the database, and write
// only when every row is good. Steps:
//   1. read (reader.ts) and check each row on its own (row.ts): line and column for each problem;
//   2. read the database once (existing.ts) and plan (compare.ts): the checks that need it,
//      and per person an insert, the changed fields, or nothing;
//   3. unless it is a dry run or any row is bad: write (write.ts), audited with the actor.
import type { ActorRecord } from '../../models/common';
import { type ColumnName, indexColumns } from './columns';
import type { MissingPerson } from './compare';
import { planImport } from './compare';
import { StaffFileError } from './errors';
import { findTrust, loadSchoolsByUrn, loadStaffByEmail } from './existing';
import { readStaffFile } from './reader';
import { parseRow, type RowIdentity, type RowProblem, type StaffRow } from './row';
import { writePlan } from './write';

/** Who an import's writes are recorded as; the command adds the person running it (--by). */
export const STAFF_IMPORT_ACTOR: ActorRecord = { sub: 'staff-import', role: 'SYSTEM' };

export interface StaffImportOptions {
  /** Check and compare, write nothing. */
  dryRun?: boolean;
  /** The file lists every member of staff of this trust (name, DfE code or global ID). */
  fullTrust?: string;
  actor?: ActorRecord;
  now?: Date;
  /** Runs once the file is known good, just before the first write (the command creates indexes). */
  beforeWrite?: () => Promise<void>;
}

export interface StaffImportSummary {
  file: string;
  encoding: 'utf8' | 'win1252';
  dryRun: boolean;
  /** Rows of people (the header not counted). */
  rows: number;
  /** Whether anything was written: false for a dry run, and for a file with any bad row. */
  written: boolean;
  inserted: number;
  updated: number;
  unchanged: number;
  /** How many people each field changed for (updates). */
  changedFields: Record<string, number>;
  /** Rows with at least one problem; every problem is in `problems`. */
  badRows: number;
  problems: RowProblem[];
  warnings: { line: number; message: string }[];
  /** Header columns the import does not read. */
  ignoredColumns: string[];
  /** Columns absent from the header whose fields were therefore left alone. */
  absentOptionalColumns: ColumnName[];
  fullTrust: { name: string; missing: Omit<MissingPerson, 'id'>[]; newlyFlagged: number } | null;
  /** Updates the database refused because the record changed meanwhile (re-run to retry). */
  notApplied: { line: number; email: string; reason: string }[];
  seconds: number;
  /** Where the time went, in seconds: reading and checking the file, reading the database, comparing, writing. */
  timings: { check: number; readDatabase: number; compare: number; write: number };
}

/** Whether the import, or with dryRun the import it previews, is good: the command's exit code 0. */
export function importSucceeded(summary: StaffImportSummary): boolean {
  return summary.badRows === 0 && summary.notApplied.length === 0;
}

export async function importStaffFile(file: string, options: StaffImportOptions = {}): Promise<StaffImportSummary> {
  const startedAt = performance.now();
  const dryRun = options.dryRun ?? false;
  const now = options.now ?? new Date();
  const { records, encoding } = await readStaffFile(file);
  const [header, ...body] = records;
  if (!header) throw new StaffFileError(file, 'the file is empty');
  const columns = indexColumns(file, header.fields);
  if (!body.length) throw new StaffFileError(file, 'the file has a header but no rows');

  const rows: StaffRow[] = [];
  const problems: RowProblem[] = [];
  const broken: RowIdentity[] = [];
  for (const record of body) {
    const result = parseRow(record.line, record.fields, columns);
    if (result.ok) rows.push(result.row);
    else {
      problems.push(...result.problems);
      broken.push(result.identity);
    }
  }

  const checked = performance.now();
  const [existing, schools, trust] = await Promise.all([
    loadStaffByEmail(),
    loadSchoolsByUrn(),
    options.fullTrust === undefined ? Promise.resolve(null) : findTrust(options.fullTrust),
  ]);
  if (options.fullTrust !== undefined && !trust) {
    throw new StaffFileError(file, `--full-trust "${options.fullTrust}": no trust with this name, DfE trust code or ID is recorded`);
  }
  const read = performance.now();
  const plan = planImport(rows, existing, schools, trust, broken);
  const compared = performance.now();
  problems.push(...plan.problems);
  // By line, then in the order of the file's columns (the row's own problem first).
  const position = (p: RowProblem) => (p.column === null ? -1 : (columns.at[p.column] ?? -1));
  problems.sort((a, b) => a.line - b.line || position(a) - position(b));

  const summary: StaffImportSummary = {
    file,
    encoding,
    dryRun,
    rows: body.length,
    written: false,
    inserted: plan.inserts.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    changedFields: countChangedFields(plan.updates.map((u) => Object.keys(u.changes))),
    badRows: new Set(problems.map((p) => p.line)).size,
    problems,
    warnings: plan.warnings,
    ignoredColumns: [...columns.ignored],
    absentOptionalColumns: (['availability'] as const).filter((c) => columns.at[c] === undefined),
    fullTrust: trust
      ? { name: trust.name, missing: plan.missing.map(({ id: _id, ...person }) => person), newlyFlagged: plan.missing.filter((m) => !m.alreadyFlagged).length }
      : null,
    notApplied: [],
    seconds: 0,
    timings: { check: (checked - startedAt) / 1000, readDatabase: (read - checked) / 1000, compare: (compared - read) / 1000, write: 0 },
  };
  if (!dryRun && summary.badRows === 0) {
    await options.beforeWrite?.();
    const outcome = await writePlan(plan, options.actor ?? STAFF_IMPORT_ACTOR, now);
    summary.written = true;
    summary.inserted -= outcome.insertsRefused;
    summary.updated -= outcome.updatesUndone;
    summary.notApplied = outcome.notApplied;
  }
  summary.seconds = (performance.now() - startedAt) / 1000;
  summary.timings.write = (performance.now() - compared) / 1000;
  return summary;
}

function countChangedFields(fieldLists: string[][]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const fields of fieldLists) for (const field of fields) counts[field] = (counts[field] ?? 0) + 1;
  return counts;
}
