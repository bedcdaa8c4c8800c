import { GraphQLError } from 'graphql';

export function unauthenticatedError(reason?: string): GraphQLError {
  return new GraphQLError(reason ? `Not authenticated: ${reason}` : 'Not authenticated: send Authorization: Bearer <token>', {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

export function forbiddenError(message: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${message}`, { extensions: { code: 'FORBIDDEN' } });
}

export function badInputError(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argument: argumentName } : {}) } });
}
