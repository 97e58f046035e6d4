import type { NextFunction, Request, Response } from 'express';
import { ErrorCode, httpStatusOf } from '../errors/codes';
import { HttpCache } from '../graphql/http-cache';
import { rateLimitHeaders, throttledMessage } from '../graphql/throttle';
import { clientOf } from './request-scope';

/**
 * `If-None-Match` on an anonymous GET: 304 before the body is read, the document parsed or anything runs,
 * when the ETag is the one the hub gave this request at the data revision the database holds now (see
 * HttpCache). The 304 is throttled like the answer it stands for: the bucket must hold the query's cost
 * (or the client gets the 429 the answer would get), and a 304 then takes one point. Like the answer, a 304
 * carries nothing of the client (no RateLimit headers).
 */
export function conditionalGet(cache: HttpCache) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' || req.headers.authorization !== undefined || req.headers['if-none-match'] === undefined) {
      next();
      return;
    }
    const at = req.url.indexOf('?');
    const key = at < 0 ? null : HttpCache.requestKey(req.url.slice(at));
    if (key === null) {
      next();
      return;
    }
    cache.validator(key).then((known) => {
      if (!known) return next();
      if (!matchesIfNoneMatch(req.headers['if-none-match']!, known.etag)) return next();
      res.setHeader('etag', known.etag);
      res.setHeader('vary', 'Accept, Accept-Encoding');
      const { throttle } = cache;
      if (throttle.enabled) {
        const client = clientOf(req);
        const taken = throttle.take(client, known.cost);
        if (!taken.ok) {
          for (const [name, value] of rateLimitHeaders(taken.status)) res.setHeader(name, value);
          res.removeHeader('etag');
          res.setHeader('cache-control', 'no-store');
          res.setHeader('retry-after', String(taken.retryAfterSeconds));
          res.status(httpStatusOf(ErrorCode.THROTTLED)).json({
            errors: [
              {
                message: throttledMessage(known.cost, taken.status, taken.retryAfterSeconds),
                extensions: { code: ErrorCode.THROTTLED, retryAfterSeconds: taken.retryAfterSeconds },
              },
            ],
          });
          return;
        }
        // Not in the 304's headers: a cache updates its stored answer with them.
        throttle.refund(client, Math.max(0, known.cost - 1));
      }
      res.setHeader('cache-control', cache.cacheControl);
      res.status(304).end();
    }, next);
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
