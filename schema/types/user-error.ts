import type { UserError } from '../../server/services/user-errors';
import { builder } from '../builder';

export const UserErrorType = builder.objectRef<UserError>('UserError').implement({
  description: 'A problem with the input of a mutation; when a payload has any, nothing was written.',
  fields: (t) => ({
    field: t.exposeStringList('field', {
      nullable: true,
      description: 'Path to the input field at fault, relative to `input` (e.g. ["expertise", "0", "level"]).',
    }),
    message: t.exposeString('message', { description: 'What is wrong, in words a user can act on.' }),
    code: t.exposeString('code', { description: 'Machine-readable reason, e.g. REQUIRED, INVALID, NOT_FOUND, TAKEN, INSUFFICIENT_CAPACITY.' }),
  }),
});
