// A staff file the import cannot use as a whole (not CSV, not the format, unreadable). The
// message names the file, and the line when there is one, for the person running the command.
export class StaffFileError extends Error {
  override readonly name = 'StaffFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line: number | null = null,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${problem}`);
  }
}
