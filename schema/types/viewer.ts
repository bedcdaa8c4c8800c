// `viewer`: who the bearer token says the caller is, so a client can greet them and pick
// their home screen without decoding the token itself.
import { Academy } from '../../server/models/academy';
import { Cluster } from '../../server/models/cluster';
import { StaffMember } from '../../server/models/staff-member';
import { Trust } from '../../server/models/trust';
import { unauthenticatedError } from '../../server/auth/errors';
import type { Viewer } from '../../server/auth/viewer';
import { builder } from '../builder';
import { recordOrId } from '../loaders';
import { AcademyRef, type AcademyShape, ClusterRef, type ClusterShape, StaffMemberRef, type StaffShape, TrustRef, type TrustShape } from '../refs';
import { RoleEnum } from './enums';

const ViewerType = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in caller: their role and the records it is scoped to.',
  fields: (t) => ({
    sub: t.exposeString('sub', { description: 'Token subject: who is signed in.' }),
    role: t.field({ type: RoleEnum, description: 'Role the token carries.', resolve: (v) => v.role }),
    staffMember: t.field({
      type: StaffMemberRef,
      nullable: true,
      description: 'Their own staff record (teachers, headteachers and executive heads on record).',
      resolve: (v) => (v.staffId ? recordOrId<StaffShape>(StaffMember, v.staffId) : null),
    }),
    academy: t.field({ type: AcademyRef, nullable: true, description: 'The school they act for (headteachers; teachers: their home school).', resolve: (v) => (v.academyId ? recordOrId<AcademyShape>(Academy, v.academyId) : null) }),
    cluster: t.field({ type: ClusterRef, nullable: true, description: 'The hub they lead (executive heads).', resolve: (v) => (v.clusterId ? recordOrId<ClusterShape>(Cluster, v.clusterId) : null) }),
    trust: t.field({ type: TrustRef, nullable: true, description: 'The trust they act for (improvement leads, and others within a trust).', resolve: (v) => (v.trustId ? recordOrId<TrustShape>(Trust, v.trustId) : null) }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerType,
    nullable: true,
    description:
      'The signed-in caller; null without a token. A token that was sent but is expired or invalid is an UNAUTHENTICATED error saying why, so a client can tell "signed out" from "sign in again".',
    resolve: (_root, _args, context) => {
      if (context.authProblem) throw unauthenticatedError(context.authProblem);
      return context.viewer;
    },
  }),
);
