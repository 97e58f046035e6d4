import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
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

/**
 * Streams rows page after page, as CSV (csv-stringify, RFC 4180 quoting) or as JSON lines. The first page
 * is read before the headers are sent, so that a bad parameter is a 400; after that a failure cuts the
 * download (no final chunk), never a silently short file.
 */
export async function streamRows(
  req: Request,
  res: Response,
  kind: ExportKind,
  pages: (signal: AbortSignal) => AsyncGenerator<Row[]>,
  logger: Logger,
): Promise<void> {
  const abort = new AbortController();
  res.on('close', () =>
    abort.abort(new RequestAbortedError('CLIENT_CLOSED_REQUEST', 'The client closed the connection')),
  );
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
  res.setHeader('content-disposition', `attachment; filename="${kind.file}"`);
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
  const write = async (row: Row) => {
    const accepted = kind.csv ? output.write(row) : output.write(`${JSON.stringify(row)}\n`);
    if (!accepted) await once(output, 'drain');
  };
  try {
    for (let page = first; !page.done; page = await iterator.next()) {
      for (const row of page.value) await write(row);
    }
    output.end();
  } catch (error) {
    if (!(error instanceof RequestAbortedError))
      logger.error({ err: error, path: req.path }, 'export failed while streaming');
    res.destroy();
  }
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
