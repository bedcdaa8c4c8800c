// Offers of help: a staff member offers themself (a headteacher may offer their whole
// school) for an open need; whoever may propose for the need accepts the offer, which proposes
// through the ordinary propose path with all its checks, or declines it with a reason the
// offerer is told. The offerer may withdraw an open offer. Every change is audited.
import { stores } from '../db/store';
import { z } from 'zod';
import { policy } from '../auth/policy';
import { actorOf, type Viewer } from '../auth/viewer';
import { ForbiddenError } from '../domain/errors';
import { lendingBarOf } from '../domain/lending';
import type { ImprovementNeedRecord } from '../models/improvement-need';
import type { LeanDoc } from '../models/lean';
import { SupportOffer } from '../models/support-offer';
import { notifyOfferMade } from '../notifications/offer-notify';
import { recordAudit } from './audit';
import { type DeploymentLean, proposeDeployment } from './deployments';
import { closeOpenOffersOfNeed, type OfferLean, openAndUnclaimed, settleOffer } from './offer-closing';
import { type Ref, refInput, refTo, resolveRef, scopeOf } from './references';
import { failed, fromZod, isDuplicateKey, ok, type Outcome, type UserError, userError } from './user-errors';

type NeedLean = LeanDoc<ImprovementNeedRecord>;

const offerInput = z.object({
  needId: refInput,
  /** A headteacher offering their whole school names it; absent, the caller offers themself. */
  academyId: refInput.nullish(),
  note: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
  days: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(200, 'must be at most 200 days').nullish(),
});

const notOpen = (need: NeedLean): UserError =>
  userError('needId', `this need is ${need.status}: it is not waiting for more support, so it takes no offers`, 'NEED_NOT_OPEN');

