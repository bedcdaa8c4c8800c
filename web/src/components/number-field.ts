// Turning typed text into the number an input field of the API takes. Text that is no number
// at all cannot be sent as an Int, so it is caught here with a message at the field; every
// rule about the value itself (at least 1, at most 200...) is the server's to say.
export type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

export function parseWhole(text: string, { optional = false } = {}): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? { ok: true, value: null } : { ok: false, message: 'Enter a number.' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `“${trimmed}” is not a number.` };
  return { ok: true, value };
}
