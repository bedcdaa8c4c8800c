// Reads a CSV file whole, for the imports that check every row before writing any (staff,
// Ofsted): the bytes are checked with the GIAS import's sniffing (gias/encoding.ts: not a
// spreadsheet, not compressed, UTF-8 or Windows-1252 as Excel saves it) and parsed with its
// CSV parser, which stops at broken quoting and names the line. Every problem with the file
// as a whole is reported through the import's own error type, naming the file.
import { readFile, stat } from 'node:fs/promises';
import { CsvParser, CsvSyntaxError } from './gias/csv-parser';
import { decodeWindows1252, sniffStart } from './gias/encoding';
import { GiasFileError } from './gias/errors';

export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface WholeCsvFile {
  records: CsvRecord[];
  /** UTF-8, or Windows-1252 as Excel's "CSV" and some publishers save it. */
  encoding: 'utf8' | 'win1252';
}

export interface WholeCsvOptions {
  /** Larger than this, the file is not the one expected. */
  maxBytes: number;
  /** What the expected file is, for the message about a file far too big ("a staff list"). */
  expected: string;
  /** The import's own error for a problem with the file (and the line, when there is one). */
  fileError: (problem: string, line?: number | null) => Error;
}

const MAX_RECORD_CHARS = 100_000;

export async function readWholeCsvFile(file: string, options: WholeCsvOptions): Promise<WholeCsvFile> {
  const bytes = await readBytes(file, options);
  let sniffed: 'utf8' | 'win1252';
  try {
    sniffed = sniffStart(file, bytes.subarray(0, 64 * 1024));
  } catch (error) {
    if (error instanceof GiasFileError) throw options.fileError(error.problem, error.line);
    throw error;
  }
  const encoding = sniffed === 'utf8' || isUtf8(bytes) ? 'utf8' : 'win1252';
  const text = encoding === 'utf8' ? new TextDecoder('utf-8').decode(bytes) : decodeWindows1252(bytes);
  const parser = new CsvParser(MAX_RECORD_CHARS);
  try {
    const records = [...parser.push(text), ...parser.end()].filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
    return { records, encoding };
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw options.fileError(`malformed CSV (${describe(error)})`, error.recordLine);
    throw error;
  }
}

async function readBytes(file: string, options: WholeCsvOptions): Promise<Buffer> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw unreadable(error, options);
  }
  if (info.isDirectory()) throw options.fileError('this is a directory, not a CSV file');
  if (info.size > options.maxBytes) throw options.fileError(`the file is ${Math.round(info.size / 1048576)} MB; ${options.expected} is far smaller: is this the right file?`);
  try {
    return await readFile(file);
  } catch (error) {
    throw unreadable(error, options);
  }
}

function unreadable(error: unknown, options: WholeCsvOptions): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return options.fileError('no such file');
  if (code === 'EACCES') return options.fileError('the file cannot be read (permission denied)');
  return options.fileError(`the file cannot be read: ${(error as Error).message}`);
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function describe(error: CsvSyntaxError): string {
  switch (error.problem) {
    case 'text-after-closing-quote':
      return 'a quoted value is followed by more text';
    case 'quote-in-plain-value':
      return 'a double quote inside a value that is not in quotes';
    case 'quote-not-closed':
      return 'a quoted value opened in this row is never closed';
    case 'record-too-long':
      return 'a row far too long: are its lines not ended by line breaks?';
  }
}
