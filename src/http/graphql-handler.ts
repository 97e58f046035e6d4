import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { type ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import Negotiator from 'negotiator';
import type { Caller } from '../auth/tokens';
import type { RequestLimits } from '../config';
import { type Context, type ContextFactory, createContext } from '../context';
import type { Database } from '../db/database';
import type { RequestScope } from '../db/request-database';
import { ErrorCode } from '../errors/codes';
import { sendGraphqlRefusal, sendHttpError, sendJson } from '../errors/format';
import type { HttpCache } from '../graphql/http-cache';
import { responseMediaType } from '../graphql/http-status';
import type { MemoryGuard } from '../graphql/memory-guard';
import type { PersistedDocuments } from '../graphql/persisted-documents';
import type { Logger } from '../logger';
import { conditionalGet } from './conditional-get';
import { tokenCheck } from './graphql-token';
import { recordedHeaders } from './headers';
import { BodyRefusal, bodyErrorOf, jsonBodyReader } from './json-body';
import { persistedDocumentRequests } from './persisted-document';
import { clientOf, requestScope } from './request-scope';

type GraphqlRequest = IncomingMessage & { body?: unknown };

/** Answers of this many bytes or more are compressed (the `compression` middleware's threshold, used for the rest). */
const COMPRESS_FROM_BYTES = 1024;
/**
 * gzip at level 1, brotli at quality 4: the settings of the `compression` middleware in app.ts. An answer up
 * to SYNC_UP_TO_BYTES is compressed at once on the event loop (0.2 ms of CPU for a 32 kB list, where the
 * thread pool's round trip adds 0.13 ms to it); a larger one in the thread pool, not to hold the loop.
 */
const SYNC_UP_TO_BYTES = 64 * 1024;
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
const COMPRESSORS: Record<string, { sync: (body: string) => Buffer; async: (body: string) => Promise<Buffer> }> = {
  br: {
    sync: (body) => zlib.brotliCompressSync(body, BROTLI),
    async: (body) => promisify(zlib.brotliCompress)(body, BROTLI) as Promise<Buffer>,
  },
  gzip: {
    sync: (body) => zlib.gzipSync(body, { level: 1 }),
    async: (body) => promisify(zlib.gzip)(body, { level: 1 }) as Promise<Buffer>,
  },
  deflate: {
    sync: (body) => zlib.deflateSync(body, { level: 1 }),
    async: (body) => promisify(zlib.deflate)(body, { level: 1 }) as Promise<Buffer>,
  },
};
const ENCODINGS = ['br', 'gzip', 'deflate', 'identity'];

/**
 * `/graphql`, served on Node's own request and response (express's routing, body and response helpers
 * cost about 0.3 ms of CPU a request, as much as Apollo itself): a browser's page (the bundled GraphiQL)
 * and CORS preflights go to `pages` (express); a 406 for an Accept the hub cannot answer; a persisted
 * document's id made its text; the conditional GET (304 before anything runs); the API token checked
 * before the body is read (only a valid one gets the import limits); then Apollo, its answer compressed
 * as the client accepts. Every answer carries helmet's and CORS' headers (headers.ts) and the request id.
 */
export function graphqlHandler(options: {
  apollo: ApolloServer<Context>;
  database: Database;
  limits: RequestLimits;
  contexts: ContextFactory;
  httpCache: HttpCache;
  documents: PersistedDocuments;
  logger: Logger;
  memoryGuard?: MemoryGuard;
  /** express: GraphiQL, Apollo's Sandbox page, preflights. */
  pages: (req: IncomingMessage, res: ServerResponse, requestId: string) => void;
}): (req: IncomingMessage, res: ServerResponse, requestId: string) => void {
  const { apollo, limits, contexts, memoryGuard, logger } = options;
  const fixed = recordedHeaders();
  const persisted = persistedDocumentRequests(options.documents);
  const notModified = conditionalGet(options.httpCache);
  const checkToken = tokenCheck(options.database);
  const readBody = jsonBodyReader(limits.maxBodyBytes);
  const readImportBody = jsonBodyReader(limits.importMaxBodyBytes);

  const serve = async (req: GraphqlRequest, res: ServerResponse, headers: string[], requestId: string) => {
    const refuse = (code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, more: string[] = []) =>
      sendGraphqlRefusal(res, code, message, extensions, [...headers, ...more]);
    if (responseMediaType(req.headers.accept) === null) {
      sendHttpError(
        res,
        ErrorCode.NOT_ACCEPTABLE,
        'Accept application/json or application/graphql-response+json',
        {},
        headers,
      );
      return;
    }
    const fromUrl = persisted.url(req);
    if (fromUrl) return refuse(fromUrl.code, fromUrl.message, { parameter: 'documentId' });
    if (await notModified(req, res, headers)) return;

    let caller: Caller | null = null;
    let scope: RequestScope;
    if (req.headers.authorization === undefined) {
      scope = requestScope(res, limits.requestTimeoutMs, { guard: memoryGuard, maxRows: limits.maxRows });
    } else {
      const checked = await checkToken(req);
      if ('refusal' in checked)
        return refuse(checked.refusal.code, checked.refusal.message, {}, checked.refusal.headers);
      caller = checked.caller;
      scope = requestScope(res, limits.importTimeoutMs, { guard: memoryGuard });
    }
    try {
      await (caller ? readImportBody : readBody)(req);
    } catch (error) {
      if (error instanceof BodyRefusal)
        return refuse(error.code, error.message, error.jsonPath ? { jsonPath: error.jsonPath } : {});
      const known = bodyErrorOf(error as Error, caller ? limits.importMaxBodyBytes : limits.maxBodyBytes);
      if (!known) throw error;
      sendJson(res, known.status, { error: known.code, message: known.message }, headers);
      return;
    }
    const fromBody = persisted.body(req);
    if (fromBody) return refuse(fromBody.code, fromBody.message, { parameter: 'documentId' });

    const url = req.url ?? '';
    const at = url.indexOf('?');
    const requestHeaders = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) requestHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers: requestHeaders,
        search: at < 0 ? '' : url.slice(at),
        body: req.body,
      },
      context: async () => {
        const context = createContext(contexts, {
          requestId,
          client: clientOf(req),
          caller,
          scope,
        });
        res.on('close', () => void context.database.release());
        return context;
      },
    });
    await send(req, res, headers, answer);
  };

  return (req, res, requestId) => {
    if (req.method === 'OPTIONS' || wantsPage(req)) return options.pages(req, res, requestId);
    const headers = [...fixed, 'x-request-id', requestId];
    serve(req, res, headers, requestId).catch((error: unknown) => {
      logger.error({ requestId, err: error }, 'unhandled HTTP error');
      if (res.headersSent) res.destroy();
      else sendHttpError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error', { requestId }, headers);
    });
  };
}

