// Applies the personal-data rules (server/auth/personal-data.ts) to GraphQL fields: loads the
// facts a rule needs (a school's trust and hub, where the caller works, who supports a need)
// once per request, batched, and answers a refusal the same way everywhere: the field is
// null with a FORBIDDEN error on its path naming who may read it (UNAUTHENTICATED without a
// valid token), so the rest of the answer — a ranking across trusts, a list of staff — still
// arrives. Fields and lists use the helpers here; none repeats a rule.
import { ForbiddenError, UnauthenticatedError } from '../server/domain/errors';
import {
  DEPLOYMENT_READERS,
  type DeploymentFacts,
  HUB_CAPACITY_READERS,
  mayReadHubCapacity,
  isSupporterOf,
  mayReadDeployment,
  mayReadNeedDescription,
  mayReadPersonalData,
  NEED_DESCRIPTION_READERS,
  PERSONAL_DATA_READERS,
  type ViewerPlace,
} from '../server/auth/personal-data';
import { type AcademyScope, directoryPolicy } from '../server/auth/policy';
import type { Viewer } from '../server/auth/viewer';
import { deploymentsOfNeeds } from '../server/services/read/needs';
import { mayReadOffer, OFFER_READERS } from '../server/services/read/offers';
import { scopeOf } from '../server/services/references';
import type { GraphQLContext } from './context';
import { graphqlErrorOf } from './domain-errors';
import { perRequest, RecordNotFoundError } from './loaders';
import {
  AcademyRef,
  type AcademyShape,
  ClusterRef,
  DeploymentRef,
  type DeploymentShape,
  DirectoryUserRef,
  type DirectoryUserShape,
  ImprovementNeedRef,
  type NeedShape,
  type OfferShape,
  StaffMemberRef,
  type StaffShape,
  TrustRef,
} from './refs';

/** Deployments past agreement: their supporters may read the need's description. */
const AGREED_OR_LATER = new Set(['AGREED', 'ACTIVE', 'COMPLETED']);
const deploymentsOfNeed = perRequest(deploymentsOfNeeds);

/**
 * A field's refusal, built without a stack trace: a page of staff across trusts refuses
 * hundreds of fields, and capturing and source-mapping a stack for each was most of the
 * request's time (a 100-person page: 180 ms instead of 10). A refusal is an expected
 * answer, not a fault to debug, so the stack says nothing anyway.
 */
function refusal(message: string) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return graphqlErrorOf(new ForbiddenError(message));
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function callerOf(context: GraphQLContext): Viewer {
  if (!context.viewer) throw new UnauthenticatedError(context.authProblem ?? undefined, context.authProblemCode ?? undefined);
  return context.viewer;
}

async function academyScope(context: GraphQLContext, academyId: { toString(): string } | null | undefined): Promise<AcademyScope | null> {
  if (!academyId) return null;
  try {
    return scopeOf((await AcademyRef.getDataloader(context).load(academyId.toString())) as AcademyShape);
  } catch (error) {
    if (error instanceof RecordNotFoundError) return null;
    throw error;
  }
}

const places = new WeakMap<object, Promise<ViewerPlace>>();

/** The caller's trust and school: from their scopes, else from their hub, school or staff record. */
export function viewerPlace(context: GraphQLContext, v: Viewer): Promise<ViewerPlace> {
  let place = places.get(context);
  if (!place) {
    place = (async () => {
      let academyId = v.academyId;
      if (!academyId && v.staffId) {
        const staff = (await StaffMemberRef.getDataloader(context).load(v.staffId).catch(() => null)) as StaffShape | null;
        academyId = staff?.homeAcademyId.toString() ?? null;
      }
      let trustId = v.trustId ?? (await academyScope(context, academyId))?.trustId ?? null;
      if (!trustId && v.clusterId) {
        const cluster = (await ClusterRef.getDataloader(context).load(v.clusterId).catch(() => null)) as { trustId?: unknown } | null;
        trustId = cluster?.trustId ? String(cluster.trustId) : null;
      }
      return { trustId, academyId };
    })();
    places.set(context, place);
  }
  return place;
}

