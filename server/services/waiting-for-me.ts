// "Waiting for me": the steps of deployments that wait on the caller, longest waiting first.
//
// - A headteacher: releases of their school's staff (or of the school as a whole) to agree,
//   and acceptances of support for their school.
// - An executive head: releases of their hub's staff and schools, including staff requested
//   by other hubs.
// - An improvement lead: their trust's agreed deployments to start and active ones to
//   complete (support received by a school of the trust: they arrange it), and open offers of
//   help on the trust's needs to consider (OFFER). An executive head: those on the hub's needs.
// - Anyone who is a supporting staff member (a teacher, or a head on record): their own
//   agreed deployments to start and active ones to complete.
// - ADMIN: nothing waits on them in person.
// Each step carries `kind` (a string, so later kinds such as offers or impact follow-ups can
// be added without breaking clients), `since` and the deployment it concerns.
import type { Viewer } from '../auth/viewer';
import type { DeploymentStatus } from '../domain/enums';
import { type DeploymentRecord } from '../models/deployment';
import { academiesWhere, supportedFrom } from './deployment-scope';
import type { LeanDoc } from '../models/lean';
import { stores, type SupportOfferDoc } from '../db/store';

type DeploymentLean = LeanDoc<DeploymentRecord>;
type Filter = Record<string, unknown>;

export const WAITING_KINDS = {
  RELEASE: 'Release the supporter (agreeDeployment as their school).',
  ACCEPTANCE: 'Accept the support for your school (agreeDeployment as the receiving school).',
  START: 'Start the agreed support (startDeployment).',
  COMPLETE: 'Complete the support and record its impact (completeDeployment).',
  OFFER: 'Consider an offer of help: accept it as a proposal (acceptOffer) or decline it with a reason (declineOffer).',
} as const;
export type WaitingKind = keyof typeof WAITING_KINDS;

export interface WaitingStep {
  kind: WaitingKind;
  since: Date;
  /** The deployment it concerns (every kind but OFFER). */
  deployment: DeploymentLean | null;
  /** The offer to consider (OFFER). */
  offer: SupportOfferDoc | null;
}

interface Want {
  kind: WaitingKind;
  filter: Filter;
}

const waiting = (status: DeploymentStatus, extra: Filter): Filter => ({ $and: [{ status }, extra] });
// "Not yet signed" as `<sign-off>.at: null` (true when the sign-off is null or missing), which
// the in-process copies can evaluate on FerretDB; `release: null` would scan the collection.
const NOT_RELEASED = { 'release.at': null };
const NOT_ACCEPTED = { 'acceptance.at': null };

/** What could wait on this caller, as one filter per kind of step. */
async function wantsOf(viewer: Viewer): Promise<Want[]> {
  const wants: Want[] = [];
  if (viewer.role === 'HEADTEACHER' && viewer.academyId) {
    wants.push({ kind: 'RELEASE', filter: waiting('PROPOSED', { $and: [NOT_RELEASED, await supportedFrom([viewer.academyId])] }) });
    wants.push({ kind: 'ACCEPTANCE', filter: waiting('PROPOSED', { ...NOT_ACCEPTED, receivingAcademyId: viewer.academyId }) });
  }
  if (viewer.role === 'EXECUTIVE_HEAD' && viewer.clusterId) {
    const hub = await academiesWhere('clusterId', viewer.clusterId);
    wants.push({ kind: 'RELEASE', filter: waiting('PROPOSED', { $and: [NOT_RELEASED, await supportedFrom(hub)] }) });
  }
  if (viewer.role === 'IMPROVEMENT_LEAD' && viewer.trustId) {
    const trust = await academiesWhere('trustId', viewer.trustId);
    wants.push({ kind: 'START', filter: waiting('AGREED', { receivingAcademyId: { $in: trust } }) });
    wants.push({ kind: 'COMPLETE', filter: waiting('ACTIVE', { receivingAcademyId: { $in: trust } }) });
  }
  if (viewer.role !== 'ADMIN' && viewer.staffId) {
    wants.push({ kind: 'START', filter: waiting('AGREED', { staffId: viewer.staffId }) });
    wants.push({ kind: 'COMPLETE', filter: waiting('ACTIVE', { staffId: viewer.staffId }) });
  }
  return wants;
}

async function find(filter: Filter, limit: number): Promise<DeploymentLean[]> {
  const sort = { statusSince: 1 as const, _id: 1 as const };
  // With MongoDB through the statusSince indexes; with FerretDB from the in-process copy.
  return stores.deployments.find(filter, { sort, limit });
}

/** Open offers on the needs of these schools, oldest first: offers to consider. */
async function offersToConsider(viewer: Viewer, first: number): Promise<WaitingStep[]> {
  let schools: unknown[] | null = null;
  if (viewer.role === 'IMPROVEMENT_LEAD' && viewer.trustId) schools = await academiesWhere('trustId', viewer.trustId);
  if (viewer.role === 'EXECUTIVE_HEAD' && viewer.clusterId) schools = await academiesWhere('clusterId', viewer.clusterId);
  if (!schools) return [];
  const offers = await stores.offers.find({ status: 'OPEN', receivingAcademyId: { $in: schools } }, { sort: { statusSince: 1, _id: 1 }, limit: first });
  return offers.map((offer) => ({ kind: 'OFFER' as const, since: offer.statusSince, deployment: null, offer }));
}

const subjectId = (s: WaitingStep) => String(s.deployment?._id ?? s.offer?._id);

export async function waitingFor(viewer: Viewer, first: number): Promise<WaitingStep[]> {
  const wants = await wantsOf(viewer);
  const found = await Promise.all(wants.map(async (want) => (await find(want.filter, first)).map((d) => ({ kind: want.kind, deployment: d }))));
  const seen = new Set<string>();
  const steps: WaitingStep[] = [];
  for (const { kind, deployment } of found.flat()) {
    // One step per deployment and kind (a lead who is also the supporter is asked once).
    const key = `${kind}:${String(deployment._id)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    steps.push({ kind, deployment, offer: null, since: deployment.statusSince ?? deployment.statusHistory.at(-1)?.at ?? deployment._id.getTimestamp() });
  }
  steps.push(...(await offersToConsider(viewer, first)));
  steps.sort((a, b) => a.since.getTime() - b.since.getTime() || subjectId(a).localeCompare(subjectId(b)) || a.kind.localeCompare(b.kind));
  return steps.slice(0, first);
}
