// The columns of Ofsted's management-information file of state-funded school inspections
// ("Management information - state-funded schools - latest inspections at <date>", CSV)
// the import reads, found by header name in any order (the file has some 60 columns; the
// rest are ignored and listed in the summary). docs/ofsted-import.md says where each comes
// from. Names compare without regard to case, surrounding spaces or repeated spaces.
import type { ReportCardArea } from '../../domain/inspection';
import { OfstedFileError } from './errors';

/** Report-card columns: one per evaluation area, then the safeguarding outcome. */
export const AREA_COLUMNS: Readonly<Record<ReportCardArea, readonly string[]>> = {
  INCLUSION: ['Inclusion'],
  CURRICULUM_AND_TEACHING: ['Curriculum and teaching'],
  ACHIEVEMENT: ['Achievement'],
  ATTENDANCE_AND_BEHAVIOUR: ['Attendance and behaviour'],
  PERSONAL_DEVELOPMENT_AND_WELLBEING: ['Personal development and well-being', 'Personal development and wellbeing'],
  LEADERSHIP_AND_GOVERNANCE: ['Leadership and governance'],
  EARLY_YEARS: ['Early years', 'Early years (where applicable)'],
  SIXTH_FORM: ['Sixth form', 'Sixth form (where applicable)'],
};

export const COLUMNS = {
  urn: ['URN'],
  inspectionStart: ['Inspection start date'],
  overallEffectiveness: ['Overall effectiveness'],
  safeguarding: ['Safeguarding standards', 'Safeguarding'],
  ...Object.fromEntries(Object.entries(AREA_COLUMNS).map(([area, names]) => [`area:${area}`, names])),
} as Readonly<Record<string, readonly string[]>>;
export type ColumnKey = 'urn' | 'inspectionStart' | 'overallEffectiveness' | 'safeguarding' | `area:${ReportCardArea}`;

export interface ColumnIndex {
  readonly width: number;
  readonly at: Readonly<Partial<Record<ColumnKey, number>>>;
  /** The column's name as this file's header writes it (for messages). */
  readonly names: Readonly<Partial<Record<ColumnKey, string>>>;
  /** Header names the import does not read. */
  readonly ignored: readonly string[];
  /** Whether the file carries report cards (any area column) and single-word judgements. */
  readonly hasReportCards: boolean;
  readonly hasJudgements: boolean;
}

const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

export function indexColumns(file: string, header: readonly string[]): ColumnIndex {
  const byName = new Map<string, ColumnKey>();
  for (const [key, names] of Object.entries(COLUMNS)) for (const name of names) byName.set(normal(name), key as ColumnKey);
  const at: Partial<Record<ColumnKey, number>> = {};
  const names: Partial<Record<ColumnKey, string>> = {};
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const key = byName.get(normal(raw));
    if (!key) {
      if (raw.trim()) ignored.push(raw.trim());
      return;
    }
    if (at[key] !== undefined) throw new OfstedFileError(file, `the header has the column "${raw.trim()}" twice (or under two of its names)`, 1);
    at[key] = i;
    names[key] = raw.trim();
  });
  const hasReportCards = Object.keys(AREA_COLUMNS).some((area) => at[`area:${area as ReportCardArea}`] !== undefined);
  const hasJudgements = at.overallEffectiveness !== undefined;
  const lacking = [at.urn === undefined ? '"URN"' : null, at.inspectionStart === undefined ? '"Inspection start date"' : null].filter(Boolean);
  if (!hasReportCards && !hasJudgements) lacking.push('"Overall effectiveness" or the report-card grades ("Inclusion", "Leadership and governance", ...)');
  if (lacking.length) {
    const hint = header.length === 1 && (header[0] ?? '').includes(';') ? ' The header is one field full of semicolons: save the file as comma-separated CSV.' : '';
    throw new OfstedFileError(
      file,
      `not Ofsted's management-information file of state-funded school inspections: the header lacks ${lacking.join(', ')} (see docs/ofsted-import.md).${hint}`,
      1,
    );
  }
  if (hasReportCards && at.safeguarding === undefined) {
    throw new OfstedFileError(file, 'the header has report-card grades but no "Safeguarding standards" column: a report card is not complete without it', 1);
  }
  return { width: header.length, at, names, ignored, hasReportCards, hasJudgements };
}

/** The column's name for messages: as the file wrote it, or its first accepted name. */
export function columnName(columns: ColumnIndex, key: ColumnKey): string {
  return columns.names[key] ?? COLUMNS[key]![0]!;
}
