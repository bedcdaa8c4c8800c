import type { Doc } from './types';

// Documents are frozen (a caller mutating one would throw rather than corrupt the copy) and
// their repeated values shared. Sharing is invisible to readers because everything shared is
// immutable (strings), frozen (records, arrays) or never changed by contract (a copy's ObjectIds
// and Dates: nothing may change a copy's document, BSON values included).
//
// What is shared, and why (measured with `npm run bench:memory`, BENCHMARKS.md "Memory"):
// - enum-style strings ("SECONDARY", "MATHS"), short arrays of them or of shared records, and
//   small records of short values (createdBy / updatedBy, expertise entries), for the life of
//   the process (at most MAX_SHARED_VALUES of them);
// - ObjectIds, by value, for the life of the process: an ObjectId is two objects (itself and
//   its 12-byte Buffer, ~124 bytes), and most are references (a person's home academy, a
//   school's trust and hub) repeating another document's _id. One instance per id, shared by
//   every copy, and its hex string with it (idString), which the copies key documents by;
// - while one collection is loaded (a LoadScope): every other string up to 256 characters
//   (a person's email and its lower-cased key, the open school year "2026/27" on every
//   staff record, names) and Dates by instant. Kept only for the load: a lasting table of
//   mostly distinct values would cost about what it saves.
const ENUM_LIKE = /^[A-Z][A-Z0-9_]{0,39}$/;
const sharedStrings = new Map<string, string>();
const sharedValues = new Map<string, unknown>();
const MAX_SHARED_VALUES = 10_000; // a bound, in case some field holds many distinct small records
const MAX_SCOPED_STRING = 256;

interface ObjectIdLike {
  _bsontype: 'ObjectId';
  toHexString(): string;
}

/** One ObjectId instance per id; its key is the id's one hex string. */
const sharedObjectIds = new Map<string, ObjectIdLike>();
/** The key a shared ObjectId is held under (its canonical hex string). */
const hexOfShared = new WeakMap<ObjectIdLike, string>();

/** Tables for one load of a collection: dropped with it. */
export interface LoadScope {
  strings: Map<string, string>;
  dates: Map<number, Date>;
}

export function newLoadScope(): LoadScope {
  return { strings: new Map(), dates: new Map() };
}

function isObjectId(value: object): value is ObjectIdLike {
  return (value as { _bsontype?: unknown })._bsontype === 'ObjectId';
}

function shareObjectId(value: ObjectIdLike): ObjectIdLike {
  const hex = value.toHexString();
  const known = sharedObjectIds.get(hex);
  if (known !== undefined) return known;
  sharedObjectIds.set(hex, value);
  hexOfShared.set(value, hex);
  return value;
}

/**
 * The lower-case hex string of an id (ObjectId or string), shared with the copies' keys when
 * the id is one of theirs: what `String(id)` gives, without a new string per call.
 */
export function idString(id: unknown): string {
  if (id !== null && typeof id === 'object') {
    const shared = hexOfShared.get(id as ObjectIdLike);
    if (shared !== undefined) return shared;
  }
  return String(id);
}

function shareString(value: string, scope: LoadScope | undefined): string {
  if (ENUM_LIKE.test(value)) {
    const known = sharedStrings.get(value);
    if (known !== undefined) return known;
    sharedStrings.set(value, value);
    return value;
  }
  if (!scope || value.length > MAX_SCOPED_STRING) return value;
  const known = scope.strings.get(value);
  if (known !== undefined) return known;
  scope.strings.set(value, value);
  return value;
}

function shareDate(value: Date, scope: LoadScope | undefined): Date {
  const time = value.getTime();
  if (!scope || Number.isNaN(time)) return value;
  const known = scope.dates.get(time);
  if (known !== undefined) return known;
  scope.dates.set(time, value);
  return value;
}

/** Values held in sharedValues: records and arrays made only of them may be shared too. */
const sharedObjects = new WeakSet<object>();

function shareValue<T extends object>(key: string, value: T): T {
  const known = sharedValues.get(key);
  if (known !== undefined) return known as T;
  if (sharedValues.size < MAX_SHARED_VALUES) {
    sharedValues.set(key, value);
    sharedObjects.add(value);
  }
  return value;
}

/**
 * Whether a value may be part of a shared record or array: what JSON.stringify writes
 * unambiguously (so equal keys mean equal values), short, or itself shared. Not -0, NaN or
 * Infinity (JSON writes them as 0 and null), not undefined (JSON leaves the key out).
 * Numbers only whole: counts and ratings repeat, computed fractions (a score factor's value)
 * hardly ever, and would fill the table with records shared by no one.
 */
function shareablePart(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return value.length <= 64;
    case 'number':
      return Number.isInteger(value) && !Object.is(value, -0);
    case 'boolean':
      return true;
    case 'object':
      return value === null || sharedObjects.has(value);
    default:
      return false;
  }
}

/** The value frozen, with its repeated parts shared (see above). */
function canonical<T>(value: T, scope: LoadScope | undefined): T {
  if (typeof value === 'string') return shareString(value, scope) as T;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return shareDate(value, scope) as T;
  if (isObjectId(value)) return shareObjectId(value) as T;
  if (Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    // Short lists of enum-style strings or of shared records (a person's expertise entries).
    let shareable = value.length <= 8;
    for (let i = 0; i < value.length; i += 1) {
      const item = canonical(value[i], scope);
      value[i] = item;
      if (typeof item === 'string' ? !ENUM_LIKE.test(item) : !(item !== null && typeof item === 'object' && sharedObjects.has(item))) shareable = false;
    }
    Object.freeze(value);
    return shareable ? shareValue(`a${JSON.stringify(value)}`, value) : value;
  }
  if (proto !== Object.prototype && proto !== null) return value; // Buffer, Decimal128 and the like: left as they are
  // Small records of short values (createdBy / updatedBy, an expertise entry without evidence).
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let shareable = keys.length <= 6;
  for (const key of keys) {
    const item = canonical(record[key], scope);
    record[key] = item;
    if (shareable && !shareablePart(item)) shareable = false;
  }
  Object.freeze(value);
  return shareable ? shareValue(`o${JSON.stringify(record)}`, value) : value;
}

/** The document frozen, its values shared (see above); `scope` while loading a whole collection. */
export function deepFreeze<T extends Doc>(doc: T, scope?: LoadScope): T {
  // The document itself is never shared: its identity keys per-document memos.
  for (const key of Object.keys(doc)) (doc as Record<string, unknown>)[key] = canonical(doc[key], scope);
  return Object.freeze(doc);
}
