// Resolving global IDs in mutation input to stored records, with user errors naming the field.
import type { AcademyScope } from '../auth/policy';
import { stores, type Store } from '../db/store';
import { z } from 'zod';
import { type UserError, userError } from './user-errors';

export type Resolved<T> = { ok: true; doc: T } | { ok: false; error: UserError };

/**
 * A record named in a mutation's input, its global ID already decoded at the schema boundary
 * (schema/mutations.ts, `decodeIds`): the raw id with the field and the name it goes by in
 * messages, or the user error saying the ID names nothing of its type (INVALID_ID), which the
 * service reports where it checks that field, so errors keep the order they always had.
 */
export type Ref = { ok: true; id: string; field: string[]; label: string } | { ok: false; error: UserError };

/** A reference to a record known to exist by id (a service calling another). */
export function refTo(id: { toString(): string }, field: string | string[], label: string): Ref {
  return { ok: true, id: id.toString(), field: Array.isArray(field) ? field : [field], label };
}

/** The user error for an ID that is not a well-formed global ID of the expected type. */
export function invalidIdError(field: string | string[], label: string): UserError {
  return userError(field, `${pathName(field)} is not a valid ${label} ID`, 'INVALID_ID');
}

/** The user error for a well-formed ID that names no stored record. */
export function notFoundError(field: string | string[], label: string): UserError {
  return userError(field, `${pathName(field)}: no ${label} with this ID exists`, 'NOT_FOUND');
}

function isRef(value: unknown): value is Ref {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return (value as Ref).ok ? typeof (value as { id?: unknown }).id === 'string' : typeof (value as { error?: unknown }).error === 'object';
}

/** An input field holding a decoded reference (`Ref`), in a service's zod schema. */
export const refInput = z.custom<Ref>(isRef, { message: 'must be an ID' });

/** The raw id of a reference, or its INVALID_ID error. */
export function idOf(ref: Ref): { ok: true; id: string } | { ok: false; error: UserError } {
  return ref.ok ? { ok: true, id: ref.id } : ref;
}

/**
 * The record a reference names, read from the database (`fresh`: it decides the write that
 * follows), or the user error: INVALID_ID as decoded, NOT_FOUND when no record has the id.
 */
export async function resolveRef<T>(store: Store<T>, ref: Ref): Promise<Resolved<T>> {
  if (!ref.ok) return ref;
  const doc = await store.fresh.get(ref.id);
  if (!doc) return { ok: false, error: notFoundError(ref.field, ref.label) };
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
