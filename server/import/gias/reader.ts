// Streams the CSV: file -> bytes tap (progress, encoding check) -> decoder -> CsvParser, a
// chunk at a time, so memory stays flat whatever the file's size. Rows come as arrays (found
// by header name later, in columns.ts) with the line each starts on.
import { createReadStream } from 'node:fs';
import { CsvParser, CsvSyntaxError } from './csv-parser';
import { createDecoder, type SourceEncoding } from './encoding';
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
  const decoder = createDecoder(options.encoding);
  // A row with too few or too many fields is the row's problem, not the file's: it is
  // rejected on its own (row.ts). Quoting errors are fatal: once quotes are broken, where
  // rows begin and end cannot be trusted.
  const parser = new CsvParser(MAX_RECORD_CHARS);
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      options.onBytes?.(chunk);
      for (const record of parser.push(decoder.decode(chunk))) {
        if (!isBlank(record.fields)) yield record;
      }
    }
    for (const record of [...parser.push(decoder.end()), ...parser.end()]) {
      if (!isBlank(record.fields)) yield record;
    }
  } catch (error) {
    throw describeReadError(file, error);
  } finally {
    source.destroy();
  }
}

function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

function describeReadError(file: string, error: unknown): GiasFileError {
  if (error instanceof GiasFileError) return error;
  if (error instanceof CsvSyntaxError) {
    switch (error.problem) {
      case 'text-after-closing-quote':
        return new GiasFileError(file, 'malformed CSV: a quoted value is followed by more text (an unescaped double quote inside a quoted value?)', error.line);
      case 'quote-in-plain-value':
        return new GiasFileError(file, 'malformed CSV: a double quote inside a value that is not in quotes (quotes belong around a whole value, doubled inside it)', error.line);
      case 'quote-not-closed':
        return new GiasFileError(file, 'malformed CSV: a quoted value opened in this row is never closed (a stray double quote, or a file cut off part-way)', error.recordLine);
      case 'record-too-long':
        return new GiasFileError(file, `malformed CSV: a row longer than ${MAX_RECORD_CHARS.toLocaleString('en-GB')} characters (are its lines not ended by line breaks?)`, error.recordLine);
    }
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES') return new GiasFileError(file, 'the file cannot be read (permission denied)');
  if (code === 'EISDIR') return new GiasFileError(file, 'this is a directory, not a CSV file');
  return new GiasFileError(file, `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
}
