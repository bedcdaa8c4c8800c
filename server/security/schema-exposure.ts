// Whether the API describes its own schema to callers: introspection (`__schema`, `__type`)
// is refused when GRAPHQL_INTROSPECTION is off (the default in production), so a prober
// cannot list every type and field. Clients are typed against the printed schema.graphql
// instead. `__typename` stays: clients need it to tell union members apart.
// (graphql-js's NoSchemaIntrospectionCustomRule, with an error code and a message that says
// what to use instead.)
import { getNamedType, GraphQLError, isIntrospectionType, type ValidationContext, type ASTVisitor } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

function noIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const type = getNamedType(context.getType());
      if (type && isIntrospectionType(type)) {
        context.reportError(
          new GraphQLError(
            `Introspection is turned off on this server (GRAPHQL_INTROSPECTION): "${node.name.value}" cannot be queried; build clients against the published schema.graphql`,
            { nodes: node, extensions: { code: INTROSPECTION_DISABLED } },
          ),
        );
      }
    },
  };
}

export function introspectionPolicy(allowed: boolean): Plugin[] {
  if (allowed) return [];
  return [{ onValidate: ({ addValidationRule }) => addValidationRule(noIntrospection) }];
}
