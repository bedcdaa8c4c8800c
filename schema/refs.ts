// Node refs with their batch loaders, declared apart from their fields so the type modules
// can reference each other without import cycles.
import { Academy, type AcademyRecord } from '../server/models/academy';
import { Cluster, type ClusterRecord } from '../server/models/cluster';
import { Deployment, type DeploymentRecord } from '../server/models/deployment';
import { ImprovementNeed, type ImprovementNeedRecord } from '../server/models/improvement-need';
import { StaffMember, type StaffMemberRecord } from '../server/models/staff-member';
import { Trust, type TrustRecord } from '../server/models/trust';
import type { LeanDoc } from '../server/models/lean';
import { builder } from './builder';
import { loadByIds } from './loaders';

export type TrustShape = LeanDoc<TrustRecord>;
export type AcademyShape = LeanDoc<AcademyRecord>;
export type ClusterShape = LeanDoc<ClusterRecord>;
export type StaffShape = LeanDoc<StaffMemberRecord>;
export type NeedShape = LeanDoc<ImprovementNeedRecord>;
export type DeploymentShape = LeanDoc<DeploymentRecord>;

const idOf = (doc: { _id: { toString(): string } }) => doc._id.toString();

// No `sort` option on these loaders: loadByIds already answers in the order of the ids asked
// for, and Pothos's re-sorting throws the whole batch away when one id names nothing, which
// failed every record loaded beside an unknown one.

export const TrustRef = builder.loadableNodeRef('Trust', {
  id: { resolve: (doc: TrustShape) => idOf(doc) },
  load: loadByIds<TrustShape>(Trust, 'Trust'),
});

export const AcademyRef = builder.loadableNodeRef('Academy', {
  id: { resolve: (doc: AcademyShape) => idOf(doc) },
  load: loadByIds<AcademyShape>(Academy, 'Academy'),
});

export const ClusterRef = builder.loadableNodeRef('Cluster', {
  id: { resolve: (doc: ClusterShape) => idOf(doc) },
  load: loadByIds<ClusterShape>(Cluster, 'Cluster'),
});

export const StaffMemberRef = builder.loadableNodeRef('StaffMember', {
  id: { resolve: (doc: StaffShape) => idOf(doc) },
  load: loadByIds<StaffShape>(StaffMember, 'StaffMember'),
});

export const ImprovementNeedRef = builder.loadableNodeRef('ImprovementNeed', {
  id: { resolve: (doc: NeedShape) => idOf(doc) },
  load: loadByIds<NeedShape>(ImprovementNeed, 'ImprovementNeed'),
});

export const DeploymentRef = builder.loadableNodeRef('Deployment', {
  id: { resolve: (doc: DeploymentShape) => idOf(doc) },
  load: loadByIds<DeploymentShape>(Deployment, 'Deployment'),
});
