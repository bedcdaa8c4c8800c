// Fields that only read the parent's property of the same name (`t.expose*`) are served by
// graphql's default resolution, with no resolver of their own.
//
// Pothos gives an exposed field a resolver, `(parent) => parent[name]`. A field with a resolver
// costs graphql-jit a GraphQLResolveInfo object per value (about a quarter of the nested
// page's garbage: BENCHMARKS.md, issue 20, session 7), and the execution deadline's guard
// wraps it (server/security/execution-timeout.ts). Without one, graphql-jit reads the property
// inline, as it does for any field without a resolver. The answer is the same: the records
// are plain data, and an exposed field named like its property reads that property either
// way. Fields exposing a property of another name keep Pothos's resolver. A property read
// needs no deadline check: the field does no work and starts none.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { defaultFieldResolver, type GraphQLFieldResolver } from 'graphql';

export class ExposedFieldsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const exposed = fieldConfig.extensions?.pothosExposedField;
    if (fieldConfig.kind !== 'Object' || exposed !== fieldConfig.name || fieldConfig.argMappers.length > 0) return resolver;
    return defaultFieldResolver as GraphQLFieldResolver<unknown, Types['Context'], object>;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      exposedFields: ExposedFieldsPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list: last, so it sees Pothos's own resolver. */
export const ExposedFieldsPluginName = 'exposedFields';
SchemaBuilder.registerPlugin(ExposedFieldsPluginName, ExposedFieldsPlugin);
