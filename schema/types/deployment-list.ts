// The deployments list: `deployments` (filters by trust, hub, school on either side, person,
// need, status, area), and the same list per staff member and per academy. Each caller sees
// only the deployments they may (server/services/deployment-scope.ts). Ordered by how long
// each has waited in its status, so a board can flag the ones waiting longest.
import type { DeploymentStatus } from '../../server/domain/enums';
import type { ExpertiseArea } from '../../server/domain/taxonomy';
import type { DeploymentListFilter } from '../../server/services/deployment-scope';
import { type DeploymentOrder as Order, listDeployments as listVisible } from '../../server/services/read/deployments';
import { builder } from '../builder';
import { DeploymentConnection } from '../connections';
import { type ConnectionArgs, keysetConnection } from '../pagination';
import { AcademyRef, DeploymentRef, type DeploymentShape, StaffMemberRef } from '../refs';
import { viewerOf } from '../viewer';
import type { GraphQLContext } from '../context';
import { filterId } from '../ids';
import { DeploymentStatusEnum, ExpertiseAreaEnum } from './enums';

const DeploymentOrder = builder.enumType('DeploymentOrder', {
  description: 'Orderings of a deployments list.',
  values: {
    WAITING_LONGEST: { value: 'WAITING_LONGEST', description: 'Longest in its current status first (statusSince, oldest first): what has waited longest.' },
    RECENTLY_CHANGED: { value: 'RECENTLY_CHANGED', description: 'Most recent status change first.' },
  } as const,
});

const DeploymentFilter = builder.inputType('DeploymentFilter', {
  description: 'Narrows a list of deployments; all given conditions apply. A school "takes part" on either side: receiving support, or supporting (as a school, or through its staff).',
  fields: (t) => ({
    trustId: t.id({ description: "Only deployments where a school of this trust takes part (the improvement lead's board)." }),
    clusterId: t.id({ description: "Only deployments where a school of this hub takes part (the executive head's view)." }),
    academyId: t.id({ description: 'Only deployments where this school takes part, on either side.' }),
    receivingAcademyId: t.id({ description: 'Only support received by this school.' }),
    supporterAcademyId: t.id({ description: 'Only support given by this school: as a whole, or by its staff.' }),
    staffId: t.id({ description: 'Only deployments of this staff member.' }),
    needId: t.id({ description: 'Only deployments for this need.' }),
    status: t.field({ type: [DeploymentStatusEnum], description: 'Only these statuses (default: all).' }),
    area: t.field({ type: ExpertiseAreaEnum, description: 'Only support in this area.' }),
    schoolYear: t.string({
      description:
        'Only deployments dated in this school year, written "2026/27" (1 September 2026 to 31 August 2027). A deployment is dated by its startDate, or by when it was proposed while it has none.',
    }),
    from: t.field({ type: 'Date', description: 'Only deployments dated on or after this day (startDate, or when proposed while none is set).' }),
    to: t.field({ type: 'Date', description: 'Only deployments dated on or before this day (inclusive).' }),
  }),
});

interface FilterInput {
  trustId?: string | number | null;
  clusterId?: string | number | null;
  academyId?: string | number | null;
  receivingAcademyId?: string | number | null;
  supporterAcademyId?: string | number | null;
  staffId?: string | number | null;
  needId?: string | number | null;
  status?: readonly DeploymentStatus[] | null;
  area?: ExpertiseArea | null;
  schoolYear?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const decode = (value: string | number | null | undefined, typename: string) => filterId(value, typename);

export function decodeFilter(f: FilterInput): DeploymentListFilter {
  return {
    trustId: decode(f.trustId, 'Trust'),
    clusterId: decode(f.clusterId, 'Cluster'),
    academyId: decode(f.academyId, 'Academy'),
    receivingAcademyId: decode(f.receivingAcademyId, 'Academy'),
    supporterAcademyId: decode(f.supporterAcademyId, 'Academy'),
    staffId: decode(f.staffId, 'StaffMember'),
    needId: decode(f.needId, 'ImprovementNeed'),
    status: f.status ?? null,
    area: f.area ?? null,
    schoolYear: f.schoolYear ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
  };
}

function listDeployments(context: GraphQLContext, filter: DeploymentListFilter, order: Order | null | undefined, args: ConnectionArgs) {
  return keysetConnection<DeploymentShape>(listVisible(viewerOf(context), filter, order ?? 'WAITING_LONGEST'), args);
}

const orderArg = (t: any) => t.arg({ type: DeploymentOrder, defaultValue: 'WAITING_LONGEST', description: 'Ordering (default WAITING_LONGEST).' });
const statusArg = (t: any) => t.arg({ type: [DeploymentStatusEnum], description: 'Only these statuses (default: all).' });

builder.queryField('deployments', (t) =>
  t.connection(
    {
      type: DeploymentRef,
      description:
        "Deployments the caller may see, longest waiting in their status first unless orderBy says otherwise. ADMIN sees all; an IMPROVEMENT_LEAD the deployments where a school of their trust takes part; an EXECUTIVE_HEAD those of their hub's schools; a HEADTEACHER their school's (received, and given by the school or its staff); a TEACHER their own. Requires a token.",
      authScopes: { authenticated: true },
      args: {
        filter: t.arg({ type: DeploymentFilter, description: 'Narrows the list.' }),
        orderBy: orderArg(t),
      },
      resolve: (_root, args, context) => listDeployments(context, decodeFilter(args.filter ?? {}), args.orderBy as Order, args),
    },
    DeploymentConnection,
  ),
);

builder.objectField(StaffMemberRef, 'deployments', (t) =>
  t.connection(
    {
      type: DeploymentRef,
      description: 'Their deployments that the caller may see (the person, their headteacher, executive head, improvement lead, ADMIN), longest waiting first.',
      authScopes: { authenticated: true },
      args: { status: statusArg(t), orderBy: orderArg(t) },
      resolve: (staff, args, context) =>
        listDeployments(context, { staffId: staff._id.toString(), status: (args.status ?? null) as DeploymentStatus[] | null }, args.orderBy as Order, args),
    },
    DeploymentConnection,
  ),
);

builder.objectField(AcademyRef, 'incomingDeployments', (t) =>
  t.connection(
    {
      type: DeploymentRef,
      description: 'Support this school receives, as far as the caller may see it, longest waiting first. Requires a token.',
      authScopes: { authenticated: true },
      args: { status: statusArg(t), orderBy: orderArg(t) },
      resolve: (academy, args, context) =>
        listDeployments(context, { receivingAcademyId: academy._id.toString(), status: (args.status ?? null) as DeploymentStatus[] | null }, args.orderBy as Order, args),
    },
    DeploymentConnection,
  ),
);

builder.objectField(AcademyRef, 'outgoingDeployments', (t) =>
  t.connection(
    {
      type: DeploymentRef,
      description: 'Support this school gives, as a whole or through its staff, as far as the caller may see it, longest waiting first. Requires a token.',
      authScopes: { authenticated: true },
      args: { status: statusArg(t), orderBy: orderArg(t) },
      resolve: (academy, args, context) =>
        listDeployments(context, { supporterAcademyId: academy._id.toString(), status: (args.status ?? null) as DeploymentStatus[] | null }, args.orderBy as Order, args),
    },
    DeploymentConnection,
  ),
);
