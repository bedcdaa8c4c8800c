// The user directory (who may sign in with the OpenID Connect issuer, as which role and with
// which scopes) and `viewer` (who is calling). Managed by ADMIN, and by an improvement lead for
// their own trust; server/services/directory.ts holds the rules.
import { RoleEnum } from './enums';
import { directoryPolicy } from '../../server/auth/policy';
import { listDirectoryUsers } from '../../server/services/read/directory';
import { enrolUser, removeDirectoryUser, updateDirectoryUser } from '../../server/services/directory';
import type { Viewer } from '../../server/auth/viewer';
import { builder } from '../builder';
import { DirectoryUserConnection } from '../connections';
import { recordOrId } from '../loaders';
import { decodeIds, filterId } from '../ids';
import { keysetConnection } from '../pagination';
import { payloadType, toPayload } from '../payloads';
import {
  AcademyRef,
  type AcademyShape,
  ClusterRef,
  type ClusterShape,
  DirectoryUserRef,
  type DirectoryUserShape,
  StaffMemberRef,
  type StaffShape,
  TrustRef,
  type TrustShape,
} from '../refs';
import { viewerOf } from '../viewer';
import { UserErrorType } from './user-error';
import { encodeGlobalId } from '../../server/auth/global-id';
import type { UserError } from '../../server/services/user-errors';


const SignInMethodEnum = builder.enumType('SignInMethod', {
  description: 'How a caller proved who they are.',
  values: {
    SERVICE_TOKEN: { value: 'SERVICE_TOKEN', description: "A bearer token signed with the service's own secret (scripts, service accounts, development); its claims are its scopes." },
    OIDC_BEARER: { value: 'OIDC_BEARER', description: "A bearer token from the OpenID Connect issuer; role and scopes come from the user directory." },
    OIDC_SESSION: { value: 'OIDC_SESSION', description: "The web app's session cookie after signing in with the issuer; role and scopes come from the user directory." },
  },
});

const scopeFields = <T extends { trustId?: unknown; clusterId?: unknown; academyId?: unknown; staffId?: unknown }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<any>, T>,
  whose: string,
) => {
  const id = (value: unknown) => (value ? String(value) : null);
  return {
    trust: t.field({ type: TrustRef, nullable: true, description: `The trust ${whose} belongs to, if any.`, resolve: (r: T) => (id(r.trustId) ? recordOrId<TrustShape>('trusts', id(r.trustId)!) : null) }),
    cluster: t.field({ type: ClusterRef, nullable: true, description: `The hub ${whose} works in, if any.`, resolve: (r: T) => (id(r.clusterId) ? recordOrId<ClusterShape>('clusters', id(r.clusterId)!) : null) }),
    academy: t.field({ type: AcademyRef, nullable: true, description: `The school ${whose} works at, if any.`, resolve: (r: T) => (id(r.academyId) ? recordOrId<AcademyShape>('academies', id(r.academyId)!) : null) }),
    staffMember: t.field({ type: StaffMemberRef, nullable: true, description: `The staff record of ${whose}, if any.`, resolve: (r: T) => (id(r.staffId) ? recordOrId<StaffShape>('staff', id(r.staffId)!) : null) }),
  };
};

DirectoryUserRef.implement({
  description:
    'A person who may sign in with the OpenID Connect issuer, and the role and scopes they get here. Readable by ADMIN, by the improvement lead of its trust, and by the person themself.',
  authScopes: (record, context) =>
    !!context.viewer &&
    (directoryPolicy.manageRecordOf(context.viewer, record.trustId?.toString() ?? null, record.role) || context.viewer.directoryUserId === record._id.toString()),
  fields: (t) => ({
    email: t.exposeString('email', { description: 'Work email address; a sign-in with this verified address matches the record while it records no subject.' }),
    subject: t.string({ nullable: true, description: "The identity provider's subject (`sub`) for this person, when recorded; a recorded subject must match at sign-in.", resolve: (r) => r.subject ?? null }),
    name: t.string({ nullable: true, description: 'Display name, when recorded.', resolve: (r) => r.name ?? null }),
    role: t.field({ type: RoleEnum, description: 'Role given at sign-in.', resolve: (r) => r.role as Viewer['role'] }),
    ...scopeFields(t, 'this person'),
  }),
});

