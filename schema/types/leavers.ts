import type { DeploymentLean } from '../../server/services/deployments';
import { type LeaverOutcome, markStaffLeft } from '../../server/services/leavers';
import type { UserError } from '../../server/services/user-errors';
import { builder } from '../builder';
import { DeploymentRef, StaffMemberRef } from '../refs';
import { viewerOf } from '../viewer';
import { decodeIds } from '../ids';
import { UserErrorType } from './user-error';

interface MarkStaffLeftShape {
  result: LeaverOutcome | null;
  userErrors: UserError[];
}

const MarkStaffLeftInput = builder.inputType('MarkStaffLeftInput', {
  description: 'The person who has left.',
  fields: (t) => ({
    staffId: t.id({ required: true, description: 'The staff member who has left their school.' }),
  }),
});

const MarkStaffLeftPayload = builder.objectRef<MarkStaffLeftShape>('MarkStaffLeftPayload').implement({
  description: 'Result of markStaffLeft.',
  fields: (t) => ({
    staffMember: t.field({
      type: StaffMemberRef,
      nullable: true,
      description: 'The person as they now stand (hasLeft true); null when userErrors is not empty.',
      resolve: (p) => p.result?.staff ?? null,
    }),
    releasedDeployments: t.field({
      type: [DeploymentRef],
      description: 'Their PROPOSED deployments, now CANCELLED: the days went back to the needs.',
      resolve: (p) => (p.result?.released ?? []) as DeploymentLean[],
    }),
    deploymentsToRearrange: t.field({
      type: [DeploymentRef],
      description: 'Their AGREED and ACTIVE deployments, left as they are for the lead to re-arrange (cancel, or complete).',
      resolve: (p) => (p.result?.toRearrange ?? []) as DeploymentLean[],
    }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems with the input; when any are present nothing was written.', resolve: (p) => p.userErrors }),
  }),
});

builder.mutationField('markStaffLeft', (t) =>
  t.field({
    type: MarkStaffLeftPayload,
    description:
      "Records that a person has left: they are kept (history refers to them) but never ranked or planned again, and proposeDeployment refuses them (STAFF_LEFT). Their PROPOSED deployments are cancelled, the others listed for re-arranging. ADMIN; IMPROVEMENT_LEAD of their school's trust; HEADTEACHER of their school.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: MarkStaffLeftInput, required: true, description: 'Who has left.' }) },
    resolve: async (_root, { input }, context) => {
      const outcome = await markStaffLeft(viewerOf(context), decodeIds(input, { staffId: 'StaffMember' }));
      return outcome.ok ? { result: outcome.value, userErrors: [] } : { result: null, userErrors: outcome.userErrors };
    },
  }),
);
