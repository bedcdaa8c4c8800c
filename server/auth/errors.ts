import { GraphQLError } from 'graphql';

/** `reason` (e.g. NOT_ENROLLED) tells clients which refusal this is, beside the message. */
export function unauthenticatedError(problem?: string, reason?: string): GraphQLError {
  return new GraphQLError(problem ? `Not authenticated: ${problem}` : 'Not authenticated: send Authorization: Bearer <token>, or sign in', {
    extensions: { code: 'UNAUTHENTICATED', ...(reason ? { reason } : {}) },
  });
}

export function forbiddenError(message: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${message}`, { extensions: { code: 'FORBIDDEN' } });
}

export function badInputError(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argument: argumentName } : {}) } });
}
