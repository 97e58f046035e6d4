import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { graphql, startHub } from '../helpers/hub-process';

/** The hub on an external PostgreSQL named by DATABASE_URL (here: a database of the test server). */
describe('DATABASE_URL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('starts on it, loads the dataset and serves queries, and never logs the password', async () => {
    // The test server trusts local connections, so any password is accepted; it must never be logged.
    const url = db.url.replace(/^(postgres(?:ql)?:\/\/[^:@/]+)(:[^@]*)?@/, '$1:pa55-word-secret@');
    expect(url).toContain('pa55-word-secret');
    const hub = await startHub({ DATABASE_URL: url });
    try {
      expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
      const { body } = await graphql(hub.url, '{ projects { totalCount } municipalities { totalCount } }');
      expect(body.data).toEqual({ projects: { totalCount: 16 }, municipalities: { totalCount: 265 } });
      expect(hub.logs().some((entry) => entry.msg === 'seed dataset loaded' && entry.created === 16)).toBe(true);
      expect(JSON.stringify(hub.logs())).not.toContain('pa55-word-secret');
      // The description is rebuilt from user, host, port and database: no password can be in it.
      expect(hub.logs().find((entry) => entry.msg === 'database ready')!.database).toMatch(
        /^postgres:\/\/postgres@[^:@]*:\d+\/hub_test_w/,
      );
    } finally {
      hub.child.kill('SIGTERM');
      expect((await hub.exited).code).toBe(0);
    }
  });

  it('reports not ready, with the reason, when the newest migration is not applied', async () => {
    const database = await openDatabase(loadConfig({ DATABASE_URL: db.url }), createLogger('silent'));
    try {
      expect(await database.ready()).toEqual({ ok: true });
      const [latest] = await database.dataSource.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
      await database.dataSource.query('DELETE FROM migrations WHERE name = $1', [latest.name]);
      expect(await database.ready()).toEqual({ ok: false, reason: `migration ${latest.name} not applied` });
    } finally {
      await database.close();
    }
  });
});
