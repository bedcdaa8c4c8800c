// Evaluating queries against a copy: a subset of MongoDB's filter language, with mongoose's
// casting by schema type. Anything outside it compiles to null, and the caller then asks
// the database, so an answer from a copy is always the database's answer.
import mongoose, { type Model } from 'mongoose';
import type { Doc } from './types';

type Matcher = (doc: Doc) => boolean;
type Kind = 'objectId' | 'string' | 'number' | 'date' | 'boolean';

const NOT_SIMPLE = Symbol('array inside a dotted path');

export function getPath(doc: unknown, path: string): unknown {
  if (!path.includes('.')) return (doc as Record<string, unknown> | null | undefined)?.[path];
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value == null || typeof value !== 'object' || Array.isArray(value)) return Array.isArray(value) ? NOT_SIMPLE : undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

type PathKind = { kind: Kind; array: boolean } | null;

/** kindOf's answers per model: a schema does not change once the model is compiled. */
const kindsOf = new WeakMap<Model<any>, Map<string, PathKind>>();

/** The scalar kind a schema path holds (for arrays, their elements'), or null when unsupported. */
function kindOf(model: Model<any>, path: string): PathKind {
  let kinds = kindsOf.get(model);
  if (!kinds) kindsOf.set(model, (kinds = new Map()));
  let kind = kinds.get(path);
  if (kind === undefined) kinds.set(path, (kind = schemaKindOf(model, path)));
  return kind;
}

function schemaKindOf(model: Model<any>, path: string): PathKind {
  // A dotted path through an array (or a document array) matches element-wise: not handled here.
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i += 1) {
    const prefix = model.schema.path(parts.slice(0, i).join('.')) as unknown as { instance?: string } | undefined;
    if (prefix?.instance === 'Array' || prefix?.instance === 'DocumentArray') return null;
  }
  const schemaType = model.schema.path(path) as unknown as { instance?: string; caster?: { instance?: string }; embeddedSchemaType?: { instance?: string } } | undefined;
  if (!schemaType) return null;
  const scalar = (instance: string | undefined): Kind | null => {
    switch (instance) {
      case 'ObjectId':
      case 'ObjectID':
        return 'objectId';
      case 'String':
        return 'string';
      case 'Number':
        return 'number';
      case 'Date':
        return 'date';
      case 'Boolean':
        return 'boolean';
      default:
        return null;
    }
  };
  if (schemaType.instance === 'Array') {
    const element = scalar(schemaType.embeddedSchemaType?.instance ?? schemaType.caster?.instance);
    return element ? { kind: element, array: true } : null;
  }
  const kind = scalar(schemaType.instance);
  return kind ? { kind, array: false } : null;
}

const HEX24 = /^[0-9a-f]{24}$/i;

/** A query operand cast as mongoose would, to a comparable key; undefined when not castable here. */
function castOperand(kind: Kind, value: unknown): { key: string; sort: number | string } | null | undefined {
  if (value === null) return null;
  switch (kind) {
    case 'objectId': {
      if (value instanceof mongoose.Types.ObjectId) return { key: `o${value.toHexString()}`, sort: value.toHexString() };
      if (typeof value === 'string' && HEX24.test(value)) return { key: `o${value.toLowerCase()}`, sort: value.toLowerCase() };
      return undefined;
    }
    case 'string':
      return typeof value === 'string' ? { key: `s${value}`, sort: value } : undefined;
    case 'number':
      return typeof value === 'number' && !Number.isNaN(value) ? { key: `n${value}`, sort: value } : undefined;
    case 'date':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? { key: `d${value.getTime()}`, sort: value.getTime() } : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? { key: `b${value}`, sort: value ? 1 : 0 } : undefined;
  }
}

/** A stored value's comparable key, in BSON type terms. */
function storedKey(value: unknown): { key: string; type: string; sort: number | string } | null {
  if (value === null || value === undefined) return null;
  if (value instanceof mongoose.Types.ObjectId) return { key: `o${value.toHexString()}`, type: 'o', sort: value.toHexString() };
  if (typeof value === 'string') return { key: `s${value}`, type: 's', sort: value };
  if (typeof value === 'number') return { key: `n${value}`, type: 'n', sort: value };
  if (value instanceof Date) return { key: `d${value.getTime()}`, type: 'd', sort: value.getTime() };
  if (typeof value === 'boolean') return { key: `b${value}`, type: 'b', sort: value ? 1 : 0 };
  return { key: '?', type: '?', sort: 0 };
}

