// One row of the Ofsted file -> the school's latest inspection outcomes, or every problem
// with the row, each naming its column. Pure: no database.
//
// A row is one school (by URN). Its latest graded inspection is either a single-word
// judgement ("Overall effectiveness" 1-4, or its words) or, from November 2025, a report card
// (a grade in each evaluation area and the safeguarding outcome). Inspections from September
// 2024 to November 2025 were graded without an overall judgement ("Not judged"): such a row
// records no judgement, and the school's last one stays as it is.
import type { OfstedRating } from '../../domain/enums';
import {
  type ReportCard,
  type ReportCardArea,
  type ReportCardAreaGrade,
  REPORT_CARD_AREA_LABELS,
  REPORT_CARD_AREAS,
  REQUIRED_REPORT_CARD_AREAS,
  type ReportCardGrade,
  type SafeguardingOutcome,
} from '../../domain/inspection';
import { type ColumnIndex, type ColumnKey, columnName } from './columns';

export interface InspectionRow {
  line: number;
  urn: string;
  judgement: { rating: Exclude<OfstedRating, 'NOT_INSPECTED'>; inspectedOn: Date } | null;
  reportCard: ReportCard | null;
  /** The latest graded inspection gave no overall judgement (September 2024 to November 2025). */
  notJudged: boolean;
}

export interface RowProblem {
  line: number;
  /** The column as the file names it; null for the row as a whole. */
  column: string | null;
  message: string;
}

export type RowResult = { ok: true; row: InspectionRow | null } | { ok: false; urn: string | null; problems: RowProblem[] };

const URN = /^\d{5,7}$/;
/** How the file writes "nothing here": never inspected, not applicable, or a database null. */
const BLANK = new Set(['', 'null', 'na', 'n/a', 'not applicable', '9', '.']);
const NOT_JUDGED = new Set(['not judged', 'not graded', '8']);

const RATINGS: Record<string, Exclude<OfstedRating, 'NOT_INSPECTED'>> = {
  '1': 'OUTSTANDING',
  outstanding: 'OUTSTANDING',
  '2': 'GOOD',
  good: 'GOOD',
  '3': 'REQUIRES_IMPROVEMENT',
  'requires improvement': 'REQUIRES_IMPROVEMENT',
  '4': 'INADEQUATE',
  inadequate: 'INADEQUATE',
  'serious weaknesses': 'INADEQUATE',
  'special measures': 'INADEQUATE',
};

const GRADES: Record<string, ReportCardGrade> = {
  exceptional: 'EXCEPTIONAL',
  'strong standard': 'STRONG_STANDARD',
  'expected standard': 'EXPECTED_STANDARD',
  'needs attention': 'NEEDS_ATTENTION',
  'urgent improvement': 'URGENT_IMPROVEMENT',
};

const SAFEGUARDING: Record<string, SafeguardingOutcome> = { met: 'MET', yes: 'MET', 'not met': 'NOT_MET', no: 'NOT_MET' };

const key = (text: string) => text.trim().replace(/[\s_-]+/g, ' ').toLowerCase();

/** DD/MM/YYYY (as Ofsted publishes) or YYYY-MM-DD (as a re-saved file may have it); undefined when neither. */
export function parseOfstedDate(text: string): Date | undefined {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = uk ? [uk[3], uk[2], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? date : undefined;
}

export function parseRow(line: number, fields: readonly string[], columns: ColumnIndex): RowResult {
  const problems: RowProblem[] = [];
  const cell = (k: ColumnKey): string | undefined => {
    const i = columns.at[k];
    return i === undefined ? undefined : (fields[i] ?? '').trim();
  };
  const problem = (k: ColumnKey | null, message: string) => problems.push({ line, column: k === null ? null : columnName(columns, k), message });

  const urnText = cell('urn') ?? '';
  const urn = URN.test(urnText) ? urnText : null;
  if (fields.length !== columns.width) {
    return { ok: false, urn, problems: [{ line, column: null, message: `has ${fields.length} fields where the header has ${columns.width} (a broken or cut-off row)` }] };
  }
  if (!urn) problem('urn', `"${urnText}" is not a URN (5 to 7 digits)`);

  const dateText = cell('inspectionStart') ?? '';
  const inspectedOn = BLANK.has(key(dateText)) ? null : parseOfstedDate(dateText);
  if (inspectedOn === undefined) problem('inspectionStart', `"${dateText}" is not a date (DD/MM/YYYY)`);

  let judgement: InspectionRow['judgement'] = null;
  let notJudged = false;
  const overall = cell('overallEffectiveness');
  if (overall !== undefined && !BLANK.has(key(overall))) {
    if (NOT_JUDGED.has(key(overall))) notJudged = true;
    else {
      const rating = RATINGS[key(overall)];
      if (!rating) problem('overallEffectiveness', `"${overall}" is not a judgement (1 to 4, or Outstanding, Good, Requires improvement, Inadequate)`);
      else if (inspectedOn === null) problem('inspectionStart', `is blank, but the row has a judgement ("${overall}") that needs its date`);
      else if (inspectedOn) judgement = { rating, inspectedOn };
    }
  }

  const grades: ReportCardAreaGrade[] = [];
  for (const area of REPORT_CARD_AREAS) {
    const text = cell(`area:${area}`);
    if (text === undefined || BLANK.has(key(text))) continue;
    const grade = GRADES[key(text)];
    if (!grade) problem(`area:${area}`, `"${text}" is not a report-card grade (Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement)`);
    else grades.push({ area, grade });
  }
  const safeguardingText = cell('safeguarding');
  let safeguarding: SafeguardingOutcome | null = null;
  if (safeguardingText !== undefined && !BLANK.has(key(safeguardingText))) {
    safeguarding = SAFEGUARDING[key(safeguardingText)] ?? null;
    if (!safeguarding) problem('safeguarding', `"${safeguardingText}" is not a safeguarding outcome (Met or Not met)`);
  }

  let reportCard: ReportCard | null = null;
  const graded = grades.length > 0 || hasAreaText(cell);
  if (graded) {
    const missing = REQUIRED_REPORT_CARD_AREAS.filter((area) => BLANK.has(key(cell(`area:${area}`) ?? '')));
    for (const area of missing) problem(`area:${area}`, `is blank, but the row is a report card: every school is graded in ${REPORT_CARD_AREA_LABELS[area]}`);
    if (safeguardingText === undefined || BLANK.has(key(safeguardingText))) problem('safeguarding', 'is blank, but the row is a report card, which always says whether safeguarding standards are met');
    if (inspectedOn === null) problem('inspectionStart', 'is blank, but the row is a report card that needs its date');
    if (problems.length === 0 && safeguarding && inspectedOn) reportCard = { inspectedOn, safeguarding, grades };
  } else if (safeguarding) {
    problem('safeguarding', `is "${safeguardingText}", but the row has no report-card grades`);
  }

  if (problems.length) return { ok: false, urn, problems };
  if (!judgement && !reportCard && !notJudged) return { ok: true, row: null }; // not yet inspected as this URN
  return { ok: true, row: { line, urn: urn!, judgement, reportCard, notJudged } };
}

function hasAreaText(cell: (k: ColumnKey) => string | undefined): boolean {
  return REPORT_CARD_AREAS.some((area: ReportCardArea) => {
    const text = cell(`area:${area}`);
    return text !== undefined && !BLANK.has(key(text));
  });
}
