// The columns of a staff import file (shared/API.md, "Added for the second round"), found by
// header name in any order. Unknown columns are ignored (an HR export carries many), and
// reported so a misspelt optional column does not go unnoticed.
import { StaffFileError } from './errors';

/** Required: a file without any of these is refused as a whole. */
export const REQUIRED_COLUMNS = [
  'name',
  'email',
  'role',
  'homeUrn',
  'designations',
  'expertise',
  'capacityDays',
  'maxTravelKm',
  'safeguardingCheckExpiresOn',
] as const;
/** Optional: when the header lacks it, the matching field of existing people is left alone. */
export const OPTIONAL_COLUMNS = ['availability'] as const;

export type ColumnName = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export interface ColumnIndex {
  /** Fields in the header: a row with another count is bad. */
  readonly width: number;
  readonly at: Readonly<Partial<Record<ColumnName, number>>>;
  /** Header names the import does not read. */
  readonly ignored: readonly string[];
}

const KNOWN: readonly ColumnName[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

export function indexColumns(file: string, header: readonly string[]): ColumnIndex {
  // Header names compared without regard to case or surrounding spaces: spreadsheets change both.
  const byKey = new Map(KNOWN.map((name) => [name.toLowerCase(), name]));
  const at: Partial<Record<ColumnName, number>> = {};
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const name = byKey.get(raw.trim().toLowerCase());
    if (!name) {
      if (raw.trim()) ignored.push(raw.trim());
      return;
    }
    if (at[name] !== undefined) throw new StaffFileError(file, `the header has the column "${name}" twice`, 1);
    at[name] = i;
  });
  const lacking = REQUIRED_COLUMNS.filter((name) => at[name] === undefined);
  if (lacking.length) {
    const hint =
      header.length === 1 && (header[0] ?? '').includes(';')
        ? ' The header is one field full of semicolons: save the file as comma-separated CSV (UTF-8).'
        : '';
    throw new StaffFileError(file, `not a staff import file: the header lacks ${lacking.map((c) => `"${c}"`).join(', ')} (see docs/staff-import.md).${hint}`, 1);
  }
  return { width: header.length, at, ignored };
}
