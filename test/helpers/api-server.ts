import type { AddressInfo } from 'node:net';
import { type Config, loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import type { ResponseCache } from '../../src/graphql/response-cache';
import type { MemoryGuard } from '../../src/graphql/memory-guard';
import { assembleHub } from '../../src/assemble';
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
  const database: Database = {
    dataSource: db.dataSource,
    description: db.name,
    connection: db.connection,
    ready: async () => ({ ok: true }),
    alive: () => true,
    close: async () => undefined,
  };
  const opened: (() => Promise<void>)[] = [];
  const {
    httpServer: server,
    cache,
    memoryGuard,
  } = await assembleHub(config, database, logger, {
    exposeErrors: options.exposeErrors ?? false,
    sandbox: false,
    shutdownTimeoutMs: 1_000,
    // Not watching the heap: a test calls the guard's check.
    watchHeap: false,
    onOpen: (_name, close) => opened.push(close),
  });
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
      for (const close of opened.reverse()) await close();
      await new Promise((resolve) => server.close(resolve));
      await db.drop();
    },
  };
}
