// Compares the file's outcomes with the schools recorded here: per school, the fields that
// change. An outcome replaces the recorded one only when it is at least as recent, so an old
// file re-run after a newer one changes nothing, and the same file twice changes nothing.
import type { ReportCard } from '../../domain/inspection';
import { Academy, type AcademyRecord } from '../../models/academy';
import type { LeanDoc } from '../../models/lean';
import type { FieldChanges } from '../../services/audit';
import type { InspectionRow } from './row';

export type StoredAcademy = Pick<LeanDoc<AcademyRecord>, '_id' | 'urn' | 'ofstedRating' | 'ofstedJudgedOn' | 'ofstedReportCard'>;

export interface AcademyUpdate {
  line: number;
  urn: string;
  academy: StoredAcademy;
  /** The fields to set, and the audit's before and after. */
  set: Record<string, unknown>;
  changes: FieldChanges;
}

export interface ImportPlan {
  updates: AcademyUpdate[];
  unchanged: number;
  notRecordedHere: number;
  older: { line: number; urn: string; what: string }[];
}

export async function loadAcademiesByUrn(): Promise<Map<string, StoredAcademy>> {
  const docs = (await Academy.find({}, { urn: 1, ofstedRating: 1, ofstedJudgedOn: 1, ofstedReportCard: 1 }).lean()) as StoredAcademy[];
  return new Map(docs.map((d) => [d.urn, d]));
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/** A report card as stored and as compared: plain, in a fixed shape. */
function plainCard(card: ReportCard | StoredAcademy['ofstedReportCard'] | null | undefined) {
  return card ? { inspectedOn: day(card.inspectedOn), safeguarding: card.safeguarding, grades: card.grades.map((g) => ({ area: g.area, grade: g.grade })) } : null;
}

export function planImport(rows: readonly InspectionRow[], academies: ReadonlyMap<string, StoredAcademy>): ImportPlan {
  const plan: ImportPlan = { updates: [], unchanged: 0, notRecordedHere: 0, older: [] };
  for (const row of rows) {
    const academy = academies.get(row.urn);
    if (!academy) {
      plan.notRecordedHere++;
      continue;
    }
    const set: Record<string, unknown> = {};
    const changes: FieldChanges = {};
    if (row.judgement) {
      const recordedOn = academy.ofstedJudgedOn ?? null;
      if (recordedOn && row.judgement.inspectedOn < recordedOn) {
        plan.older.push({ line: row.line, urn: row.urn, what: `judgement of ${day(row.judgement.inspectedOn)} (${day(recordedOn)} recorded)` });
      } else {
        if (academy.ofstedRating !== row.judgement.rating) {
          set.ofstedRating = row.judgement.rating;
          changes.ofstedRating = { from: academy.ofstedRating, to: row.judgement.rating };
        }
        if (day(recordedOn) !== day(row.judgement.inspectedOn)) {
          set.ofstedJudgedOn = row.judgement.inspectedOn;
          changes.ofstedJudgedOn = { from: day(recordedOn), to: day(row.judgement.inspectedOn) };
        }
      }
    }
    if (row.reportCard) {
      const recorded = academy.ofstedReportCard ?? null;
      if (recorded && row.reportCard.inspectedOn < recorded.inspectedOn) {
        plan.older.push({ line: row.line, urn: row.urn, what: `report card of ${day(row.reportCard.inspectedOn)} (${day(recorded.inspectedOn)} recorded)` });
      } else {
        const before = plainCard(recorded);
        const after = plainCard(row.reportCard);
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          set.ofstedReportCard = { inspectedOn: row.reportCard.inspectedOn, safeguarding: row.reportCard.safeguarding, grades: after!.grades };
          changes.ofstedReportCard = { from: before, to: after };
        }
      }
    }
    if (Object.keys(set).length) plan.updates.push({ line: row.line, urn: row.urn, academy, set, changes });
    else plan.unchanged++;
  }
  return plan;
}
