// Mutation payloads: the changed object (null when nothing was written) and userErrors.
import type { ObjectRef } from '@pothos/core';
import type { Outcome, UserError } from '../server/services/user-errors';
import { builder } from './builder';
import { UserErrorType } from './types/user-error';

export interface Payload<T> {
  value: T | null;
  userErrors: UserError[];
  warnings: string[];
}

export function toPayload<T>(outcome: Outcome<T>, warnings: string[] = []): Payload<T> {
  return outcome.ok ? { value: outcome.value, userErrors: [], warnings } : { value: null, userErrors: outcome.userErrors, warnings: [] };
}

export function payloadType<T>(name: string, fieldName: string, type: ObjectRef<any, T>, description: string, withWarnings = false) {
  return builder.objectRef<Payload<T>>(name).implement({
    description,
    fields: (t) => ({
      [fieldName]: t.field({
        type,
        nullable: true,
        description: 'The object as it now stands; null when userErrors is not empty.',
        resolve: (payload) => payload.value as never,
      }),
      userErrors: t.field({
        type: [UserErrorType],
        description: 'Problems with the input; when any are present nothing was written.',
        resolve: (payload) => payload.userErrors,
      }),
      ...(withWarnings
        ? {
            warnings: t.stringList({
              description: 'Things worth knowing that did not stop the change (e.g. a hub outside the 3-4 academy norm).',
              resolve: (payload) => payload.warnings,
            }),
          }
        : {}),
    }),
  });
}
