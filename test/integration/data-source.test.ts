import { createDataSource } from '../../src/db/data-source';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** The hub's request connections (main.ts: parallelQuery false) never start parallel workers. */
describe('parallel query on request connections', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('is off for connections opened with parallelQuery: false, and the server default elsewhere', async () => {
    const connection = {
      host: db.connection.host,
      port: db.connection.port,
      username: db.connection.user,
      database: db.connection.database,
      url: db.connection.connectionString,
    };
    const hub = createDataSource({ ...connection, poolSize: 2, parallelQuery: false });
    await hub.initialize();
    try {
      // Every connection of the pool, not only the first.
      const settings = await Promise.all(
        [1, 2].map(() =>
          hub.query('SELECT current_setting($1) AS value, pg_sleep(0.05)', ['max_parallel_workers_per_gather']),
        ),
      );
      expect(settings.map(([row]) => row.value)).toEqual(['0', '0']);
    } finally {
      await hub.destroy();
    }
    const [row] = await db.dataSource.query("SELECT current_setting('max_parallel_workers_per_gather') AS value");
    expect(row.value).not.toBe('0');
  });
});
