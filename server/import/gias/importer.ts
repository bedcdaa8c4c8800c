// The import, in two steps, so that a file unusable as a whole writes nothing:
//   1. check (no database): decode, parse and validate every row, keeping the rows to import
//      in a spool on disk (spool.ts). Stops with a message naming the file and line for a
//      file that is not the register, broken CSV quoting, no rows, or too many rejected rows.
//   2. write: upsert the spooled rows in batches by URN (academies.ts), trusts first
//      (trusts.ts), against what the database holds, read once at the start (existing.ts).
// The CSV is parsed once (parsing is most of the cost); memory stays flat either way.
import { open, stat } from 'node:fs/promises';
import type { ActorRecord } from '../../models/common';
import { refreshAllPriorities } from '../../services/need-priority';
import { recomputeNationalFsmBanding } from '../../services/fsm-banding';
import { basename } from 'node:path';
import { recordExternalWrites } from '../../db/write-epoch';
import { AcademyWriter, type BatchItem } from './academies';
import { type Closure, closeSchools } from './closures';
import { type ColumnIndex, indexColumns } from './columns';
import { type SourceEncoding, sniffStart, Utf8Detector } from './encoding';
import { GiasFileError, ImportInterruptedError } from './errors';
import { type DatabaseState, readDatabaseState } from './existing';
import { type Progress, SILENT_PROGRESS } from './progress';
import { readCsv } from './reader';
import { mapRow } from './row';
import { Spool } from './spool';
import { emptySummary, type ImportSummary, note, skippedTotal } from './summary';
import { TrustLinker } from './trusts';

export const GIAS_ACTOR: ActorRecord = { sub: 'gias-import', role: 'SYSTEM' };

export interface ImportOptions {
  /** Check and compare against the database, write nothing. */
  dryRun?: boolean;
  /** Rows per bulkWrite. */
  batchSize?: number;
  actor?: ActorRecord;
  /** Rejected rows and warnings listed in the summary (all are counted). */
  maxListed?: number;
  /** Above this share of rejected rows (and more than MIN_REJECTS_TO_JUDGE) the file is refused. */
  maxRejectPercent?: number;
  /** Progress reporter for each step; silent by default. */
  progress?: (label: string, total: number) => Progress;
}

const HEAD_BYTES = 64 * 1024;
/** A handful of bad rows in a small file says nothing about the file; the share is judged above this. */
const MIN_REJECTS_TO_JUDGE = 10;

/** A file that passed the check, its rows spooled, ready to write. Dispose of it when done. */
export interface CheckedFile {
  readonly file: string;
  readonly startedAt: number;
  /** The check's tally: rows, encoding, skips, rejects, warnings, missing columns. */
  readonly check: ImportSummary;
  readonly spool: Spool;
  /** Rows in the spool. */
  readonly toImport: number;
}

/** Check then write: the whole import. The database is read (never written) while the file is checked. */
export async function importGiasFile(file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const state = settled(readDatabaseState());
  let checked: CheckedFile;
  try {
    checked = await checkGiasFile(file, options);
  } catch (error) {
    await state.catch(() => undefined); // let the reads finish before the caller disconnects
    throw error;
  }
  try {
    return await writeGiasFile(checked, options, state);
  } finally {
    await checked.spool.dispose();
  }
}

/** A promise that may be awaited later without counting as an unhandled rejection meanwhile. */
export function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Step 1: reads and validates the whole file without a database; throws GiasFileError for an unusable one. */
export async function checkGiasFile(file: string, options: ImportOptions = {}): Promise<CheckedFile> {
  const startedAt = performance.now();
  const size = await fileSize(file);
  const sniffed = sniffStart(file, await readHead(file));
  const progress = () => (options.progress ?? (() => SILENT_PROGRESS))('checking', size);
  let checked = await scan(file, sniffed, options, progress());
  if (sniffed === 'win1252' && checked.utf8) {
    // The first 64 KB were plain ASCII, the rest is UTF-8 (a re-saved file): read it as such.
    await checked.spool.dispose();
    checked = await scan(file, 'utf8', options, progress());
  } else if (sniffed === 'utf8' && !checked.utf8 && !checked.ascii) {
    await checked.spool.dispose();
    throw new GiasFileError(file, 'the file starts as UTF-8 but is not UTF-8 throughout (edited and re-saved?); use the original download');
  }
  try {
    refuseIfUnusable(file, checked.summary, checked.toImport, options.maxRejectPercent ?? 10);
  } catch (error) {
    await checked.spool.dispose();
    throw error;
  }
  return { file, startedAt, check: checked.summary, spool: checked.spool, toImport: checked.toImport };
}

