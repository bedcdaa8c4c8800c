import { stores } from '../db/store';
import { z } from 'zod';
import { ForbiddenError } from '../domain/errors';
import { policy, roleMay } from '../auth/policy';
import { nameKey } from '../domain/names';
import { actorOf, type Viewer } from '../auth/viewer';
import { Academy, type AcademyRecord } from '../models/academy';
import { Cluster, type ClusterRecord } from '../models/cluster';
import type { StaffMemberRecord } from '../models/staff-member';
import { nameInput } from './name-input';
import { recordAudit } from './audit';
import { areasNeedingAttention, inspectionLabel, latestInspection, mustNotLendReason, REPORT_CARD_AREA_LABELS } from '../domain/inspection';
import type { LeanDoc } from '../models/lean';
import { alreadyLeads, hubsLedBy, leadCannotLeave } from './hub-leads';
import { refInput, resolveRef } from './references';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, type UserError, userError } from './user-errors';

/** The ASPIRE norm: a lead academy and 2-3 others. Other sizes are allowed with a warning. */
export const NORMAL_HUB_SIZE = { min: 3, max: 4 };

export type ClusterLean = LeanDoc<ClusterRecord>;
export interface ClusterResult {
  cluster: ClusterLean;
  warnings: string[];
}

const createClusterInput = z.object({
  name: nameInput(),
  trustId: refInput,
  leadAcademyId: refInput,
  executiveHeadId: refInput.nullish(),
  memberAcademyIds: z.array(refInput).max(20, 'a hub may have at most 20 academies').default([]),
});

export async function createCluster(viewer: Viewer, input: unknown): Promise<Outcome<ClusterResult>> {
  if (!roleMay.organiseHubs(viewer)) throw new ForbiddenError("hubs are set up by an ADMIN or the trust's improvement lead");
  const parsed = createClusterInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const data = parsed.data;
  const errors: UserError[] = [];

  const trust = await resolveRef(stores.trusts, data.trustId);
  if (!trust.ok) return failed(trust.error);
  const trustId = trust.doc._id.toString();
  if (!policy.manageTrustRecords(viewer, trustId)) {
    throw new ForbiddenError("only an ADMIN or the trust's improvement lead may set up its hubs");
  }

  const leadId = data.leadAcademyId.ok ? data.leadAcademyId.id : null;
  if (!data.leadAcademyId.ok) errors.push(data.leadAcademyId.error);
  const memberIds: (string | null)[] = data.memberAcademyIds.map((ref) => {
    if (ref.ok) return ref.id;
    errors.push(ref.error);
    return null;
  });
  if (errors.length) return failed(...errors);
  // The lead academy is always a member of its hub.
  const allIds = [...new Set([leadId!, ...(memberIds as string[])])];
  const academies = await stores.academies.fresh.getMany(allIds);
  const byId = new Map(academies.flatMap((a) => (a ? [[a._id.toString(), a] as const] : [])));
  const fieldOf = (id: string): string[] =>
    id === leadId ? ['leadAcademyId'] : ['memberAcademyIds', String((memberIds as string[]).indexOf(id))];
  for (const id of allIds) {
    const academy = byId.get(id);
    const field = fieldOf(id);
    if (!academy) errors.push(userError(field, `${field.join('.')}: no Academy with this ID exists`, 'NOT_FOUND'));
    else if (academy.trustId?.toString() !== trustId)
      errors.push(userError(field, `${academy.name} is not an academy of this trust`, 'NOT_IN_TRUST'));
    else if (academy.clusterId)
      errors.push(userError(field, `${academy.name} already belongs to another hub; move it with moveAcademyToCluster`, 'ALREADY_IN_CLUSTER'));
  }
  // A school leads one hub at most (a lead is always a member, but records written before that
  // rule was kept everywhere may hold a lead outside its hub).
  const leads = await hubsLedBy(allIds.filter((id) => byId.has(id)));
  for (const [id, hub] of leads) errors.push(userError(fieldOf(id), `${fieldOf(id).join('.')}: ${alreadyLeads(byId.get(id)!.name, hub)}`, 'LEAD_ACADEMY'));
  let executiveHeadId: string | null = null;
  let executiveHead: LeanDoc<StaffMemberRecord> | null = null;
  if (data.executiveHeadId) {
    const head = await resolveRef(stores.staff, data.executiveHeadId);
    if (!head.ok) errors.push(head.error);
    else {
      executiveHead = head.doc;
      executiveHeadId = head.doc._id.toString();
    }
  }
  if (errors.length) return failed(...errors);

  const lead = byId.get(leadId!)!;
  const warnings = hubWarnings(allIds.length, lead, executiveHead, allIds);
  const actor = actorOf(viewer);
  let cluster;
  try {
    cluster = await Cluster.create({ name: data.name, nameKey: nameKey(data.name), trustId, leadAcademyId: leadId, executiveHeadId, createdBy: actor, updatedBy: actor });
  } catch (error) {
    if (isDuplicateKey(error)) return failed(userError('name', `this trust already has a hub named "${data.name}" (names are compared ignoring case, spacing and look-alike characters)`, 'TAKEN'));
    throw error;
  }
  // Join members one conditional write each; if another request took one meanwhile, undo.
  const joined: string[] = [];
  for (const id of allIds) {
    // Still in no hub and still in this trust: a school moved to another trust meanwhile is not joined.
    const result = await Academy.updateOne({ _id: id, clusterId: null, trustId: trust.doc._id }, { $set: { clusterId: cluster._id, updatedBy: actor } });
    if (result.modifiedCount !== 1) {
      await Academy.updateMany({ _id: { $in: joined }, clusterId: cluster._id }, { $set: { clusterId: null } });
      await Cluster.deleteOne({ _id: cluster._id });
      const field = fieldOf(id);
      return failed(userError(field, `${byId.get(id)!.name} joined another hub meanwhile`, 'ALREADY_IN_CLUSTER'));
    }
    joined.push(id);
  }
  await recordAudit('Cluster', cluster._id, 'CREATED', actor, {
    name: { from: null, to: data.name },
    leadAcademyId: { from: null, to: leadId },
    executiveHeadId: { from: null, to: executiveHeadId },
    memberAcademyIds: { from: null, to: allIds },
  });
  return ok({ cluster: cluster.toObject() as ClusterLean, warnings });
}

