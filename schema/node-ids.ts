// The `id` field of every Node type, resolved synchronously and remembered per record.
//
// The relay plugin resolves a node's `id` with an async function (a promise per object, so a
// 50-need page with its academies, hubs and trusts waited on about 250 of them) and encodes it
// afresh each time: the ObjectId to hex, then "Type:hex" to base64. Both were about 7% of the
// page's CPU (BENCHMARKS.md, "Request pipeline (session 6)"). This plugin replaces that
// resolver, for node types whose `id.resolve` (schema/refs.ts) answers synchronously, with
// one that answers the same global ID at once, and remembers it per ObjectId object: the
// in-process copies hand out the same ObjectId with a record for as long as the record is
// unchanged, so the encoding is done once per record, and the memo goes with the ObjectId
// (a WeakMap). The encoding is the relay plugin's own (base64 of "Type:id", as
// server/auth/global-id.ts writes it), checked in tests/unit/schema/node-ids.test.ts.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { encodeGlobalId } from '../server/auth/global-id';

const remembered = new Map<string, WeakMap<object, string>>();

/** The global ID of a node of this type whose id resolver gave `id` (an ObjectId or a string). */
export function nodeGlobalId(typename: string, id: unknown): string {
  if (typeof id !== 'object' || id === null) return encodeGlobalId(typename, String(id));
  let byId = remembered.get(typename);
  if (!byId) remembered.set(typename, (byId = new WeakMap()));
  let globalId = byId.get(id);
  if (globalId === undefined) byId.set(id, (globalId = encodeGlobalId(typename, String(id))));
  return globalId;
}

type IdResolver = (parent: unknown, args: object, context: object, info: unknown) => unknown;

const isThenable = (value: unknown): boolean => value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

export class SyncNodeIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const idField = this.builder.options.relay?.idFieldName ?? 'id';
    if (fieldConfig.name !== idField || fieldConfig.kind !== 'Object') return resolver;
    const typeConfig = this.buildCache.getTypeConfig(fieldConfig.parentType);
    const idOptions = (typeConfig.pothosOptions as { id?: { resolve?: IdResolver } }).id;
    const resolveId = idOptions?.resolve;
    // Only a node type's own id field (the relay plugin's), whose resolver the type declared.
    if (typeConfig.kind !== 'Object' || !resolveId || !typeConfig.interfaces.some((i) => this.buildCache.getTypeConfig(i).name === 'Node')) return resolver;
    const typename = typeConfig.name;
    return (parent, args, context, info) => {
      const id = resolveId(parent, args, context, info);
      // An id that is not at hand yet goes the relay plugin's way.
      if (isThenable(id) || id === null || id === undefined) return resolver(parent, args, context, info);
      return nodeGlobalId(typename, id);
    };
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      syncNodeIds: SyncNodeIdsPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list (after the relay plugin's). */
export const SyncNodeIdsPluginName = 'syncNodeIds';
SchemaBuilder.registerPlugin(SyncNodeIdsPluginName, SyncNodeIdsPlugin);