/**
 * Step 2: upserts the checked rows in batches. `state` is what the database holds, when the
 * caller began reading it already (see importGiasFile). Leaves the spool to the caller.
 */
export async function writeGiasFile(checked: CheckedFile, options: ImportOptions = {}, state?: Promise<DatabaseState>): Promise<ImportSummary> {
  const dryRun = options.dryRun ?? false;
  const maxListed = options.maxListed ?? 50;
  const actor = options.actor ?? GIAS_ACTOR;
  const summary: ImportSummary = { ...checked.check, dryRun, rejected: { ...checked.check.rejected, listed: [...checked.check.rejected.listed] }, closedHere: { count: 0, listed: [] }, reopenedHere: { count: 0, listed: [] }, needsWithdrawn: 0 };
  const { academies, trusts: trustRows, hubLeads } = await (state ?? readDatabaseState());
  const trusts = new TrustLinker(actor, dryRun, trustRows);
  const writer = new AcademyWriter(actor, dryRun, trusts, academies, hubLeads);
  const batchSize = options.batchSize ?? 1000;
  const progress = (options.progress ?? (() => SILENT_PROGRESS))(dryRun ? 'comparing' : 'writing', checked.toImport);
  let batch: BatchItem[] = [];
  const closures: Closure[] = [];
  let done = 0;
  const commits = new CommitPipeline(COMMITS_IN_FLIGHT);
  const flush = async () => {
    const items = batch;
    batch = [];
    if (!items.length) return;
    const prepared = await writer.prepare(items);
    await commits.add(
      writer.commit(prepared).then((counts) => {
        done += items.length;
        summary.inserted += counts.inserted;
        summary.updated += counts.updated;
        summary.unchanged += counts.unchanged;
        for (const refused of counts.refused) note(summary.rejected, refused, maxListed);
        for (const reopened of counts.reopened) note(summary.reopenedHere, reopened, maxListed);
        progress.update(done, done);
      }),
    );
  };
  try {
    for await (const row of checked.spool.rows()) {
      if ('closedUrn' in row) {
        // Marked closed, not deleted: staff, needs and deployments refer to it (closures.ts).
        if (academies.has(row.closedUrn)) closures.push({ line: row.line, urn: row.closedUrn, closedOn: row.closedOn });
        continue;
      }
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await commits.drain();
    progress.finish(done);
    const closed = await closeSchools(closures, academies, actor, dryRun);
    summary.closedHere = { count: closed.closed.length, listed: closed.closed.slice(0, maxListed) };
    summary.needsWithdrawn = closed.needsWithdrawn;
    // Need priorities are snapshots of their academy's FSM share and rating: bring them up to date.
    if (!dryRun && summary.updated > 0) await refreshAllPriorities();
    // The national FSM quintiles (bands of disadvantage) follow the register just imported.
    if (!dryRun) {
      const banding = await recomputeNationalFsmBanding(actor, basename(checked.file));
      if (banding) summary.fsmQuintileCutPoints = [...banding.cutPoints];
    }
  } catch (error) {
    await commits.drain().catch(() => undefined); // let writes under way finish before reporting
    // Batches already written stay written: say so, with what was done.
    throw new ImportInterruptedError(error instanceof Error ? error.message : String(error), { rows: done, inserted: summary.inserted, updated: summary.updated });
  } finally {
    // A server keeping in-process copies (FerretDB) reloads what this import may have changed.
    if (!dryRun) await recordExternalWrites(['academies', 'trusts', 'improvementNeeds']).catch(() => undefined);
  }
  summary.trusts = { ...trusts.counts };
  summary.seconds = (performance.now() - checked.startedAt) / 1000;
  return summary;
}

/**
 * Batches committed at once. Two: the database writes one batch while the next is prepared
 * and sent on a second connection (FerretDB works each connection on its own core).
 * Measured on the embedded FerretDB against one at a time: inserts 4,600 -> 7,000-10,000 a
 * second, updates 700 -> 1,050; four at once gained nothing more.
 */
const COMMITS_IN_FLIGHT = 2;

/** Runs up to `limit` commits at once; `add` waits for the oldest when full, `drain` for all. */
class CommitPipeline {
  private readonly running: Promise<void>[] = [];

  constructor(private readonly limit: number) {}

  async add(commit: Promise<void>): Promise<void> {
    this.running.push(settled(commit));
    if (this.running.length >= this.limit) await this.running.shift();
  }

  /** Waits for every commit under way; throws the first failure among them. */
  async drain(): Promise<void> {
    const failed = (await Promise.allSettled(this.running.splice(0))).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

interface Scanned {
  summary: ImportSummary;
  spool: Spool;
  toImport: number;
  /** The bytes were valid UTF-8 with multi-byte characters / plain ASCII throughout. */
  utf8: boolean;
  ascii: boolean;
}

/** Reads the file once: tallies skips, rejects and warnings, spools the rows to import. */
async function scan(file: string, encoding: SourceEncoding, options: ImportOptions, progress: Progress): Promise<Scanned> {
  const maxListed = options.maxListed ?? 50;
  const summary = emptySummary(file, encoding, options.dryRun ?? false);
  const detector = new Utf8Detector();
  let bytes = 0;
  const rows = readCsv(file, {
    encoding,
    onBytes: (chunk) => {
      bytes += chunk.length;
      detector.push(chunk);
    },
  });
  const spool = await Spool.create();
  let toImport = 0;
  try {
    const header = await rows.next();
    if (header.done) throw new GiasFileError(file, 'the file has no header row');
    let columns: ColumnIndex;
    try {
      columns = indexColumns(file, header.value.fields);
    } catch (error) {
      await rows.return(undefined); // close the file
      throw error;
    }
    summary.missingColumns = [...columns.missing];

    const firstLineOf = new Map<string, number>(); // URN -> line: about 3 MB for the national file
    for await (const row of rows) {
      let outcome = mapRow(columns, row);
      if (outcome.kind === 'import') {
        const { urn } = outcome.establishment;
        const first = firstLineOf.get(urn);
        if (first !== undefined) outcome = { kind: 'reject', line: row.line, urn, reason: `the URN appears again (first on line ${first}); the first is kept` };
        else firstLineOf.set(urn, row.line);
      }
      summary.rows++;
      if (outcome.kind === 'skip') {
        summary.skipped[outcome.reason] = (summary.skipped[outcome.reason] ?? 0) + 1;
        if (outcome.closed) await spool.add({ line: outcome.line, closedUrn: outcome.urn, closedOn: outcome.closedOn ?? null });
      }
      else if (outcome.kind === 'reject') note(summary.rejected, outcome, maxListed);
      else {
        if (outcome.warning) note(summary.warnings, { line: outcome.line, urn: outcome.establishment.urn, reason: outcome.warning }, maxListed);
        await spool.add({ line: outcome.line, establishment: outcome.establishment });
        toImport++;
      }
      progress.update(summary.rows, bytes);
    }
    progress.finish(summary.rows);
    await spool.close();
  } catch (error) {
    await spool.dispose();
    throw error;
  }
  return { summary, spool, toImport, utf8: detector.isUtf8(), ascii: detector.isAscii() };
}

function refuseIfUnusable(file: string, checked: ImportSummary, toImport: number, maxRejectPercent: number): void {
  if (checked.rows === 0) throw new GiasFileError(file, 'the file has a header but no rows');
  const considered = checked.rows - skippedTotal(checked);
  const rejected = checked.rejected.count;
  const examples = checked.rejected.listed.slice(0, 3).map((r) => `line ${r.line}: ${r.reason}`).join('; ');
  if (rejected > 0 && toImport === 0) {
    throw new GiasFileError(file, `every row to import was rejected, so nothing was written (${examples})`);
  }
  if (rejected > MIN_REJECTS_TO_JUDGE && (rejected / considered) * 100 > maxRejectPercent) {
    throw new GiasFileError(
      file,
      `${rejected.toLocaleString('en-GB')} of ${considered.toLocaleString('en-GB')} rows were rejected, more than ${maxRejectPercent}%: ` +
        `the file looks damaged, so nothing was written. First problems: ${examples}`,
    );
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new GiasFileError(file, 'this is a directory, not a CSV file');
    return info.size;
  } catch (error) {
    if (error instanceof GiasFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new GiasFileError(file, code === 'ENOENT' ? 'no such file' : `the file cannot be opened (${code ?? String(error)})`);
  }
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new GiasFileError(file, `the file cannot be opened (${error.code ?? error.message})`);
  });
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
