// Reads of the user directory: the list a manager may see, by email.
import type { Viewer } from '../../auth/viewer';
import { type DirectoryUserDoc, stores } from '../../db/store';
import { directoryListFilter } from '../directory';
import { containsPattern } from './filters';
import type { KeysetList } from './keyset-list';

export interface DirectoryListFilter {
  /** A raw id (decoded at the schema boundary); one that names nothing matches nothing. */
  trustId?: string | null;
  emailContains?: string | null;
}

const BY_EMAIL = [{ field: 'emailKey', direction: 1, kind: 'string' }] as const;

/** Directory records by email: every record for ADMIN, their own trust's for an improvement lead (FORBIDDEN otherwise). */
export function listDirectoryUsers(viewer: Viewer, f: DirectoryListFilter): KeysetList<DirectoryUserDoc> {
  const filter = directoryListFilter(viewer, f.trustId);
  if (f.emailContains) filter.emailKey = containsPattern(f.emailContains.toLowerCase());
  return { sort: BY_EMAIL, fetch: (window) => stores.directoryUsers.list(filter, BY_EMAIL, window) };
}
