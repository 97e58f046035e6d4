import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { ServerResponse } from 'node:http';
import { RequestAbortedError } from '../db/request-database';
import type { Logger } from '../logger';
import { ErrorCode, stoppedCode, httpStatusOf, isPublicCode } from './codes';

/**
 * The edge: where an error becomes what a client receives. GraphQL errors pass through `formatError`
 * (Apollo and the exports' own execution), refusals outside GraphQL through `sendHttpError`; both speak
 * the one vocabulary of codes.ts.
 */

/** PostgreSQL and socket errors that mean "the database is not there right now", not a bug. */
const UNAVAILABLE = /^(57P0[123]|08\d{3}|ECONNREFUSED|ENOENT|ECONNRESET|EPIPE)$/;

/**
 * The public code an error stands for, where it is not a bug: refusals of our own validation rules
 * (Apollo files them all under GRAPHQL_VALIDATION_FAILED; `hubCode` keeps ours), graphql-js' token
 * limit, a stopped request, a database that is away.
 */
function publicCode(formatted: GraphQLFormattedError, original: unknown): ErrorCode | undefined {
  const extensions = formatted.extensions ?? {};
  if (typeof extensions.hubCode === 'string') return extensions.hubCode as ErrorCode;
  if (extensions.code === ErrorCode.GRAPHQL_PARSE_FAILED && /more tha[nt] \d+ tokens/.test(formatted.message))
    return ErrorCode.QUERY_TOO_COMPLEX;
  if (original instanceof RequestAbortedError) return stoppedCode(original.code);
  const driverCode = String(
    (original as { driverError?: { code?: unknown }; code?: unknown } | undefined)?.driverError?.code ??
      (original as { code?: unknown } | undefined)?.code ??
      '',
  );
  if (driverCode === '57014') return ErrorCode.DEADLINE_EXCEEDED;
  if (
    UNAVAILABLE.test(driverCode) ||
    /Connection terminated|timeout exceeded when trying to connect|is not currently accepting connections/.test(
      (original as Error | undefined)?.message ?? '',
    )
  ) {
    return ErrorCode.DATABASE_UNAVAILABLE;
  }
  return undefined;
}

const PUBLIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  DEADLINE_EXCEEDED: 'The request took longer than its deadline and was stopped',
  DATABASE_UNAVAILABLE: 'The database is unavailable right now; retry in a few seconds',
  SERVER_BUSY: 'The hub was short of memory and stopped this request; retry, or ask for less',
  RESPONSE_TOO_LARGE: 'The request reads or returns more than its limit; ask for fewer fields or a smaller page',
};

/** The longest text an error repeats of what the client sent (an argument's value in a message, a reason). */
export const ECHO_MAX = 500;

/** A text cut at ECHO_MAX characters, saying how much was left out: a 90 kB argument is not sent back, twice. */
export const capped = (text: string): string =>
  text.length <= ECHO_MAX ? text : `${text.slice(0, ECHO_MAX)}… (${text.length - ECHO_MAX} more characters)`;

const cappedTexts = (extensions: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(extensions).map(([key, value]) => [key, typeof value === 'string' ? capped(value) : value]),
  );

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
    if (isPublicCode(code)) {
      const { stacktrace: _stacktrace, hubCode: _hubCode, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: capped(formatted.message), extensions: { ...cappedTexts(extensions), code } };
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
            if (isPublicCode(code)) continue;
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

/**
 * A refusal outside GraphQL: the code's HTTP status and `{ error: code, message, … }`, with `headers`
 * (a flat `[name, value, …]` list) beside any the response already holds.
 */
export function sendHttpError(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  headers: readonly string[] = [],
): void {
  sendJson(res, httpStatusOf(code), { error: code, message, ...extra }, headers);
}

/**
 * A refusal before GraphQL ran, in GraphQL's response shape (the client speaks GraphQL): the code's HTTP status,
 * never stored by a cache, with `headers` (a flat `[name, value, …]` list) beside its own.
 */
export function sendGraphqlRefusal(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: readonly string[] = [],
): void {
  sendJson(res, httpStatusOf(code), { errors: [{ message, extensions: { code, ...extensions } }] }, [
    ...headers,
    'cache-control',
    'no-store',
  ]);
}

/** A JSON answer written at once: `headers` (a flat `[name, value, …]` list), its type and its length. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: readonly string[] = []): void {
  const text = JSON.stringify(body);
  res.writeHead(status, [
    ...headers,
    'content-type',
    'application/json; charset=utf-8',
    'content-length',
    String(Buffer.byteLength(text)),
  ]);
  res.end(text);
}
