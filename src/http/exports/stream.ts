import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import type { RequestLimits } from '../../config';
import type { DataRevision } from '../../db/data-revision';
import { RequestAbortedError } from '../../db/request-database';
import { ErrorCode } from '../../errors/codes';
import { sendHttpError } from '../../errors/format';
import type { Logger } from '../../logger';
import { ParameterError } from './parameters';
import type { Row } from './rows';

/** What an export file is: its name, media type, and for CSV its columns and whether a byte-order mark comes first. */
export interface ExportKind {
  file: string;
  type: string;
  csv?: { columns: string[]; bom: boolean };
}

/** What every export stream is given: the log, the data revision of its snapshot, the limits. */
export interface StreamOptions {
  logger: Logger;
  revision: DataRevision;
  limits: Pick<RequestLimits, 'exportTimeoutMs' | 'exportWriteTimeoutMs'>;
}

/**
 * Streams rows page after page, as CSV (csv-stringify, RFC 4180 quoting) or as JSON lines. The first page
 * is read before the headers are sent, so that a bad parameter is a 400; after that a failure cuts the
 * download (no final chunk), never a silently short file. The file names the data revision it was read
 * at (its name and `X-Data-Revision`). An export ends by its deadline, and a reader that takes no data
 * for `exportWriteTimeoutMs` is cut off: neither holds an export slot for long.
 */
export async function streamRows(
  req: Request,
  res: Response,
  kind: ExportKind,
  pages: (signal: AbortSignal) => AsyncGenerator<Row[]>,
  { logger, revision, limits }: StreamOptions,
): Promise<void> {
  const abort = new AbortController();
  res.on('close', () =>
    abort.abort(new RequestAbortedError('CLIENT_CLOSED_REQUEST', 'The client closed the connection')),
  );
  const deadline = setTimeout(
    () =>
      abort.abort(
        new RequestAbortedError('DEADLINE_EXCEEDED', `The export took longer than ${limits.exportTimeoutMs} ms`),
      ),
    limits.exportTimeoutMs,
  );
  res.on('close', () => clearTimeout(deadline));
  const iterator = pages(abort.signal);
  let first: IteratorResult<Row[]>;
  try {
    first = await iterator.next();
  } catch (error) {
    failExport(res, error, logger);
    return;
  }
  res.status(200);
  res.setHeader('content-type', kind.type);
  const [name, extension] = kind.file.split(/\.(?=[^.]+$)/);
  res.setHeader('content-disposition', `attachment; filename="${name}-r${revision.revision}.${extension}"`);
  res.setHeader('x-data-revision', String(revision.revision));
  res.setHeader('last-modified', revision.changedAt.toUTCString());
  res.setHeader('cache-control', 'no-store');
  let output: Writable;
  if (kind.csv) {
    const csv = stringify({
      header: true,
      columns: kind.csv.columns,
      bom: kind.csv.bom,
      cast: { boolean: (value) => String(value) },
    });
    csv.pipe(res);
    output = csv;
  } else {
    output = res;
  }
  const stalled = watchProgress(res, limits.exportWriteTimeoutMs, () =>
    abort.abort(new RequestAbortedError('CLIENT_CLOSED_REQUEST', 'The reader took no data for too long')),
  );
  const write = async (row: Row) => {
    const accepted = kind.csv ? output.write(row) : output.write(`${JSON.stringify(row)}\n`);
    if (!accepted) await once(output, 'drain', { signal: abort.signal });
  };
  try {
    for (let page = first; !page.done; page = await iterator.next()) {
      for (const row of page.value) await write(row);
    }
    output.end();
    // The last bytes reach the reader too, or the watch cuts it off.
    if (!res.writableFinished) await once(res, 'finish', { signal: abort.signal });
  } catch (error) {
    const reason = abort.signal.aborted ? abort.signal.reason : error;
    if (reason instanceof RequestAbortedError)
      logger.warn({ path: req.path, reason: reason.message }, 'export cut off');
    else logger.error({ err: reason, path: req.path }, 'export failed while streaming');
    res.destroy();
  } finally {
    clearTimeout(deadline);
    clearInterval(stalled);
  }
}

/**
 * Calls `stall` when the response has bytes waiting and none has reached the connection for `timeoutMs`:
 * a reader that takes nothing. A reader that is slow but takes data keeps the export going.
 */
function watchProgress(res: Response, timeoutMs: number, stall: () => void): NodeJS.Timeout {
  let sent = -1;
  let since = Date.now();
  const timer = setInterval(
    () => {
      const now = res.socket?.bytesWritten ?? 0;
      const waiting = res.writableLength > 0 || (res.socket?.writableLength ?? 0) > 0 || res.writableNeedDrain;
      if (now !== sent || !waiting) {
        sent = now;
        since = Date.now();
      } else if (Date.now() - since >= timeoutMs) {
        clearInterval(timer);
        stall();
      }
    },
    Math.max(50, Math.min(1_000, timeoutMs / 4)),
  );
  timer.unref();
  return timer;
}

/** A failure before anything was sent: 400 naming the parameter, 504 past the deadline, else 500 without details. */
export function failExport(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof ParameterError) {
    sendHttpError(res, ErrorCode.BAD_REQUEST, error.message, { parameter: error.parameter });
  } else if (error instanceof RequestAbortedError) {
    sendHttpError(res, ErrorCode.DEADLINE_EXCEEDED, error.message);
  } else {
    logger.error({ err: error }, 'export failed');
    sendHttpError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
