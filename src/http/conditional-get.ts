import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors/codes';
import { sendGraphqlRefusal } from '../errors/format';
import { HttpCache } from '../graphql/http-cache';
import { rateLimitHeaders, throttledMessage } from '../graphql/throttle';
import { clientOf } from './request-scope';

/** What a cacheable answer varies by (http-cache.ts sets the same on the answer). */
const VARY = 'Accept, Accept-Encoding';

/**
 * `If-None-Match` on an anonymous GET: 304 before the body is read, the document parsed or anything runs,
 * when the ETag is the one the hub gave this request at the data revision the database holds now (see
 * HttpCache). The 304 is throttled like the answer it stands for: the bucket must hold the query's cost
 * (or the client gets the 429 the answer would get), and a 304 then takes one point. Like the answer, a 304
 * carries nothing of the client (no RateLimit headers). Resolves true when it answered, with `headers`
 * (a flat `[name, value, …]` list) beside its own.
 */
export function conditionalGet(cache: HttpCache) {
  return async (req: IncomingMessage, res: ServerResponse, headers: readonly string[]): Promise<boolean> => {
    const ifNoneMatch = req.headers['if-none-match'];
    if (req.method !== 'GET' || req.headers.authorization !== undefined || ifNoneMatch === undefined) return false;
    const url = req.url ?? '';
    const at = url.indexOf('?');
    const key = at < 0 ? null : HttpCache.requestKey(url.slice(at));
    if (key === null) return false;
    const known = await cache.validator(key);
    if (!known || !matchesIfNoneMatch(ifNoneMatch, known.etag)) return false;
    const { throttle } = cache;
    if (throttle.enabled) {
      const client = clientOf(req);
      const taken = throttle.take(client, known.cost);
      if (!taken.ok) {
        sendGraphqlRefusal(
          res,
          ErrorCode.THROTTLED,
          throttledMessage(known.cost, taken.status, taken.retryAfterSeconds),
          { retryAfterSeconds: taken.retryAfterSeconds },
          [
            ...headers,
            ...[...rateLimitHeaders(taken.status)].flat(),
            'vary',
            VARY,
            'retry-after',
            String(taken.retryAfterSeconds),
          ],
        );
        return true;
      }
      // Not in the 304's headers: a cache updates its stored answer with them.
      throttle.refund(client, Math.max(0, known.cost - 1));
    }
    res.writeHead(304, [...headers, 'etag', known.etag, 'vary', VARY, 'cache-control', cache.cacheControl]);
    res.end();
    return true;
  };
}

/**
 * Whether an If-None-Match header names this ETag (RFC 9110 §13.1.2: `*`, or a list compared weakly). An
 * origin server evaluates it whatever the request's Cache-Control says (express' `req.fresh` would answer
 * 200 to every request with `Cache-Control: no-cache`, which fetch() adds to every conditional request).
 */
export function matchesIfNoneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}
