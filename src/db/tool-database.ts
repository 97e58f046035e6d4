import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createDataSource } from './data-source';
import { openDatabase } from './database';
import { EMBEDDED_DATABASE, EMBEDDED_USER, runningHubOf, socketDirFor } from './embedded-postgres';

export interface ToolDatabase {
  dataSource: DataSource;
  /** Which database the tool writes to, in words for its output. */
  description: string;
  close(): Promise<void>;
}

/**
 * The database a command-line tool (`npm run import`, `npm run token`) works on: the one the hub
 * uses. With `DATABASE_URL`, that server. Without, the embedded PostgreSQL of `HUB_DATA_DIR`: when a
 * hub is running on it, the tool connects to that hub's PostgreSQL over its private socket (the hub
 * hears of every import by NOTIFY and serves it at its next request); when none runs, the tool
 * starts the PostgreSQL itself, as the hub would. It never starts a second database beside a
 * running hub.
 */
export async function openToolDatabase(config: Config, logger: Logger): Promise<ToolDatabase> {
  const hub = config.databaseUrl ? undefined : runningHubOf(config.dataDir);
  if (hub === undefined) {
    const database = await openDatabase(config, logger, { poolSize: 2, statementTimeoutMs: 0 });
    const serving = config.databaseUrl
      ? ''
      : ' (no hub is running on it: a hub started on this data directory will serve it)';
    return {
      dataSource: database.dataSource,
      description: `${database.description}${serving}`,
      close: () => database.close(),
    };
  }
  const dataSource = createDataSource({
    host: socketDirFor(config.dataDir),
    port: 5432,
    username: EMBEDDED_USER,
    database: EMBEDDED_DATABASE,
    poolSize: 2,
    statementTimeoutMs: 0,
  });
  await dataSource.initialize();
  return {
    dataSource,
    description: `the embedded PostgreSQL in ${config.dataDir}, served by the running hub (pid ${hub})`,
    close: () => dataSource.destroy(),
  };
}
