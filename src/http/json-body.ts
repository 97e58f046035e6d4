import { isUtf8 } from 'node:buffer';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { jsonStructureProblem } from '../domain/json-structure';
import { firstInvalidUtf8Offset } from '../domain/utf8';
import { ErrorCode } from '../errors/codes';

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

function verify(_req: Request, _res: Response, bytes: Buffer): void {
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

/**
 * express.json with the strict reading above; a refusal goes to `refuse` (each route answers in its own
 * shape), any other error (not JSON, too large) to express's error handling.
 */
export function strictJson(limit: number, refuse: (res: Response, refusal: BodyRefusal) => void): RequestHandler {
  const read = express.json({ limit, verify });
  return (req: Request, res: Response, next: NextFunction) =>
    // body-parser hands the error thrown by `verify` on as it is (with `status` 400).
    read(req, res, (error?: unknown) => (error instanceof BodyRefusal ? refuse(res, error) : next(error)));
}
