import { ErrorCode } from '../errors/codes';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';

/**
 * `Date`: a calendar date as `YYYY-MM-DD` text, in and out (graphql-scalars' LocalDate rules under
 * the name the API promises). Never a JS Date, so no time zone can shift it.
 */
const localDate = GraphQLLocalDate.toConfig();

/** Year 0000 passes LocalDate's pattern but is no calendar year PostgreSQL (or anyone) dates by. */
function notYearZero<T>(value: T): T {
  if (typeof value === 'string' && value.startsWith('0000-')) {
    throw new GraphQLError(`Date must be a calendar date from 0001-01-01 to 9999-12-31; got "${value}"`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return value;
}

/** A date as PostgreSQL writes one (`date` columns are read as this text, db/transformers.ts). */
const STORED_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const DateScalar = new GraphQLScalarType({
  ...localDate,
  // Out: a date read from the database is a valid date already, and checking each with LocalDate's rules
  // costs 2.4 % of a municipality's profile (600 indicator values); anything else is checked.
  serialize: (value) => (typeof value === 'string' && STORED_DATE.test(value) ? value : localDate.serialize!(value)),
  parseValue: (value) => notYearZero(localDate.parseValue!(value)),
  parseLiteral: (ast, variables) => notYearZero(localDate.parseLiteral!(ast, variables)),
  name: 'Date',
  description: 'A calendar date, `YYYY-MM-DD` (ISO 8601), with no time and no time zone.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
});

const DECIMAL = /^-?\d{1,15}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new GraphQLError(
      `Decimal must be a number with at most two decimals, such as "1555364.20"; got ${JSON.stringify(value)}`,
      {
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      },
    );
  }
  return text;
}

/**
 * `Decimal`: an exact decimal number as a string with two decimals ("1555364.20"). Money is never a
 * float in this API. Input accepts a string or a number with at most two decimals.
 */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description:
    'An exact decimal number, serialised as a string: two decimals for amounts and figures (e.g. "1555364.20"), a whole number for counts ("6"). Input: a string or number with at most two decimals.',
  serialize: (value) => {
    if (typeof value !== 'string') throw new TypeError(`Decimal cannot serialise ${typeof value}`);
    return value;
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT)
      return parseDecimal(ast.kind === Kind.STRING ? ast.value : Number(ast.value));
    throw new GraphQLError('Decimal must be a string or a number', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  },
});
