// Who may read personal data (API.md, Access rules; issue 16), as pure predicates over the
// viewer and facts loaded about the record. Every field, list, export and audit read that
// shows personal data asks these, and only these (schema/personal-data.ts applies them), so
// the rule and the wording of its refusals live here once.
import type { AcademyScope } from './policy';
import type { Viewer } from './viewer';

/** Where the caller works: their trust and school, as far as their scopes say. */
export interface ViewerPlace {
  trustId: string | null;
  academyId: string | null;
}

/** The people who may read a staff member's personal data, in the words of every refusal. */
export const PERSONAL_DATA_READERS =
  "the person themself, their school's headteacher, their hub's executive head, their trust's improvement lead and ADMIN";

export const NEED_DESCRIPTION_READERS =
  "people of the trust the school belongs to (of the school itself when it is in no trust), ADMIN, and supporters once a deployment to the need is agreed";

export const DEPLOYMENT_READERS =
  "ADMIN, the receiving school's headteacher, hub executive head and trust improvement lead, and those who may read the supporter's personal data (for a whole school: its headteacher, hub executive head and trust improvement lead)";

/**
 * The staff member's own record, or the leadership above their home school. Matching needs
 * only name, role, school, designations and expertise: those stay readable to every caller
 * with a token, whatever their trust.
 */
export function mayReadPersonalData(v: Viewer, staffId: string, home: AcademyScope | null): boolean {
  if (v.role === 'ADMIN' || v.staffId === staffId) return true;
  return !!home && leadsAbove(v, home);
}

/** The headteacher of the school, the executive head of its hub, or the lead of its trust. */
function leadsAbove(v: Viewer, s: AcademyScope): boolean {
  return (
    (v.role === 'HEADTEACHER' && !!v.academyId && v.academyId === s.academyId) ||
    (v.role === 'EXECUTIVE_HEAD' && !!v.clusterId && v.clusterId === s.clusterId) ||
    (v.role === 'IMPROVEMENT_LEAD' && !!v.trustId && v.trustId === s.trustId)
  );
}

/**
 * A need's description can name pupils' circumstances: readable inside the school's trust
 * (every role: the people who arrange and give the support), inside the school itself when
 * it stands alone, and by a supporter once a deployment to it is agreed.
 */
export function mayReadNeedDescription(v: Viewer, place: ViewerPlace, at: AcademyScope, agreedSupporter: boolean): boolean {
  if (v.role === 'ADMIN' || agreedSupporter) return true;
  if (at.trustId) return place.trustId === at.trustId;
  return place.academyId === at.academyId;
}

/** The staff supporter, or the leadership of a supporting school. */
export function isSupporterOf(v: Viewer, deployment: { staffId: string | null; supportingAcademyId: string | null }): boolean {
  if (deployment.staffId) return v.staffId === deployment.staffId;
  return !!deployment.supportingAcademyId && v.role === 'HEADTEACHER' && v.academyId === deployment.supportingAcademyId;
}

export interface DeploymentFacts {
  staffId: string | null;
  supportingAcademyId: string | null;
  receiving: AcademyScope;
  /** The supporter's home school (a person), or the supporting school itself. */
  supporterHome: AcademyScope | null;
}

/**
 * A deployment is part of the supporter's deployment history: readable by those who may read
 * their personal data, and by the receiving school's side, which arranged and accepted it.
 */
export function mayReadDeployment(v: Viewer, d: DeploymentFacts): boolean {
  if (v.role === 'ADMIN' || leadsAbove(v, d.receiving)) return true;
  if (d.staffId) return mayReadPersonalData(v, d.staffId, d.supporterHome);
  return !!d.supporterHome && leadsAbove(v, d.supporterHome);
}

/**
 * Erasing a leaver's personal data is for ADMIN and their trust's improvement lead, who
 * answer for the trust's records; a headteacher or the person cannot erase (a leaver asks
 * their trust, which keeps what the law requires it to keep elsewhere).
 */
export function mayErase(v: Viewer, home: AcademyScope | null): boolean {
  return v.role === 'ADMIN' || (v.role === 'IMPROVEMENT_LEAD' && !!v.trustId && !!home && v.trustId === home.trustId);
}

export const ERASERS = "ADMIN, or the improvement lead of the trust of the person's school";

/**
 * Filtering people by days left reads their capacity, so a filter on it is allowed only where
 * every person it can return is one whose capacity the caller may read: ADMIN anywhere; a
 * trust's lead within their trust, a hub's executive head within their hub, a headteacher
 * within their school (the filter names that scope). Otherwise narrowing the filter step by
 * step would tell anyone how many days each person has left.
 */
export function mayFilterOnCapacity(v: Viewer, scope: { trustId: string | null; clusterId: string | null; academyId: string | null }): boolean {
  return (
    v.role === 'ADMIN' ||
    (v.role === 'IMPROVEMENT_LEAD' && !!v.trustId && scope.trustId === v.trustId) ||
    (v.role === 'EXECUTIVE_HEAD' && !!v.clusterId && scope.clusterId === v.clusterId) ||
    (v.role === 'HEADTEACHER' && !!v.academyId && scope.academyId === v.academyId)
  );
}

export const CAPACITY_FILTER_RULE =
  'minRemainingDays filters on personal data (capacity): give it with trustId of your own trust (IMPROVEMENT_LEAD), clusterId of your own hub (EXECUTIVE_HEAD) or homeAcademyId of your own school (HEADTEACHER)';

export const HUB_CAPACITY_READERS = "ADMIN, the hub's executive head and the improvement lead of the hub's trust";

/**
 * A hub's spare days are a sum of its staff's capacity (personal data). In a small hub, or one
 * where a single supporter has days left, the sum is one person's days, and a caller who knows
 * the hub can watch it move as that person is booked. So only those who may read the capacity
 * of every member of staff it sums see it: the same people as the capacity filter's hub scope.
 */
export function mayReadHubCapacity(v: Viewer, hub: { trustId: string; clusterId: string }): boolean {
  return mayFilterOnCapacity(v, { trustId: hub.trustId, clusterId: hub.clusterId, academyId: null });
}
