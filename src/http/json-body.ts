import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { finished, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import contentType from 'content-type';
import getRawBody from 'raw-body';
import { jsonStructureProblem } from '../domain/json-structure';
import { firstInvalidUtf8Offset } from '../domain/utf8';
import { ErrorCode, httpStatusOf } from '../errors/codes';

/**
 * A JSON request body read strictly: UTF-8 only (RFC 8259; a Latin-1 body is refused, never decoded into
 * U+FFFD), no key given twice in one object, no nesting deeper than MAX_JSON_DEPTH, an object or an array
 * at the top.
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

type BodyError = Error & { status?: number; type?: string; limit?: number };

/** An error of the kind body-parser gives (bodyErrorOf reads its `type` and `status`). */
function bodyError(status: number, message: string, type: string): BodyError {
  return Object.assign(new Error(message), { status, type });
}

/** The decompressor of a `Content-Encoding` (those body-parser accepts), undefined for none. */
function decompressorOf(req: IncomingMessage): Transform | undefined {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  switch (encoding) {
    case 'identity':
      return undefined;
    case 'gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw bodyError(415, `unsupported content encoding "${encoding}"`, 'encoding.unsupported');
  }
}

/** Reads off what is left of a request the hub refuses, so that its answer reaches the client. */
function dump(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    finished(req, () => resolve());
    req.resume();
  });
}

/** The body's value: the text checked (UTF-8, structure, an object or array at the top), then parsed. */
function parsed(bytes: Buffer): unknown {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new BodyRefusal(
      ErrorCode.BAD_REQUEST,
      `The request body is not UTF-8 (RFC 8259): byte 0x${bytes[offset].toString(16).padStart(2, '0')} at byte offset ${offset}`,
    );
  }
  const text = bytes.toString('utf8');
  if (text.length === 0) return {};
  const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw bodyError(400, 'Request body is not valid JSON', 'entity.parse.failed');
  const problem = jsonStructureProblem(text);
  if (problem)
    throw new BodyRefusal(
      ErrorCode.BAD_USER_INPUT,
      `Invalid request body at ${problem.path}: ${problem.reason}`,
      problem.path,
    );
  try {
    return JSON.parse(text);
  } catch {
    throw bodyError(400, 'Request body is not valid JSON', 'entity.parse.failed');
  }
}

/**
 * A reader of a JSON body with the strict reading above: `application/json` in UTF-8 (another charset is
 * 415), as sent or gzip, deflate or brotli (the limit counts the decompressed bytes), read by raw-body (the
 * reader body-parser uses) and decoded once. body-parser itself decoded twice (its check and its parse)
 * and cost 0.02-0.03 ms of CPU a request more. It sets `req.body` (left undefined when the request has no
 * JSON body) and rejects with a BodyRefusal, or with an error bodyErrorOf knows (not JSON, too large, a
 * charset that is not UTF-8, an unknown content encoding, a body cut short), after reading off the rest.
 */
export function jsonBodyReader(limit: number): (req: IncomingMessage & { body?: unknown }) => Promise<void> {
  return async (req) => {
    const { headers } = req;
    const hasBody = headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(headers['content-length']));
    if (!hasBody || headers['content-type'] === undefined) return;
    let type: contentType.ParsedMediaType;
    try {
      type = contentType.parse(headers['content-type']);
    } catch {
      return;
    }
    if (type.type !== 'application/json') return;
    const charset = (type.parameters.charset ?? 'utf-8').toLowerCase();
    let decompressor: Transform | undefined;
    try {
      if (charset !== 'utf-8' && charset !== 'utf8')
        throw bodyError(415, `unsupported charset "${charset.toUpperCase()}"`, 'charset.unsupported');
      decompressor = decompressorOf(req);
      const bytes = decompressor
        ? await getRawBody(req.pipe(decompressor), { limit })
        : await getRawBody(req, { length: headers['content-length'], limit });
      req.body = parsed(bytes);
    } catch (error) {
      if (decompressor) {
        req.unpipe(decompressor);
        decompressor.destroy();
      }
      await dump(req);
      // A stream's own error (a cut connection, a broken gzip) is the request's fault, as body-parser says.
      const known = error as BodyError;
      if (!(error instanceof BodyRefusal) && known.status === undefined) known.status = 400;
      throw error;
    }
  };
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
