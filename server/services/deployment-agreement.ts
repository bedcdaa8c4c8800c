// The deployment agreement (objectives, planned sessions, a review date, the final report),
// signed by both schools, and the receiving school's rating of the impact.
//
// Signing: the receiving school signs for itself (its headteacher, or the trust's lead or the
// hub's executive head, as for acceptances: policy.acceptAt); the supporter's home school signs
// for its side (policy.releaseFrom). One call signs every side the caller may sign. A signature
// is for one version: any change to the agreement clears both and needs both again. Every
// write is one update conditional on the version as read, so two racing edits, or an edit
// racing a signature, never leave a signature on words its signer did not see.
import { stores } from '../db/store';
import { z } from 'zod';
import { type Ref, refInput, resolveRef } from './references';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { ForbiddenError } from '../domain/errors';
import { Deployment } from '../models/deployment';
import { agreementChangeAudiences, type AgreementSide } from '../notifications/events';
import { notifyAgreementChanged, notifyDeployment } from '../notifications/notify';
import { recordAudit } from './audit';
import { type DeploymentLean, scopes } from './deployments';
import { failed, fromZod, ok, type Outcome, type UserError, userError } from './user-errors';

/** Ended without taking place: nothing to agree or rate. */
const NOT_AGREEABLE = ['DECLINED', 'CANCELLED'];

const agreementInput = z.object({
  id: refInput,
  objectives: z
    .array(z.string().trim().min(3, 'each objective must be at least 3 characters').max(500, 'each objective must be at most 500 characters'))
    .min(1, 'give at least one objective')
    .max(20, 'give at most 20 objectives'),
  sessions: z
    .array(z.object({ date: z.coerce.date(), note: z.string().trim().max(500, 'must be at most 500 characters').nullish() }))
    .max(200, 'give at most 200 sessions')
    .default([]),
  reviewDate: z.coerce.date().nullish(),
  finalReport: z.string().trim().max(8000, 'must be at most 8000 characters').nullish(),
  /** The version the caller edited; when given and no longer current, the edit is refused. */
  expectedVersion: z.number().int('must be a whole number').min(0, 'must be 0 (none yet) or more').nullish(),
});

const signInput = z.object({ id: refInput, version: z.number().int('must be a whole number').min(1, 'must be at least 1') });

const rateInput = z.object({
  id: refInput,
  rating: z.number().int('must be a whole number from 1 to 4').min(1, 'must be from 1 to 4').max(4, 'must be from 1 to 4'),
  evidence: z.string().trim().min(10, 'must be at least 10 characters: name the impact').max(4000, 'must be at most 4000 characters'),
});

async function load(ref: Ref): Promise<{ ok: true; d: DeploymentLean } | { ok: false; error: UserError }> {
  const found = await resolveRef(stores.deployments, ref);
  return found.ok ? { ok: true, d: found.doc } : found;
}

