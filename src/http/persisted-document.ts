import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../errors/codes';
import type { PersistedDocuments } from '../graphql/persisted-documents';

type Refuse = (
  res: Response,
  code: ErrorCode.BAD_REQUEST | ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  message: string,
) => void;

/**
 * A persisted document request (GraphQL over HTTP, appendix A) made an ordinary GraphQL request: the
 * `documentId` replaced by the document it names, before anything else reads the request, so that HTTP
 * caching, the response cache, Apollo's document store and the cost analysis see the same request as
 * when the text itself is sent. GET: the parameters of the URL (read before the body); POST: the JSON
 * body (after it is read). A `documentId` beside a `query`, a malformed one → BAD_REQUEST; one the hub
 * does not hold → PERSISTED_QUERY_NOT_FOUND (HTTP 400, as Apollo's own for an unknown APQ hash).
 */
export function persistedDocumentRequests(documents: PersistedDocuments, refuse: Refuse) {
  const resolve = (res: Response, documentId: unknown, query: unknown): string | null => {
    if (query !== undefined) {
      refuse(res, ErrorCode.BAD_REQUEST, 'Send either "query" or "documentId", not both');
      return null;
    }
    const found = documents.resolve(documentId);
    if ('text' in found) return found.text;
    refuse(res, found.kind === 'unknown' ? ErrorCode.PERSISTED_QUERY_NOT_FOUND : ErrorCode.BAD_REQUEST, found.message);
    return null;
  };
  return {
    /** GET (and any method's URL): before the conditional GET, which keys on the parameters. */
    url(req: Request, res: Response, next: NextFunction): void {
      const at = req.url.indexOf('?');
      if (at < 0 || !req.url.includes('documentId', at)) return next();
      const params = new URLSearchParams(req.url.slice(at + 1));
      const ids = params.getAll('documentId');
      if (ids.length === 0) return next();
      if (ids.length > 1) return refuse(res, ErrorCode.BAD_REQUEST, 'documentId is given more than once');
      const text = resolve(res, ids[0], params.get('query') ?? undefined);
      if (text === null) return;
      params.delete('documentId');
      params.set('query', text);
      req.url = `${req.url.slice(0, at)}?${params.toString()}`;
      next();
    },
    /** POST: the JSON body's `documentId`. */
    body(req: Request, res: Response, next: NextFunction): void {
      const body = req.body as Record<string, unknown> | undefined;
      if (req.method !== 'POST' || !body || typeof body !== 'object' || !('documentId' in body)) return next();
      const text = resolve(res, body.documentId, body.query);
      if (text === null) return;
      const { documentId: _id, ...rest } = body;
      req.body = { ...rest, query: text };
      next();
    },
  };
}
