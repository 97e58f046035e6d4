import { randomBytes } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';

type Admin = ClientConfig & { connectionString?: string; user?: string };

function admin(): Admin {
  const raw = process.env.HUB_TEST_ADMIN;
  if (!raw) throw new Error('HUB_TEST_ADMIN is not set: run the tests through jest (globalSetup)');
  return JSON.parse(raw) as Admin;
}

/** Settings of a connection to the test server's maintenance database (to change or drop a test database). */
export const adminConnection = (): ClientConfig => admin();

export interface TestDatabase {
  dataSource: DataSource;
  name: string;
  /** Every SQL statement run through `dataSource` since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  /** Connection settings for a hub process started by the test (as DATABASE_URL). */
  url: string;
  /** Settings for an extra `pg` connection to this database. */
  connection: ClientConfig;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from the template the global setup migrated
 * (`seeded`: with the curated dataset loaded as well). Real PostgreSQL, real migrations.
 */
export async function createTestDatabase(options: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const config = admin();
  const name = `hub_test_w${randomBytes(6).toString('hex')}`;
  const template = options.seeded ? 'hub_test_template_seeded' : 'hub_test_template_empty';
  const client = new Client(config);
  await client.connect();
  await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await client.end();

  const queries: string[] = [];
  const connection = config.connectionString
    ? { url: withDatabase(config.connectionString, name) }
    : { host: String(config.host), port: Number(config.port), username: config.user, database: name };
  const dataSource = createDataSource({ ...connection, onQuery: (sql) => queries.push(sql) });
  await dataSource.initialize();
  const url = config.connectionString
    ? withDatabase(config.connectionString, name)
    : `postgresql://${config.user}@/${name}?host=${encodeURIComponent(String(config.host))}&port=${config.port}`;
  return {
    dataSource,
    name,
    queries,
    resetQueries: () => {
      queries.length = 0;
    },
    url,
    connection: config.connectionString
      ? { connectionString: withDatabase(config.connectionString, name) }
      : { host: String(config.host), port: Number(config.port), user: config.user, database: name },
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      const dropper = new Client(config);
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The same connection string with another database; also for socket forms (postgresql://user@/db?host=/dir). */
function withDatabase(connectionString: string, database: string): string {
  const match = /^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/.exec(connectionString);
  if (!match) throw new Error('DATABASE_URL must look like postgres://user:password@host:port/database');
  return `${match[1]}/${database}${match[3] ?? ''}`;
}
