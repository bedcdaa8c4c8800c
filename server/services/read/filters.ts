// Building the database filters of the read services from their plain filters.
import { isRecordId } from '../../domain/ids';
import type { Filter } from '../../db/store';

/** A filter that matches nothing, for an id that names nothing. */
export const MATCH_NOTHING: Filter = Object.freeze({ _id: { $in: [] } }) as Filter;

/** `{ field: id }`, or MATCH_NOTHING when the id cannot name a record. */
export function idClause(field: string, id: string): Filter {
  return isRecordId(id) ? { [field]: id } : MATCH_NOTHING;
}

/** The clauses as one filter: {} for none, the clause itself for one, else $and. */
export function allOf(clauses: Filter[]): Filter {
  return clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

/** Escapes user text for a case-insensitive substring match, so it can never act as a pattern. */
export function containsPattern(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}
