// One CSV row -> an establishment to import, a skip (closed, out of scope) with its reason,
// or a reject with its reason. Pure: no database.
//
// The rule for values: a blank cell is "unknown" and stored as null, never 0; a value that
// is present but unreadable rejects the row (the school is not imported half-wrong). The one
// exception is the Ofsted judgement: an unknown one reads as NOT_INSPECTED with a warning,
// as Ofsted's vocabulary is changing and a school should not vanish over it.
import { nameCharacterProblem, tidyName } from '../../domain/names';
import type { OfstedRating, Phase } from '../../domain/enums';
import type { ColumnIndex, ColumnKey } from './columns';
import { COLUMNS } from './columns';
import { GRID_BOUNDS, gridToLatLng } from './grid';
import { isAcademyTrustFlag, phaseByAges, phaseByName, ratingByName, statusVerdict, typeVerdict } from './mapping';
import type { CsvRow } from './reader';

/** A field left undefined means its column is absent: the import leaves that field alone. */
export interface Establishment {
  urn: string;
  name: string;
  phase: Phase;
  ofstedRating?: OfstedRating;
  fsmPercent?: number | null;
  pupils?: number | null;
  postcode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  /** null: GIAS names no academy trust for the school. */
  trust?: { code: string; name: string } | null;
}

export type RowOutcome =
  | { kind: 'import'; line: number; establishment: Establishment; warning?: string }
  | { kind: 'skip'; line: number; urn: string; reason: string; closed?: true; closedOn?: string | null }
  | { kind: 'reject'; line: number; urn: string | null; reason: string };

const URN = /^\d{5,7}$/;
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;
const DECIMAL = /^\d+(\.\d+)?$/;
/** How statistics releases mark a suppressed or unavailable figure: unknown, not a reject. */
const NOT_AVAILABLE = new Set(['SUPP', 'SUPPRESSED', 'X', 'C', 'Z', '..', ':', 'NA', 'N/A', 'NE']);
const MAX_PUPILS = 10_000;
/** The Academy model's coordinate bounds (England and a margin). */
const LAT = [49, 61] as const;
const LNG = [-9, 3] as const;

class RowProblem extends Error {}

export function mapRow(columns: ColumnIndex, row: CsvRow): RowOutcome {
  const { line, fields } = row;
  const cell = (key: ColumnKey): string | undefined => {
    const index = columns.at[key];
    return index === undefined ? undefined : (fields[index] ?? '').trim();
  };
  const urnCell = cell('urn') ?? '';
  const urnOrNull = URN.test(urnCell) ? urnCell : null;
  const reject = (reason: string): RowOutcome => ({ kind: 'reject', line, urn: urnOrNull, reason });

  if (fields.length !== columns.width) {
    return reject(`has ${fields.length} fields where the header has ${columns.width} (a broken or cut-off row)`);
  }
  const status = statusVerdict(cell('status') ?? '');
  if (!status) return reject(`unknown ${COLUMNS.status} "${cell('status')}"`);
  if (!status.import) {
    return { kind: 'skip', line, urn: urnCell, reason: status.skip, ...(status.closed ? { closed: true as const, closedOn: closeDate(cell('closeDate')) } : {}) };
  }
  const type = typeVerdict(cell('type') ?? '');
  if (!type) return reject(`unknown ${COLUMNS.type} "${cell('type')}": not in the mapping table (docs/gias-import.md)`);
  if (!type.import) return { kind: 'skip', line, urn: urnCell, reason: type.skip };

  if (!urnOrNull) return reject(`${COLUMNS.urn} "${urnCell}" is not a 5 to 7 digit number`);
  const rawName = cell('name') ?? '';
  // The same rule as names typed into the API (server/domain/names.ts).
  const nameProblem = nameCharacterProblem(rawName);
  if (nameProblem) return reject(`${COLUMNS.name} ${nameProblem}`);
  const name = tidyName(rawName);
  if (!name) return reject(`${COLUMNS.name} is blank`);
  if (name.length > 200) return reject(`${COLUMNS.name} is longer than 200 characters`);

  try {
    const establishment: Establishment = { urn: urnOrNull, name, phase: phaseOf(type.phase, cell) };
    let warning: string | undefined;
    const ofsted = cell('ofsted');
    if (ofsted !== undefined) {
      const rating = ratingByName(ofsted);
      if (!rating) warning = `unknown ${COLUMNS.ofsted} "${ofsted}", read as NOT_INSPECTED`;
      establishment.ofstedRating = rating ?? 'NOT_INSPECTED';
    }
    const fsm = cell('fsm');
    if (fsm !== undefined) establishment.fsmPercent = percentage(fsm);
    const pupils = cell('pupils');
    if (pupils !== undefined) establishment.pupils = pupilCount(pupils);
    const postcode = cell('postcode');
    if (postcode !== undefined) establishment.postcode = normalPostcode(postcode);
    const easting = cell('easting');
    const northing = cell('northing');
    if (easting !== undefined && northing !== undefined) Object.assign(establishment, location(easting, northing));
    const trustCode = cell('trustCode');
    if (trustCode !== undefined) establishment.trust = trustOf(trustCode, cell('trustName'), cell('trustFlag'));
    return { kind: 'import', line, establishment, ...(warning ? { warning } : {}) };
  } catch (error) {
    if (error instanceof RowProblem) return reject(error.message);
    throw error;
  }
}

