import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { Client, type ClientConfig } from 'pg';
import type { Logger } from '../logger';

/** The channel the importer notifies (inside its transaction, so only on commit) when data changed. */
export const DATA_CHANGED_CHANNEL = 'component2_hub_data_changed';

/** Where cached bodies live: this process's memory, or a Redis shared by several hub replicas. */
export interface ResponseStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, body: string): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
  /** Bytes held (memory store only; Redis bounds itself with its own `maxmemory`). */
  readonly bytes: number;
  readonly size: number;
}

/** Memory a cached body takes: UTF-16 in V8 at worst, plus the key and the entry's bookkeeping. */
function entryBytes(body: string, key: string): number {
  return body.length * 2 + key.length * 2 + 64;
}

/**
 * lru-cache bounded by bytes: `maxBytes` in all, `maxEntryBytes` per response (a larger one is not
 * kept), least recently used evicted first, each entry expiring after `ttlMs`.
 */
export class MemoryResponseStore implements ResponseStore {
  private readonly lru: LRUCache<string, string>;

  constructor(maxBytes: number, maxEntryBytes: number, ttlMs: number) {
    this.lru = new LRUCache<string, string>({
      maxSize: maxBytes,
      maxEntrySize: Math.min(maxEntryBytes, maxBytes),
      sizeCalculation: (body, key) => entryBytes(body, key),
      ttl: ttlMs,
      ttlAutopurge: false,
    });
  }

  async get(key: string) {
    return this.lru.get(key);
  }

  async set(key: string, body: string) {
    this.lru.set(key, body);
  }

  async clear() {
    this.lru.clear();
  }

  async close() {
    this.lru.clear();
  }

  get bytes() {
    return this.lru.calculatedSize;
  }

  get size() {
    return this.lru.size;
  }
}

/**
 * A Redis shared by several hub replicas (`REDIS_URL`). Entries carry a TTL; bodies over
 * `maxEntryBytes` are not stored. Emptying deletes this hub's keys (by prefix) with SCAN + UNLINK.
 * A Redis that does not answer makes the cache miss, never the request fail.
 */
export class RedisResponseStore implements ResponseStore {
  private readonly redis: Redis;
  private readonly prefix = 'c2hub:response:';

  constructor(
    url: string,
    private readonly maxEntryBytes: number,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      commandTimeout: 500,
    });
    this.redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'response cache: Redis unavailable'));
  }

  async get(key: string) {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, body: string) {
    if (Buffer.byteLength(body) > this.maxEntryBytes) return;
    await this.redis.set(this.prefix + key, body, 'PX', this.ttlMs).catch(() => undefined);
  }

  async clear() {
    try {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
        if (keys.length) await this.redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'response cache: could not empty Redis');
    }
  }

  async close() {
    this.redis.disconnect();
  }

  get bytes() {
    return 0;
  }

  get size() {
    return 0;
  }
}

/**
 * Whole-response cache for read queries. The dataset changes only through imports, which notify
 * DATA_CHANGED_CHANNEL; every notification empties the cache, and entries also expire after a TTL in
 * case a notification is missed. It answers in Apollo's `responseForOperation` hook, i.e. after the
 * HTTP checks (method, content negotiation), parsing, validation, the cost limit and the throttle, so
 * a cached answer is never given to a request that would be refused.
 */
export class ResponseCache {
  constructor(readonly store: ResponseStore | undefined) {}

  get enabled(): boolean {
    return this.store !== undefined;
  }

  static key(queryHash: string, operationName: string | null | undefined, variables: unknown): string | undefined {
    let vars: string;
    try {
      vars = JSON.stringify(variables ?? null);
    } catch {
      return undefined;
    }
    return createHash('sha256')
      .update(queryHash)
      .update('\0')
      .update(operationName ?? '')
      .update('\0')
      .update(vars)
      .digest('base64url');
  }

  async get(key: string): Promise<string | undefined> {
    return this.store?.get(key);
  }

  async set(key: string, body: string): Promise<void> {
    await this.store?.set(key, body);
  }

  async clear(): Promise<void> {
    await this.store?.clear();
  }

  async close(): Promise<void> {
    await this.store?.close();
  }
}

/** The cache the configuration asks for: none (0 bytes), Redis (`REDIS_URL`) or memory. */
export function createResponseCache(
  config: {
    responseCacheBytes: number;
    responseCacheEntryBytes: number;
    responseCacheTtlMs: number;
    redisUrl?: string;
  },
  logger: Logger,
): ResponseCache {
  if (config.responseCacheBytes === 0) return new ResponseCache(undefined);
  if (config.redisUrl)
    return new ResponseCache(
      new RedisResponseStore(config.redisUrl, config.responseCacheEntryBytes, config.responseCacheTtlMs, logger),
    );
  return new ResponseCache(
    new MemoryResponseStore(config.responseCacheBytes, config.responseCacheEntryBytes, config.responseCacheTtlMs),
  );
}

/** Answers a query from the cache after Apollo's checks; stores the `data` of every successful query. */
export function responseCachePlugin<TContext extends object>(cache: ResponseCache): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation, queryHash, request, response }) {
          if (!cache.enabled || operation.operation !== 'query') return null;
          key = queryHash ? ResponseCache.key(queryHash, request.operationName, request.variables) : undefined;
          if (!key) return null;
          const body = await cache.get(key);
          if (body === undefined) return null;
          hit = true;
          response.http.headers.set('x-cache', 'hit');
          return { http: response.http, body: { kind: 'single', singleResult: JSON.parse(body) } };
        },
        async willSendResponse({ operation, response }) {
          if (hit || !key || operation?.operation !== 'query' || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || !data) return;
          await cache.set(key, JSON.stringify({ data }));
        },
      };
    },
  };
}

/**
 * Listens for import notifications: empties the cache and calls `onChange`. Reconnects after a lost
 * connection (and does both then too, as a notification may have been missed meanwhile).
 */
export async function listenForDataChanges(
  connection: ClientConfig,
  cache: ResponseCache,
  logger: Logger,
  onChange?: () => void,
): Promise<{ close(): Promise<void> }> {
  let client: Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const scheduleReconnect = () => {
    if (!closed) retry = setTimeout(() => void connect().then(() => onChange?.(), scheduleReconnect), 1_000);
  };
  const connect = async (): Promise<void> => {
    const next = new Client(connection);
    next.on('notification', () => {
      void cache.clear();
      onChange?.();
    });
    next.on('error', (error) => {
      logger.warn({ err: error.message }, 'lost the data-change listener; the response cache is emptied');
      void cache.clear();
      onChange?.();
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
    client = next;
  };
  if (cache.enabled || onChange) await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