export async function offerSupport(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<OfferLean>> {
  const parsed = offerInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const data = parsed.data;
  if (!data.academyId && !viewer.staffId) {
    throw new ForbiddenError('offers are made by a staff member for themself, or by a headteacher for their school (academyId)');
  }
  const found = await resolveRef(stores.needs, data.needId);
  if (!found.ok) return failed(found.error);
  const need = found.doc;

  let supporter: { staffId: unknown; supportingAcademyId: unknown; id: string };
  if (data.academyId) {
    const school = await resolveRef(stores.academies, data.academyId);
    if (!school.ok) return failed(school.error);
    if (!policy.offerForSchool(viewer, scopeOf(school.doc))) throw new ForbiddenError("a school's help is offered by its headteacher");
    // Refused now, not when someone accepts it: a closed school or one in a category of
    // concern lends nobody (the same rule as its support days, in the same words).
    const bar = lendingBarOf(school.doc);
    if (bar) return failed(userError('academyId', `${bar.why}, so it cannot offer its help`, bar.code));
    supporter = { staffId: null, supportingAcademyId: school.doc._id, id: school.doc._id.toString() };
  } else {
    const staff = await stores.staff.fresh.get(viewer.staffId!);
    if (!staff) throw new ForbiddenError('your staff record was not found: offers are made from a staff record');
    if (staff.leftAt) return failed(userError(null, `you are recorded as having left (on ${staff.leftAt.toISOString().slice(0, 10)}), so you cannot offer support`, 'STAFF_LEFT'));
    // Nor may its staff offer themselves: the rankings exclude them and acceptance would be refused.
    const home = staff.homeAcademyId ? await stores.academies.fresh.get(staff.homeAcademyId.toString()) : null;
    const bar = home ? lendingBarOf(home) : null;
    if (bar) return failed(userError(null, `${bar.why}, so you, on its staff, cannot offer help`, bar.code));
    supporter = { staffId: staff._id, supportingAcademyId: null, id: staff._id.toString() };
  }
  if (need.status !== 'OPEN') return failed(notOpen(need));
  const outstanding = need.daysRequested - need.daysCovered;
  if (data.days && data.days > outstanding) return failed(userError('days', `the need has only ${outstanding} days still to arrange`, 'EXCEEDS_NEED'));

  const actor = actorOf(viewer);
  let offer;
  try {
    offer = await SupportOffer.create({
      needId: need._id,
      receivingAcademyId: need.academyId,
      area: need.area,
      staffId: supporter.staffId,
      supportingAcademyId: supporter.supportingAcademyId,
      note: data.note || null,
      days: data.days ?? null,
      status: 'OPEN',
      statusSince: now,
      openKey: `${need._id.toString()}:${supporter.id}`,
      createdBy: actor,
      updatedBy: actor,
    });
  } catch (error) {
    if (isDuplicateKey(error)) return failed(userError('needId', 'you have already offered help on this need; that offer is still open (withdraw it to offer again)', 'DUPLICATE_OFFER'));
    throw error;
  }
  await recordAudit('SupportOffer', offer._id, 'OFFERED', actor, {
    need: { from: null, to: need._id.toString() },
    supporter: { from: null, to: supporter.staffId ? `STAFF:${supporter.id}` : `ACADEMY:${supporter.id}` },
    days: { from: null, to: data.days ?? null },
  });
  // The need may have been met or withdrawn while this was written: then the offer is closed
  // at once (it was open for an instant), and the offerer told why.
  const current = await stores.needs.fresh.get(need._id.toString());
  if (!current || current.status === 'MET' || current.status === 'CLOSED') {
    await closeOpenOffersOfNeed(need._id, current?.status ?? 'CLOSED', actor, now);
    return failed(notOpen(current ?? { ...need, status: 'CLOSED' }));
  }
  // The offer now waits on the trust's improvement leads: tell them.
  await notifyOfferMade(offer.toObject() as OfferLean, actor, now);
  return ok(offer.toObject() as OfferLean);
}

const idInput = z.object({ id: refInput });
const declineInput = z.object({
  id: refInput,
  reason: z.string().trim().min(3, 'must be at least 3 characters: the offerer is told it').max(1000, 'must be at most 1000 characters'),
});
// Dates are checked by proposeDeployment, whose rules they follow.
const acceptInput = z.object({
  id: refInput,
  days: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(200, 'must be at most 200 days').nullish(),
  startDate: z.coerce.date().nullish(),
  endDate: z.coerce.date().nullish(),
});

async function loadOffer(ref: Ref): Promise<{ ok: true; offer: OfferLean } | { ok: false; error: UserError }> {
  const found = await resolveRef(stores.offers, ref);
  return found.ok ? { ok: true, offer: found.doc } : found;
}

async function receivingScope(offer: OfferLean) {
  return scopeOf((await stores.academies.fresh.get(offer.receivingAcademyId.toString()))!);
}

const notOpenOffer = (offer: OfferLean): UserError =>
  userError('id', `this offer is ${offer.status}${offer.decision?.reason ? ` (${offer.decision.reason})` : ''}: only an OPEN offer can be decided`, 'OFFER_NOT_OPEN');
const decidedMeanwhile = userError('id', 'the offer was decided or is being accepted by someone else meanwhile; reload and try again', 'CONFLICT');

/** Whoever may propose for the need: the receiving school's trust lead, its hub's executive head, ADMIN. */
async function assertMayConsider(viewer: Viewer, offer: OfferLean): Promise<void> {
  if (!policy.arrangeSupportFor(viewer, await receivingScope(offer))) {
    throw new ForbiddenError("offers are considered by the trust's improvement lead or the hub's executive head of the school in need");
  }
}

export async function declineOffer(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<OfferLean>> {
  const parsed = declineInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const loaded = await loadOffer(parsed.data.id);
  if (!loaded.ok) return failed(loaded.error);
  await assertMayConsider(viewer, loaded.offer);
  if (loaded.offer.status !== 'OPEN') return failed(notOpenOffer(loaded.offer));
  const after = await settleOffer(loaded.offer, 'DECLINED', actorOf(viewer), now, { reason: parsed.data.reason });
  return after ? ok(after) : failed(decidedMeanwhile);
}

export async function withdrawOffer(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<OfferLean>> {
  const parsed = idInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const loaded = await loadOffer(parsed.data.id);
  if (!loaded.ok) return failed(loaded.error);
  const { offer } = loaded;
  const own = offer.staffId
    ? viewer.staffId === offer.staffId.toString()
    : policy.offerForSchool(viewer, scopeOf((await stores.academies.fresh.get(String(offer.supportingAcademyId)))!));
  if (!own) throw new ForbiddenError('only the person who offered (or the headteacher, for a school) may withdraw an offer');
  if (offer.status !== 'OPEN') return failed(notOpenOffer(offer));
  const after = await settleOffer(offer, 'WITHDRAWN', actorOf(viewer), now);
  return after ? ok(after) : failed(decidedMeanwhile);
}

/** Propose's field names refer to its own input; here the supporter and the need are the offer's. */
function asOfferError(error: UserError): UserError {
  const field = error.field?.[0];
  return field === 'needId' || field === 'staffId' || field === 'supportingAcademyId' ? { ...error, field: ['id'] } : error;
}

export interface AcceptedOffer {
  offer: OfferLean;
  deployment: DeploymentLean | null;
}

/**
 * Turns an open offer into a proposal in one step: claims the offer (so no decline or second
 * accept acts meanwhile), proposes through proposeDeployment with every check it makes, then
 * marks the offer ACCEPTED with the deployment, or frees the claim and answers propose's user
 * errors when the proposal is refused (the offer stays open).
 */
export async function acceptOffer(viewer: Viewer, input: unknown, now = new Date()): Promise<Outcome<AcceptedOffer>> {
  const parsed = acceptInput.safeParse(input);
  if (!parsed.success) return failed(...fromZod(parsed.error));
  const loaded = await loadOffer(parsed.data.id);
  if (!loaded.ok) return failed(loaded.error);
  const { offer } = loaded;
  await assertMayConsider(viewer, offer);
  if (offer.status !== 'OPEN') return failed(notOpenOffer(offer));
  const need = await stores.needs.fresh.get(offer.needId.toString());
  const outstanding = need ? need.daysRequested - need.daysCovered : 0;
  const days = parsed.data.days ?? Math.max(1, Math.min(offer.days ?? outstanding, outstanding));

  const claimedAt = now;
  const claimed = await SupportOffer.updateOne({ _id: offer._id, ...openAndUnclaimed(now) }, { $set: { claimedAt } });
  if (claimed.modifiedCount !== 1) return failed(decidedMeanwhile);
  let proposed;
  try {
    proposed = await proposeDeployment(
      viewer,
      {
        needId: refTo(offer.needId, 'needId', 'ImprovementNeed'),
        ...(offer.staffId ? { staffId: refTo(offer.staffId, 'staffId', 'StaffMember') } : { supportingAcademyId: refTo(offer.supportingAcademyId!, 'supportingAcademyId', 'Academy') }),
        days,
        startDate: parsed.data.startDate ?? null,
        endDate: parsed.data.endDate ?? null,
      },
      now,
    );
  } catch (error) {
    await SupportOffer.updateOne({ _id: offer._id, claimedAt }, { $set: { claimedAt: null } });
    throw error;
  }
  if (!proposed.ok) {
    await SupportOffer.updateOne({ _id: offer._id, claimedAt }, { $set: { claimedAt: null } });
    return failed(...proposed.userErrors.map(asOfferError));
  }
  const after = await settleOffer(offer, 'ACCEPTED', actorOf(viewer), now, { deploymentId: proposed.value._id, claimedAt });
  // Only lost when the need was closed in the instant between (its offers closed): the
  // proposal stands, as any other proposal would, and the offer says why it closed.
  return ok({ offer: after ?? (await stores.offers.fresh.get(offer._id.toString()))!, deployment: proposed.value });
}
