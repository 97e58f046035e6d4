import 'reflect-metadata';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { type Config, ConfigError, loadConfig } from './config';
import { type Database, DatabaseStartError, openDatabase } from './db/database';
import { createFormatError, errorLoggingPlugin } from './errors';
import type { Context } from './graphql/context';
import { listenForDataChanges, ResponseCache, responseCachePlugin } from './graphql/response-cache';
import { buildGraphqlSchema } from './graphql/schema';
import { createApp } from './http/app';
import { loadSeeds } from './ingest/seed';
import { createLogger, type Logger } from './logger';

/** Bootstrap: configuration → database (+ migrations) → seed dataset → GraphQL → HTTP; graceful shutdown. */
async function main(): Promise<void> {
  const started = Date.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(createLogger('info'), error);
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason instanceof Error ? reason : new Error(String(reason)) }, 'unhandled promise rejection');
  });

  let database: Database | undefined;
  try {
    database = await openDatabase(config, logger);
    logger.info({ database: database.description }, 'database ready');
    if (config.loadSeeds) await loadSeeds(database.dataSource, config.seedsDir, logger);
    const schema = await buildGraphqlSchema();
    const cache = new ResponseCache(config.responseCacheEntries, config.responseCacheTtlMs);
    const listener = await listenForDataChanges(database.connection, cache, logger);
    const httpServer = http.createServer();
    const apollo = new ApolloServer<Context>({
      schema,
      introspection: true,
      // Shutdown is ours (drain, close the pool, stop PostgreSQL), not Apollo's.
      stopOnTerminationSignals: false,
      // Read-only public data, no cookies or credentials: CSRF prevention would only block plain GET queries.
      csrfPrevention: false,
      includeStacktraceInErrorResponses: false,
      formatError: createFormatError(!config.isProduction && config.nodeEnv === 'development'),
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
        errorLoggingPlugin(logger),
        responseCachePlugin<Context>(cache),
        // No cache hints are used; the plugin would otherwise wrap every field resolution.
        ApolloServerPluginCacheControlDisabled(),
        config.sandbox
          ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
          : ApolloServerPluginLandingPageDisabled(),
      ],
    });
    await apollo.start();
    httpServer.on('request', createApp({ apollo, database, logger, cache }));
    await listen(httpServer, config.port, config.host);
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ url: `http://${config.host}:${port}/graphql`, startupMs: Date.now() - started }, 'hub ready');

    installShutdown(logger, config, apollo, database, () => listener.close());
  } catch (error) {
    await database?.close();
    return fail(logger, error);
  }
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`port ${port} on ${host} is already in use; set PORT to a free port`)
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function installShutdown(logger: Logger, config: Config, apollo: ApolloServer<Context>, database: Database, beforeClose: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    // A hard stop in case anything hangs: never leave the process (or PostgreSQL) behind for long.
    const guard = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      void database.close().finally(() => process.exit(1));
    }, config.shutdownTimeoutMs + 5_000);
    guard.unref();
    try {
      await apollo.stop();
    } catch (error) {
      logger.warn({ err: error }, 'error while draining requests');
    }
    logger.info('requests drained; closing the database');
    await beforeClose();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** One clear line on stderr (plus PostgreSQL's log tail when there is one), a JSON log line, exit 1. */
function fail(logger: Logger, error: unknown): never {
  const known = error instanceof DatabaseStartError || error instanceof ConfigError;
  const reason = error instanceof Error ? error.message : String(error);
  const postgresLog = error instanceof DatabaseStartError ? error.postgresLogTail : [];
  logger.fatal({ reason, postgresLog, err: known ? undefined : error }, 'cannot start');
  process.stderr.write(`component2-hub: cannot start: ${reason}\n`);
  for (const line of postgresLog) process.stderr.write(`  postgres: ${line}\n`);
  process.exit(1);
}

void main();
