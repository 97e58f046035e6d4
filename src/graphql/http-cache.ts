import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { readDataRevision } from '../db/data-revision';
import type { HttpCacheConfig } from '../config';
import { stableStringify } from '../domain/stable-json';
import type { RequestContext } from './request-context';
import { type CostThrottle, RATE_LIMIT_HEADERS } from './throttle';

/** What the hub remembers of an answer it gave with an ETag: the data revision, and what the query cost. */
interface Answered {
  revision: number;
  cost: number;
}

/** At most this many answered requests are remembered for `If-None-Match` (least recently used forgotten). */
export const MAX_REMEMBERED = 10_000;

/**
 * HTTP caching of anonymous GET reads, for any cache in front of the hub (a browser, nginx, a CDN).
 *
 * A successful answer gets a strong ETag made of the data revision (the counter every committed import
 * bumps, kept in the database, so every replica agrees) and the normalised request (document, operation
 * name, variables with their keys sorted, extensions): the same for every client, since the body holds
 * nothing of the client; nor do its headers (the throttle's RateLimit headers go only on answers no cache
 * keeps: a stored header is replayed to every client). `If-None-Match` with it gets
 * a 304 before parsing or execution (conditionalGet), but only for a request this process answered at the
 * revision the database holds now: a request the hub would refuse never had an ETag, and a 304 never
 * crosses an import. Everything else is `no-store`: errors, refusals, mutations, POST, requests with a token.
 */
export class HttpCache {
  private revision: number | null = null;
  private readonly answered = new LRUCache<string, Answered>({ max: MAX_REMEMBERED });

  constructor(
    readonly config: HttpCacheConfig,
    readonly throttle: CostThrottle,
    private readonly readRevision: () => Promise<number>,
  ) {}

  /** Reading the revision from the database the hub serves. */
  static reading(config: HttpCacheConfig, throttle: CostThrottle, dataSource: DataSource): HttpCache {
    return new HttpCache(config, throttle, async () => (await readDataRevision(dataSource.manager)).revision);
  }

  /**
   * Reads the data revision again (at start and after every import's notification). Until it is first read,
   * no ETag is given; while it is read again, answers keep the last one. An ETag may name an older revision
   * than the data it came with (an import committed just before the notification), never a newer one: such
   * an ETag only ever misses.
   */
  async refresh(): Promise<void> {
    try {
      this.revision = await this.readRevision();
    } catch {
      // No ETags until the next notification (the listener's reconnect refreshes too).
      this.revision = null;
    }
  }

  /** The revision an answer starting now is labelled with, null when unknown. */
  get currentRevision(): number | null {
    return this.revision;
  }

  /** The key of a GET request's parameters, null when they are not one well-formed request. */
  static requestKey(search: string): string | null {
    const params = new URLSearchParams(search);
    const query = params.getAll('query');
    if (query.length !== 1) return null;
    const parts: Record<string, unknown> = { query: query[0] };
    for (const name of ['operationName', 'variables', 'extensions']) {
      const values = params.getAll(name);
      if (values.length > 1) return null;
      if (values.length === 0 || values[0] === '') continue;
      if (name === 'operationName') parts[name] = values[0];
      else {
        try {
          parts[name] = JSON.parse(values[0]);
        } catch {
          return null;
        }
      }
    }
    return createHash('sha256').update(stableStringify(parts)).digest('base64url').slice(0, 32);
  }

  etag(revision: number, key: string): string {
    return `"r${revision}-${key}"`;
  }

  /**
   * Cache-Control of a successful anonymous GET answer. Plain directives only: nginx and Varnish read a
   * qualified `no-cache="…"` as `no-cache` and keep nothing.
   */
  get cacheControl(): string {
    const { maxAgeSeconds, staleWhileRevalidateSeconds } = this.config;
    return `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleWhileRevalidateSeconds}`;
  }

  remember(key: string, revision: number, cost: number): void {
    this.answered.set(key, { revision, cost });
  }

  /**
   * The ETag a client may hold for this request and what answering it cost, when this process answered it
   * at the revision the database holds now (read now: an import committed by any process counts at once).
   */
  async validator(key: string): Promise<{ etag: string; cost: number } | null> {
    const known = this.answered.get(key);
    if (!known) return null;
    const revision = await this.readRevision();
    // The data moved on and the notification has not come yet: answers from now on are labelled with the
    // new revision. Labelled with the old one, this request's answer would carry the very validator it
    // failed, and the client would send it again and again.
    if (this.revision !== null && revision > this.revision) this.revision = revision;
    return known.revision === revision ? { etag: this.etag(revision, key), cost: known.cost } : null;
  }
}

/**
 * After the cost plugin (it reads `extensions.cost`): ETag and `Cache-Control: public` for a successful
 * anonymous GET query answered at a known revision, `no-store` for everything else; `Vary` on both.
 */
export function httpCachePlugin(cache: HttpCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const http = request.http;
      const key =
        http && http.method === 'GET' && !http.headers.get('authorization') ? HttpCache.requestKey(http.search) : null;
      const revision = cache.currentRevision;
      return {
        async willSendResponse({ response, operation }) {
          const headers = response.http.headers;
          headers.set('vary', 'Accept, Accept-Encoding');
          const result = response.body.kind === 'single' ? response.body.singleResult : null;
          const ok =
            key !== null &&
            revision !== null &&
            operation?.operation === 'query' &&
            result !== null &&
            !result.errors?.length &&
            result.data != null &&
            (response.http.status ?? 200) === 200;
          if (!ok) {
            headers.set('cache-control', 'no-store');
            return;
          }
          headers.set('etag', cache.etag(revision, key));
          headers.set('cache-control', cache.cacheControl);
          // The client's bucket is not for a shared cache to hand to others (the 429 still says it).
          for (const name of RATE_LIMIT_HEADERS) headers.delete(name);
          const cost = (result.extensions?.cost as { requestedQueryCost?: number } | undefined)?.requestedQueryCost;
          cache.remember(key, revision, cost ?? 0);
        },
      };
    },
  };
}
