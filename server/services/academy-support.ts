import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { Academy, type AcademyRecord } from '../models/academy';
import { recordAudit } from './audit';
import type { LeanDoc } from '../models/lean';
import { resolveReference, scopeOf } from './references';
import { failed, fromZod, ok, type Outcome, userError } from './user-errors';

const input = z.object({
  academyId: z.string(),
  supportCapacityDays: z.number().int('must be a whole number of days').min(0, 'must not be negative').max(1000, 'must be at most 1000 days'),
});

/**
 * Sets the days a school offers as a whole to support others. Days already reserved by
 * deployments are kept: the new capacity may not fall below them (one conditional update).
 */
export async function setAcademySupportCapacity(viewer: Viewer, raw: unknown): Promise<Outcome<LeanDoc<AcademyRecord>>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const found = await resolveReference<LeanDoc<AcademyRecord>>(Academy, 'Academy', parsed.data.academyId, 'academyId');
  if (!found.ok) return failed(found.error);
  const academy = found.doc;
  if (!policy.releaseFrom(viewer, scopeOf(academy))) {
    throw new ForbiddenError("a school's support days are set by its headteacher, its hub's executive head or its trust's improvement lead");
  }
  const before = academy.supportCapacityDays ?? 0;
  const delta = parsed.data.supportCapacityDays - before;
  const filter: Record<string, unknown> = { _id: academy._id, supportCapacityDays: before };
  if (delta < 0) filter.supportRemainingDays = { $gte: -delta };
  const actor = actorOf(viewer);
  const after = (await Academy.findOneAndUpdate(
    filter,
    { $set: { supportCapacityDays: parsed.data.supportCapacityDays, updatedBy: actor }, $inc: { supportRemainingDays: delta } },
    { new: true },
  ).lean()) as LeanDoc<AcademyRecord> | null;
  if (!after) {
    const committed = before - (academy.supportRemainingDays ?? 0);
    return failed(userError('supportCapacityDays', `cannot go below the ${committed} days already reserved (or it changed meanwhile; reload and retry)`, 'BELOW_COMMITTED'));
  }
  await recordAudit('Academy', academy._id, 'SUPPORT_CAPACITY_SET', actor, { supportCapacityDays: { from: before, to: parsed.data.supportCapacityDays } });
  return ok(after);
}
