// Recording a report card by hand: a trust need not wait for Ofsted's monthly file
// (server/import/ofsted) to act on an inspection it has just had. The same rules as the
// import: only at least as recent as the recorded one; audited; need priorities recomputed.
import { stores } from '../db/store';
import { z } from 'zod';
import { policy, roleMay } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { ForbiddenError } from '../domain/errors';
import { REPORT_CARD_AREA_LABELS, REPORT_CARD_AREAS, REPORT_CARD_GRADES, REQUIRED_REPORT_CARD_AREAS, SAFEGUARDING_OUTCOMES } from '../domain/inspection';
import { Academy, type AcademyRecord } from '../models/academy';
import type { LeanDoc } from '../models/lean';
import { recordAudit } from './audit';
import { refreshPrioritiesForAcademy } from './need-priority';
import { refInput, resolveRef } from './references';
import { failed, fromZod, ok, type Outcome, userError } from './user-errors';

/** The renewed framework's first inspections (10 November 2025): no report card is older. */
export const FIRST_REPORT_CARD_DAY = new Date(Date.UTC(2025, 10, 10));

const input = z.object({
  academyId: refInput,
  inspectedOn: z.date(),
  safeguarding: z.enum(SAFEGUARDING_OUTCOMES),
  grades: z.array(z.object({ area: z.enum(REPORT_CARD_AREAS), grade: z.enum(REPORT_CARD_GRADES) })).max(REPORT_CARD_AREAS.length),
});

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function recordOfstedReportCard(viewer: Viewer, raw: unknown, now = new Date()): Promise<Outcome<LeanDoc<AcademyRecord>>> {
  if (!roleMay.recordAcademies(viewer)) throw new ForbiddenError('report cards are recorded by an ADMIN, or an IMPROVEMENT_LEAD for their own trust');
  const parsed = input.safeParse(raw);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const { academyId, inspectedOn, safeguarding, grades } = parsed.data;
  const academy = await resolveRef(stores.academies, academyId);
  if (!academy.ok) return failed(academy.error);
  if (!policy.manageTrustRecords(viewer, academy.doc.trustId ? String(academy.doc.trustId) : null)) {
    throw new ForbiddenError("only an ADMIN, or the improvement lead of the school's trust, may record its report card");
  }

  const errors = [];
  if (inspectedOn < FIRST_REPORT_CARD_DAY) errors.push(userError('inspectedOn', `report cards began on ${day(FIRST_REPORT_CARD_DAY)}; ${day(inspectedOn)} is earlier`, 'INVALID'));
  if (inspectedOn > now) errors.push(userError('inspectedOn', 'must not be in the future', 'INVALID'));
  const seen = new Map<string, number>();
  grades.forEach((g, i) => {
    const first = seen.get(g.area);
    if (first !== undefined) errors.push(userError(['grades', String(i), 'area'], `${g.area} is graded twice (also grades.${first})`, 'DUPLICATE'));
    else seen.set(g.area, i);
  });
  for (const area of REQUIRED_REPORT_CARD_AREAS) {
    if (!seen.has(area)) errors.push(userError('grades', `a report card grades every school in ${REPORT_CARD_AREA_LABELS[area]} (${area}): it is missing`, 'REQUIRED'));
  }
  const recorded = academy.doc.ofstedReportCard;
  if (recorded && recorded.inspectedOn > inspectedOn) {
    errors.push(userError('inspectedOn', `a later report card (${day(recorded.inspectedOn)}) is already recorded`, 'OLDER_THAN_RECORDED'));
  }
  if (errors.length) return failed(...errors);

  // In Ofsted's order of areas, whatever the order given.
  const ordered = REPORT_CARD_AREAS.filter((a) => seen.has(a)).map((area) => ({ area, grade: grades[seen.get(area)!]!.grade }));
  const card = { inspectedOn, safeguarding, grades: ordered };
  const actor = actorOf(viewer);
  // Never over a later card recorded meanwhile (by the import, or another lead).
  const before = (await Academy.findOneAndUpdate(
    { _id: academy.doc._id, $or: [{ ofstedReportCard: null }, { 'ofstedReportCard.inspectedOn': { $lte: inspectedOn } }] },
    { $set: { ofstedReportCard: card, updatedBy: actor } },
    { returnDocument: 'before', runValidators: true },
  ).lean()) as LeanDoc<AcademyRecord> | null;
  if (!before) return failed(userError('inspectedOn', 'a later report card was recorded meanwhile; reload and check', 'OLDER_THAN_RECORDED'));
  const plain = (c: typeof card | null | undefined) => (c ? { inspectedOn: day(c.inspectedOn), safeguarding: c.safeguarding, grades: c.grades.map((g) => ({ area: g.area, grade: g.grade })) } : null);
  await recordAudit('Academy', academy.doc._id, 'REPORT_CARD_RECORDED', actor, { ofstedReportCard: { from: plain(before.ofstedReportCard), to: plain(card) } });
  await refreshPrioritiesForAcademy(academy.doc._id.toString());
  return ok((await stores.academies.fresh.get(academy.doc._id.toString()))!);
}
