import type { Doc } from './types';

// Documents are frozen (a caller mutating one would throw rather than corrupt the copy) and
// their repeated small values shared: enum-style strings ("SECONDARY", "MATHS"), arrays of
// them, and small records of short strings (createdBy / updatedBy). The national dataset's
// 50,000 staff repeat these on every document; sharing them takes about a third off the
// copies' memory. Sharing is invisible to readers because everything shared is immutable.
const ENUM_LIKE = /^[A-Z][A-Z0-9_]{0,39}$/;
const sharedStrings = new Map<string, string>();
const sharedValues = new Map<string, unknown>();
const MAX_SHARED_VALUES = 10_000; // a bound, in case some field holds many distinct small records

function shareString(value: string): string {
  if (!ENUM_LIKE.test(value)) return value;
  const known = sharedStrings.get(value);
  if (known !== undefined) return known;
  sharedStrings.set(value, value);
  return value;
}

function shareValue<T>(key: string, value: T): T {
  const known = sharedValues.get(key);
  if (known !== undefined) return known as T;
  if (sharedValues.size < MAX_SHARED_VALUES) sharedValues.set(key, value);
  return value;
}

/** The value frozen, with its repeated parts shared (see above). */
function canonical<T>(value: T): T {
  if (typeof value === 'string') return shareString(value) as T;
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    let allEnums = value.length <= 8;
    for (let i = 0; i < value.length; i += 1) {
      const item = canonical(value[i]);
      value[i] = item;
      if (typeof item !== 'string' || !ENUM_LIKE.test(item)) allEnums = false;
    }
    Object.freeze(value);
    return allEnums ? shareValue(`a${JSON.stringify(value)}`, value) : value;
  }
  if (proto !== Object.prototype && proto !== null) return value; // ObjectId, Date, Buffer: left as they are
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let smallStrings = keys.length <= 4;
  for (const key of keys) {
    const item = canonical(record[key]);
    record[key] = item;
    if (typeof item !== 'string' || item.length > 64) smallStrings = false;
  }
  Object.freeze(value);
  return smallStrings ? shareValue(`o${JSON.stringify(record)}`, value) : value;
}

export function deepFreeze<T extends Doc>(doc: T): T {
  // The document itself is never shared: its identity keys per-document memos.
  for (const key of Object.keys(doc)) (doc as Record<string, unknown>)[key] = canonical(doc[key]);
  return Object.freeze(doc);
}
