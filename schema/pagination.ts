// Keyset (cursor) pagination over a MongoDB collection: each page is one indexed query of
// `first + 1` documents, so its cost grows with the page size, never with the collection.
// (FerretDB cannot use the index, so there the page comes from the collection's in-process
// copy, walked in the sort order kept for it.)
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { Types, type Model } from 'mongoose';
import { InvalidInputError } from '../server/domain/errors';
import { findInCopy } from '../server/db/read-cache';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface SortKey {
  field: string;
  direction: 1 | -1;
  kind: 'string' | 'number' | 'date';
}

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

type CursorValue = string | number | null;

function encodeCursor(doc: Record<string, unknown>, sort: SortKey[]): string {
  const values: CursorValue[] = sort.map((key) => {
    const value = doc[key.field];
    if (value == null) return null;
    return key.kind === 'date' ? (value as Date).toISOString() : (value as string | number);
  });
  values.push(String(doc._id));
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** A date as encodeCursor writes it (toISOString); anything else is not one of our cursors. */
function cursorDate(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) throw new Error('date');
  const date = new Date(value);
  // Date accepts 2030-02-30 by rolling over; a cursor we wrote always reads back as itself.
  if (Number.isNaN(date.getTime()) || date.toISOString() !== value) throw new Error('date');
  return date;
}

function decodeCursor(cursor: string, sort: SortKey[]): { values: unknown[]; id: Types.ObjectId } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== sort.length + 1) throw new Error('shape');
    const id = parsed[sort.length];
    if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) throw new Error('id');
    const values = sort.map((key, i) => {
      const v = parsed[i] as unknown;
      if (key.kind === 'date') return v === null ? null : cursorDate(v);
      if (key.kind === 'number' && typeof v !== 'number') throw new Error('number');
      if (key.kind === 'string' && typeof v !== 'string') throw new Error('string');
      return v;
    });
    return { values, id: new Types.ObjectId(id) };
  } catch {
    throw new InvalidInputError('The cursor is not valid for this list; use a cursor from the same query', 'after');
  }
}

/** Documents strictly after the cursor in the (possibly reversed) sort order. */
function afterFilter(cursor: string, sort: SortKey[], reverse: boolean): Record<string, unknown> {
  const { values, id } = decodeCursor(cursor, sort);
  const keys = [...sort.map((k, i) => ({ field: k.field, direction: k.direction, value: values[i] })), { field: '_id', direction: 1 as const, value: id }];
  const branches = keys.map((key, i) => {
    const dir = reverse ? -key.direction : key.direction;
    const equalPrefix = Object.fromEntries(keys.slice(0, i).map((k) => [k.field, k.value]));
    return { ...equalPrefix, [key.field]: { [dir > 0 ? '$gt' : '$lt']: key.value } };
  });
  return { $or: branches };
}

export async function keysetConnection<T extends { _id: Types.ObjectId }>(options: {
  model: Model<any>;
  filter: Record<string, unknown>;
  sort: SortKey[];
  args: ConnectionArgs;
  projection?: Record<string, 0 | 1>;
}) {
  const { model, filter, sort, args } = options;
  checkPageArgs(args);
  return resolveCursorConnection(
    {
      args,
      toCursor: (doc: T) => encodeCursor(doc as unknown as Record<string, unknown>, sort),
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
    },
    async ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) => {
      const clauses: Record<string, unknown>[] = [filter];
      if (after) clauses.push(afterFilter(after, sort, false));
      if (before) clauses.push(afterFilter(before, sort, true));
      const sortSpec: Record<string, 1 | -1> = {};
      for (const key of sort) sortSpec[key.field] = (inverted ? -key.direction : key.direction) as 1 | -1;
      sortSpec._id = inverted ? -1 : 1;
      const query = clauses.length === 1 ? filter : { $and: clauses };
      // With FerretDB, from the collection's in-process copy (server/db/read-cache/).
      const fromCopy = await findInCopy<T>(model, query, { sort: sortSpec, limit, projection: options.projection });
      if (fromCopy) return fromCopy;
      return (await model.find(query, options.projection).sort(sortSpec).limit(limit).lean()) as unknown as T[];
    },
  );
}

/** Escapes user text for a case-insensitive substring match, so it can never act as a pattern. */
export function containsPattern(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}
