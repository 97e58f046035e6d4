import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';

const PLAIN_TOKEN = /^[\w.-]{1,100}$/;

/**
 * The request's id (the client's `x-request-id` when it is a plain token, else a new UUID), and one log
 * line per request with status and duration when its answer is sent. Returns the id.
 */
export function requestLog(logger: Logger): (req: IncomingMessage, res: ServerResponse) => string {
  // A request's line holds no secret (id, method, path, status, duration): it skips the redaction of the
  // hub's other lines (logger.ts), which walked every line for its paths.
  const lines = logger.child({}, { redact: [] });
  return (req, res) => {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && PLAIN_TOKEN.test(header) ? header : randomUUID();
    const url = req.url ?? '/';
    const at = url.indexOf('?');
    const path = at < 0 ? url : url.slice(0, at);
    res.on('finish', () => {
      lines.info(
        {
          requestId,
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    return requestId;
  };
}
