// An independent, deliberately plain restatement of the hard constraints (API.md and
// DESIGN.md), used to check the implementation rather than to copy it.
import type { ExclusionReason } from '../../../server/domain/enums';
import { mustNotLendReason } from '../../../server/domain/inspection';
import type { NeedProfile, SupporterProfile } from '../../../server/ranking';

const RADIUS_KM = 6371.0088;

function distanceKm(need: NeedProfile, supporter: SupporterProfile): number | null {
  const a = need.academy.location;
  const b = supporter.homeAcademy.location;
  if (!a || !b) return null;
  const rad = Math.PI / 180;
  // Spherical law of cosines: a different formula from the implementation's haversine.
  const cos =
    Math.sin(a.latitude * rad) * Math.sin(b.latitude * rad) +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.cos((b.longitude - a.longitude) * rad);
  return RADIUS_KM * Math.acos(Math.min(1, Math.max(-1, cos)));
}

/** Whether a stretch and the need's window have a day in common, by counting whole days. */
function sharesADay(window: { from: Date; to: Date }, need: NeedProfile): boolean {
  const day = (d: Date) => Math.round(d.getTime() / 86_400_000);
  const first = Math.max(day(window.from), need.windowStart ? day(need.windowStart) : -Infinity);
  const last = Math.min(day(window.to), need.windowEnd ? day(need.windowEnd) : Infinity);
  return first <= last;
}

export interface OracleOptions {
  now: Date;
  minimumUsefulDays: number;
  defaultAcademyMaxTravelKm: number;
  /** Distances within this many km of the limit are ambiguous between formulas. */
  travelSlackKm?: number;
}

/** Reasons in contract order, or 'AMBIGUOUS' for a distance within the slack of the limit. */
export function oracleReasons(need: NeedProfile, supporter: SupporterProfile, o: OracleOptions): ExclusionReason[] | 'AMBIGUOUS' {
  const reasons: ExclusionReason[] = [];
  if (!supporter.expertise.some((e) => e.area === need.area)) reasons.push('NO_MATCHING_EXPERTISE');
  const outstanding = Math.max(0, need.daysRequested - need.daysCovered);
  if (supporter.remainingDays <= 0 || supporter.remainingDays < Math.min(outstanding, o.minimumUsefulDays)) {
    reasons.push('NO_CAPACITY');
  }
  if (supporter.homeAcademy.id === need.academy.id) reasons.push('SAME_SCHOOL');
  const limit = supporter.maxTravelKm ?? (supporter.kind === 'ACADEMY' ? o.defaultAcademyMaxTravelKm : null);
  const d = distanceKm(need, supporter);
  if (limit !== null && d !== null) {
    if (Math.abs(d - limit) <= (o.travelSlackKm ?? 1e-6)) return 'AMBIGUOUS';
    if (d > limit) reasons.push('OUT_OF_TRAVEL_RANGE');
  }
  if (supporter.homeAcademy.inspection === undefined ? supporter.homeAcademy.ofstedRating === 'INADEQUATE' : mustNotLendReason(supporter.homeAcademy.inspection) !== null) {
    reasons.push('HOME_SCHOOL_INADEQUATE');
  }
  const expiry = supporter.safeguardingCheckExpiresOn;
  if (expiry !== null && expiry < o.now) reasons.push('SAFEGUARDING_EXPIRED');
  if (supporter.supportingNeedIds.includes(need.id)) reasons.push('ALREADY_SUPPORTING');
  if (supporter.availability.length > 0 && !supporter.availability.some((w) => sharesADay(w, need))) reasons.push('NOT_AVAILABLE_IN_WINDOW');
  if (supporter.homeAcademy.closed === true) reasons.push('HOME_SCHOOL_CLOSED');
  return reasons;
}
