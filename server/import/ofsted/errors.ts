// An Ofsted file the import cannot use as a whole (not CSV, not the management-information
// file, unreadable). The message names the file, and the line when there is one.
export class OfstedFileError extends Error {
  override readonly name = 'OfstedFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line: number | null = null,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${problem}`);
  }
}
