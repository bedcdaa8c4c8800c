// The filters of a CSV export, read from the query string (GET) or a JSON body (POST), with
// the names and meaning of the GraphQL list's filter: global IDs as the API gives them, a
// status list as repeated parameters or one comma-separated value. Anything unusable is
// refused before a byte of the file is sent, naming the parameter.
import { decodeIdOfType } from '../auth/global-id';
import { DEPLOYMENT_STATUSES, NEED_SEVERITIES, NEED_STATUSES, PHASES } from '../domain/enums';
import { parseCalendarDate } from '../domain/calendar-date';
import { InvalidInputError } from '../domain/errors';
import { NAMES_NOTHING } from '../domain/ids';
import { EXPERTISE_AREAS } from '../domain/taxonomy';

export type RawParams = Record<string, unknown>;

/** Reads one export's parameters; `allowed` lists every name it takes. */
export class ExportParams {
  constructor(
    private readonly raw: RawParams,
    private readonly exportName: string,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(raw)) {
      if (!allowed.includes(name)) {
        throw new InvalidInputError(`unknown parameter "${name}": ${exportName} takes ${allowed.join(', ')}`, name);
      }
    }
  }

  /** Every value given for a parameter: repeated, an array (JSON), or comma-separated. */
  list(name: string): string[] {
    const value = this.raw[name];
    if (value === undefined || value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item) => {
      if (typeof item !== 'string') throw new InvalidInputError(`${name} must be text`, name);
      return item.split(',').map((s) => s.trim()).filter(Boolean);
    });
  }

  /** One value, or null when absent; given twice is an error. */
  one(name: string): string | null {
    let value = this.raw[name];
    if (Array.isArray(value)) {
      if (value.length !== 1) throw new InvalidInputError(`${name} was given ${value.length} times; give it once`, name);
      value = value[0];
    }
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new InvalidInputError(`${name} must be text`, name);
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }

  /** A global ID of this type decoded; one that is not such an ID matches nothing, as in the GraphQL filter. */
  id(name: string, typename: string): string | null {
    const value = this.one(name);
    return value === null ? null : (decodeIdOfType(value, typename) ?? NAMES_NOTHING);
  }

  /** Values from a fixed vocabulary, each checked. */
  enumList<T extends string>(name: string, allowed: readonly T[]): T[] {
    return this.list(name).map((value) => {
      const upper = value.toUpperCase();
      if (!(allowed as readonly string[]).includes(upper)) throw new InvalidInputError(`${name} "${value}" is not one of ${allowed.join(', ')}`, name);
      return upper as T;
    });
  }

  enumOne<T extends string>(name: string, allowed: readonly T[]): T | null {
    const value = this.one(name);
    if (value === null) return null;
    const [checked] = new ExportParams({ [name]: value }, this.exportName, [name]).enumList(name, allowed);
    return checked ?? null;
  }

  /** A whole number (a JSON number, or digits in the query string), or null when absent; its range is the service's to check. */
  wholeNumber(name: string): number | null {
    const value = this.raw[name];
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new InvalidInputError(`${name} ${value} is not a whole number`, name);
      return value;
    }
    const text = this.one(name);
    if (text === null) return null;
    if (!/^-?\d{1,15}$/.test(text)) throw new InvalidInputError(`${name} "${text}" is not a whole number`, name);
    return Number(text);
  }

  date(name: string): Date | null {
    const value = this.one(name);
    if (value === null) return null;
    const date = parseCalendarDate(value);
    if (!date) throw new InvalidInputError(`${name} "${value}" is not a date as YYYY-MM-DD`, name);
    return date;
  }
}

export const DEPLOYMENT_STATUS_VALUES = DEPLOYMENT_STATUSES;
export const NEED_STATUS_VALUES = NEED_STATUSES;
export const AREA_VALUES = EXPERTISE_AREAS;
export const PHASE_VALUES = PHASES;
export const SEVERITY_VALUES = NEED_SEVERITIES;
