import 'reflect-metadata';
import http from 'node:http';
import v8 from 'node:v8';
import { assembleHub } from './assemble';
import { type Config, ConfigError, loadConfig } from './config';
import { DatabaseStartError, openDatabase } from './db/database';
import { ensureProjectAmounts } from './ingest/project-amounts-store';
import { ensureDataMeasures } from './db/data-measures';
import { loadSeeds } from './ingest/seed';
import { ensureComparisonCells } from './modules/comparison/comparison-store';
import { createLogger, type Logger } from './logger';

/**
 * V8's allocation-site pretenuring off. During slow requests (a profile, an aggregate: over 100 ms under load) the
 * request objects of Node's HTTP, Apollo and the hub outlive young collections, and V8 then allocates every
 * later object of those allocation sites straight into the old generation, for good: after such requests a
 * `{ __typename }` promoted 1.5 MB per young collection instead of 0.6, its young collections took 6.9 ms
 * instead of 2-4 and full collections came every 0.85 s, 0.53 ms of CPU a request instead of 0.43
 * (docs/benchmarks.md). Set before anything of the hub runs; the flag is read when V8 judges the feedback.
 */
v8.setFlagsFromString('--no-allocation-site-pretenuring');

/**
 * What to release on SIGINT/SIGTERM or after a failed start, last opened first. Signal handlers are
 * installed before anything is opened, so a signal at any moment (even right after "hub ready") goes
 * through the same orderly shutdown.
 */
class Lifecycle {
  private readonly closers: { name: string; close: () => Promise<void> }[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  /** A shutdown has begun (a signal arrived): a start interrupted by it is not a failure. */
  get isClosing(): boolean {
    return this.closing !== undefined;
  }

  add(name: string, close: () => Promise<void>): void {
    this.closers.push({ name, close });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const { name, close } of [...this.closers].reverse()) {
        try {
          await close();
        } catch (error) {
          this.logger.warn({ err: error, resource: name }, 'error while closing');
        }
      }
    })();
    return this.closing;
  }
}

/** Bootstrap: configuration → database (+ migrations) → seed dataset → GraphQL → HTTP; graceful shutdown. */
async function main(): Promise<void> {
  const started = Date.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(createLogger('info'), error);
  }
  const logger = createLogger(config.logLevel, undefined, true);
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason instanceof Error ? reason : new Error(String(reason)) }, 'unhandled promise rejection');
  });
  const lifecycle = new Lifecycle(logger);
  installShutdown(logger, config, lifecycle);

  try {
    // Every statement of a request ends by its deadline (cancelled earlier if the client goes away).
    const database = await openDatabase(
      config,
      logger,
      { poolSize: config.poolSize, statementTimeoutMs: config.limits.requestTimeoutMs, parallelQuery: false },
      performance.timeOrigin,
    );
    lifecycle.add('database', () => database.close());
    logger.info({ database: database.description }, 'database ready');
    if (config.loadSeeds) await loadSeeds(database.dataSource, config.seedsDir, logger);
    const amounts = await database.dataSource.transaction((manager) => ensureProjectAmounts(manager));
    if (amounts > 0) logger.info({ projects: amounts }, 'project amounts recomputed for new rules');
    if (await database.dataSource.transaction((manager) => ensureComparisonCells(manager)))
      logger.info('comparison cells recomputed for new rules');
    const measured = await ensureDataMeasures(database.dataSource);
    if (measured > 0) logger.info({ tables: measured }, 'data sizes measured for the cost analysis');
    const { httpServer } = await assembleHub(config, database, logger, {
      exposeErrors: !config.isProduction && config.nodeEnv === 'development',
      sandbox: config.sandbox,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      watchHeap: true,
      onOpen: (name, close) => lifecycle.add(name, close),
    });
    await listen(httpServer, config.port, config.host);
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ url: `http://${config.host}:${port}/graphql`, startupMs: Date.now() - started }, 'hub ready');
    logger.flush(); // at once, for whoever waits for this line
  } catch (error) {
    if (lifecycle.isClosing) return; // interrupted by SIGINT/SIGTERM: the signal handler exits
    await lifecycle.close();
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

function installShutdown(logger: Logger, config: Config, lifecycle: Lifecycle): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests, then closing the database');
    // A hard stop in case anything hangs: never leave the process (or PostgreSQL) behind for long.
    const guard = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000);
    guard.unref();
    await lifecycle.close();
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
