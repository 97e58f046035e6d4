import 'reflect-metadata';
import { types } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';

// `date` columns stay `YYYY-MM-DD` strings: a JS Date would shift with the local time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

export interface ConnectionOptions {
  url?: string;
  host?: string;
  port?: number;
  username?: string;
  database?: string;
  /** Pool size; the default suits a 2-core machine. */
  poolSize?: number;
  /** Server-side limit of one statement (`statement_timeout`); the hub sets it to the request deadline. */
  statementTimeoutMs?: number;
  /**
   * False: no statement of these connections starts parallel workers (`max_parallel_workers_per_gather = 0`).
   * The hub's request connections: on a few cores shared by concurrent requests, starting the workers costs
   * more than they save (docs/benchmarks.md).
   */
  parallelQuery?: boolean;
  /** Receives every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

/**
 * The one place a TypeORM DataSource is configured. `synchronize` is never on: the schema changes only
 * through the migrations in `src/db/migrations`, run at start.
 */
export function createDataSource(options: ConnectionOptions): DataSource {
  const onQuery = options.onQuery;
  return new DataSource({
    type: 'postgres',
    url: options.url,
    host: options.host,
    port: options.port,
    username: options.username,
    database: options.database,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    applicationName: 'component2-hub',
    poolSize: options.poolSize ?? 10,
    connectTimeoutMS: 5_000,
    extra: {
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      ...(options.parallelQuery === false ? { options: '-c max_parallel_workers_per_gather=0' } : {}),
    },
    logging: onQuery ? ['query'] : false,
    logger: onQuery
      ? {
          logQuery: (query: string) => onQuery(query),
          logQueryError: () => undefined,
          logQuerySlow: () => undefined,
          logSchemaBuild: () => undefined,
          logMigration: () => undefined,
          log: () => undefined,
        }
      : undefined,
  });
}

/** Name of the newest migration; `/readyz` checks that it has been applied. */
export function latestMigrationName(): string {
  const Last = MIGRATIONS[MIGRATIONS.length - 1];
  return new Last().name ?? Last.name;
}

/** The SQL that would bring the database in line with the entities; empty when there is no drift. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
