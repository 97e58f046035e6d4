import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../errors/codes';
import type { PersistedDocuments } from '../graphql/persisted-documents';

/** Why a persisted document request was refused (answered in GraphQL's shape, naming the parameter). */
export interface DocumentRefusal {
  code: ErrorCode.BAD_REQUEST | ErrorCode.PERSISTED_QUERY_NOT_FOUND;
  message: string;
}

/**
 * A persisted document request (GraphQL over HTTP, appendix A) made an ordinary GraphQL request: the
 * `documentId` replaced by the document it names, before anything else reads the request, so that HTTP
 * caching, the response cache, Apollo's document store and the cost analysis see the same request as
 * when the text itself is sent. GET: the parameters of the URL (read before the body); POST: the JSON
 * body (after it is read). A `documentId` beside a `query`, a malformed one → BAD_REQUEST; one the hub
 * does not hold → PERSISTED_QUERY_NOT_FOUND (HTTP 400, as Apollo's own for an unknown APQ hash).
 */
export function persistedDocumentRequests(documents: PersistedDocuments) {
  const resolve = (documentId: unknown, query: unknown): { text: string } | DocumentRefusal => {
    if (query !== undefined)
      return { code: ErrorCode.BAD_REQUEST, message: 'Send either "query" or "documentId", not both' };
    const found = documents.resolve(documentId);
    if ('text' in found) return found;
    return {
      code: found.kind === 'unknown' ? ErrorCode.PERSISTED_QUERY_NOT_FOUND : ErrorCode.BAD_REQUEST,
      message: found.message,
    };
  };
  return {
    /** GET (and any method's URL): before the conditional GET, which keys on the parameters. */
    url(req: IncomingMessage): DocumentRefusal | null {
      const url = req.url ?? '';
      const at = url.indexOf('?');
      if (at < 0 || !url.includes('documentId', at)) return null;
      const params = new URLSearchParams(url.slice(at + 1));
      const ids = params.getAll('documentId');
      if (ids.length === 0) return null;
      if (ids.length > 1) return { code: ErrorCode.BAD_REQUEST, message: 'documentId is given more than once' };
      const found = resolve(ids[0], params.get('query') ?? undefined);
      if (!('text' in found)) return found;
      params.delete('documentId');
      params.set('query', found.text);
      req.url = `${url.slice(0, at)}?${params.toString()}`;
      return null;
    },
    /** POST: the JSON body's `documentId`. */
    body(req: IncomingMessage & { body?: unknown }): DocumentRefusal | null {
      const body = req.body as Record<string, unknown> | undefined;
      if (req.method !== 'POST' || !body || typeof body !== 'object' || !('documentId' in body)) return null;
      const found = resolve(body.documentId, body.query);
      if (!('text' in found)) return found;
      const { documentId: _id, ...rest } = body;
      req.body = { ...rest, query: found.text };
      return null;
    },
  };
}
