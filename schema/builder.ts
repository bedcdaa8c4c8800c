import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { ForbiddenError, UnauthenticatedError } from '../server/domain/errors';
import type { Role } from '../server/domain/enums';
import type { GraphQLContext } from './context';
import { DomainErrorsPluginName, graphqlErrorOf } from './domain-errors';
import { ExposedFieldsPluginName } from './exposed-fields';
import { SyncNodeIdsPluginName } from './node-ids';

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
  // SyncNodeIds late: it wraps nodes' id resolvers first (innermost), replacing the relay
  // plugin's async one (schema/node-ids.ts). ExposedFields last: it sees Pothos's own
  // resolver of an exposed field and leaves it to graphql's default (schema/exposed-fields.ts).
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin, DomainErrorsPluginName, SyncNodeIdsPluginName, ExposedFieldsPluginName],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      authenticated: context.viewer !== null,
      roles: (allowed) => context.viewer !== null && allowed.includes(context.viewer.role),
    }),
    // Without a valid token the refusal is UNAUTHENTICATED; with one, FORBIDDEN.
    unauthorizedError: (_parent, context) =>
      graphqlErrorOf(context.viewer ? new ForbiddenError('your role may not do this') : new UnauthenticatedError(context.authProblem ?? undefined, context.authProblemCode ?? undefined)),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: { description: 'An object with a globally unique, opaque ID; fetch any of them with `node(id:)`.' },
    idFieldOptions: {
      description: 'Globally unique, opaque ID (Relay): pass it to `node(id:)` or to any argument or input field that takes this type. Do not parse it.',
    },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits: whether more items come before or after it.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page (ask again with `after: endCursor`).' },
    hasPreviousPageFieldOptions: { description: 'Whether items come before this page (ask again with `before: startCursor`).' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; null when the page is empty.' },
    // node(id:) and nodes(ids:) are declared in schema/node-query.ts, with the one rule for
    // IDs that name nothing.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    // Connection arguments: keyset pagination over a stable order (see schema/pagination.ts).
    firstArgOptions: { description: 'Page size counting forward from the start (or from `after`): 1-100, default 20.' },
    afterArgOptions: { description: 'Cursor of the item to start after (an `endCursor` or an edge `cursor` from the same list).' },
    lastArgOptions: { description: 'Page size counting backward from the end (or from `before`): 1-100.' },
    beforeArgOptions: { description: 'Cursor of the item to end before (a `startCursor` or an edge `cursor` from the same list).' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor, in the list order.' },
    pageInfoFieldOptions: { description: 'Whether there are more items, and the cursors to fetch them.' },
    cursorFieldOptions: { description: 'Opaque position of this item in the list; pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item.' },
  },
});

builder.queryType({
  description:
    'Read the records, rankings and plans of the school-to-school support service. Schools (`academies`) belong to multi-academy `trusts` and, inside a trust, to hubs (`clusters`) of 3-4 schools around a strong lead school. Schools raise improvement `needs`, listed highest priority first; staff (`staffMembers`) offer expertise and days. `rankCandidates` answers "who should help this school?", `rankNeedsForStaff` answers "where could I help most?", and every score lists the factors it is made of. Fields about named people need a bearer token.',
});
builder.mutationType({
  description: 'Change the records. Every mutation takes one `input` and answers with a payload holding `userErrors`; nothing is written when there are any.',
});
