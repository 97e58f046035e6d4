import 'reflect-metadata';
import path from 'node:path';
import type http from 'node:http';
import type { Config } from './config';
import type { Context } from './context';
import { followData } from './data-sizes';
import type { Database } from './db/database';
import { createApolloServer } from './graphql/apollo';
import { DataSizes } from './graphql/data-sizes';
import { HttpCache } from './graphql/http-cache';
import { MemoryGuard } from './graphql/memory-guard';
import { PersistedDocuments } from './graphql/persisted-documents';
import { createResponseCache, type ResponseCache } from './graphql/response-cache';
import { CostThrottle } from './graphql/throttle';
import { createApp, WEB_DIR } from './http/app';
import { createHttpServer } from './http/server';
import type { Logger } from './logger';
import { buildGraphqlSchema } from './schema';

/**
 * The hub's HTTP server over an open database, not yet listening: the schema, the response cache, the
 * throttle, HTTP caching, what follows the data, the memory guard, Apollo and the app, wired the same way
 * for `main` and the API tests. `onOpen` receives each part that must be closed, in the order they open
 * (close them last opened first).
 */
export async function assembleHub(
  config: Config,
  database: Database,
  logger: Logger,
  options: {
    exposeErrors: boolean;
    sandbox: boolean;
    shutdownTimeoutMs: number;
    /** Start the memory guard's watch of the heap (tests call its check themselves). */
    watchHeap: boolean;
    onOpen: (name: string, close: () => Promise<void>) => void;
  },
): Promise<{ httpServer: http.Server; cache: ResponseCache; memoryGuard: MemoryGuard }> {
  const schema = await buildGraphqlSchema();
  const cache = createResponseCache(config, logger);
  options.onOpen('response cache', () => cache.close());
  const sizes = new DataSizes();
  const throttle = new CostThrottle(config.throttle);
  const httpCache = HttpCache.reading(config.httpCache, throttle, database.dataSource);
  const listener = await followData(database, { cache, sizes, httpCache }, logger);
  options.onOpen('data-change listener', () => listener.close());
  const memoryGuard = new MemoryGuard(config.memoryGuardPercent / 100);
  if (options.watchHeap && config.memoryGuardPercent > 0) {
    memoryGuard.start();
    options.onOpen('memory guard', async () => memoryGuard.close());
  }
  // The dashboard's documents, written by its build (scripts/build-web.js).
  const documents = PersistedDocuments.load(path.join(WEB_DIR, 'persisted-documents.json'));
  const httpServer = createHttpServer(config.connections);
  const apollo = createApolloServer<Context>({
    sizes,
    schema,
    httpServer,
    logger,
    cache,
    limits: config.limits,
    throttle,
    httpCache,
    documents,
    exposeErrors: options.exposeErrors,
    sandbox: options.sandbox,
    shutdownTimeoutMs: options.shutdownTimeoutMs,
    compiledExecution: config.compiledExecution,
  });
  await apollo.start();
  // Stops the HTTP server, draining in-flight requests (the drain plugin).
  options.onOpen('http', () => apollo.stop());
  httpServer.on(
    'request',
    createApp({
      apollo,
      schema,
      database,
      logger,
      limits: config.limits,
      poolSize: config.poolSize,
      httpCache,
      documents,
      memoryGuard,
      preparedStatements: config.preparedStatements,
    }),
  );
  return { httpServer, cache, memoryGuard };
}
