import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Client, type ClientConfig } from 'pg';
import type { Logger } from '../logger';

/** The channel the importer notifies (inside its transaction, so only on commit) when data changed. */
export const DATA_CHANGED_CHANNEL = 'component2_hub_data_changed';

/**
 * Whole-response cache for read queries. The dataset changes only through imports, which notify
 * DATA_CHANGED_CHANNEL; every notification empties the cache, and entries also expire after a TTL in
 * case a notification is missed. Per-request DataLoaders are unaffected: this caches finished
 * responses, keyed by the query text, operation name and variables.
 */
export class ResponseCache {
  private readonly entries = new Map<string, { body: string; expires: number }>();
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries: number, readonly ttlMs: number) {}

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  static key(query: string, operationName: string | null | undefined, variables: unknown): string {
    return createHash('sha1').update(JSON.stringify([query, operationName ?? null, variables ?? null])).digest('base64');
  }

  /** The serialised response body, as sent the first time. */
  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expires < Date.now()) {
      if (entry) this.entries.delete(key);
      this.misses += 1;
      return undefined;
    }
    // Most recently used last, so that the oldest is evicted first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits += 1;
    return entry.body;
  }

  set(key: string, body: string): void {
    if (!this.enabled) return;
    this.entries.set(key, { body, expires: Date.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Stores the response of every successful query (serialised once). */
export function responseCachePlugin<TContext extends object>(cache: ResponseCache): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, request, response }) {
          if (!cache.enabled || operation?.operation !== 'query' || !request.query || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || !data) return;
          cache.set(ResponseCache.key(request.query, request.operationName, request.variables), JSON.stringify({ data }));
        },
      };
    },
  };
}

/**
 * Answers a query whose response is cached before it reaches Apollo: no parsing, validation or
 * execution, and no serialisation (the stored body is sent as is). Only successful queries are
 * ever stored, so what is served here has passed all of that once.
 */
export function responseCacheMiddleware(cache: ResponseCache) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!cache.enabled) return next();
    let query: unknown;
    let operationName: unknown;
    let variables: unknown;
    if (req.method === 'POST' && req.body && typeof req.body === 'object') {
      ({ query, operationName, variables } = req.body as Record<string, unknown>);
    } else if (req.method === 'GET') {
      ({ query, operationName } = req.query as Record<string, unknown>);
      try {
        variables = typeof req.query.variables === 'string' ? JSON.parse(req.query.variables) : undefined;
      } catch {
        return next();
      }
    }
    if (typeof query !== 'string') return next();
    const body = cache.get(ResponseCache.key(query, typeof operationName === 'string' ? operationName : null, variables));
    if (body === undefined) return next();
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('x-cache', 'hit');
    res.send(body);
  };
}

/**
 * Listens for import notifications and empties the cache. Reconnects after a lost connection (and
 * empties the cache then too, as a notification may have been missed meanwhile).
 */
export async function listenForDataChanges(connection: ClientConfig, cache: ResponseCache, logger: Logger): Promise<{ close(): Promise<void> }> {
  let client: Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const scheduleReconnect = () => {
    if (!closed) retry = setTimeout(() => void connect().catch(scheduleReconnect), 1_000);
  };
  const connect = async (): Promise<void> => {
    const next = new Client(connection);
    next.on('notification', () => cache.clear());
    next.on('error', (error) => {
      logger.warn({ err: error.message }, 'lost the data-change listener; the response cache is emptied');
      cache.clear();
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
    client = next;
  };
  if (cache.enabled) await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
