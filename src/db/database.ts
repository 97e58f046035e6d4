import type { ClientConfig } from 'pg';
import { type DataSource, MigrationExecutor } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Config } from '../config';
import { describeDatabaseUrl, scrubSecrets } from './connection-url';
import type { Logger } from '../logger';
import { type ConnectionOptions, createDataSource, latestMigrationName } from './data-source';
import { DatabaseStartError, EmbeddedPostgres } from './embedded-postgres';

export { DatabaseStartError };

export interface Database {
  dataSource: DataSource;
  /** Present when the hub started its own PostgreSQL. */
  embedded?: EmbeddedPostgres;
  /** Where the data lives, for logs (no password). */
  description: string;
  /** Settings for extra connections (the data-change listener). */
  connection: ClientConfig;
  /** Database reachable and every migration applied. */
  ready(): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** False when the process cannot serve any more (its embedded PostgreSQL is gone for good). */
  alive(): boolean;
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names: `DATABASE_URL`, or else an embedded PostgreSQL in
 * `HUB_DATA_DIR`. Runs pending migrations. Fails with a `DatabaseStartError` (one clear sentence)
 * within `databaseStartTimeoutMs` of `startedAt` (the hub passes its process's start, so that loading
 * its code on a busy machine counts too), never hangs.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  extra: Pick<ConnectionOptions, 'onQuery' | 'poolSize' | 'statementTimeoutMs' | 'parallelQuery'> = {},
  startedAt = Date.now(),
): Promise<Database> {
  // At least a second to try, however late the caller comes.
  const deadline = Math.floor(Math.max(startedAt + config.databaseStartTimeoutMs, Date.now() + 1_000));
  let embedded: EmbeddedPostgres | undefined;
  let connection: ConnectionOptions;
  let description: string;
  if (config.databaseUrl) {
    connection = { url: config.databaseUrl };
    description = describeDatabaseUrl(config.databaseUrl);
  } else {
    embedded = await EmbeddedPostgres.start({
      dataDir: config.dataDir,
      logger,
      timeoutMs: Math.max(1_000, deadline - Date.now() - 1_000),
      supervise: true,
      settings: config.postgresSettings,
    });
    connection = { ...embedded.connection, username: embedded.connection.user };
    description = `embedded PostgreSQL in ${embedded.clusterDir}`;
  }

  const dataSource = createDataSource({ ...connection, ...extra });
  try {
    await initialiseWithRetry(dataSource, deadline, description);
    // A lost connection must not crash the process: the pool drops the client and /readyz reports it.
    (dataSource.driver as PostgresDriver).master.on('error', (error: Error) => {
      logger.warn({ err: error.message }, 'database connection lost');
    });
    // Migrations may take longer than a request's statement_timeout (the pool's default): their
    // connection has none.
    const runner = dataSource.createQueryRunner();
    let applied: { name: string }[];
    try {
      await runner.query('SET statement_timeout = 0');
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      applied = await executor.executePendingMigrations();
      await runner.query('RESET statement_timeout');
    } finally {
      await runner.release();
    }
    for (const migration of applied) logger.info({ migration: migration.name }, 'migration applied');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    if (error instanceof DatabaseStartError)
      throw new DatabaseStartError(scrubSecrets(error.message, config.databaseUrl), error.postgresLogTail);
    throw new DatabaseStartError(
      `cannot prepare the database (${description}): ${scrubSecrets((error as Error).message, config.databaseUrl)}`,
    );
  }

  const migrationName = latestMigrationName();
  return {
    dataSource,
    embedded,
    description,
    connection: connection.url
      ? { connectionString: connection.url }
      : { host: connection.host, port: connection.port, user: connection.username, database: connection.database },
    async ready() {
      const state = embedded?.state;
      if (state && state !== 'running') {
        return {
          ok: false,
          reason:
            state === 'restarting'
              ? 'embedded PostgreSQL stopped unexpectedly and is being restarted'
              : 'embedded PostgreSQL could not be restarted',
        };
      }
      try {
        const rows: unknown[] = await withTimeout(
          dataSource.query('SELECT 1 FROM migrations WHERE name = $1', [migrationName]),
          2_000,
        );
        return rows.length === 1 ? { ok: true } : { ok: false, reason: `migration ${migrationName} not applied` };
      } catch (error) {
        // The details (host, port, socket path) go to the server log only.
        logger.warn(
          { err: scrubSecrets((error as Error).message, config.databaseUrl) },
          'readiness check: database unreachable',
        );
        return { ok: false, reason: 'database unreachable' };
      }
    },
    /** False only when the embedded PostgreSQL died and could not be restarted: the process should be replaced. */
    alive() {
      return embedded?.state !== 'failed';
    },
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

async function initialiseWithRetry(dataSource: DataSource, deadline: number, description: string): Promise<void> {
  let lastError: Error | undefined;
  while (Date.now() < deadline) {
    try {
      await dataSource.initialize();
      return;
    } catch (error) {
      lastError = error as Error;
      // An SQLSTATE (wrong password, unknown database) will not change by waiting.
      if (/^[0-9A-Z]{5}$/.test(String((error as { code?: unknown }).code ?? ''))) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const code = (lastError as NodeJS.ErrnoException | undefined)?.code;
  throw new DatabaseStartError(
    `cannot reach PostgreSQL (${description}): ${code ? `${code} ` : ''}${lastError?.message ?? 'timed out'}`,
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
