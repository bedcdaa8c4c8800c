// Reads a staff file whole: a trust's staff list is small (50,000 people is about 10 MB), and
// nothing may be written before every row is known good, so it is checked in memory
// (../whole-csv-file.ts: encoding sniffed, CSV parsed, problems named with their line).
import { readWholeCsvFile, type CsvRecord, type WholeCsvFile } from '../whole-csv-file';
import { StaffFileError } from './errors';

export type { CsvRecord };
export type ReadFile = WholeCsvFile;

/** Larger than any trust's staff list by far: a file this big is not one. */
const MAX_BYTES = 200 * 1024 * 1024;

export function readStaffFile(file: string): Promise<ReadFile> {
  return readWholeCsvFile(file, { maxBytes: MAX_BYTES, expected: 'a staff list', fileError: (problem, line) => new StaffFileError(file, problem, line ?? null) });
}
