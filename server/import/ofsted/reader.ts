// Reads the Ofsted management-information file whole: about 22,000 schools, some 15 MB, and
// nothing is written until every row is known good. Bytes are checked with the GIAS import's
// sniffing (Ofsted publishes Windows-1252; Excel re-saves as UTF-8) and parsed with its CSV
// parser, which stops at broken quoting and names the line.
import { readFile, stat } from 'node:fs/promises';
import { CsvParser, CsvSyntaxError } from '../gias/csv-parser';
import { decodeWindows1252, sniffStart } from '../gias/encoding';
import { GiasFileError } from '../gias/errors';
import { OfstedFileError } from './errors';

export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface ReadFile {
  records: CsvRecord[];
  encoding: 'utf8' | 'win1252';
}

/** The national file is about 15 MB; ten times that is not it. */
const MAX_BYTES = 150 * 1024 * 1024;
const MAX_RECORD_CHARS = 100_000;

export async function readOfstedFile(file: string): Promise<ReadFile> {
  const bytes = await readBytes(file);
  let sniffed: 'utf8' | 'win1252';
  try {
    sniffed = sniffStart(file, bytes.subarray(0, 64 * 1024));
  } catch (error) {
    if (error instanceof GiasFileError) throw new OfstedFileError(file, error.problem, error.line);
    throw error;
  }
  const encoding = sniffed === 'utf8' || isUtf8(bytes) ? 'utf8' : 'win1252';
  const text = encoding === 'utf8' ? new TextDecoder('utf-8').decode(bytes) : decodeWindows1252(bytes);
  const parser = new CsvParser(MAX_RECORD_CHARS);
  try {
    const records = [...parser.push(text), ...parser.end()].filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
    return { records, encoding };
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new OfstedFileError(file, `malformed CSV (${error.problem.replaceAll('-', ' ')})`, error.recordLine);
    throw error;
  }
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new OfstedFileError(file, 'this is a directory, not a CSV file');
    if (info.size > MAX_BYTES) throw new OfstedFileError(file, `the file is ${Math.round(info.size / 1048576)} MB; Ofsted's file is far smaller: is this the right file?`);
    return await readFile(file);
  } catch (error) {
    if (error instanceof OfstedFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OfstedFileError(file, 'no such file');
    if (code === 'EACCES') throw new OfstedFileError(file, 'the file cannot be read (permission denied)');
    throw new OfstedFileError(file, `the file cannot be read: ${(error as Error).message}`);
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
