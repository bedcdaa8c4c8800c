// Offers of help, read: a need's offers (for the need page), a person's own (for "my offers"),
// and who may read one.
import { type AcademyScope, policy } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { stores, type SupportOfferDoc } from '../../db/store';

export { OFFER_STATUSES } from '../../models/support-offer';

const OLDEST_FIRST = { createdAt: 1 as const, _id: 1 as const };

/** For each need, its offers, oldest first (statuses: all when empty). */
export function offersOfNeeds(needIds: readonly string[], statuses: readonly string[] = []): Promise<SupportOfferDoc[][]> {
  return stores.offers.groupedBy('needId', needIds, statuses.length ? { status: { $in: statuses } } : {}, OLDEST_FIRST);
}

/** The caller's own offers, newest first: as a person, and (a headteacher) for their school. */
export function offersOfViewer(viewer: Viewer, statuses: readonly string[], limit: number): Promise<SupportOfferDoc[]> {
  const whose: Record<string, unknown>[] = [];
  if (viewer.staffId) whose.push({ staffId: viewer.staffId });
  if (viewer.role === 'HEADTEACHER' && viewer.academyId) whose.push({ supportingAcademyId: viewer.academyId });
  if (!whose.length) return Promise.resolve([]);
  const filter: Record<string, unknown> = { $or: whose };
  if (statuses.length) filter.status = { $in: statuses };
  return stores.offers.find(filter, { sort: { createdAt: -1, _id: -1 }, limit });
}

/**
 * An offer is read by whoever may consider it (those who may propose for the need: ADMIN, the
 * receiving school's trust lead and hub executive head) and by its offerer (the person, or the
 * headteacher of the offering school).
 */
export function mayReadOffer(viewer: Viewer, offer: Pick<SupportOfferDoc, 'staffId' | 'supportingAcademyId'>, receiving: AcademyScope | null): boolean {
  if (receiving && policy.arrangeSupportFor(viewer, receiving)) return true;
  if (offer.staffId) return viewer.staffId === offer.staffId.toString();
  return viewer.role === 'HEADTEACHER' && !!viewer.academyId && viewer.academyId === offer.supportingAcademyId?.toString();
}
export const OFFER_READERS = "the offerer (the person, or the offering school's headteacher) and those who may propose for the need (ADMIN, the trust's improvement lead, the hub's executive head)";
