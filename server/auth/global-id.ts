// Relay global IDs: base64("Type:objectId"), the Pothos relay plugin's default encoding.
import { Types } from 'mongoose';

export function encodeGlobalId(typename: string, id: string | Types.ObjectId): string {
  return Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64');
}

export interface DecodedId {
  typename: string;
  id: string;
}

/** Returns null unless the value is a well-formed global ID of a stored object. */
export function decodeGlobalId(globalId: string): DecodedId | null {
  if (typeof globalId !== 'string' || globalId.length > 200) return null;
  const text = Buffer.from(globalId, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const typename = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!/^[A-Za-z]+$/.test(typename) || !Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) return null;
  return { typename, id };
}

/** The raw id when the global ID names an object of the expected type, else null. */
export function decodeIdOfType(globalId: string, typename: string): string | null {
  const decoded = decodeGlobalId(globalId);
  return decoded && decoded.typename === typename ? decoded.id : null;
}
