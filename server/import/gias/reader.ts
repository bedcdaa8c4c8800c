// Streams the CSV: file -> bytes tap (progress, encoding check) -> iconv-lite decoder ->
// csv-parse, one row at a time, so memory stays flat whatever the file's size. Rows come as
// arrays (found by header name later, in columns.ts) with the line each starts on.
import { createReadStream } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { SourceEncoding } from './encoding';
import { GiasFileError } from './errors';

export interface CsvRow {
  /** Line of the file the row starts on (the header is line 1). */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface ReadOptions {
  encoding: SourceEncoding;
  /** Sees every raw chunk before decoding. */
  onBytes?: (chunk: Buffer) => void;
}

/** A GIAS row is about 1.5 KB; an unclosed quote is stopped here instead of eating the file. */
const MAX_RECORD_CHARS = 100_000;

export async function* readCsv(file: string, options: ReadOptions): AsyncGenerator<CsvRow> {
  const source = createReadStream(file, { highWaterMark: 256 * 1024 });
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      options.onBytes?.(chunk);
      done(null, chunk);
    },
  });
  const parser = parse({
    bom: true,
    // A row with too few or too many fields is the row's problem, not the file's: it is
    // rejected on its own (row.ts). Quoting errors stay fatal: once quotes are broken, where
    // rows begin and end cannot be trusted.
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // Errors anywhere in the chain destroy the parser, and so surface in the loop below.
  pipeline(source, tap, iconv.decodeStream(options.encoding), parser, () => undefined);

  let line = 1; // where the next record starts: counted here, as csv-parse counts "\r\n" inside quotes twice
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + newlinesIn(fields);
      if (fields.length === 1 && fields[0] === '') continue; // a blank line
      yield { line: start, fields };
    }
  } catch (error) {
    throw describeReadError(file, error, line);
  } finally {
    source.destroy();
    parser.destroy();
  }
}

function newlinesIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  }
  return count;
}

function describeReadError(file: string, error: unknown, recordStart: number): GiasFileError {
  if (error instanceof GiasFileError) return error;
  if (error instanceof CsvError) {
    const at = (error as CsvError & { lines?: number }).lines;
    switch (error.code) {
      case 'CSV_INVALID_CLOSING_QUOTE':
        return new GiasFileError(file, 'malformed CSV: a quoted value is followed by more text (an unescaped double quote inside a quoted value?)', at ?? recordStart);
      case 'CSV_QUOTE_NOT_CLOSED':
      case 'CSV_MAX_RECORD_SIZE':
        return new GiasFileError(file, 'malformed CSV: a quoted value opened in this row is never closed (a stray double quote, or a file cut off part-way)', recordStart);
      default:
        return new GiasFileError(file, `malformed CSV: ${error.message}`, at ?? recordStart);
    }
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES') return new GiasFileError(file, 'the file cannot be read (permission denied)');
  if (code === 'EISDIR') return new GiasFileError(file, 'this is a directory, not a CSV file');
  return new GiasFileError(file, `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
}
