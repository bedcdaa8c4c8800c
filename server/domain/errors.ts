// What can go wrong in a request, in the domain's terms. Services throw these (or return
// `Outcome` failures, see services/user-errors.ts, for input problems a client corrects field
// by field); the schema maps them once to GraphQL errors (schema/domain-errors.ts). Nothing
// below the schema knows about GraphQL.

/** A refusal or a problem the caller can act on; anything else is a fault. */
export abstract class DomainError extends Error {
  /** The code a client sees (GraphQL `extensions.code`, or a user error's `code`). */
  abstract readonly code: string;
}

/**
 * No valid credentials were presented. `problem` says what was wrong with them; `reason`
 * (e.g. NOT_ENROLLED) tells clients which refusal this is, beside the message.
 */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(
    readonly problem?: string,
    readonly reason?: string,
  ) {
    super(problem ? `Not authenticated: ${problem}` : 'Not authenticated: send Authorization: Bearer <token>, or sign in');
    this.name = 'UnauthenticatedError';
  }
}

/** The caller is known but may not do this. The message starts "Forbidden: ". */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(readonly reason: string) {
    super(`Forbidden: ${reason}`);
    this.name = 'ForbiddenError';
  }
}

/**
 * An argument of the request (not a mutation's `input`, whose problems are user errors with
 * field paths) is unusable: a page size out of range, a cursor from another list, an ID of
 * the wrong type. `argument` names it.
 */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, readonly argument?: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** The record an argument names does not exist. Answered as bad input naming the argument. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(message: string, readonly argument?: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The record changed meanwhile, or the change collides with another (reload and retry). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(message: string, readonly field: string[] | null = null) {
    super(message);
    this.name = 'ConflictError';
  }
}