export async function mayReadPersonalDataOf(context: GraphQLContext, staff: StaffShape): Promise<boolean> {
  const v = callerOf(context);
  return mayReadPersonalData(v, staff._id.toString(), await academyScope(context, staff.homeAcademyId));
}

export async function assertMayReadPersonalDataOf(context: GraphQLContext, staff: StaffShape, what: string): Promise<void> {
  if (!(await mayReadPersonalDataOf(context, staff))) {
    throw refusal(`${what} is personal data, readable only by ${PERSONAL_DATA_READERS}`);
  }
}

/** A resolver for a personal field of a staff member: its value, or the refusal. */
export function personalField<T>(read: (staff: StaffShape) => T) {
  return async (staff: StaffShape, _args: unknown, context: GraphQLContext, info: { fieldName: string }): Promise<T> => {
    await assertMayReadPersonalDataOf(context, staff, `StaffMember.${info.fieldName}`);
    return read(staff);
  };
}

/** Cluster.spareCapacityDays: the figure, or UNAUTHENTICATED / FORBIDDEN naming who may read it. */
export function assertMayReadHubCapacity(context: GraphQLContext, hub: { _id: { toString(): string }; trustId: { toString(): string } }): void {
  const v = callerOf(context);
  if (!mayReadHubCapacity(v, { trustId: hub.trustId.toString(), clusterId: hub._id.toString() })) {
    throw refusal(`Cluster.spareCapacityDays sums the capacity (personal data) of the hub's staff, readable only by ${HUB_CAPACITY_READERS}`);
  }
}

export async function needDescriptionFor(context: GraphQLContext, need: NeedShape): Promise<string> {
  const v = context.viewer;
  if (!v) throw new UnauthenticatedError(`a need's description is readable only by ${NEED_DESCRIPTION_READERS}`);
  if (!(await mayReadNeedDescriptionOf(context, v, need))) throw refusal(`a need's description is readable only by ${NEED_DESCRIPTION_READERS}`);
  return need.description;
}

export async function mayReadNeedDescriptionOf(context: GraphQLContext, v: Viewer, need: NeedShape): Promise<boolean> {
  const at = await academyScope(context, need.academyId);
  if (!at) return v.role === 'ADMIN';
  const deployments = await deploymentsOfNeed(context).load(need._id.toString());
  const agreedSupporter = deployments.some((d) => AGREED_OR_LATER.has(d.status) && isSupporterOf(v, supporterIds(d)));
  return mayReadNeedDescription(v, await viewerPlace(context, v), at, agreedSupporter);
}

function supporterIds(d: DeploymentShape) {
  return { staffId: d.staffId?.toString() ?? null, supportingAcademyId: d.supportingAcademyId?.toString() ?? null };
}

async function deploymentFacts(context: GraphQLContext, d: DeploymentShape): Promise<DeploymentFacts> {
  const ids = supporterIds(d);
  let homeId: { toString(): string } | null = ids.supportingAcademyId;
  if (ids.staffId) {
    const staff = (await StaffMemberRef.getDataloader(context).load(ids.staffId).catch(() => null)) as StaffShape | null;
    homeId = staff?.homeAcademyId ?? null;
  }
  const receiving = (await academyScope(context, d.receivingAcademyId)) ?? { academyId: d.receivingAcademyId.toString(), trustId: null, clusterId: null };
  return { ...ids, receiving, supporterHome: await academyScope(context, homeId) };
}

export async function mayReadDeploymentOf(context: GraphQLContext, d: DeploymentShape): Promise<boolean> {
  return !!context.viewer && mayReadDeployment(context.viewer, await deploymentFacts(context, d));
}

export async function assertMayReadDeployment(context: GraphQLContext, d: DeploymentShape): Promise<void> {
  callerOf(context);
  if (!(await mayReadDeploymentOf(context, d))) throw refusal(`a deployment is part of its supporter's history, readable only by ${DEPLOYMENT_READERS}`);
}

