// The columns of the GIAS establishment download ("edubasealldataYYYYMMDD.csv") the import
// reads. They are found by header name, never by position: the download has about 140
// columns, and GIAS adds and reorders them from time to time.
import { GiasFileError } from './errors';

export const COLUMNS = {
  urn: 'URN',
  name: 'EstablishmentName',
  status: 'EstablishmentStatus (name)',
  type: 'TypeOfEstablishment (name)',
  phase: 'PhaseOfEducation (name)',
  lowAge: 'StatutoryLowAge',
  highAge: 'StatutoryHighAge',
  pupils: 'NumberOfPupils',
  fsm: 'PercentageFSM',
  trustFlag: 'TrustSchoolFlag (name)',
  trustCode: 'Trusts (code)',
  trustName: 'Trusts (name)',
  postcode: 'Postcode',
  easting: 'Easting',
  northing: 'Northing',
  ofsted: 'OfstedRating (name)',
  closeDate: 'CloseDate',
} as const;
export type ColumnKey = keyof typeof COLUMNS;

/** Without these a file is not the establishment register (or not one we can use). */
const REQUIRED: readonly ColumnKey[] = ['urn', 'name', 'status', 'type', 'phase'];

/**
 * Columns whose absence leaves the matching field of existing records alone (an absent
 * column says nothing; a blank cell says "unknown"). Listed in the summary when missing.
 */
const REPORTED_IF_MISSING: readonly ColumnKey[] = ['pupils', 'fsm', 'trustCode', 'trustName', 'postcode', 'easting', 'northing', 'ofsted'];

export interface ColumnIndex {
  /** Fields in the header: a row with another count is rejected. */
  readonly width: number;
  /** Position of each column the import reads, when the header has it. */
  readonly at: Readonly<Partial<Record<ColumnKey, number>>>;
  /** Optional columns the header lacks, by their GIAS names. */
  readonly missing: readonly string[];
}

export function indexColumns(file: string, header: readonly string[]): ColumnIndex {
  // Exact name first; a case-insensitive match tolerates a hand-edited header.
  const byName = new Map<string, number>();
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (!byName.has(name)) byName.set(name, i);
    if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), i);
  });
  const at: Partial<Record<ColumnKey, number>> = {};
  for (const [key, name] of Object.entries(COLUMNS) as [ColumnKey, string][]) {
    const index = byName.get(name) ?? byName.get(name.toLowerCase());
    if (index !== undefined) at[key] = index;
  }

  const lacking = REQUIRED.filter((key) => at[key] === undefined).map((key) => COLUMNS[key]);
  if (lacking.length) throw new GiasFileError(file, notTheRegister(header, lacking));
  return {
    width: header.length,
    at,
    missing: REPORTED_IF_MISSING.filter((key) => at[key] === undefined).map((key) => COLUMNS[key]),
  };
}

function notTheRegister(header: readonly string[], lacking: readonly string[]): string {
  const first = header[0] ?? '';
  const hint =
    header.length === 1 && first.includes(';')
      ? ' The header is one field full of semicolons: the file was re-saved with ";" as the separator; use the original download, which is comma-separated.'
      : header.length === 1 && first.includes('\t')
        ? ' The header is one field full of tabs: the file was re-saved as tab-separated text; use the original comma-separated download.'
        : '';
  return (
    `not the GIAS establishment register: the header lacks ${lacking.map((c) => `"${c}"`).join(', ')}. ` +
    `Expected the "establishment fields" CSV (edubasealldataYYYYMMDD.csv) from Get Information about Schools.${hint}`
  );
}