/** Which sides the caller may sign for, and whether they may edit (either side, the arranger, the supporter). */
async function rightsOf(viewer: Viewer, d: DeploymentLean) {
  const { receiving, home } = await scopes(d);
  const receivingSide = policy.acceptAt(viewer, receiving);
  const supportingSide = !!home && policy.releaseFrom(viewer, home);
  const edit = receivingSide || supportingSide || policy.arrangeSupportFor(viewer, receiving) || policy.carryOut(viewer, d.staffId?.toString() ?? null);
  return { receivingSide, supportingSide, edit };
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
type Content = { objectives: string[]; sessions: { date: string | null; note: string | null }[]; reviewDate: string | null; finalReport: string | null };
function contentOf(a: { objectives?: string[]; sessions?: { date: Date; note?: string | null }[]; reviewDate?: Date | null; finalReport?: string | null } | null | undefined): Content | null {
  if (!a) return null;
  return {
    objectives: a.objectives ?? [],
    sessions: (a.sessions ?? []).map((s) => ({ date: day(s.date), note: s.note ?? null })),
    reviewDate: day(a.reviewDate),
    finalReport: a.finalReport ?? null,
  };
}

export async function updateDeploymentAgreement(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<DeploymentLean>> {
  const parsed = agreementInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const data = parsed.data;
  const loaded = await load(data.id);
  if (!loaded.ok) return failed(loaded.error);
  const { d } = loaded;
  const rights = await rightsOf(viewer, d);
  if (!rights.edit) throw new ForbiddenError('a deployment agreement is written by either school, the arranger or the supporter');
  if (NOT_AGREEABLE.includes(d.status)) return failed(userError('id', `this deployment was ${d.status}: there is nothing to agree`, 'INVALID_TRANSITION'));
  const current = d.agreement ?? null;
  if (data.expectedVersion != null && data.expectedVersion !== (current?.version ?? 0)) {
    return failed(userError('expectedVersion', `the agreement changed meanwhile (now version ${current?.version ?? 0}); reload it and make your change again`, 'AGREEMENT_CHANGED'));
  }
  const sessions = [...data.sessions].sort((a, b) => a.date.getTime() - b.date.getTime()).map((s) => ({ date: s.date, note: s.note || null }));
  const next = { objectives: data.objectives, sessions, reviewDate: data.reviewDate ?? null, finalReport: data.finalReport || null };
  const before = contentOf(current);
  const after = contentOf(next)!;
  // Saving the same words again changes nothing, and keeps the signatures.
  if (before && JSON.stringify(before) === JSON.stringify(after)) return ok(d);

  const actor = actorOf(viewer);
  const version = (current?.version ?? 0) + 1;
  const updated = (await Deployment.findOneAndUpdate(
    { _id: d._id, 'agreement.version': current?.version ?? null },
    { $set: { agreement: { ...next, version, receivingSignature: null, supportingSignature: null, changedBy: actor, changedAt: now }, updatedBy: actor } },
    { new: true },
  ).lean()) as DeploymentLean | null;
  if (!updated) return failed(userError('id', 'the agreement changed meanwhile; reload it and make your change again', 'CONFLICT'));
  const cleared = [current?.receivingSignature && 'receiving', current?.supportingSignature && 'supporting'].filter(Boolean);
  await recordAudit('Deployment', d._id, 'AGREEMENT_CHANGED', actor, {
    agreement: { from: before, to: after },
    version: { from: current?.version ?? null, to: version },
    ...(cleared.length ? { signaturesCleared: { from: cleared, to: [] } } : {}),
  });
  // The other school reads what changed and signs again.
  const clearedSides: AgreementSide[] = [...(current?.receivingSignature ? ['RECEIVING' as const] : []), ...(current?.supportingSignature ? ['SUPPORTING' as const] : [])];
  await notifyAgreementChanged(updated, agreementChangeAudiences(rights), clearedSides, actor, now);
  return ok(updated);
}

export async function signDeploymentAgreement(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<DeploymentLean>> {
  const parsed = signInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const loaded = await load(parsed.data.id);
  if (!loaded.ok) return failed(loaded.error);
  const { d } = loaded;
  const rights = await rightsOf(viewer, d);
  if (!rights.receivingSide && !rights.supportingSide) throw new ForbiddenError("an agreement is signed by the receiving school and the supporter's home school (their headteachers, the hub's executive head or the trust's lead)");
  const a = d.agreement;
  if (!a) return failed(userError('id', 'there is no agreement to sign yet: write it first (updateDeploymentAgreement)', 'NO_AGREEMENT'));
  if (NOT_AGREEABLE.includes(d.status)) return failed(userError('id', `this deployment was ${d.status}: there is nothing to agree`, 'INVALID_TRANSITION'));
  if (parsed.data.version !== a.version) {
    return failed(userError('version', `the agreement has changed since version ${parsed.data.version} (it is now version ${a.version}): read it again before signing`, 'AGREEMENT_CHANGED'));
  }
  const actor = actorOf(viewer);
  const set: Record<string, unknown> = { updatedBy: actor };
  if (rights.receivingSide && !a.receivingSignature) set['agreement.receivingSignature'] = { by: actor, at: now };
  if (rights.supportingSide && !a.supportingSignature) set['agreement.supportingSignature'] = { by: actor, at: now };
  if (Object.keys(set).length === 1) return failed(userError('id', 'you have already signed this version for your side; waiting for the other school', 'ALREADY_SIGNED'));
  const updated = (await Deployment.findOneAndUpdate(
    { _id: d._id, 'agreement.version': a.version, 'agreement.receivingSignature.at': a.receivingSignature?.at ?? null, 'agreement.supportingSignature.at': a.supportingSignature?.at ?? null },
    { $set: set },
    { new: true },
  ).lean()) as DeploymentLean | null;
  if (!updated) return failed(userError('id', 'the agreement changed meanwhile; read it again before signing', 'CONFLICT'));
  await recordAudit('Deployment', d._id, 'AGREEMENT_SIGNED', actor, {
    version: { from: a.version, to: a.version },
    ...(set['agreement.receivingSignature'] ? { receivingSignature: { from: null, to: actor } } : {}),
    ...(set['agreement.supportingSignature'] ? { supportingSignature: { from: null, to: actor } } : {}),
  });
  // The other school hears of the signature (events.ts derives it from the signature itself).
  await notifyDeployment(updated, actor, now);
  return ok(updated);
}

/** The receiving school rates the impact of completed support; rating again replaces it (audited). */
export async function rateDeploymentImpact(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<DeploymentLean>> {
  const parsed = rateInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const loaded = await load(parsed.data.id);
  if (!loaded.ok) return failed(loaded.error);
  const { d } = loaded;
  const { receiving } = await scopes(d);
  if (!policy.acceptAt(viewer, receiving)) throw new ForbiddenError("the receiving school's rating is given by its headteacher (or the hub's executive head, or the trust's lead)");
  if (d.status !== 'COMPLETED') return failed(userError('id', `a ${d.status} deployment cannot be rated yet: impact is rated once it is COMPLETED`, 'INVALID_TRANSITION'));
  const actor = actorOf(viewer);
  const rated = { rating: parsed.data.rating, evidence: parsed.data.evidence, by: actor, at: now };
  const updated = (await Deployment.findOneAndUpdate(
    { _id: d._id, status: 'COMPLETED', 'receivingImpact.at': d.receivingImpact?.at ?? null },
    { $set: { receivingImpact: rated, updatedBy: actor } },
    { new: true },
  ).lean()) as DeploymentLean | null;
  if (!updated) return failed(userError('id', 'the rating changed meanwhile; reload and try again', 'CONFLICT'));
  await recordAudit('Deployment', d._id, 'RECEIVING_IMPACT_RATED', actor, {
    receivingImpactRating: { from: d.receivingImpact?.rating ?? null, to: rated.rating },
    receivingImpactEvidence: { from: d.receivingImpact?.evidence ?? null, to: rated.evidence },
  });
  return ok(updated);
}
