import { GraphQLError, Kind } from 'graphql';
import { parseCalendarDate, parseInstant } from '../../server/domain/calendar';
import { builder } from '../builder';

// Strict: a date that does not exist (2030-02-30, 2027-02-29) is refused with the reason,
// never rolled over into the next month as JavaScript's Date would.
function parseDate(value: unknown, dateOnly: boolean): Date {
  const parsed =
    typeof value === 'string' && value.length <= 40
      ? (dateOnly ? parseCalendarDate : parseInstant)(value)
      : { ok: false as const, problem: dateOnly ? 'must be a date as YYYY-MM-DD' : 'must be an ISO 8601 date-time' };
  if (!parsed.ok) throw new GraphQLError(parsed.problem, { extensions: { code: 'BAD_USER_INPUT' } });
  return parsed.date;
}

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string in UTC (e.g. 2026-11-23T09:30:00.000Z).',
  serialize: (value) => new Date(value as Date).toISOString(),
  parseValue: (value) => parseDate(value, false),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null, false),
});

builder.scalarType('Date', {
  description: 'A calendar date, as YYYY-MM-DD. Only days that exist: 2030-02-30 and 2027-02-29 are refused, not moved to March.',
  serialize: (value) => new Date(value as Date).toISOString().slice(0, 10),
  parseValue: (value) => parseDate(value, true),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null, true),
});
