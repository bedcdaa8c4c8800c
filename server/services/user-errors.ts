// Bad input from a user is answered with UserErrors in the payload, never a server error.
import type { ZodError } from 'zod';

export interface UserError {
  /** Path to the offending input field, relative to `input` (e.g. ["expertise", "0", "level"]). */
  field: string[] | null;
  message: string;
  code: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; userErrors: UserError[] };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failed = <T = never>(...userErrors: UserError[]): Outcome<T> => ({ ok: false, userErrors });

export function userError(field: string | string[] | null, message: string, code = 'INVALID'): UserError {
  return { field: field === null ? null : Array.isArray(field) ? field : [field], message, code };
}

export function fromZod(error: ZodError): UserError[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String);
    const name = field.length ? field.join('.') : 'input';
    const code = issue.code === 'invalid_type' && issue.input === undefined ? 'REQUIRED' : 'INVALID';
    const message = code === 'REQUIRED' ? `${name} is required` : `${name}: ${issue.message}`;
    return { field, message, code };
  });
}

/** MongoDB duplicate-key error (E11000), as raised by a unique index. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
