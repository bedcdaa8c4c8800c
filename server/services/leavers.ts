// Marking a person as left. A leaver is kept (deployments, impact and history refer to them)
// but is never ranked or planned again: the ranking's and allocation's supporter pools leave
// them out (ranking.ts, supporter-profiles.ts, allocation.ts) and proposeDeployment refuses
// them. Their PROPOSED deployments are cancelled, which gives the days back to the needs;
// AGREED and ACTIVE ones are listed for the lead to re-arrange (only people can decide how
// support already under way ends).
import { stores } from '../db/store';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { StaffMember } from '../models/staff-member';
import { recordAudit } from './audit';
import { type DeploymentLean, releaseLeaversProposal } from './deployments';
import { closeOpenOffersOfLeaver } from './offer-closing';
import { refInput, resolveRef, scopeOf } from './references';
import type { StaffLean } from './staff';
import { failed, fromZod, ok, type Outcome, userError } from './user-errors';

export interface LeaverOutcome {
  staff: StaffLean;
  /** PROPOSED deployments cancelled, their days released. */
  released: DeploymentLean[];
  /** AGREED or ACTIVE deployments, for the lead to re-arrange. */
  toRearrange: DeploymentLean[];
}

const markLeftInput = z.object({ staffId: refInput });

const WHO_MAY = "a leaver is marked by an ADMIN, their trust's improvement lead or their headteacher";

export async function markStaffLeft(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<LeaverOutcome>> {
  if (!['ADMIN', 'IMPROVEMENT_LEAD', 'HEADTEACHER'].includes(viewer.role)) throw new ForbiddenError(WHO_MAY);
  const parsed = markLeftInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const found = await resolveRef(stores.staff, parsed.data.staffId);
  if (!found.ok) return failed(found.error);
  const before = found.doc;
  const home = await stores.academies.fresh.get(before.homeAcademyId.toString());
  // A home school no longer on record leaves only ADMIN to decide.
  const allowed = home ? policy.manageStaffAt(viewer, scopeOf(home)) : viewer.role === 'ADMIN';
  if (!allowed) throw new ForbiddenError(WHO_MAY);
  if (before.leftAt) return failed(userError('staffId', `${before.name} was already marked as left on ${before.leftAt.toISOString().slice(0, 10)}`, 'ALREADY_LEFT'));

  const actor = actorOf(viewer);
  // Conditional: of two people marking the same leaver at once, one records it.
  const after = (await StaffMember.findOneAndUpdate({ _id: before._id, leftAt: null }, { $set: { leftAt: now, updatedBy: actor } }, { new: true }).lean()) as StaffLean | null;
  if (!after) return failed(userError('staffId', `${before.name} was marked as left meanwhile`, 'ALREADY_LEFT'));
  await recordAudit('StaffMember', before._id, 'MARKED_LEFT', actor, { leftAt: { from: null, to: now.toISOString() } });

  const live = await stores.deployments.fresh.find({ staffId: before._id, status: { $in: ['PROPOSED', 'AGREED', 'ACTIVE'] } });
  const released: DeploymentLean[] = [];
  const toRearrange: DeploymentLean[] = [];
  for (const deployment of live) {
    if (deployment.status === 'PROPOSED') {
      const cancelled = await releaseLeaversProposal(deployment, actor, now);
      if (cancelled) released.push(cancelled);
      else {
        // Agreed (or ended) at the same moment: take it as it now stands.
        const current = await stores.deployments.fresh.get(deployment._id.toString());
        if (current && ['AGREED', 'ACTIVE'].includes(current.status)) toRearrange.push(current);
      }
    } else toRearrange.push(deployment);
  }
  // Their open offers of help are closed: they can no longer give it.
  await closeOpenOffersOfLeaver(before._id, actor, now);
  const staff = (await stores.staff.fresh.get(before._id.toString())) ?? after;
  return ok({ staff, released, toRearrange });
}
