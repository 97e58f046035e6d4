import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../src/db/database';
import { buildGraphqlSchema } from '../../src/graphql/schema';
import { createApp } from '../../src/http/app';
import { createApolloServer } from '../../src/graphql/apollo';
import { listenForDataChanges, ResponseCache } from '../../src/graphql/response-cache';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from './database';

export interface ApiServer {
  url: string;
  db: TestDatabase;
  /** POSTs a query over real HTTP; returns status, body and the SQL statements it ran. */
  query(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: { data?: any; errors?: any[] }; statements: string[] }>;
  cache: ResponseCache;
  close(): Promise<void>;
}

/** The hub's real HTTP app (express + Apollo, production error masking) on a free port, over a seeded test database. */
export async function startApiServer(options: { exposeErrors?: boolean; cacheEntries?: number } = {}): Promise<ApiServer> {
  const db = await createTestDatabase({ seeded: true });
  const logger = createLogger('silent');
  const cache = new ResponseCache(options.cacheEntries ?? 0, 60_000);
  const listener = await listenForDataChanges(db.connection, cache, logger);
  const database: Database = {
    dataSource: db.dataSource,
    description: db.name,
    connection: db.connection,
    ready: async () => ({ ok: true }),
    close: async () => undefined,
  };
  const server = http.createServer();
  const apollo = createApolloServer({
    schema: await buildGraphqlSchema(),
    httpServer: server,
    logger,
    cache,
    exposeErrors: options.exposeErrors ?? false,
    sandbox: false,
    shutdownTimeoutMs: 1_000,
  });
  await apollo.start();
  server.on('request', createApp({ apollo, database, logger, cache }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    async query(query, variables) {
      db.resetQueries();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any[] };
      return { status: response.status, body, statements: [...db.queries] };
    },
    cache,
    async close() {
      await listener.close();
      await apollo.stop();
      await new Promise((resolve) => server.close(resolve));
      await db.drop();
    },
  };
}