/** "CloseDate" (DD-MM-YYYY, as GIAS writes it) as YYYY-MM-DD; null when blank or unreadable (the closure stands without it). */
function closeDate(text: string | undefined): string | null {
  const match = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(text ?? '');
  if (!match) return null;
  const iso = `${match[3]}-${match[2]}-${match[1]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

function phaseOf(fixedByType: Phase | null, cell: (key: ColumnKey) => string | undefined): Phase {
  if (fixedByType) return fixedByType;
  const text = cell('phase') ?? '';
  const byName = phaseByName(text);
  if (byName === undefined) throw new RowProblem(`unknown ${COLUMNS.phase} "${text}"`);
  if (byName) return byName;
  const low = wholeNumber(cell('lowAge'));
  const high = wholeNumber(cell('highAge'));
  if (low !== null && high !== null && low <= high) return phaseByAges(low, high);
  throw new RowProblem(`no phase: ${COLUMNS.phase} is "${text}" and there is no statutory age range to go by`);
}

function wholeNumber(text: string | undefined): number | null {
  return text && /^\d+$/.test(text) ? Number(text) : null;
}

function percentage(text: string): number | null {
  if (text === '' || NOT_AVAILABLE.has(text.toUpperCase())) return null;
  const value = DECIMAL.test(text) ? Number(text) : NaN;
  if (!(value >= 0 && value <= 100)) throw new RowProblem(`${COLUMNS.fsm} "${text}" is not a percentage from 0 to 100`);
  return value;
}

function pupilCount(text: string): number | null {
  if (text === '' || NOT_AVAILABLE.has(text.toUpperCase())) return null;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value <= MAX_PUPILS)) throw new RowProblem(`${COLUMNS.pupils} "${text}" is not a whole number from 0 to ${MAX_PUPILS.toLocaleString('en-GB')}`);
  return value;
}

function normalPostcode(text: string): string | null {
  if (text === '') return null;
  const compact = text.toUpperCase().replace(/\s+/g, ' ');
  const match = POSTCODE.exec(compact);
  if (!match) throw new RowProblem(`${COLUMNS.postcode} "${text}" is not a UK postcode`);
  return `${match[1]} ${match[2]}`;
}

function location(eastingText: string, northingText: string): { latitude: number | null; longitude: number | null } {
  const unknown = { latitude: null, longitude: null };
  if (eastingText === '' && northingText === '') return unknown;
  if (eastingText === '' || northingText === '') {
    throw new RowProblem(`${eastingText === '' ? COLUMNS.easting : COLUMNS.northing} is blank but ${eastingText === '' ? COLUMNS.northing : COLUMNS.easting} is not`);
  }
  const easting = DECIMAL.test(eastingText) ? Number(eastingText) : NaN;
  const northing = DECIMAL.test(northingText) ? Number(northingText) : NaN;
  if (!(easting <= GRID_BOUNDS.maxEasting && northing <= GRID_BOUNDS.maxNorthing)) {
    throw new RowProblem(`${COLUMNS.easting}/${COLUMNS.northing} "${eastingText}", "${northingText}" is not a British National Grid reference`);
  }
  if (easting === 0 && northing === 0) return unknown; // a placeholder, not the grid's origin off the Scillies
  const { latitude, longitude } = gridToLatLng(easting, northing);
  if (latitude < LAT[0] || latitude > LAT[1] || longitude < LNG[0] || longitude > LNG[1]) {
    throw new RowProblem(`${COLUMNS.easting}/${COLUMNS.northing} ${eastingText}, ${northingText} lies outside England (${latitude}, ${longitude})`);
  }
  return { latitude, longitude };
}

function trustOf(code: string, name: string | undefined, flag: string | undefined): Establishment['trust'] {
  if (code === '') return null;
  if (flag && !isAcademyTrustFlag(flag)) return null; // a foundation trust: see mapping.ts
  const problem = name ? nameCharacterProblem(name) : null;
  if (problem) throw new RowProblem(`${COLUMNS.trustName} ${problem}`);
  const tidy = name ? tidyName(name) : '';
  return { code, name: tidy || `Trust ${code}` };
}
