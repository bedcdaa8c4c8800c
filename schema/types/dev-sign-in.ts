// Development sign-in: list the people of the records by role and sign in as one with a click
// (the web app's sign-in page), through GraphQL like every other client. Outside production
// only: with NODE_ENV=production (or DEV_SIGN_IN=off) both fields refuse with FORBIDDEN.
// Production sign-in is OpenID Connect's job, which replaces this module.
import { ForbiddenError, InvalidInputError } from '../../server/domain/errors';
import { decodeIdOfType, encodeGlobalId } from '../../server/auth/global-id';
import type { Role } from '../../server/domain/enums';
import { scopeTypeOf, signInClaims, signInDirectory, type SignInPerson, type SignInScope } from '../../server/services/sign-in-directory';
import { builder } from '../builder';
import { refOf } from '../ids';
import type { DevTokenMinter, GraphQLContext } from '../context';
import { recordOrId } from '../loaders';
import { AcademyRef, type AcademyShape, ClusterRef, type ClusterShape, TrustRef, type TrustShape } from '../refs';
import { RoleEnum } from './enums';
import { UserErrorType } from './user-error';

const MAX_PEOPLE = 1000;
const DEFAULT_PEOPLE = 300;

function minterOf(context: GraphQLContext): DevTokenMinter {
  if (!context.devSignIn) throw new ForbiddenError('the development sign-in is off here (production, or DEV_SIGN_IN=off); sign in through your organisation');
  return context.devSignIn;
}

const DevSignInPersonType = builder.objectRef<SignInPerson>('DevSignInPerson').implement({
  description: 'Someone to sign in as in development: a role scoped to a trust, hub, school or staff member.',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, description: 'Role of the token a sign-in gives.', resolve: (p) => p.role }),
    name: t.exposeString('name', { description: 'Their name where a staff record names them, else what they are (e.g. "Improvement lead, Cornwall Education Trust").' }),
    label: t.exposeString('label', { description: 'What they are, e.g. "Executive head, Penwith Hub" or "middle leader, Pendeen School".' }),
    scopeId: t.id({
      nullable: true,
      description: 'Pass to `devSignIn` with the role: the Trust (IMPROVEMENT_LEAD), hub (EXECUTIVE_HEAD), Academy (HEADTEACHER) or StaffMember (TEACHER); null for ADMIN.',
      resolve: (p) => (p.scope ? encodeGlobalId(p.scope.typename, p.scope.id) : null),
    }),
    staffMemberId: t.id({ nullable: true, description: 'Their staff record, when there is one.', resolve: (p) => (p.staffId ? encodeGlobalId('StaffMember', p.staffId) : null) }),
    academy: t.field({ type: AcademyRef, nullable: true, description: 'The school they work at or act for.', resolve: (p) => (p.academyId ? recordOrId<AcademyShape>('academies', p.academyId) : null) }),
    cluster: t.field({ type: ClusterRef, nullable: true, description: 'The hub they work in or lead.', resolve: (p) => (p.clusterId ? recordOrId<ClusterShape>('clusters', p.clusterId) : null) }),
    trust: t.field({ type: TrustRef, nullable: true, description: 'The trust they work in or lead.', resolve: (p) => (p.trustId ? recordOrId<TrustShape>('trusts', p.trustId) : null) }),
  }),
});

builder.queryField('devSignInPeople', (t) =>
  t.field({
    type: [DevSignInPersonType],
    description:
      'Development only (FORBIDDEN in production): everyone one can sign in as, in this order: ADMIN; each trust\'s IMPROVEMENT_LEAD; each hub\'s EXECUTIVE_HEAD; each school\'s HEADTEACHER; every other staff member as TEACHER (by school, then name). Needs no token.',
    args: {
      roles: t.arg({ type: [RoleEnum], description: 'Only these roles (default: all).' }),
      academyId: t.arg.id({ description: 'Only the headteacher and staff of this academy.' }),
      first: t.arg.int({ defaultValue: DEFAULT_PEOPLE, description: `At most this many people (1-${MAX_PEOPLE}).` }),
    },
    resolve: async (_root, args, context) => {
      minterOf(context);
      const first = args.first ?? DEFAULT_PEOPLE;
      if (first < 1 || first > MAX_PEOPLE) throw new InvalidInputError(`Argument "first" must be between 1 and ${MAX_PEOPLE} (got ${first})`, 'first');
      let academyId: string | null = null;
      if (args.academyId != null) {
        academyId = decodeIdOfType(String(args.academyId), 'Academy');
        if (!academyId) throw new InvalidInputError('Argument "academyId" is not an Academy ID', 'academyId');
      }
      return signInDirectory({ roles: (args.roles ?? null) as Role[] | null, academyId }, first);
    },
  }),
);

interface DevSignInResult {
  token: string | null;
  expiresAt: Date | null;
  role: Role | null;
  userErrors: { field: string[] | null; message: string; code: string }[];
}

const DevSignInPayload = builder.objectRef<DevSignInResult>('DevSignInPayload').implement({
  description: 'Result of devSignIn: a bearer token, or userErrors.',
  fields: (t) => ({
    token: t.string({ nullable: true, description: 'Bearer token (HS256) to send as `Authorization: Bearer <token>`; null when userErrors is not empty.', resolve: (r) => r.token }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When the token stops working; sign in again after it.', resolve: (r) => r.expiresAt }),
    role: t.field({ type: RoleEnum, nullable: true, description: 'Role the token carries.', resolve: (r) => r.role }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems with the input; when any are present no token was made.', resolve: (r) => r.userErrors }),
  }),
});

const DevSignInInput = builder.inputType('DevSignInInput', {
  description: 'Whom to sign in as: a role and the record it acts for (a `DevSignInPerson`’s role and scopeId).',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: true, description: 'Role to sign in with.' }),
    scopeId: t.id({ description: 'The Trust (IMPROVEMENT_LEAD), hub (EXECUTIVE_HEAD), Academy (HEADTEACHER) or StaffMember (TEACHER); omitted for ADMIN.' }),
  }),
});

builder.mutationField('devSignIn', (t) =>
  t.field({
    type: DevSignInPayload,
    description:
      'Development only (FORBIDDEN in production): signs in as the person `devSignInPeople` lists, answering a bearer token scoped like theirs (12 hours). Writes nothing. Needs no token.',
    args: { input: t.arg({ type: DevSignInInput, required: true, description: 'The role and the record it acts for.' }) },
    resolve: async (_root, { input }, context) => {
      const mint = minterOf(context);
      const role = input.role as Role;
      // The scope's type follows the role; an empty scopeId counts as not given.
      const scopeId = input.scopeId == null ? '' : String(input.scopeId);
      const type = scopeTypeOf(role);
      const scope: SignInScope = scopeId ? { given: true, ref: type ? refOf(scopeId, type, 'scopeId') : null } : { given: false };
      const claims = await signInClaims(role, scope);
      if (!claims.ok) return { token: null, expiresAt: null, role: null, userErrors: claims.userErrors };
      const { token, expiresAt } = await mint(claims.value);
      return { token, expiresAt, role: claims.value.role, userErrors: [] };
    },
  }),
);
