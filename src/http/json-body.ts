import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { jsonStructureProblem } from '../domain/json-structure';
import { firstInvalidUtf8Offset } from '../domain/utf8';
import { ErrorCode, httpStatusOf } from '../errors/codes';

/**
 * A JSON request body read strictly: UTF-8 only (RFC 8259; a Latin-1 body is refused, never decoded into
 * U+FFFD), no key given twice in one object, no nesting deeper than MAX_JSON_DEPTH. express.json
 * (body-parser) reads it, with this check on the raw bytes before it parses them.
 */
export class BodyRefusal extends Error {
  readonly status = 400;
  constructor(
    readonly code: ErrorCode.BAD_REQUEST | ErrorCode.BAD_USER_INPUT,
    message: string,
    readonly jsonPath?: string,
  ) {
    super(message);
  }
}

function verify(_req: IncomingMessage, _res: ServerResponse, bytes: Buffer): void {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new BodyRefusal(
      ErrorCode.BAD_REQUEST,
      `The request body is not UTF-8 (RFC 8259): byte 0x${bytes[offset].toString(16).padStart(2, '0')} at byte offset ${offset}`,
    );
  }
  const problem = jsonStructureProblem(bytes.toString('utf8'));
  if (problem)
    throw new BodyRefusal(
      ErrorCode.BAD_USER_INPUT,
      `Invalid request body at ${problem.path}: ${problem.reason}`,
      problem.path,
    );
}

type BodyError = Error & { status?: number; type?: string; limit?: number };

/**
 * A reader of a JSON body by express.json (body-parser, which reads a plain Node request as well) with the
 * strict reading above: it sets `req.body` (left undefined when the request has no JSON body) and rejects
 * with a BodyRefusal, or with body-parser's error (not JSON, too large, a charset that is not UTF-8).
 */
export function jsonBodyReader(limit: number): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const read = express.json({ limit, verify }) as unknown as (
    req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
  return (req, res) => new Promise((resolve, reject) => read(req, res, (error) => (error ? reject(error) : resolve())));
}

/** A body that could not be read, as the client's mistake: its code, HTTP status and message; null for anything else (a bug). */
export function bodyErrorOf(
  error: BodyError,
  maxBodyBytes: number,
): { code: ErrorCode; status: number; message: string } | null {
  if (error.type === 'entity.parse.failed')
    return {
      code: ErrorCode.BAD_REQUEST,
      status: httpStatusOf(ErrorCode.BAD_REQUEST),
      message: 'Request body is not valid JSON',
    };
  if (error.type === 'entity.too.large')
    return {
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      status: httpStatusOf(ErrorCode.PAYLOAD_TOO_LARGE),
      message: `Request body is larger than ${error.limit ?? maxBodyBytes} bytes`,
    };
  if (error.status && error.status >= 400 && error.status < 500)
    return { code: ErrorCode.BAD_REQUEST, status: error.status, message: error.message };
  return null;
}
