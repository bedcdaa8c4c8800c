// Every mutation has the same shape: one required `input`, a payload with userErrors, and a
// signed-in caller (a refusal is FORBIDDEN, an absent token UNAUTHENTICATED). This declares
// one from its parts, so a new mutation is its input type, its payload type and the service
// call (docs/architecture.md, "A new mutation").
import type { InputObjectRef, ObjectRef, SchemaTypes } from '@pothos/core';
import type { Viewer } from '../server/auth/viewer';
import type { Outcome } from '../server/services/user-errors';
import { builder } from './builder';
import { decodeIds, type IdFields } from './ids';
import type { GraphQLContext } from './context';
import { type Payload, toPayload } from './payloads';
import { viewerOf } from './viewer';

interface MutationParts<Types extends SchemaTypes, In, Out> {
  /** What it does and who may do it. */
  description: string;
  input: InputObjectRef<Types, In>;
  inputDescription: string;
  payload: ObjectRef<Types, Out, any>;
  /** The change, for the signed-in caller; input IDs are still global IDs here (decode them with `decodeIds`, ./ids.ts). */
  resolve: (viewer: Viewer, input: In) => Promise<Out>;
}

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

export function inputMutation<In, Out>(name: string, parts: MutationParts<BuilderTypes, In, Out>): void {
  builder.mutationField(name, (t) =>
    t.field({
      type: parts.payload,
      description: parts.description,
      authScopes: { authenticated: true },
      args: { input: t.arg({ type: parts.input, required: true, description: parts.inputDescription }) },
      // Generic over In, Pothos cannot infer the args' shape; `input` is required, so present.
      resolve: ((_root: unknown, args: { input: In }, context: GraphQLContext) => parts.resolve(viewerOf(context), args.input)) as never,
    }),
  );
}

/**
 * The usual resolve: the service's outcome as the payload. `ids` names the input's global-ID
 * fields, decoded here into references (./ids.ts `decodeIds`) before the service sees them.
 */
export function outcomeOf<In extends object, T>(service: (viewer: Viewer, input: In) => Promise<Outcome<T>>, ids: IdFields = {}): (viewer: Viewer, input: In) => Promise<Payload<T>> {
  return async (viewer, input) => toPayload(await service(viewer, decodeIds(input, ids)));
}
