import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder';

function parseDate(value: unknown, dateOnly: boolean): Date {
  const pattern = dateOnly ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
  if (typeof value !== 'string' || !pattern.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(dateOnly ? 'must be a date as YYYY-MM-DD' : 'must be an ISO 8601 date-time', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return new Date(dateOnly ? `${value}T00:00:00.000Z` : value);
}

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string in UTC (e.g. 2026-11-23T09:30:00.000Z).',
  serialize: (value) => new Date(value as Date).toISOString(),
  parseValue: (value) => parseDate(value, false),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null, false),
});

builder.scalarType('Date', {
  description: 'A calendar date, as YYYY-MM-DD.',
  serialize: (value) => new Date(value as Date).toISOString().slice(0, 10),
  parseValue: (value) => parseDate(value, true),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null, true),
});
