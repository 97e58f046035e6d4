import { Client } from 'pg';
import { prepareReads } from '../../src/db/prepared-statements';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** Reads of request connections run as prepared statements, a bounded number per connection. */
describe('prepared reads', () => {
  let db: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client(db.connection);
    await client.connect();
    prepareReads(client, 2);
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  // Asked without a parameter array, so that this look-up itself is not prepared.
  const preparedNames = async () =>
    (
      await client.query("SELECT name FROM pg_prepared_statements WHERE name LIKE 'hub\\_%' ORDER BY prepare_time")
    ).rows.map((row) => row.name as string);

  it('prepares each read once, keeps at most the limit, and prepares an evicted one again when it returns', async () => {
    const read = (n: number) => client.query(`SELECT $1::int + ${n} AS value`, [1]);
    expect((await read(1)).rows).toEqual([{ value: 2 }]);
    expect((await read(1)).rows).toEqual([{ value: 2 }]);
    expect(await preparedNames()).toHaveLength(1);
    await read(2);
    const evicting = read(3); // evicts read(1), deallocated on the server before read(3) is sent
    // Never a query sent while another runs (pg deprecates it; pg@9 refuses it).
    expect((client as unknown as { _queryQueue: unknown[] })._queryQueue).toHaveLength(0);
    await evicting;
    const names = await preparedNames();
    expect(names).toHaveLength(2);
    expect((await read(1)).rows).toEqual([{ value: 2 }]); // prepared again under its name
    expect(await preparedNames()).toHaveLength(2);
    expect(await preparedNames()).not.toEqual(names);
  });

  it('leaves writes, statements without parameters and errors as they were', async () => {
    await client.query('CREATE TEMP TABLE notes (text text)');
    await client.query('INSERT INTO notes VALUES ($1)', ['a']);
    const before = await preparedNames();
    expect(before.length).toBeLessThanOrEqual(2);
    await expect(client.query('SELECT missing_column FROM notes WHERE text = $1', ['a'])).rejects.toThrow(
      /missing_column/,
    );
    // The failed read left the connection usable, and never more than the limit prepared.
    expect((await client.query('SELECT text FROM notes WHERE text = $1', ['a'])).rows).toEqual([{ text: 'a' }]);
    expect((await client.query('SELECT text FROM notes WHERE text = $1', ['a'])).rows).toEqual([{ text: 'a' }]);
    const after = await preparedNames();
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThanOrEqual(2);
  });

  it('never deallocates a statement PostgreSQL did not parse: a transaction that evicts one goes on', async () => {
    const other = new Client(db.connection);
    await other.connect();
    try {
      prepareReads(other, 2);
      await expect(other.query('SELECT no_such_column WHERE $1::int = 1', [1])).rejects.toThrow(/no_such_column/);
      await other.query('BEGIN');
      await other.query('SELECT $1::int AS a', [1]);
      // Evicts the statement that failed to parse: deallocating it would fail and abort the transaction.
      expect((await other.query('SELECT $1::int AS b', [2])).rows).toEqual([{ b: 2 }]);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
  });
});