export async function mayReadOfferOf(context: GraphQLContext, offer: OfferShape): Promise<boolean> {
  return !!context.viewer && mayReadOffer(context.viewer, offer, await academyScope(context, offer.receivingAcademyId));
}

export async function assertMayReadOffer(context: GraphQLContext, offer: OfferShape): Promise<void> {
  callerOf(context);
  if (!(await mayReadOfferOf(context, offer))) throw refusal(`an offer of help is readable only by ${OFFER_READERS}`);
}

/** The offers of a list the caller may read, in the list's order. */
export async function readableOffers(context: GraphQLContext, offers: OfferShape[]): Promise<OfferShape[]> {
  const readable = await Promise.all(offers.map((o) => mayReadOfferOf(context, o)));
  return offers.filter((_o, i) => readable[i]);
}

/** The deployments of a list the caller may read, in the list's order. */
export async function readableDeployments(context: GraphQLContext, deployments: DeploymentShape[]): Promise<DeploymentShape[]> {
  const readable = await Promise.all(deployments.map((d) => mayReadDeploymentOf(context, d)));
  return deployments.filter((_d, i) => readable[i]);
}

const HISTORY_READERS: Record<string, string> = {
  StaffMember: PERSONAL_DATA_READERS,
  DirectoryUser: 'ADMIN, the improvement lead of its trust and the person themself',
  Deployment: DEPLOYMENT_READERS,
  ImprovementNeed: NEED_DESCRIPTION_READERS,
};
const INSIDE_TRUST = 'ADMIN and people of its trust (of the school itself when it is in no trust)';

/**
 * Whether the caller may read the audit trail of a record: entries repeat the record's
 * values (emails, dates, descriptions), so it is readable by exactly those who may read
 * the record's personal data. Hubs, schools and trusts: inside their trust. ADMIN reads
 * every trail, removed records' included; for anyone else a record that does not exist has
 * an empty trail (false).
 */
export async function assertMayReadHistory(context: GraphQLContext, typename: string, id: string): Promise<boolean> {
  const v = callerOf(context);
  if (v.role === 'ADMIN') return true;
  // A record that no longer exists (a removed directory record): its trail is ADMIN's to read.
  const record = await loadRecord(context, typename, id);
  if (!record) return false;
  let allowed: boolean;
  switch (typename) {
    case 'StaffMember':
      allowed = await mayReadPersonalDataOf(context, record as StaffShape);
      break;
    case 'Deployment':
      allowed = await mayReadDeploymentOf(context, record as DeploymentShape);
      break;
    case 'ImprovementNeed':
      allowed = await mayReadNeedDescriptionOf(context, v, record as NeedShape);
      break;
    case 'DirectoryUser': {
      const r = record as DirectoryUserShape;
      allowed = directoryPolicy.manageRecordOf(v, r.trustId?.toString() ?? null, r.role) || v.directoryUserId === id;
      break;
    }
    default: {
      const place = await viewerPlace(context, v);
      const trustId = typename === 'Trust' ? id : String((record as { trustId?: unknown }).trustId ?? '') || null;
      allowed = trustId ? place.trustId === trustId : place.academyId === id;
    }
  }
  if (!allowed) throw new ForbiddenError(`the history of a ${typename} is readable only by ${HISTORY_READERS[typename] ?? INSIDE_TRUST}`);
  return true;
}

const REFS: Record<string, { getDataloader(context: object): { load(id: string): Promise<unknown> } }> = {
  StaffMember: StaffMemberRef,
  Deployment: DeploymentRef,
  ImprovementNeed: ImprovementNeedRef,
  DirectoryUser: DirectoryUserRef,
  Academy: AcademyRef,
  Cluster: ClusterRef,
  Trust: TrustRef,
};

async function loadRecord(context: GraphQLContext, typename: string, id: string): Promise<object | null> {
  const ref = REFS[typename];
  if (!ref) return null;
  try {
    return (await ref.getDataloader(context).load(id)) as object;
  } catch (error) {
    if (error instanceof RecordNotFoundError) return null;
    throw error;
  }
}