const ViewerType = builder.objectRef<Viewer>('Viewer').implement({
  description: 'Who is calling and what their role and scopes are. For people signed in with the issuer these come from the user directory.',
  fields: (t) => ({
    subject: t.string({ description: "The caller's subject: the token's `sub`, or the identity provider's for people who signed in.", resolve: (v) => v.sub }),
    role: t.field({ type: RoleEnum, description: 'Role.', resolve: (v) => v.role }),
    signedInWith: t.field({ type: SignInMethodEnum, description: 'How the caller proved who they are.', resolve: (v) => v.signedInWith ?? 'SERVICE_TOKEN' }),
    directoryUser: t.field({
      type: DirectoryUserRef,
      nullable: true,
      description: 'Their own user directory record; null for service tokens.',
      resolve: (v) => v.directoryUserId ?? null,
    }),
    ...scopeFields(t, 'the caller'),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerType,
    nullable: true,
    description:
      'Who is calling: null when no token or session was sent. A token or session that is not valid (expired, or a person not enrolled in the user directory: `extensions.reason` NOT_ENROLLED) is an UNAUTHENTICATED error.',
    resolve: (_root, _args, context) => {
      if (context.authProblem) return viewerOf(context);
      return context.viewer;
    },
  }),
);

const DirectoryUserFilter = builder.inputType('DirectoryUserFilter', {
  description: 'Narrows the user directory.',
  fields: (t) => ({
    trustId: t.id({ description: "Only this trust's records (an improvement lead sees their own trust's only, whatever this says)." }),
    emailContains: t.string({ description: 'Case-insensitive part of the email address.' }),
  }),
});

builder.queryField('directoryUsers', (t) =>
  t.connection({
    type: DirectoryUserRef,
    description: "The user directory, by email: every record for ADMIN, their own trust's for an improvement lead.",
    authScopes: { authenticated: true },
    args: { filter: t.arg({ type: DirectoryUserFilter, description: 'Narrows the list.' }) },
    resolve: (_root, args, context) => {
      // An empty trustId is as good as none (as before IDs were decoded here).
      const trustId = args.filter?.trustId ? filterId(args.filter.trustId, 'Trust') : null;
      return keysetConnection<DirectoryUserShape>(listDirectoryUsers(viewerOf(context), { trustId, emailContains: args.filter?.emailContains }), args);
    },
  }, DirectoryUserConnection),
);

const recordFields = (t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<any>, 'InputObject'>) => ({
  email: t.string({ required: true, description: 'Work email address, unique in the directory regardless of case.' }),
  subject: t.string({ description: "The identity provider's subject (`sub`, for Entra ID the object id `oid` is not it: use `sub`). When given, only that subject matches; otherwise a verified email does." }),
  name: t.string({ description: 'Display name.' }),
  role: t.field({ type: RoleEnum, required: true, description: 'Role given at sign-in.' }),
  trustId: t.id({ description: 'Trust: required for IMPROVEMENT_LEAD; otherwise follows from the hub, school or staff record.' }),
  clusterId: t.id({ description: 'Hub: required for EXECUTIVE_HEAD.' }),
  academyId: t.id({ description: "School: required for HEADTEACHER (or given through staffMemberId)." }),
  staffMemberId: t.id({ description: 'Their own staff record: required for TEACHER, optional for other roles.' }),
});

const EnrolUserInput = builder.inputType('EnrolUserInput', {
  description: 'A person to let sign in, with their role and scopes.',
  fields: (t) => recordFields(t),
});
const UpdateDirectoryUserInput = builder.inputType('UpdateDirectoryUserInput', {
  description: 'A directory record as it should now be (every field is replaced).',
  fields: (t) => ({ id: t.id({ required: true, description: 'The record to change.' }), ...recordFields(t) }),
});
const RemoveDirectoryUserInput = builder.inputType('RemoveDirectoryUserInput', {
  description: 'A directory record to remove.',
  fields: (t) => ({ id: t.id({ required: true, description: 'The record to remove.' }) }),
});

const EnrolUserPayload = payloadType('EnrolUserPayload', 'directoryUser', DirectoryUserRef, 'Result of enrolUser.');
const UpdateDirectoryUserPayload = payloadType('UpdateDirectoryUserPayload', 'directoryUser', DirectoryUserRef, 'Result of updateDirectoryUser.');
const RemoveDirectoryUserPayload = builder.objectRef<{ removedId: string | null; userErrors: UserError[] }>('RemoveDirectoryUserPayload');

/** A directory record's scopes, named by global ID in enrolUser's and updateDirectoryUser's input. */
const RECORD_IDS = { trustId: 'Trust', clusterId: 'Cluster', academyId: 'Academy', staffMemberId: 'StaffMember' };
const DIRECTORY_RECORD = { type: 'DirectoryUser', label: 'directory record' };

builder.mutationField('enrolUser', (t) =>
  t.field({
    type: EnrolUserPayload,
    description: "Adds a person to the user directory so they can sign in. ADMIN, or an improvement lead for their own trust (any role but ADMIN). Audited.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: EnrolUserInput, required: true, description: 'The person and their role.' }) },
    resolve: async (_root, { input }, context) => toPayload(await enrolUser(viewerOf(context), decodeIds(input, RECORD_IDS))),
  }),
);

builder.mutationField('updateDirectoryUser', (t) =>
  t.field({
    type: UpdateDirectoryUserPayload,
    description: "Changes a directory record (role, scopes, email, subject). Takes effect on the person's next request. Same rights as enrolUser, for the record before and after. Audited.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: UpdateDirectoryUserInput, required: true, description: 'The record as it should now be.' }) },
    resolve: async (_root, { input }, context) => toPayload(await updateDirectoryUser(viewerOf(context), decodeIds({ ...input, id: String(input.id) }, { id: DIRECTORY_RECORD, ...RECORD_IDS }))),
  }),
);

RemoveDirectoryUserPayload.implement({
  description: 'Result of removeDirectoryUser.',
  fields: (t) => ({
    removedId: t.id({ nullable: true, description: 'Global ID of the removed record; null when userErrors is not empty.', resolve: (p) => p.removedId }),
    userErrors: t.field({ type: [UserErrorType], description: 'Problems with the input; when any are present nothing was written.', resolve: (p) => p.userErrors }),
  }),
});

builder.mutationField('removeDirectoryUser', (t) =>
  t.field({
    type: RemoveDirectoryUserPayload,
    description: 'Removes a person from the user directory: they can no longer sign in, and their open sessions stop working at once. Same rights as enrolUser. Audited.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: RemoveDirectoryUserInput, required: true, description: 'The record to remove.' }) },
    resolve: async (_root, { input }, context) => {
      const outcome = await removeDirectoryUser(viewerOf(context), decodeIds({ id: String(input.id) }, { id: DIRECTORY_RECORD }));
      return outcome.ok
        ? { removedId: encodeGlobalId('DirectoryUser', outcome.value._id), userErrors: [] }
        : { removedId: null, userErrors: outcome.userErrors };
    },
  }),
);
