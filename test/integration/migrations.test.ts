import { pendingSchemaChanges } from '../../src/db/data-source';
import { MIGRATIONS } from '../../src/db/migrations';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** Migration drift check (what `typeorm migration:generate --check` does): entities and migrations agree. */
describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('leave nothing for TypeORM to generate: the entities and the migrated schema agree', async () => {
    expect(await pendingSchemaChanges(db.dataSource)).toEqual([]);
  });

  it('can be reverted and applied again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) await db.dataSource.undoLastMigration({ transaction: 'all' });
    expect((await db.dataSource.query("SELECT to_regclass('public.projects') AS t"))[0].t).toBeNull();
    await db.dataSource.runMigrations({ transaction: 'all' });
    expect(await pendingSchemaChanges(db.dataSource)).toEqual([]);
  });
});
