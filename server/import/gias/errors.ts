// The one error the importer raises for a file it cannot use as a whole. Its message is
// written for the person running the command (it names the file, and the line when there
// is one), so the command prints it as it is, without a stack trace.
export class GiasFileError extends Error {
  override readonly name = 'GiasFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line: number | null = null,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${problem}`);
  }
}

/**
 * The database failed part-way through writing (pass 2). Batches already written stay; a
 * re-run is safe, as it upserts by URN. Carries the counts so far.
 */
export class ImportInterruptedError extends Error {
  override readonly name = 'ImportInterruptedError';
  constructor(
    readonly reason: string,
    readonly soFar: { rows: number; inserted: number; updated: number },
  ) {
    super(`the import stopped after ${soFar.rows.toLocaleString('en-GB')} rows (${soFar.inserted} inserted, ${soFar.updated} updated): ${reason}`);
  }
}
