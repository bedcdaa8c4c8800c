// One connection type per node type, shared by every field that lists it.
import { builder } from './builder';
import { AcademyRef, ClusterRef, DeploymentRef, DirectoryUserRef, ImprovementNeedRef, StaffMemberRef, TrustRef } from './refs';

const connection = (type: any, noun: string, name: string) =>
  builder.connectionObject(
    { type, name: `${name}Connection`, description: `A page of ${noun}.` },
    { name: `${name}Edge`, description: `One ${name} in a page, with its cursor.` },
  );

export const TrustConnection = connection(TrustRef, 'trusts', 'Trust');
export const AcademyConnection = connection(AcademyRef, 'academies', 'Academy');
export const ClusterConnection = connection(ClusterRef, 'hubs', 'Cluster');
export const StaffMemberConnection = connection(StaffMemberRef, 'staff members', 'StaffMember');
export const ImprovementNeedConnection = connection(ImprovementNeedRef, 'improvement needs', 'ImprovementNeed');
export const DirectoryUserConnection = connection(DirectoryUserRef, 'user directory records', 'DirectoryUser');
export const DeploymentConnection = connection(DeploymentRef, 'deployments', 'Deployment');
