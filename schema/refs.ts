// Node refs with their batch loaders, declared apart from their fields so the type modules
// can reference each other without import cycles.
import type { AcademyDoc, ClusterDoc, DeploymentDoc, DirectoryUserDoc, NeedDoc, StaffDoc, SupportOfferDoc, TrustDoc } from '../server/services/read/records';
import { builder } from './builder';
import { loadByIds } from './loaders';

export type TrustShape = TrustDoc;
export type AcademyShape = AcademyDoc;
export type ClusterShape = ClusterDoc;
export type StaffShape = StaffDoc;
export type NeedShape = NeedDoc;
export type DeploymentShape = DeploymentDoc;

/**
 * A record's id for its node's global ID: the ObjectId itself (typed as the string it prints
 * as), so schema/node-ids.ts can remember the encoded global ID with it; anything reading it
 * as a string (the relay plugin's own path) gets the same hex.
 */
const idOf = (doc: { _id: { toString(): string } }) => doc._id as unknown as string;

// No `sort` option on these loaders: loadByIds already answers in the order of the ids asked
// for, and Pothos's re-sorting throws the whole batch away when one id names nothing, which
// failed every record loaded beside an unknown one.

export const TrustRef = builder.loadableNodeRef('Trust', {
  id: { resolve: (doc: TrustShape) => idOf(doc) },
  load: loadByIds<TrustShape>('trusts', 'Trust'),
});

export const AcademyRef = builder.loadableNodeRef('Academy', {
  id: { resolve: (doc: AcademyShape) => idOf(doc) },
  load: loadByIds<AcademyShape>('academies', 'Academy'),
});

export const ClusterRef = builder.loadableNodeRef('Cluster', {
  id: { resolve: (doc: ClusterShape) => idOf(doc) },
  load: loadByIds<ClusterShape>('clusters', 'Cluster'),
});

export const StaffMemberRef = builder.loadableNodeRef('StaffMember', {
  id: { resolve: (doc: StaffShape) => idOf(doc) },
  load: loadByIds<StaffShape>('staff', 'StaffMember'),
});

export const ImprovementNeedRef = builder.loadableNodeRef('ImprovementNeed', {
  id: { resolve: (doc: NeedShape) => idOf(doc) },
  load: loadByIds<NeedShape>('needs', 'ImprovementNeed'),
});

export const DeploymentRef = builder.loadableNodeRef('Deployment', {
  id: { resolve: (doc: DeploymentShape) => idOf(doc) },
  load: loadByIds<DeploymentShape>('deployments', 'Deployment'),
});

export type DirectoryUserShape = DirectoryUserDoc;

export const DirectoryUserRef = builder.loadableNodeRef('DirectoryUser', {
  id: { resolve: (doc: DirectoryUserShape) => idOf(doc) },
  load: loadByIds<DirectoryUserShape>('directoryUsers', 'DirectoryUser'),
});

export type OfferShape = SupportOfferDoc;

export const SupportOfferRef = builder.loadableNodeRef('SupportOffer', {
  id: { resolve: (doc: OfferShape) => idOf(doc) },
  load: loadByIds<OfferShape>('offers', 'SupportOffer'),
});
