import type { AddressInfo } from 'node:net';
import { type Config, loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { buildGraphqlSchema } from '../../src/schema';
import { createApp } from '../../src/http/app';
import { createHttpServer } from '../../src/http/server';
import { createApolloServer } from '../../src/graphql/apollo';
import { createResponseCache, type ResponseCache } from '../../src/graphql/response-cache';
import { CostThrottle } from '../../src/graphql/throttle';
import { HttpCache } from '../../src/graphql/http-cache';
import { MemoryGuard } from '../../src/graphql/memory-guard';
import type { Context } from '../../src/context';
import { followData } from '../../src/data-sizes';
import { DataSizes } from '../../src/graphql/data-sizes';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from './database';

export interface QueryResult {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: any[]; extensions?: any };
  statements: string[];
}

export interface ApiServer {
  url: string;
  db: TestDatabase;
  config: Config;
  /** POSTs a query over real HTTP; returns status, headers, body and the SQL statements it ran. */
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<QueryResult>;
  cache: ResponseCache;
  /** The app's memory guard, not watching the heap: tests call `check`. */
  memoryGuard: MemoryGuard;
  close(): Promise<void>;
}

/**
 * The hub's real HTTP app (express + Apollo, production error masking, the configured limits) on a free
 * port, over a seeded test database. `env` overrides settings as the environment would (the response
 * cache is off unless a test turns it on).
 */
export async function startApiServer(
  options: { exposeErrors?: boolean; env?: Record<string, string> } = {},
): Promise<ApiServer> {
  const config = loadConfig({ HUB_RESPONSE_CACHE_BYTES: '0', ...options.env });
  const db = await createTestDatabase({ seeded: true });
  const logger = createLogger('silent');
  const cache = createResponseCache(config, logger);
  const sizes = new DataSizes();
  // Not watching the heap: a test calls its check.
  const memoryGuard = new MemoryGuard(config.memoryGuardPercent / 100);
  const throttle = new CostThrottle(config.throttle);
  const httpCache = HttpCache.reading(config.httpCache, throttle, db.dataSource);
  const listener = await followData(db, { cache, sizes, httpCache }, logger);
  const database: Database = {
    dataSource: db.dataSource,
    description: db.name,
    connection: db.connection,
    ready: async () => ({ ok: true }),
    alive: () => true,
    close: async () => undefined,
  };
  const schema = await buildGraphqlSchema();
  const server = createHttpServer(config.connections);
  const apollo = createApolloServer<Context>({
    sizes,
    schema,
    httpServer: server,
    logger,
    cache,
    limits: config.limits,
    throttle,
    httpCache,
    exposeErrors: options.exposeErrors ?? false,
    sandbox: false,
    shutdownTimeoutMs: 1_000,
    compiledExecution: config.compiledExecution,
  });
  await apollo.start();
  server.on(
    'request',
    createApp({
      apollo,
      schema,
      database,
      logger,
      limits: config.limits,
      poolSize: config.poolSize,
      httpCache,
      memoryGuard,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    config,
    async query(query, variables, headers = {}) {
      db.resetQueries();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as QueryResult['body'];
      return { status: response.status, headers: response.headers, body, statements: [...db.queries] };
    },
    cache,
    memoryGuard,
    async close() {
      await listener.close();
      await cache.close();
      await apollo.stop();
      await new Promise((resolve) => server.close(resolve));
      await db.drop();
    },
  };
}
