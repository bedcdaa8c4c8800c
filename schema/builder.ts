import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { forbiddenError, unauthenticatedError } from '../server/auth/errors';
import type { Role } from '../server/domain/enums';
import type { GraphQLContext } from './context';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: {
    /** A valid bearer token was presented. */
    authenticated: boolean;
    /** The caller has one of these roles. */
    roles: Role[];
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      authenticated: context.viewer !== null,
      roles: (allowed) => context.viewer !== null && allowed.includes(context.viewer.role),
    }),
    // Without a valid token the refusal is UNAUTHENTICATED; with one, FORBIDDEN.
    unauthorizedError: (_parent, context) =>
      context.viewer ? forbiddenError('your role may not do this') : unauthenticatedError(context.authProblem ?? undefined),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a globally unique, opaque ID; fetch any of them with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits: whether more items come before or after it.' },
    nodeQueryOptions: { description: 'Fetches any object by its global ID; null when no such object exists.' },
    nodesQueryOptions: { description: 'Fetches several objects by their global IDs.' },
  },
});

builder.queryType({ description: 'Read the records, rankings and plans of the school-to-school support service.' });
builder.mutationType({
  description: 'Change the records. Every mutation takes one `input` and answers with a payload holding `userErrors`; nothing is written when there are any.',
});
