// Reads the Ofsted management-information file whole: about 22,000 schools, some 15 MB, and
// nothing is written until every row is known good (../whole-csv-file.ts: Ofsted publishes
// Windows-1252, Excel re-saves as UTF-8; broken quoting is named with its line).
import { readWholeCsvFile, type CsvRecord, type WholeCsvFile } from '../whole-csv-file';
import { OfstedFileError } from './errors';

export type { CsvRecord };
export type ReadFile = WholeCsvFile;

/** The national file is about 15 MB; ten times that is not it. */
const MAX_BYTES = 150 * 1024 * 1024;

export function readOfstedFile(file: string): Promise<ReadFile> {
  return readWholeCsvFile(file, { maxBytes: MAX_BYTES, expected: "Ofsted's file", fileError: (problem, line) => new OfstedFileError(file, problem, line ?? null) });
}
