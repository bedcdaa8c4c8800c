// The rows that passed the check, kept on disk (one JSON line each) until the check has
// passed as a whole. This is what lets the import read and parse the CSV only once (parsing
// is most of its cost) and still write nothing from a file refused part-way through, while
// memory stays flat: the spool of the national file is a few MB in the temp directory.
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Establishment } from './row';

/** A row to import, or the URN of a closed establishment (to report if we still hold it). */
export type SpooledRow = { line: number; establishment: Establishment } | { line: number; closedUrn: string; closedOn: string | null };

export class Spool {
  /** A write error (disk full...), surfaced by the next add or close; disposing never throws. */
  private failure: Error | null = null;

  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private readonly out: WriteStream,
  ) {
    out.on('error', (error) => (this.failure ??= error));
  }

  static async create(): Promise<Spool> {
    const dir = await mkdtemp(join(tmpdir(), 'gias-import-'));
    const path = join(dir, 'rows.ndjson');
    return new Spool(dir, path, createWriteStream(path));
  }

  async add(row: SpooledRow): Promise<void> {
    if (this.failure) throw this.failure;
    // JSON drops undefined fields and keeps nulls: "column absent" and "blank" survive the trip.
    if (!this.out.write(`${JSON.stringify(row)}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (!this.out.writableFinished) {
      this.out.end();
      await Promise.race([once(this.out, 'finish'), once(this.out, 'close')]);
    }
    if (this.failure) throw this.failure;
  }

  async *rows(): AsyncGenerator<SpooledRow> {
    await this.close();
    const lines = createInterface({ input: createReadStream(this.path), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as SpooledRow;
  }

  async dispose(): Promise<void> {
    this.out.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
