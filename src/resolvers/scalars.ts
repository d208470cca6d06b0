import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
import { parsePartialDate } from '../lib/partial-date.js';

const invalid = (value: unknown) =>
  new GraphQLError(`Date must be an ISO 8601 calendar date such as 2025-06-19 (got ${JSON.stringify(value)})`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });

const parseDate = (value: unknown): string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !parsePartialDate(value)) throw invalid(value);
  return value;
};

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'ISO 8601 calendar date, e.g. 2025-06-19.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid(print(ast));
    return parseDate(ast.value);
  },
});