/**
 * A browser asking for /graphql gets the bundled GraphiQL (works offline); `?sandbox` passes to Apollo's
 * Sandbox page (online, from Apollo's CDN) where APOLLO_SANDBOX allows it.
 */
function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' || !/text\/html/.test(req.headers.accept ?? '')) return false;
  const url = req.url ?? '';
  const at = url.indexOf('?');
  if (at < 0) return true;
  const params = new URLSearchParams(url.slice(at + 1));
  return !params.has('query') && !params.has('documentId') && !params.has('sandbox');
}

/** Apollo's answer with the request's headers, compressed (br, gzip or deflate, as the client prefers) from 1 kB. */
async function send(req: IncomingMessage, res: ServerResponse, headers: string[], answer: HTTPGraphQLResponse) {
  let vary = 'Accept-Encoding';
  for (const [name, value] of answer.headers) {
    if (name === 'vary') vary = /accept-encoding/i.test(value) ? value : `${value}, Accept-Encoding`;
    else headers.push(name, value);
  }
  headers.push('vary', vary);
  const status = answer.status ?? 200;
  if (answer.body.kind === 'chunked') {
    res.writeHead(status, headers);
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
    return;
  }
  const text = answer.body.string;
  const bytes = Buffer.byteLength(text);
  const encoding =
    bytes >= COMPRESS_FROM_BYTES && req.method !== 'HEAD' && req.headers['accept-encoding']
      ? (acceptedEncoding(req) ?? 'identity')
      : 'identity';
  if (encoding === 'identity') {
    res.writeHead(status, [...headers, 'content-length', String(bytes)]);
    res.end(text);
    return;
  }
  const compressor = COMPRESSORS[encoding];
  const body = bytes <= SYNC_UP_TO_BYTES ? compressor.sync(text) : await compressor.async(text);
  if (res.destroyed) return;
  res.writeHead(status, [...headers, 'content-encoding', encoding, 'content-length', String(body.length)]);
  res.end(body);
}

/** The encoding the client prefers among ENCODINGS, brotli then gzip first among equals (as `compression` chooses). */
function acceptedEncoding(req: IncomingMessage): string | undefined {
  // negotiator 1's `preferred` option, which its type declarations (for 0.6) do not know.
  const negotiator = new Negotiator(req) as unknown as {
    encoding(available: string[], options: { preferred: string[] }): string | undefined;
  };
  return negotiator.encoding(ENCODINGS, { preferred: ['br', 'gzip'] });
}
