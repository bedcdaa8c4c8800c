// The schema boundary for errors: the domain's errors (server/domain/errors.ts), thrown by
// services and by the schema's own argument checks, become GraphQL errors here and nowhere
// else. A Pothos plugin wraps each resolver that has code of its own; an error that is not a
// DomainError passes through untouched (a fault: logged, and masked in production).
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import { DomainError, InvalidInputError, NotFoundError, UnauthenticatedError } from '../server/domain/errors';

/** The GraphQL error a client sees for a domain error. */
export function graphqlErrorOf(error: DomainError): GraphQLError {
  // A missing record named by an argument is bad input naming that argument, as a malformed one is.
  if (error instanceof InvalidInputError || error instanceof NotFoundError) {
    return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', ...(error.argument ? { argument: error.argument } : {}) } });
  }
  if (error instanceof UnauthenticatedError && error.reason) return new GraphQLError(error.message, { extensions: { code: error.code, reason: error.reason } });
  return new GraphQLError(error.message, { extensions: { code: error.code } });
}

function mapped(error: unknown): unknown {
  return error instanceof DomainError ? graphqlErrorOf(error) : error;
}

const rethrow = (error: unknown): never => {
  throw mapped(error);
};

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

export class DomainErrorsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    // Fields that only read a property (`expose*`, or no resolver) cannot throw one.
    if (!fieldConfig.resolve || fieldConfig.extensions?.pothosExposedField) return resolver;
    // Synchronous results stay synchronous: nested objects resolved from memory need no promise.
    return (parent, args, context, info) => {
      try {
        const result = resolver(parent, args, context, info);
        return isThenable(result) ? Promise.resolve(result).then(undefined, rethrow) : result;
      } catch (error) {
        throw mapped(error);
      }
    };
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      domainErrors: DomainErrorsPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list. */
export const DomainErrorsPluginName = 'domainErrors';
SchemaBuilder.registerPlugin(DomainErrorsPluginName, DomainErrorsPlugin);
