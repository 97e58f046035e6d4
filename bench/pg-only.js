// Starts only the embedded PostgreSQL of a data directory (default bench/out/db) and keeps it running
// until SIGTERM: the peer (PostGraphile) reads the hub's database through it. Prints its URL.
require('reflect-metadata');
const path = require('node:path');
const { EmbeddedPostgres } = require('../dist/db/embedded-postgres.js');
const { createLogger } = require('../dist/logger.js');

(async () => {
  const dataDir = path.resolve(process.argv[2] || path.join(__dirname, 'out', 'db'));
  const postgres = await EmbeddedPostgres.start({ dataDir, logger: createLogger('warn'), timeoutMs: 30_000 });
  const { host, user, database } = postgres.connection;
  console.log(JSON.stringify({ url: `postgres://${user}@/${database}?host=${encodeURIComponent(host)}` }));
  const stop = () => postgres.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => undefined, 1 << 30); // stay up until told to stop
})();
