import { stores } from '../db/store';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { Academy, type AcademyRecord } from '../models/academy';
import { recordAudit } from './audit';
import { schoolYearOf } from '../domain/school-year';
import { mostCommittedAhead, supportCapacityRecordOf } from '../domain/year-capacity';
import { lendingBarOf } from '../domain/lending';
import { rollAcademySupportTo } from './academy-support-days';
import type { LeanDoc } from '../models/lean';
import { refInput, resolveRef, scopeOf } from './references';
import { failed, fromZod, ok, type Outcome, userError } from './user-errors';

const input = z.object({
  academyId: refInput,
  supportCapacityDays: z.number().int('must be a whole number of days').min(0, 'must not be negative').max(1000, 'must be at most 1000 days'),
});

/**
 * Sets the days a school offers as a whole to support others, this school year and as the
 * standing offer for later ones (docs/school-year.md). Days already reserved by deployments
 * are kept: the new offer may not fall below them, this year or any later one (one
 * conditional update).
 *
 * A school in an Ofsted category of concern keeps its own staff: the rankings never offer it
 * (exclusion HOME_SCHOOL_INADEQUATE) and no deployment may be proposed from it, so more days
 * offered would be days nobody can take. It may not raise its offer; it may lower it (0
 * withdraws it), down to the days deployments reserved before (docs/ofsted-inspections.md).
 * A closed school (the register, GIAS, lists it as closed) is held to the same rule: its
 * staff are no longer ranked (HOME_SCHOOL_CLOSED), code ACADEMY_CLOSED (docs/gias-import.md).
 */
export async function setAcademySupportCapacity(viewer: Viewer, raw: unknown): Promise<Outcome<LeanDoc<AcademyRecord>>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const found = await resolveRef(stores.academies, parsed.data.academyId);
  if (!found.ok) return failed(found.error);
  const academy = found.doc;
  if (!policy.releaseFrom(viewer, scopeOf(academy))) {
    throw new ForbiddenError("a school's support days are set by its headteacher, its hub's executive head or its trust's improvement lead");
  }
  const actor = actorOf(viewer);
  // The offer set is this school year's and the standing offer for later ones: the school's
  // open year is moved on to today's first (archiving last year as it stood, never edited).
  await rollAcademySupportTo(academy._id, schoolYearOf(new Date()), actor);
  const current = (await stores.academies.fresh.get(academy._id.toString()))!;
  const record = supportCapacityRecordOf(current);
  const before = record.capacityDays;
  const committed = record.capacityDays - record.remainingDays;
  const ahead = mostCommittedAhead(record);
  if (parsed.data.supportCapacityDays < ahead) {
    return failed(userError('supportCapacityDays', `cannot go below the ${ahead} days already reserved in a later school year`, 'BELOW_COMMITTED'));
  }
  // A closed school, or one in a category of concern, lends nobody: no more days (lowering is allowed).
  const bar = lendingBarOf(current);
  if (bar && parsed.data.supportCapacityDays > before) {
    return failed(userError('supportCapacityDays', `${bar.why}, so it cannot offer more days (it offers ${before}); it may lower its offer, 0 withdraws it`, bar.code));
  }
  const delta = parsed.data.supportCapacityDays - before;
  // Conditional on the figures read (year and version too, so a reservation in a later year
  // made meanwhile is not undercut) and on enough days not yet reserved to give up.
  const filter: Record<string, unknown> = {
    _id: academy._id,
    supportCapacityDays: before,
    supportCapacityYear: current.supportCapacityYear ?? null,
    supportCapacityVersion: current.supportCapacityVersion ?? { $in: [null, 0] },
  };
  if (delta < 0) filter.supportRemainingDays = { $gte: -delta };
  const after = (await Academy.findOneAndUpdate(
    filter,
    { $set: { supportCapacityDays: parsed.data.supportCapacityDays, updatedBy: actor }, $inc: { supportRemainingDays: delta } },
    { new: true },
  ).lean()) as LeanDoc<AcademyRecord> | null;
  if (!after) {
    return failed(userError('supportCapacityDays', `cannot go below the ${Math.max(committed, ahead)} days already reserved (or it changed meanwhile; reload and retry)`, 'BELOW_COMMITTED'));
  }
  await recordAudit('Academy', academy._id, 'SUPPORT_CAPACITY_SET', actor, { supportCapacityDays: { from: before, to: parsed.data.supportCapacityDays } });
  return ok(after);
}
