// CSV text, per RFC 4180: fields separated by commas, records ended by CRLF, a field quoted
// when it holds a comma, a double quote, CR or LF (a quote inside doubled). And safe to open
// in a spreadsheet: a text cell starting with =, +, -, @, a tab or a carriage return would be
// read as a formula (CSV injection, OWASP), so it is prefixed with a single quote. Numbers
// are written as numbers (a negative number is not text and is left alone). Pure.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field as it goes into the file. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
