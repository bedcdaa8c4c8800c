// Settling an open offer (accepted, declined, withdrawn, closed): one conditional update on
// its status, so of two racing decisions one applies; and closing a need's open offers when
// the need stops waiting for support. Apart from offers.ts so the deployment service can close
// offers without importing the offer service (which proposes through it).
import { stores } from '../db/store';
import type { ActorRecord } from '../models/common';
import type { LeanDoc } from '../models/lean';
import { type OfferStatus, SupportOffer, type SupportOfferRecord } from '../models/support-offer';
import { notifyOfferDecision } from '../notifications/offer-notify';
import { recordAudit } from './audit';

export type OfferLean = LeanDoc<SupportOfferRecord>;

/** An accepting request holds its claim this long; a crashed one's lapses after it. */
export const ACCEPT_CLAIM_MS = 2 * 60 * 1000;

/** Open, and not being accepted by a request right now (or that request's claim lapsed). */
export function openAndUnclaimed(now: Date): Record<string, unknown> {
  return { status: 'OPEN', $or: [{ claimedAt: null }, { claimedAt: { $lt: new Date(now.getTime() - ACCEPT_CLAIM_MS) } }] };
}

/**
 * Moves an open offer to `to` with who decided and why; frees its open key so the supporter
 * may offer again later. Null when it was no longer open (someone else decided first).
 */
export async function settleOffer(
  offer: OfferLean,
  to: Exclude<OfferStatus, 'OPEN'>,
  actor: ActorRecord,
  now: Date,
  extra: { reason?: string | null; deploymentId?: unknown; claimedAt?: Date; quiet?: boolean } = {},
): Promise<OfferLean | null> {
  const condition = extra.claimedAt ? { _id: offer._id, status: 'OPEN', claimedAt: extra.claimedAt } : { _id: offer._id, ...openAndUnclaimed(now) };
  const after = (await SupportOffer.findOneAndUpdate(
    condition,
    {
      $set: {
        status: to,
        statusSince: now,
        decision: { by: actor, at: now, reason: extra.reason ?? null },
        deploymentId: extra.deploymentId ?? null,
        openKey: `${offer.openKey}:${offer._id.toString()}`,
        claimedAt: null,
        updatedBy: actor,
      },
    },
    { new: true },
  ).lean()) as OfferLean | null;
  if (!after) return null;
  const changes: Record<string, { from: unknown; to: unknown }> = { status: { from: 'OPEN', to } };
  if (extra.reason) changes.reason = { from: null, to: extra.reason };
  if (extra.deploymentId) changes.deploymentId = { from: null, to: String(extra.deploymentId) };
  await recordAudit('SupportOffer', offer._id, to, actor, changes);
  if (to !== 'WITHDRAWN' && !extra.quiet) await notifyOfferDecision(after, to === 'ACCEPTED' ? 'OFFER_ACCEPTED' : to === 'DECLINED' ? 'OFFER_DECLINED' : 'OFFER_CLOSED', actor, now);
  return after;
}

const CLOSING_REASONS: Record<string, string> = {
  MET: 'the need has been met',
  CLOSED: 'the need was withdrawn by the school',
};

/** Closes every open offer on a need that is met or withdrawn, each with the reason. Returns how many. */
export async function closeOpenOffersOfNeed(needId: unknown, needStatus: string, actor: ActorRecord, now = new Date()): Promise<number> {
  const reason = CLOSING_REASONS[needStatus];
  if (!reason) return 0;
  const open = await stores.offers.fresh.find({ needId, status: 'OPEN' });
  let closed = 0;
  for (const offer of open) {
    // A claim by an accepting request is overridden here: the need no longer wants support,
    // and that request's proposal is refused by the need's own status anyway.
    const after = await SupportOffer.findOneAndUpdate({ _id: offer._id, status: 'OPEN' }, { $set: { claimedAt: null } }, { new: true }).lean();
    if (after && (await settleOffer(after as OfferLean, 'CLOSED', actor, now, { reason }))) closed += 1;
  }
  return closed;
}

/**
 * Closes the open offers of a person who has left (leavers.ts): nobody is left to give the
 * help. Their offerer is not emailed (they have left); the lead sees the reason on the offer.
 */
export async function closeOpenOffersOfLeaver(staffId: unknown, actor: ActorRecord, now = new Date()): Promise<number> {
  const open = await stores.offers.fresh.find({ staffId, status: 'OPEN' });
  let closed = 0;
  for (const offer of open) {
    const after = await SupportOffer.findOneAndUpdate({ _id: offer._id, status: 'OPEN' }, { $set: { claimedAt: null } }, { new: true }).lean();
    if (after && (await settleOffer(after as OfferLean, 'CLOSED', actor, now, { reason: 'the offerer has left their school', quiet: true }))) closed += 1;
  }
  return closed;
}
