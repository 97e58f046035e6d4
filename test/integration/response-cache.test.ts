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
    expect(first.body.data.projects.totalCount).toBe(16);
    const again = await api.query(QUERY);
    expect(again.statements).toEqual([]);
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(again.body.data).toEqual(first.body.data);

    // A query with other variables or text is a different entry.
    const other = await api.query('query($n: Int) { projects(first: $n) { totalCount } }', { n: 1 });
    expect(other.statements.length).toBeGreaterThan(0);

    await importProjectFiles(api.db.dataSource, [
      asFile(validProjectFile({ key: 'cache-test', registrationNumber: null, contracts: [] })),
    ]);
    const deadline = Date.now() + 5_000;
    while (api.cache.store!.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.cache.store!.size).toBe(0);
    const after = await api.query(QUERY);
    expect(after.statements.length).toBeGreaterThan(0);
    expect(after.body.data.projects.totalCount).toBe(17);
  });

  it('never caches errors', async () => {
    const bad = await api.query('{ projects(first: 0) { totalCount } }');
    expect(bad.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const size = api.cache.store!.size;
    await api.query('{ projects(first: 0) { totalCount } }');
    expect(api.cache.store!.size).toBe(size);
  });
});

/** The cache is bounded by bytes, whatever the mix of queries, and answers only requests Apollo accepts. */
describe('response cache bounds and placement', () => {
  let api: ApiServer;
  const BOUND = 300_000;
  beforeAll(async () => {
    api = await startApiServer({
      env: { HUB_RESPONSE_CACHE_BYTES: String(BOUND), HUB_RESPONSE_CACHE_ENTRY_BYTES: '50000' },
    });
  });
  afterAll(() => api.close());

  it('stays within its byte bound under many distinct large responses, and keeps none over the entry bound', async () => {
    for (let index = 0; index < 40; index += 1) {
      // Distinct texts, 20–40 kB each (the whole municipality list with names and oblasts).
      const result =
        await api.query(`{ municipalities(first: 100, after: ${JSON.stringify(Buffer.from(`c2hub:offset:${index}`).toString('base64url'))}) {
        edges { node { code name nameLatin nuts3 population oblast { code name nameLatin } } } } }`);
      expect(result.body.errors).toBeUndefined();
      expect(api.cache.store!.bytes).toBeLessThanOrEqual(BOUND);
    }
    expect(api.cache.store!.size).toBeGreaterThan(3);
    // One response over the 50 kB entry bound (about 30,000 characters, 2 bytes each) is served, never kept.
    const before = api.cache.store!.size;
    const big = await api.query(
      '{ projects(first: 100) { edges { node { key funding { asPublished note source { key url title publisher } } indicators { asPublished source { key url title } } activities { title source { key url title } } } } } }',
    );
    expect(JSON.stringify(big.body).length).toBeGreaterThan(50_000 / 2);
    const again = await api.query(
      '{ projects(first: 100) { edges { node { key funding { asPublished note source { key url title publisher } } indicators { asPublished source { key url title } } activities { title source { key url title } } } } } }',
    );
    expect(again.headers.get('x-cache')).toBeNull();
    expect(api.cache.store!.size).toBeLessThanOrEqual(before + 1);
  });

  it('answers from the cache only what Apollo would accept, in the media type asked for', async () => {
    const query = '{ programmes { code } }';
    await api.query(query);
    expect((await api.query(query)).headers.get('x-cache')).toBe('hit');

    const plain = await fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'text/plain' },
    });
    expect(plain.status).toBe(406);
    const badName = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, operationName: { x: 1 } }),
    });
    expect(badName.status).toBe(400);
    expect(badName.headers.get('x-cache')).toBeNull();
    const typed = await api.query(query, undefined, { accept: 'application/graphql-response+json' });
    expect(typed.headers.get('x-cache')).toBe('hit');
    expect(typed.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(typed.body.extensions.cost.requestedQueryCost).toBe(2 * 2); // 2 programmes × (the object, its code)
  });
});
