// Relay connections over the read services' keyset lists: each page is one window of
// `first + 1` records (server/db/store/keyset.ts), so its cost grows with the page size,
// never with the collection.
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { InvalidInputError } from '../server/domain/errors';
import { encodeCursor, type KeysetList } from '../server/services/read/keyset-list';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export function checkPageArgs(args: ConnectionArgs): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 1 || value > MAX_PAGE_SIZE)) {
      throw new InvalidInputError(`Argument "${name}" must be between 1 and ${MAX_PAGE_SIZE} (got ${value})`, name);
    }
  }
}

/** A page of a service's keyset list as a Relay connection (one window fetched per page). */
export async function keysetConnection<T extends { _id: unknown }>(list: KeysetList<T>, args: ConnectionArgs) {
  checkPageArgs(args);
  return resolveCursorConnection(
    {
      args,
      toCursor: (doc: T) => encodeCursor(doc as unknown as Record<string, unknown>, list.sort),
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
    },
    ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) => list.fetch({ before, after, limit, inverted }),
  );
}