/** MongoDB compares strings by their UTF-8 bytes; UTF-16 code units agree below the surrogates. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (/[\ud800-\uffff]/.test(a) || /[\ud800-\uffff]/.test(b)) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return a < b ? -1 : 1;
}

function compareSortable(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareStrings(String(a), String(b));
}

const COMPARISONS: Record<string, (c: number) => boolean> = {
  $gt: (c) => c > 0,
  $gte: (c) => c >= 0,
  $lt: (c) => c < 0,
  $lte: (c) => c <= 0,
};

function regexMatcher(pattern: unknown, options?: unknown): RegExp | null {
  if (pattern instanceof RegExp) {
    return /^[ims]*$/.test(pattern.flags) ? pattern : null;
  }
  if (typeof pattern === 'string' && (options === undefined || (typeof options === 'string' && /^[ims]*$/.test(options)))) {
    try {
      return new RegExp(pattern, (options as string | undefined) ?? '');
    } catch {
      return null;
    }
  }
  return null;
}

/** The values to test for a field: the value itself, and for an array, each element. */
function candidates(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function compileField(model: Model<any>, path: string, condition: unknown): Matcher | null {
  const schema = kindOf(model, path);
  if (!schema) return null;
  const { kind } = schema;
  const read = (doc: Doc) => getPath(doc, path);

  const equality = (operand: unknown): ((value: unknown) => boolean) | null => {
    if (operand instanceof RegExp) {
      if (kind !== 'string') return null;
      const re = regexMatcher(operand);
      if (!re) return null;
      return (value) => candidates(value).some((v) => typeof v === 'string' && re.test(v));
    }
    const cast = castOperand(kind, operand);
    if (cast === undefined) return null;
    if (cast === null) return (value) => value == null || (Array.isArray(value) && value.some((v) => v == null));
    return (value) => candidates(value).some((v) => storedKey(v)?.key === cast.key);
  };

  if (condition === null || typeof condition !== 'object' || condition instanceof RegExp || condition instanceof Date || condition instanceof mongoose.Types.ObjectId) {
    const eq = equality(condition);
    return eq ? (doc) => { const v = read(doc); return v !== NOT_SIMPLE && eq(v); } : null;
  }
  if (Array.isArray(condition)) return null;

  const ops = condition as Record<string, unknown>;
  const keys = Object.keys(ops);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return null; // embedded-document equality
  const tests: ((value: unknown) => boolean)[] = [];
  for (const op of keys) {
    const operand = ops[op];
    if (op === '$eq' || op === '$ne') {
      const eq = equality(operand);
      if (!eq) return null;
      tests.push(op === '$eq' ? eq : (value) => !eq(value));
    } else if (op === '$in' || op === '$nin') {
      if (!Array.isArray(operand)) return null;
      const any = inMatcher(kind, operand) ?? anyOf(operand.map(equality));
      if (!any) return null;
      tests.push(op === '$in' ? any : (value) => !any(value));
    } else if (op in COMPARISONS) {
      const cast = castOperand(kind, operand);
      if (!cast) return null; // null or not castable: leave it to the database
      const holds = COMPARISONS[op]!;
      const type = cast.key[0];
      tests.push((value) =>
        candidates(value).some((v) => {
          const stored = storedKey(v);
          return stored !== null && stored.type === type && holds(compareSortable(stored.sort, cast.sort));
        }),
      );
    } else if (op === '$exists') {
      if (typeof operand !== 'boolean') return null;
      tests.push((value) => (value !== undefined) === operand);
    } else if (op === '$regex') {
      if (kind !== 'string') return null;
      const re = regexMatcher(operand, ops.$options);
      if (!re) return null;
      tests.push((value) => candidates(value).some((v) => typeof v === 'string' && re.test(v)));
    } else if (op === '$options') {
      if (ops.$regex === undefined) return null;
    } else {
      return null;
    }
  }
  return (doc) => {
    const value = read(doc);
    return value !== NOT_SIMPLE && tests.every((t) => t(value));
  };
}

/** Any of several equality tests, or null when one of them is beyond this subset. */
function anyOf(eqs: (((value: unknown) => boolean) | null)[]): ((value: unknown) => boolean) | null {
  if (eqs.some((e) => e === null)) return null;
  return (value) => eqs.some((e) => e!(value));
}

/**
 * `$in` over plain values (no patterns) as one set lookup per stored value, rather than one
 * comparison per operand: a list scoped to a trust's schools and staff holds hundreds of IDs,
 * tested against every document of the copy. Null in the list matches null, missing, or an
 * array holding null, as equality to null does. Undefined when an operand is not castable.
 */
function inMatcher(kind: Kind, operands: unknown[]): ((value: unknown) => boolean) | undefined {
  const keys = new Set<string>();
  let matchesNull = false;
  for (const operand of operands) {
    if (operand instanceof RegExp) return undefined;
    const cast = castOperand(kind, operand);
    if (cast === undefined) return undefined;
    if (cast === null) matchesNull = true;
    else keys.add(cast.key);
  }
  return (value) => {
    if (matchesNull && (value == null || (Array.isArray(value) && value.some((v) => v == null)))) return true;
    return candidates(value).some((v) => {
      const stored = storedKey(v);
      return stored !== null && keys.has(stored.key);
    });
  };
}

/** A predicate equivalent to the filter, or null when the filter is beyond this subset. */
export function compileFilter(model: Model<any>, filter: unknown): Matcher | null {
  if (filter == null) return () => true;
  if (typeof filter !== 'object' || Array.isArray(filter)) return null;
  const parts: Matcher[] = [];
  for (const [key, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (condition === undefined) continue; // mongoose drops undefined conditions
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition) || condition.length === 0) return null;
      const subs = condition.map((c) => compileFilter(model, c));
      if (subs.some((s) => s === null)) return null;
      parts.push(key === '$and' ? (doc) => subs.every((s) => s!(doc)) : (doc) => subs.some((s) => s!(doc)));
    } else if (key.startsWith('$')) {
      return null;
    } else {
      const field = compileField(model, key, condition);
      if (!field) return null;
      parts.push(field);
    }
  }
  return (doc) => parts.every((p) => p(doc));
}

