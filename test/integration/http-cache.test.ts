import http from 'node:http';
import zlib from 'node:zlib';
import { HttpCache } from '../../src/graphql/http-cache';
import { importProjectFiles } from '../../src/ingest/import-projects';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { asFile, validProjectFile } from '../helpers/project-file';

/** A GET from a given local address (127.0.0.0/8 is all loopback), raw: no decompression, no cache. */
function getFrom(
  url: string,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { localAddress, headers: { accept: 'application/json', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
  });
}

const QUERY =
  'query Codes($first: Int, $filter: MunicipalityFilter) { municipalities(first: $first, filter: $filter) { edges { node { code name } } } }';
const search = (variables: string) =>
  `?query=${encodeURIComponent(QUERY)}&operationName=Codes&variables=${encodeURIComponent(variables)}`;

describe('HTTP caching of anonymous GET reads', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({
      env: { HUB_THROTTLE_BUCKET: '2000', HUB_THROTTLE_RESTORE_PER_SECOND: '1', HUB_HTTP_MAX_AGE_SECONDS: '30' },
    });
  });
  afterAll(() => api.close());
  const url = (query: string) => `${api.url}/graphql${query}`;

  it('gives every client the same strong ETag, the same bytes and headers free of its throttle state, and Cache-Control: public', async () => {
    const first = await getFrom(url(search('{"first":3,"filter":{"hasProjects":true}}')), '127.0.0.11');
    const second = await getFrom(url(search('{"filter":{"hasProjects":true},"first":3}')), '127.0.0.12');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"r\d+-[\w-]{32}"$/);
    // The same request (variables in another order), another client: the same validator and body.
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body.equals(first.body)).toBe(true);
    expect(JSON.parse(first.body.toString()).extensions.cost.throttleStatus).toBeUndefined();
    // Plain directives (nginx and Varnish keep nothing with a qualified no-cache="…").
    expect(first.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=20');
    expect(first.headers.vary).toMatch(/Accept\b.*Accept-Encoding/);
    // Nothing of the client in the headers either: a shared cache would hand its bucket to the next client.
    expect(first.headers.ratelimit).toBeUndefined();
    expect(first.headers['ratelimit-policy']).toBeUndefined();
  });

  it('answers If-None-Match with 304 before parsing or execution: one statement, the data revision', async () => {
    const query = url(search('{"first":2}'));
    const answer = await getFrom(query, '127.0.0.13');
    api.db.resetQueries();
    const again = await getFrom(query, '127.0.0.14', { 'if-none-match': answer.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(answer.headers.etag);
    expect(again.headers['cache-control']).toMatch(/^public, max-age=30/);
    expect(again.headers.ratelimit).toBeUndefined();
    expect(api.db.queries).toEqual(['SELECT revision, changed_at FROM data_revision WHERE id = 1']);
    // A list of validators, one of them current; a validator of another request is not.
    const listed = await getFrom(query, '127.0.0.14', { 'if-none-match': `"r0-x", ${answer.headers.etag}` });
    expect(listed.status).toBe(304);
    const other = await getFrom(url(search('{"first":4}')), '127.0.0.14', { 'if-none-match': answer.headers.etag! });
    expect(other.status).toBe(200);
  });

  it('never crosses an import: the ETag of the previous revision gets the new answer at once', async () => {
    const codes = url(
      `?query=${encodeURIComponent('{ municipality(code: "GAB05") { projects(first: 5) { totalCount } } }')}`,
    );
    const before = await getFrom(codes, '127.0.0.15');
    const count = (body: Buffer) => JSON.parse(body.toString()).data.municipality.projects.totalCount;
    await importProjectFiles(api.db.dataSource, [
      asFile(validProjectFile({ key: 'http-cache-gabrovo', municipalityCode: 'GAB05' })),
    ]);
    // No waiting for the notification: the validator is checked against the database's revision.
    const after = await getFrom(codes, '127.0.0.15', { 'if-none-match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(count(after.body)).toBe(count(before.body) + 1);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('never crosses an import whose notification has not come (another replica’s, a listener reconnecting)', async () => {
    const codes = url(`?query=${encodeURIComponent('{ municipality(code: "SZR12") { code name population } }')}`);
    const before = await getFrom(codes, '127.0.0.16');
    expect(before.headers.etag).toMatch(/^"r\d+-/);
    // The revision moves on in the database and no NOTIFY tells this hub.
    await api.db.dataSource.query('UPDATE data_revision SET revision = revision + 1 WHERE id = 1');
    const after = await getFrom(codes, '127.0.0.16', { 'if-none-match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // And the next request with the new validator is a 304 again.
    const again = await getFrom(codes, '127.0.0.16', { 'if-none-match': after.headers.etag! });
    expect(again.status).toBe(304);
  });

  it('never answers 304 to a request the hub refuses, even with the validator it would have', async () => {
    // Depth 13, one over the limit.
    const nest = (depth: number): string =>
      depth === 0 ? 'key' : `municipality { projects { edges { node { ${nest(depth - 1)} } } } }`;
    const deep = `?query=${encodeURIComponent(`{ project(key: "x") { ${nest(3)} } }`)}`;
    const refused = await getFrom(url(deep), '127.0.0.16');
    expect(JSON.parse(refused.body.toString()).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.headers.etag).toBeUndefined();
    expect(refused.headers['cache-control']).toBe('no-store');
    const revision = /^"r(\d+)-/.exec((await getFrom(url(search('{"first":1}')), '127.0.0.16')).headers.etag!)![1];
    const forged = `"r${revision}-${HttpCache.requestKey(deep)}"`;
    const again = await getFrom(url(deep), '127.0.0.16', { 'if-none-match': forged });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body.toString()).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('throttles a 304 like the answer it stands for: 429, no-store, when the bucket cannot pay the query', async () => {
    // 100 municipalities of code and name: a cost of some 300 points; the bucket holds 2,000, restoring 1 a second.
    const heavy = url(search('{"first":100}'));
    const answer = await getFrom(heavy, '127.0.0.17');
    expect(answer.status).toBe(200);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof getFrom>> | undefined;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      last = await getFrom(heavy, '127.0.0.17', { 'if-none-match': answer.headers.etag! });
      statuses.push(last.status);
      if (last.status === 429) break;
      // 304s take a point: drain the bucket with full answers in between.
      await getFrom(heavy, '127.0.0.17');
    }
    expect(statuses[0]).toBe(304);
    expect(last!.status).toBe(429);
    expect(last!.headers['cache-control']).toBe('no-store');
    expect(last!.headers.etag).toBeUndefined();
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(last!.body.toString()).errors[0].extensions.code).toBe('THROTTLED');
  });

  it('says no-store for POST, errors and requests with a token', async () => {
    const posted = await api.query('{ municipalities(first: 1) { edges { node { code } } } }');
    expect(posted.headers.get('cache-control')).toBe('no-store');
    expect(posted.headers.get('etag')).toBeNull();
    // An answer no cache keeps tells the client its bucket.
    expect(posted.headers.get('ratelimit')).toMatch(/^"cost";r=\d+;t=\d+$/);
    const failed = await getFrom(url(`?query=${encodeURIComponent('{ project(key: 5) { key } }')}`), '127.0.0.18');
    expect(failed.headers['cache-control']).toBe('no-store');
    expect(failed.headers.etag).toBeUndefined();
    const withToken = await getFrom(url(search('{"first":2}')), '127.0.0.18', { authorization: 'Bearer c2h_1_nope' });
    expect(withToken.status).toBe(401);
    expect(withToken.headers.etag).toBeUndefined();
  });

  it('compresses answers as the client asks: brotli, gzip, or none', async () => {
    const query = url(search('{"first":100}'));
    const plain = await getFrom(query, '127.0.0.19');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await getFrom(query, '127.0.0.19', { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gzip = await getFrom(query, '127.0.0.19', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
  });
});
