import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { RequestAbortedError } from './db/request-database';
import type { Logger } from './logger';

/** Stable `extensions.code` values a client may rely on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  /** Over a limit (cost, depth, aliases, directives, tokens): refused before any SQL ran. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The client's cost bucket is empty: HTTP 429 with Retry-After. */
  THROTTLED: 'THROTTLED',
  /** The request's deadline passed; its SQL was cancelled. */
  DEADLINE_EXCEEDED: 'DEADLINE_EXCEEDED',
  /** The database is unreachable or restarting; retry shortly. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** A write without a valid API token (HTTP 401 when the token itself is refused). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A write the token may not make (another municipality's project, an ADMIN-only option). */
  FORBIDDEN: 'FORBIDDEN',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** Codes whose message is written for the client and may be shown as is. */
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'THROTTLED',
  'DEADLINE_EXCEEDED',
  'DATABASE_UNAVAILABLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

/** PostgreSQL and socket errors that mean "the database is not there right now", not a bug. */
const UNAVAILABLE = /^(57P0[123]|08\d{3}|ECONNREFUSED|ENOENT|ECONNRESET|EPIPE)$/;

/**
 * The public code an error stands for, where it is not a bug: refusals of our own validation rules
 * (Apollo files them all under GRAPHQL_VALIDATION_FAILED; `hubCode` keeps ours), graphql-js' token
 * limit, a stopped request, a database that is away.
 */
function publicCode(formatted: GraphQLFormattedError, original: unknown): string | undefined {
  const extensions = formatted.extensions ?? {};
  if (typeof extensions.hubCode === 'string') return extensions.hubCode;
  if (extensions.code === 'GRAPHQL_PARSE_FAILED' && /more tha[nt] \d+ tokens/.test(formatted.message))
    return ErrorCode.QUERY_TOO_COMPLEX;
  if (original instanceof RequestAbortedError) return ErrorCode.DEADLINE_EXCEEDED;
  const driverCode = String(
    (original as { driverError?: { code?: unknown }; code?: unknown } | undefined)?.driverError?.code ??
      (original as { code?: unknown } | undefined)?.code ??
      '',
  );
  if (driverCode === '57014') return ErrorCode.DEADLINE_EXCEEDED;
  if (
    UNAVAILABLE.test(driverCode) ||
    /Connection terminated|timeout exceeded when trying to connect/.test((original as Error | undefined)?.message ?? '')
  ) {
    return ErrorCode.DATABASE_UNAVAILABLE;
  }
  return undefined;
}

const PUBLIC_MESSAGES: Partial<Record<string, string>> = {
  DEADLINE_EXCEEDED: 'The request took longer than its deadline and was stopped',
  DATABASE_UNAVAILABLE: 'The database is unavailable right now; retry in a few seconds',
};

/** A client mistake in an argument: `BAD_USER_INPUT`, naming the argument and the reason. */
export function badUserInput(argument: string, reason: string): GraphQLError {
  return new GraphQLError(`Invalid argument "${argument}": ${reason}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument, reason },
  });
}

/**
 * What reaches the client. Anything not written for the client (a database error, a bug) becomes
 * `INTERNAL_SERVER_ERROR` with no SQL, stack trace or path; the request id added by the plugin below
 * leads to the full error in the server log. In development the original message is kept.
 */
export function createFormatError(exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = publicCode(formatted, original);
    if (mapped && mapped !== formatted.extensions?.code && PUBLIC_MESSAGES[mapped]) {
      const message = original instanceof RequestAbortedError ? original.message : PUBLIC_MESSAGES[mapped]!;
      return { message, locations: formatted.locations, path: formatted.path, extensions: { code: mapped } };
    }
    const code = mapped ?? String(formatted.extensions?.code ?? '');
    const tokens = code === ErrorCode.QUERY_TOO_COMPLEX ? /more tha[nt] (\d+) tokens/.exec(formatted.message) : null;
    if (tokens) {
      const limit = Number(tokens[1]);
      return {
        message: `Query too complex: the document has more than ${limit} tokens, the limit is ${limit}`,
        extensions: { code, limitName: 'tokens', limit },
      };
    }
    if (PUBLIC_CODES.has(code)) {
      const { stacktrace: _stacktrace, hubCode: _hubCode, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    return {
      message: exposeDetails && original instanceof Error ? original.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** Logs unexpected errors with the request id, and puts that id into the client's error. */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = publicCode(error, original) ?? String(error.extensions?.code ?? '');
            if (PUBLIC_CODES.has(code)) continue;
            logger.error(
              { requestId: contextValue.requestId, operationName, path: error.path, err: original },
              'unexpected error in GraphQL request',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