// Sorting as MongoDB does: missing and null first, then by BSON type, then by value.
const TYPE_ORDER: Record<string, number> = { n: 1, s: 2, o: 3, b: 4, d: 5 };

export type SortSpec = Record<string, 1 | -1>;
type Comparator = (a: Doc, b: Doc) => number;

export function compileSort(model: Model<any>, sort: SortSpec): Comparator | null {
  const keys = Object.entries(sort);
  for (const [path] of keys) {
    const schema = kindOf(model, path);
    if (!schema || schema.array) return null;
  }
  return (a, b) => {
    for (const [path, direction] of keys) {
      const x = storedKey(getPath(a, path));
      const y = storedKey(getPath(b, path));
      let c: number;
      if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
      else if (x.type !== y.type) c = (TYPE_ORDER[x.type] ?? 9) - (TYPE_ORDER[y.type] ?? 9);
      else c = compareSortable(x.sort, y.sort);
      if (c !== 0) return c * direction;
    }
    return 0;
  };
}

/**
 * The document as the database would return it, projected: without a projection the copy's
 * own frozen document (readers never write into records, see ../store/copy-store.ts), else a
 * new object holding the projected fields.
 */
export function project<T extends Doc>(doc: T, projection: Record<string, unknown> | undefined): T {
  if (!projection || Object.keys(projection).length === 0) return doc;
  const entries = Object.entries(projection);
  const including = entries.some(([k, v]) => k !== '_id' && (v === 1 || v === true));
  if (including) {
    const out: Record<string, unknown> = {};
    if (projection._id !== 0 && projection._id !== false) out._id = doc._id;
    for (const [k, v] of entries) if (k !== '_id' && (v === 1 || v === true) && k in doc) out[k] = doc[k];
    return out as T;
  }
  const out: Record<string, unknown> = { ...doc };
  for (const [k, v] of entries) if (v === 0 || v === false) delete out[k];
  return out as T;
}

export function projectionSupported(projection: Record<string, unknown> | undefined): boolean {
  if (!projection) return true;
  return Object.entries(projection).every(([k, v]) => !k.includes('.') && !k.startsWith('$') && (v === 0 || v === 1 || v === true || v === false));
}
