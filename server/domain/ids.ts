// Record ids as services take them: the raw id inside a global ID, decoded at the schema
// boundary. A filter given an id that names nothing (a malformed global ID, or one of
// another type) matches nothing; the schema passes NAMES_NOTHING for it.

/** An id that is never a record's: what a filter gets for a global ID that names nothing. */
export const NAMES_NOTHING = '';

const RECORD_ID = /^[0-9a-f]{24}$/i;

/** Whether the id can name a stored record (a 24-hex-digit ObjectId). */
export function isRecordId(id: string): boolean {
  return RECORD_ID.test(id);
}
