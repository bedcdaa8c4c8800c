// Global IDs are decoded here, at the schema boundary; services take raw ids (or, for a
// mutation's input, decoded references: services/references.ts `Ref`).
import { decodeIdOfType } from '../server/auth/global-id';
import { NAMES_NOTHING } from '../server/domain/ids';
import { invalidIdError, type Ref } from '../server/services/references';

/**
 * The raw id for a filter field: null when not given, NAMES_NOTHING when the value is not a
 * global ID of this type (the filter then matches nothing, as a filter on a missing record does).
 */
export function filterId(globalId: string | number | null | undefined, typename: string): string | null {
  if (globalId == null) return null;
  return decodeIdOfType(String(globalId), typename) ?? NAMES_NOTHING;
}

/** What a mutation input's ID field names: a type, and the name it goes by in messages when not the type's. */
export type IdType = string | { type: string; label: string };

/** Which fields of a mutation's input hold global IDs, and of what; `{ list }` for a list of them. */
export type IdFields = Record<string, IdType | { list: IdType }>;

/**
 * A mutation input's global ID, decoded: the raw id, or the INVALID_ID user error naming the
 * field (the service reports it where it checks that field; NOT_FOUND is the service's).
 */
export function refOf(globalId: string | number, idType: IdType, field: string | string[]): Ref {
  const { type, label } = typeof idType === 'string' ? { type: idType, label: idType } : idType;
  const path = Array.isArray(field) ? field : [field];
  const id = decodeIdOfType(String(globalId), type);
  return id ? { ok: true, id, field: path, label } : { ok: false, error: invalidIdError(path, label) };
}

/**
 * The input with its ID fields decoded (`refOf`); absent and null values stay as they are, so
 * the service still tells "not given" from "given".
 */
export function decodeIds<In extends object>(input: In, fields: IdFields): In {
  const out = { ...input } as Record<string, unknown>;
  for (const [name, spec] of Object.entries(fields)) {
    const value = out[name];
    if (value == null) continue;
    if (typeof spec === 'object' && 'list' in spec) {
      if (Array.isArray(value)) out[name] = value.map((item, i) => (item == null ? item : refOf(item as string, spec.list, [name, String(i)])));
    } else out[name] = refOf(value as string, spec, name);
  }
  return out as In;
}

/** planAllocation's ID fields: the schema field and the plan export (server/exports) take the same input. */
export const PLAN_ALLOCATION_IDS: IdFields = { trustId: 'Trust', clusterId: 'Cluster', needIds: { list: 'ImprovementNeed' } };
