// Reads a staff file whole: a trust's staff list is small (50,000 people is about 10 MB), and
// nothing may be written before every row is known good, so it is checked in memory. The
// bytes are checked first with the GIAS import's sniffing (server/import/gias/encoding.ts) and
// parsed with its CSV parser, which stops at broken quoting and names the line.
import { readFile, stat } from 'node:fs/promises';
import { CsvParser, CsvSyntaxError } from '../gias/csv-parser';
import { decodeWindows1252, sniffStart } from '../gias/encoding';
import { GiasFileError } from '../gias/errors';
import { StaffFileError } from './errors';

export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface ReadFile {
  records: CsvRecord[];
  /** UTF-8 as the contract says; Windows-1252 is accepted, as Excel's "CSV" saves it. */
  encoding: 'utf8' | 'win1252';
}

/** Larger than any trust's staff list by far: a file this big is not one. */
const MAX_BYTES = 200 * 1024 * 1024;
const MAX_RECORD_CHARS = 100_000;

export async function readStaffFile(file: string): Promise<ReadFile> {
  const bytes = await readBytes(file);
  let sniffed: 'utf8' | 'win1252';
  try {
    sniffed = sniffStart(file, bytes.subarray(0, 64 * 1024));
  } catch (error) {
    if (error instanceof GiasFileError) throw new StaffFileError(file, error.problem, error.line);
    throw error;
  }
  const encoding = sniffed === 'utf8' || isUtf8(bytes) ? 'utf8' : 'win1252';
  const text = encoding === 'utf8' ? new TextDecoder('utf-8').decode(bytes) : decodeWindows1252(bytes);
  const parser = new CsvParser(MAX_RECORD_CHARS);
  try {
    const records = [...parser.push(text), ...parser.end()].filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
    return { records, encoding };
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new StaffFileError(file, `malformed CSV (${describe(error)})`, error.recordLine);
    throw error;
  }
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new StaffFileError(file, 'this is a directory, not a CSV file');
    if (info.size > MAX_BYTES) throw new StaffFileError(file, `the file is ${Math.round(info.size / 1048576)} MB; a staff list is far smaller: is this the right file?`);
    return await readFile(file);
  } catch (error) {
    if (error instanceof StaffFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StaffFileError(file, 'no such file');
    if (code === 'EACCES') throw new StaffFileError(file, 'the file cannot be read (permission denied)');
    throw new StaffFileError(file, `the file cannot be read: ${(error as Error).message}`);
  }
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
