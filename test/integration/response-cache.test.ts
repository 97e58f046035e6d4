import { importProjectFiles } from '../../src/ingest/import-projects';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { asFile, validProjectFile } from '../helpers/project-file';

/** Repeated queries are answered from the cache; an import (on commit) empties it in every hub. */
describe('response cache', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_RESPONSE_CACHE_BYTES: String(10 * 1024 * 1024) } });
  });
  afterAll(() => api.close());

  const QUERY = '{ projects(first: 100) { totalCount edges { node { key budget { amount } } } } }';

  it('answers a repeated query without SQL, and sees an import right after it commits', async () => {
    const first = await api.query(QUERY);
    expect(first.statements.length).toBeGreaterThan(0);
    expect(first.body.data.projects.totalCount).toBe(10);
    const again = await api.query(QUERY);
    expect(again.statements).toEqual([]);
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(again.body.data).toEqual(first.body.data);

    // A query with other variables or text is a different entry.
    const other = await api.query('query($n: Int) { projects(first: $n) { totalCount } }', { n: 1 });
    expect(other.statements.length).toBeGreaterThan(0);

    await importProjectFiles(api.db.dataSource, [asFile(validProjectFile({ key: 'cache-test', registrationNumber: null, contracts: [] }))]);
    const deadline = Date.now() + 5_000;
    while (api.cache.store!.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.cache.store!.size).toBe(0);
    const after = await api.query(QUERY);
    expect(after.statements.length).toBeGreaterThan(0);
    expect(after.body.data.projects.totalCount).toBe(11);
  });

  it('never caches errors', async () => {
    const bad = await api.query('{ projects(first: 0) { totalCount } }');
    expect(bad.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const size = api.cache.store!.size;
    await api.query('{ projects(first: 0) { totalCount } }');
    expect(api.cache.store!.size).toBe(size);
  });
});
