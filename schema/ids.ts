// Global IDs are decoded here, at the schema boundary; services take raw ids.
import { decodeIdOfType } from '../server/auth/global-id';
import { NAMES_NOTHING } from '../server/domain/ids';

/**
 * The raw id for a filter field: null when not given, NAMES_NOTHING when the value is not a
 * global ID of this type (the filter then matches nothing, as a filter on a missing record does).
 */
export function filterId(globalId: string | number | null | undefined, typename: string): string | null {
  if (globalId == null) return null;
  return decodeIdOfType(String(globalId), typename) ?? NAMES_NOTHING;
}
