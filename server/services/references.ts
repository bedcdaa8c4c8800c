// Resolving global IDs in mutation input to stored records, with user errors naming the field.
import { decodeIdOfType } from '../auth/global-id';
import type { AcademyScope } from '../auth/policy';
import { stores, type Store } from '../db/store';
import { type UserError, userError } from './user-errors';

export type Resolved<T> = { ok: true; doc: T } | { ok: false; error: UserError };

/** Read from the database (`fresh`): the record found decides the write that follows. */
export async function resolveReference<T>(
  store: Store<T>,
  typename: string,
  globalId: string,
  field: string | string[],
  label = typename,
): Promise<Resolved<T>> {
  const id = decodeIdOfType(globalId, typename);
  if (!id) return { ok: false, error: userError(field, `${pathName(field)} is not a valid ${label} ID`, 'INVALID_ID') };
  const doc = await store.fresh.get(id);
  if (!doc) return { ok: false, error: userError(field, `${pathName(field)}: no ${label} with this ID exists`, 'NOT_FOUND') };
  return { ok: true, doc };
}

function pathName(field: string | string[]): string {
  return Array.isArray(field) ? field.join('.') : field;
}

export interface AcademyScopeSource {
  _id: { toString(): string };
  trustId?: { toString(): string } | null;
  clusterId?: { toString(): string } | null;
}

export function scopeOf(academy: AcademyScopeSource): AcademyScope {
  return {
    academyId: academy._id.toString(),
    trustId: academy.trustId ? academy.trustId.toString() : null,
    clusterId: academy.clusterId ? academy.clusterId.toString() : null,
  };
}

export async function academyScopeById(academyId: string): Promise<AcademyScope | null> {
  const academy = await stores.academies.fresh.get(academyId);
  return academy ? scopeOf(academy) : null;
}
