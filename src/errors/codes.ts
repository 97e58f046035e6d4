import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Every code a client can receive: as `extensions.code` of a GraphQL error, or as `error` of the JSON
 * body of a refusal outside GraphQL (HTTP 404, 406, 413, 429 …). The README's table of error codes is
 * this list (a test compares them). Import refusals have their own codes, one level down
 * (ingest/import-errors.ts, in `extensions.errors[].code`).
 */
export enum ErrorCode {
  /** The document is not GraphQL (graphql-js' parser). */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema (graphql-js' validation). */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** An argument or variable is wrong; `argument` names it. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The HTTP request itself is wrong: a body that is not JSON, a mutation over GET, a bad export parameter. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** An operation name that the document does not hold (Apollo). */
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  /** A `documentId` (GraphQL over HTTP persisted documents) or a persisted-query hash (Apollo's APQ) the hub does not hold. */
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** No such route (HTTP 404). */
  NOT_FOUND = 'NOT_FOUND',
  /** The Accept header allows no media type the hub answers in (HTTP 406). */
  NOT_ACCEPTABLE = 'NOT_ACCEPTABLE',
  /** The request body is larger than its limit (HTTP 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Over a limit (cost, depth, aliases, directives, tokens): refused before any SQL ran. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The answer would be larger than the response limit (HUB_MAX_RESPONSE_BYTES): ask for less. */
  RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE',
  /** The client's cost bucket is empty, or too many exports or token checks: HTTP 429 with Retry-After. */
  THROTTLED = 'THROTTLED',
  /** The request's deadline passed; its SQL was cancelled. */
  DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED',
  /** The hub was short of memory and stopped this request, the costliest running (HUB_MEMORY_GUARD): retry, or ask for less. */
  SERVER_BUSY = 'SERVER_BUSY',
  /** The database is unreachable or restarting; retry shortly. */
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  /** A write without a valid API token (HTTP 401 when the token itself is refused). */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** A write the token may not make (another municipality's project, an ADMIN-only option). */
  FORBIDDEN = 'FORBIDDEN',
  /** A bug or an unexpected failure: no details, a `requestId` that leads to them in the server log. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** The code a request stopped while it ran answers with (RequestAbortedError's reason). */
export function stoppedCode(reason: string): ErrorCode {
  if (reason === 'SERVER_BUSY') return ErrorCode.SERVER_BUSY;
  if (reason === 'RESPONSE_TOO_LARGE') return ErrorCode.RESPONSE_TOO_LARGE;
  return ErrorCode.DEADLINE_EXCEEDED;
}

/** The HTTP status of a refusal outside GraphQL (express routes), and of the GraphQL errors that are HTTP-level refusals. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.GRAPHQL_PARSE_FAILED:
    case ErrorCode.GRAPHQL_VALIDATION_FAILED:
    case ErrorCode.BAD_USER_INPUT:
    case ErrorCode.BAD_REQUEST:
    case ErrorCode.OPERATION_RESOLUTION_FAILURE:
    case ErrorCode.PERSISTED_QUERY_NOT_FOUND:
    case ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED:
    case ErrorCode.QUERY_TOO_COMPLEX:
    case ErrorCode.RESPONSE_TOO_LARGE:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.NOT_ACCEPTABLE:
      return 406;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.THROTTLED:
      return 429;
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return 500;
    case ErrorCode.DATABASE_UNAVAILABLE:
    case ErrorCode.SERVER_BUSY:
      return 503;
    case ErrorCode.DEADLINE_EXCEEDED:
      return 504;
    default:
      return assertUnreachable(code);
  }
}

function assertUnreachable(code: never): never {
  throw new Error(`no HTTP status for error code ${String(code)}`);
}

/** Codes whose message is written for the client and may be shown as is (every code but INTERNAL_SERVER_ERROR). */
export const isPublicCode = (code: string): code is ErrorCode =>
  code !== ErrorCode.INTERNAL_SERVER_ERROR && (Object.values(ErrorCode) as string[]).includes(code);

/**
 * A GraphQL error the hub raises: `extensions.code`, the same as `hubCode` (Apollo files every validation
 * rule's error under GRAPHQL_VALIDATION_FAILED; `hubCode` keeps ours), and, where the refusal is an
 * HTTP-level one, its status (`http`, with headers such as Retry-After).
 */
export function hubError(
  code: ErrorCode,
  message: string,
  options: { extensions?: Record<string, unknown>; http?: boolean; headers?: [string, string][] } = {},
): GraphQLError {
  const http = options.http
    ? { http: { status: httpStatusOf(code), headers: new HeaderMap(options.headers ?? []) } }
    : {};
  return new GraphQLError(message, { extensions: { code, hubCode: code, ...options.extensions, ...http } });
}

/** A client mistake in an argument: `BAD_USER_INPUT`, naming the argument and the reason. */
export function badUserInput(argument: string, reason: string): GraphQLError {
  return hubError(ErrorCode.BAD_USER_INPUT, `Invalid argument "${argument}": ${reason}`, {
    extensions: { argument, reason },
  });
}