function hubWarnings(size: number, lead: LeanDoc<AcademyRecord>, head: LeanDoc<StaffMemberRecord> | null, memberIds: string[]): string[] {
  const warnings: string[] = [];
  if (size < NORMAL_HUB_SIZE.min || size > NORMAL_HUB_SIZE.max) {
    warnings.push(`The hub has ${size} academies; hubs of ${NORMAL_HUB_SIZE.min}-${NORMAL_HUB_SIZE.max} (a lead academy and 2-3 others) are the norm.`);
  }
  // By the latest inspection: a report card is read on its own terms (docs/ofsted-inspections.md).
  const inspection = latestInspection({ rating: lead.ofstedRating, inspectedOn: lead.ofstedJudgedOn ?? null }, lead.ofstedReportCard ?? null);
  if (inspection.kind === 'JUDGEMENT' && inspection.rating !== 'OUTSTANDING' && inspection.rating !== 'GOOD') {
    warnings.push(`The lead academy ${lead.name} is rated ${lead.ofstedRating}; a lead academy is normally Outstanding or Good.`);
  } else if (inspection.kind === 'REPORT_CARD') {
    const concern = mustNotLendReason(inspection);
    const attention = areasNeedingAttention(inspection);
    if (concern || attention.length) {
      warnings.push(
        `The lead academy ${lead.name}'s latest inspection (${inspectionLabel(inspection)}) has ${concern ?? `${attention.map((a) => REPORT_CARD_AREA_LABELS[a]).join(', ')} needing attention`}; a lead academy is normally strong across its report card.`,
      );
    }
  }
  if (!head) warnings.push('The hub has no executive head yet.');
  else if (!memberIds.includes(head.homeAcademyId.toString())) {
    warnings.push(`The executive head ${head.name} is not based at an academy of this hub.`);
  }
  return warnings;
}

const moveInput = z.object({ academyId: refInput, clusterId: refInput.nullable() });

/** Moves an academy into another hub of its trust (or out of any hub, with clusterId null). */
export async function moveAcademyToCluster(viewer: Viewer, input: unknown): Promise<Outcome<{ academy: LeanDoc<AcademyRecord>; warnings: string[] }>> {
  if (!roleMay.organiseHubs(viewer)) throw new ForbiddenError("academies are moved between hubs by an ADMIN or the trust's improvement lead");
  const parsed = moveInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const academy = await resolveRef(stores.academies, parsed.data.academyId);
  if (!academy.ok) return failed(academy.error);
  let target: ClusterLean | null = null;
  if (parsed.data.clusterId) {
    const cluster = await resolveRef(stores.clusters, parsed.data.clusterId);
    if (!cluster.ok) return failed(cluster.error);
    target = cluster.doc;
  }
  const a = academy.doc;
  const trustId = a.trustId?.toString() ?? null;
  if (!policy.manageTrustRecords(viewer, trustId)) throw new ForbiddenError("only an ADMIN or the trust's improvement lead may move academies between its hubs");
  if (target && target.trustId.toString() !== trustId) {
    return failed(userError('clusterId', 'the hub belongs to a different trust from the academy', 'NOT_IN_TRUST'));
  }
  const from = a.clusterId?.toString() ?? null;
  if (from) {
    const current = await stores.clusters.fresh.get(from);
    if (current && current.leadAcademyId.toString() === a._id.toString() && from !== target?._id.toString()) {
      const hub = { id: from, name: current.name };
      return failed(userError('academyId', `academyId: ${leadCannotLeave(a.name, hub, 'out of the hub')}`, 'LEAD_ACADEMY'));
    }
  }
  const to = target?._id ?? null;
  const actor = actorOf(viewer);
  // Conditional on the hub we read, so two concurrent moves cannot both apply.
  const updated = await Academy.findOneAndUpdate(
    { _id: a._id, clusterId: a.clusterId ?? null },
    { $set: { clusterId: to, updatedBy: actor } },
    { new: true },
  ).lean();
  if (!updated) return failed(userError('academyId', `${a.name} was moved by someone else meanwhile; reload and try again`, 'CONFLICT'));
  await recordAudit('Academy', a._id, 'MOVED_CLUSTER', actor, { clusterId: { from, to: to?.toString() ?? null } });
  for (const clusterId of [from, to?.toString()]) {
    if (clusterId) await recordAudit('Cluster', clusterId, 'MEMBERSHIP_CHANGED', actor, { academyId: { from: clusterId === from ? a._id.toString() : null, to: clusterId === from ? null : a._id.toString() } });
  }
  const warnings: string[] = [];
  if (to) {
    const size = await stores.academies.fresh.count({ clusterId: to });
    if (size > NORMAL_HUB_SIZE.max) warnings.push(`The hub now has ${size} academies; ${NORMAL_HUB_SIZE.min}-${NORMAL_HUB_SIZE.max} is the norm.`);
  }
  return ok({ academy: updated as LeanDoc<AcademyRecord>, warnings });
}

