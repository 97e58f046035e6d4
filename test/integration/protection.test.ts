import 'reflect-metadata';
import http from 'node:http';
import zlib from 'node:zlib';
import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import { Client } from 'pg';
import { encodeCursor } from '../../src/graphql/connection';
import { COMPILES_PER_SECOND, jitStatistics } from '../../src/graphql/jit';
import { METRIC_KEYS } from '../../src/modules/comparison/metrics';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { adminConnection } from '../helpers/database';
import { MemoryGuard } from '../../src/graphql/memory-guard';

/** A POST from a given local address (127.0.0.0/8 is all loopback), so that tests can be several clients. */
function postFrom(
  url: string,
  localAddress: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/graphql`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(text) }),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/** The RateLimit header's remaining points (`"cost";r=<remaining>;t=<seconds to full>`). */
const remaining = (header: string | string[] | null | undefined): number => {
  const match = /^"cost";r=(\d+);t=(\d+)$/.exec(String(header));
  if (!match) throw new Error(`not a RateLimit header: ${header}`);
  return Number(match[1]);
};

const LEAK = /SELECT|INSERT|relation "|stack|node_modules|\/src\/|\/work\/|\/tmp\/|\.ts:\d+/;

describe('limits: refused before any SQL, with the figure and the limit', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  const refused = (result: Awaited<ReturnType<ApiServer['query']>>, limitName: string) => {
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName });
    expect(result.body.errors![0].message).toMatch(/the limit is \d+/);
    expect(result.statements).toEqual([]);
  };

  it('refuses a query nested deeper than the depth limit', async () => {
    let selection = 'code';
    for (let level = 0; level < 7; level += 1)
      selection = `projects { edges { node { municipality { ${selection} } } } }`;
    refused(await api.query(`{ municipalities { edges { node { ${selection} } } } }`), 'depth');
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = Array.from({ length: 31 }, (_v, index) => `a${index}: programmes { code }`).join(' ');
    refused(await api.query(`{ ${aliases} }`), 'the number of aliases');
    // 2,000 aliases are over the token limit already, refused at parsing (10,000 are over the body size).
    const many = Array.from({ length: 2_000 }, (_v, index) => `a${index}: __typename`).join(' ');
    refused(await api.query(`{ ${many} }`), 'tokens');
  });

  it('refuses more directives than the limit', async () => {
    const fields = Array.from({ length: 31 }, () => 'code @include(if: true)').join(' ');
    refused(await api.query(`{ programmes { ${fields} } }`), 'the number of directives');
  });

  it('refuses a document of more tokens than the limit', async () => {
    const result = await api.query(`{ programmes { ${'code '.repeat(6_000)} } }`);
    expect(result.body.errors![0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.body.errors![0].message).toBe(
      'Query too complex: the document has more than 5000 tokens, the limit is 5000',
    );
    expect(result.body.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limitName: 'tokens', limit: 5000 });
    expect(result.statements).toEqual([]);
  });

  it('refuses a fan-out of fragment spreads (2^30 leaves) on its cost, without stalling', async () => {
    const fragments = Array.from(
      { length: 30 },
      (_v, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`,
    );
    fragments.push('fragment F30 on Query { municipalities(first: 100) { edges { node { code } } } }');
    const started = Date.now();
    const result = await api.query(`{ ...F0 } ${fragments.join('\n')}`);
    refused(result, 'the number of fields with fragments expanded');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an operation whose cost is over the limit, and names both', async () => {
    // Ten times every cell's sources with their texts: each weighs the longest text held (12 kB).
    const all = `comparison(metrics: [${METRIC_KEYS.join(', ')}]) { rows { cells { sources { text } } } }`;
    const result = await api.query(`{ ${Array.from({ length: 10 }, (_v, index) => `a${index}: ${all}`).join(' ')} }`);
    refused(result, 'cost');
    expect(result.body.errors![0].message).toMatch(/^Query too complex: cost is \d+, the limit is 500000$/);
    expect(result.body.errors![0].extensions.found).toBeGreaterThan(500_000);
    expect(result.body.extensions.cost).toMatchObject({ maximumQueryCost: 500_000, actualQueryCost: null });
  });

  it('answers a refusal with 200 for application/json and 400 for application/graphql-response+json', async () => {
    const deep = `{ programmes { code } ${Array.from({ length: 31 }, (_v, index) => `a${index}: programmes { code }`).join(' ')} }`;
    const json = await api.query(deep, undefined, { accept: 'application/json' });
    expect(json.status).toBe(200);
    const graphqlResponse = await api.query(deep, undefined, { accept: 'application/graphql-response+json' });
    expect(graphqlResponse.status).toBe(400);
    expect(graphqlResponse.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('reports the cost of every response in the body (requested, actual, the limit) and the bucket in RateLimit headers', async () => {
    const result = await api.query(
      '{ municipalities(first: 3, filter: { hasProjects: true }) { edges { node { code } } } }',
    );
    // Points of 64 bytes: the connection 2, then 3 × (edge, node, `"code":"SZR12"`: a point each). Back: the
    // connection object and 3 × 3.
    expect(result.body.extensions.cost).toEqual({
      requestedQueryCost: 2 + 3 * 3,
      actualQueryCost: 1 + 3 * 3,
      maximumQueryCost: 500_000,
    });
    // 3,000,000 points, restored at 600,000 a second: a window of 5 s.
    expect(result.headers.get('ratelimit-policy')).toBe('"cost";q=3000000;w=5');
    expect(remaining(result.headers.get('ratelimit'))).toBeGreaterThan(2_999_000);
  });

  it('costs a comparison by the municipalities and metrics asked for, still an upper bound of what comes back', async () => {
    const small = await api.query(
      '{ comparison(municipalityCodes: ["SZR12", "SML31"], metrics: [TOTAL_BUDGET]) { rows { cells { value } } } }',
    );
    // The comparison (1), 2 rows (the codes asked) × (the row, 1 cell (the metric asked) × (the cell, its value)):
    // 1 + 2 × 3 = 7, and exactly that comes back.
    expect(small.body.extensions.cost).toMatchObject({ requestedQueryCost: 7, actualQueryCost: 7 });
    const all = await api.query('{ comparison(metrics: [TOTAL_BUDGET, EU_SHARE]) { rows { cells { value } } } }');
    // Every municipality with a project (16) × (the row, 2 cells × 2): 1 + 16 × 5.
    expect(all.body.extensions.cost).toMatchObject({ requestedQueryCost: 1 + 16 * 5, actualQueryCost: 1 + 16 * 5 });
  });

  it('answers the full introspection query GraphQL tools send, and refuses nested introspection', async () => {
    const full = await api.query(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data.__schema.queryType).toMatchObject({ name: 'Query' });
    expect(full.statements).toEqual([]);
    // Many copies of a large introspection selection pass every other rule, but not the introspection cost.
    const copy =
      '__schema { types { name fields { name args { name type { name ofType { name } } } type { name ofType { name ofType { name } } } } } }';
    const copies = await api.query(`{ ${Array.from({ length: 10 }, (_v, index) => `a${index}: ${copy}`).join(' ')} }`);
    expect(copies.body.errors![0].extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limitName: 'introspection cost',
    });
    const nested = await api.query(
      '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }',
    );
    expect(nested.body.data).toBeUndefined();
    expect(nested.body.errors![0].message).toMatch(/introspection depth/);
  });

  it('refuses `first` out of range and forged cursors as BAD_USER_INPUT, never an internal error', async () => {
    const tooMany = await api.query('{ projects(first: 1000) { totalCount } }');
    expect(tooMany.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    for (const offset of ['99999999999999999999', '1e5', '-1', '9007199254740993']) {
      const cursor = Buffer.from(`c2hub:offset:${offset}`).toString('base64url');
      const result = await api.query('query($after: String) { projects(after: $after) { totalCount } }', {
        after: cursor,
      });
      expect(result.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
    const farAway = await api.query(
      'query($after: String) { projects(after: $after) { totalCount edges { cursor } } }',
      { after: encodeCursor(999_999_999) },
    );
    expect(farAway.body.data.projects).toEqual({ totalCount: 16, edges: [] });
  });

  it('refuses NUL bytes and lone surrogates in any string argument, naming it', async () => {
    const literal = await api.query('{ projects(filter: { titleContains: "a\\u0000b" }) { totalCount } }');
    expect(literal.body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.titleContains',
    });
    const variable = await api.query(
      'query($codes: [String!]) { municipalities(filter: { codes: $codes }) { totalCount } }',
      { codes: ['SZR12', 'x\u0000'] },
    );
    expect(variable.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: '$codes[1]' });
    const surrogate = await api.query(
      'query($name: String) { municipalities(filter: { nameContains: $name }) { totalCount } }',
      { name: 'a\ud800b' },
    );
    expect(surrogate.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: '$name' });
    for (const result of [literal, variable, surrogate]) expect(result.statements).toEqual([]);
  });

  it('answers aggregate in EUR without a money measure, and deeply nested variables, without an internal error', async () => {
    const eur = await api.query(
      '{ aggregate(groupBy: [PROGRAMME], measures: [PROJECT_COUNT], currency: EUR) { values { value currency } } }',
    );
    expect(eur.body.errors).toBeUndefined();
    expect(eur.body.data.aggregate).toHaveLength(3); // the two programmes, and the projects that name neither
    // Written by hand: JSON.stringify itself cannot nest 20,000 levels.
    const query = JSON.stringify(
      'query($codes: [String!]) { municipalities(filter: { codes: $codes }) { totalCount } }',
    );
    const body = `{"query":${query},"variables":{"codes":${'['.repeat(20_000)}"SZR12"${']'.repeat(20_000)}}}`;
    const deep = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(deep.status).toBeLessThan(500);
    expect(((await deep.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('echoes at most 500 characters of what a client sent, once: a 90 kB argument is not sent back', async () => {
    const long = 'BG05M9OP001-2.056-'.padEnd(90_000, '9');
    const result = await api.query('query($n: String!) { project(contractNumber: $n) { key } }', { n: long });
    expect(result.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.body.errors![0].message).toMatch(/… \(\d+ more characters\)$/);
    expect(JSON.stringify(result.body).length).toBeLessThan(3_000);
  });

  it('answers 400 to a request that is not GraphQL over HTTP (no query, or not a string), whatever the media type', async () => {
    for (const body of ['{}', '{"query":null}', '{"query":""}', '{"query":5}']) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
      expect([body, response.status]).toEqual([body, 400]);
    }
  });

  it('refuses a body over the size limit with 413 and a JSON reason', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ programmes { code } } #${'x'.repeat(1_000_000)}` }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
  });

  it('reads bodies as express.json does: compressed ones decompressed within the limit, other charsets and encodings refused', async () => {
    const post = (body: string | Buffer, headers: Record<string, string>) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { accept: 'application/json', ...headers },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    const query = JSON.stringify({ query: '{ programmes { code } }' });
    for (const [encoding, compress] of [
      ['gzip', zlib.gzipSync],
      ['deflate', zlib.deflateSync],
      ['br', zlib.brotliCompressSync],
    ] as const) {
      const response = await post(compress(query), {
        'content-type': 'application/json',
        'content-encoding': encoding,
      });
      expect([encoding, response.status]).toEqual([encoding, 200]);
      expect((await response.json()).data.programmes.length).toBeGreaterThan(0);
    }
    // A small gzip of a body over the limit once decompressed.
    const bomb = zlib.gzipSync(JSON.stringify({ query: `{ programmes { code } } #${' '.repeat(2_000_000)}` }));
    const tooLarge = await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect([tooLarge.status, (await tooLarge.json()).error]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const cases: [string | Buffer, Record<string, string>, number, string][] = [
      [query, { 'content-type': 'application/json; charset=latin1' }, 415, 'unsupported charset "LATIN1"'],
      [
        query,
        { 'content-type': 'application/json', 'content-encoding': 'compress' },
        415,
        'unsupported content encoding',
      ],
      [Buffer.from('not gzip'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 400, 'header'],
      [' \n ', { 'content-type': 'application/json' }, 400, 'Request body is not valid JSON'],
      ['"{ programmes { code } }"', { 'content-type': 'application/json' }, 400, 'Request body is not valid JSON'],
    ];
    for (const [body, headers, status, message] of cases) {
      const response = await post(body, headers);
      const answer = await response.json();
      expect([headers, response.status, answer.error]).toEqual([headers, status, 'BAD_REQUEST']);
      expect(answer.message).toContain(message);
    }
    // Not JSON by its type: not read, so not a GraphQL request.
    const plain = await post(query, { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect((await plain.json()).errors[0].message).toMatch(/POST body missing, invalid Content-Type/);
  });

  it('compiles at most COMPILES_PER_SECOND documents a second: 40 distinct documents sent twice each still answer, mostly uncompiled', async () => {
    const before = jitStatistics.compiled + jitStatistics.notCompiled;
    const started = Date.now();
    for (let index = 0; index < 40; index += 1) {
      const query = `{ projects(first: ${index + 1}) { totalCount edges { node { key } } } }`;
      for (let run = 0; run < 2; run += 1) {
        const result = await api.query(query);
        expect(result.body.errors).toBeUndefined();
        expect(result.body.data.projects.edges.length).toBe(Math.min(index + 1, result.body.data.projects.totalCount));
      }
    }
    const seconds = Math.ceil((Date.now() - started) / 1000) + 1;
    const compilations = jitStatistics.compiled + jitStatistics.notCompiled - before;
    expect(compilations).toBeGreaterThan(0);
    expect(compilations).toBeLessThanOrEqual(COMPILES_PER_SECOND * seconds);
  });

  it('refuses batches', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ programmes { code } }' }, { query: '{ programmes { code } }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('sends security headers and lets any origin read without credentials', async () => {
    const preflight = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dashboard.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const result = await api.query('{ programmes { code } }', undefined, { origin: 'https://dashboard.example' });
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
    expect(result.headers.get('x-content-type-options')).toBe('nosniff');
    expect(result.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(result.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('sends GraphQL answers and refusals the same security and CORS headers as every other route, and the request id', async () => {
    const origin = { origin: 'https://dashboard.example' };
    const health = await fetch(`${api.url}/healthz`, { headers: origin });
    const answer = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ programmes { code } }')}`, {
      headers: { ...origin, 'x-request-id': 'dashboard-42' },
    });
    const refusal = await fetch(`${api.url}/graphql?documentId=sha256:${'0'.repeat(64)}`, { headers: origin });
    const notJson = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect([answer.status, refusal.status, notJson.status]).toEqual([200, 400, 400]);
    const names: string[] = [];
    health.headers.forEach((_value, name) => names.push(name));
    const shared = names.filter(
      (name) => name.startsWith('access-control-') || /^(x-|strict-|referrer-|cross-origin-|origin-)/.test(name),
    );
    expect(shared).toEqual(
      expect.arrayContaining(['access-control-allow-origin', 'x-content-type-options', 'strict-transport-security']),
    );
    for (const response of [answer, refusal, notJson])
      for (const name of shared.filter((header) => header !== 'x-request-id'))
        expect([name, response.headers.get(name)]).toEqual([name, health.headers.get(name)]);
    expect(answer.headers.get('x-request-id')).toBe('dashboard-42');
    expect(refusal.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await notJson.json()).toEqual({ error: 'BAD_REQUEST', message: 'Request body is not valid JSON' });
    // Only /graphql itself is GraphQL's.
    const elsewhere = await fetch(`${api.url}/graphql/extra?query=${encodeURIComponent('{ programmes { code } }')}`);
    expect(elsewhere.status).toBe(404);
  });

  it('passes every MUST and SHOULD of the GraphQL-over-HTTP audit (graphql-http)', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: `${api.url}/graphql` })) {
      const result = await audit.fn();
      if (result.status === 'error' || result.status === 'warn') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('throttle: a leaky bucket of cost points per client', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({
      env: { HUB_THROTTLE_BUCKET: '1500', HUB_THROTTLE_RESTORE_PER_SECOND: '50', HUB_MAX_COST: '1500' },
    });
  });
  afterAll(() => api.close());

  // Cost 2 + 100 × 3 = 302 (edge, node, code); the actual cost is what comes back (100 municipalities: 301).
  const QUERY = { query: '{ municipalities(first: 100) { edges { node { code } } } }' };

  it('answers 429 with Retry-After and THROTTLED once the bucket is empty, without SQL, and other clients are served', async () => {
    const statuses: number[] = [];
    let throttled: Awaited<ReturnType<typeof postFrom>> | undefined;
    for (let attempt = 0; attempt < 10 && !throttled; attempt += 1) {
      const result = await postFrom(api.url, '127.0.0.2', QUERY);
      statuses.push(result.status);
      if (result.status === 429) throttled = result;
      else expect(remaining(result.headers.ratelimit)).toBeLessThan(1500);
    }
    expect(throttled).toBeDefined();
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(4);
    expect(Number(throttled!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(throttled!.body.errors[0].extensions).toMatchObject({ code: 'THROTTLED' });
    expect(throttled!.body.errors[0].message).toMatch(/costs 302 points/);
    expect(throttled!.headers['ratelimit-policy']).toBe('"cost";q=1500;w=30');
    expect(throttled!.headers['cache-control']).toBe('no-store');
    expect(throttled!.body.data).toBeUndefined();

    const other = await postFrom(api.url, '127.0.0.3', QUERY);
    expect(other.status).toBe(200);
    expect(other.body.data.municipalities.edges).toHaveLength(100);
  });

  it('gives back what a request did not use (requested 302, actual 4)', async () => {
    const result = await postFrom(api.url, '127.0.0.4', {
      query: '{ municipalities(first: 100, filter: { codes: ["SZR12"] }) { edges { node { code } } } }',
    });
    expect(result.body.extensions.cost).toMatchObject({ requestedQueryCost: 302, actualQueryCost: 4 });
    expect(remaining(result.headers.ratelimit)).toBeGreaterThanOrEqual(1496);
  });
});

describe('deadlines, cancellation and a bounded share of the pool', () => {
  /** A hub with a given deadline, a connection that can lock its tables, and one that watches its statements. */
  async function withHub(timeoutMs: string) {
    const api = await startApiServer({
      env: {
        HUB_REQUEST_TIMEOUT_MS: timeoutMs,
        HUB_HEAVY_COST: '40',
        HUB_HEAVY_CONCURRENCY: '10',
        HUB_POOL_SIZE: '6',
        HUB_RESERVED_CONNECTIONS: '2',
      },
    });
    const locker = new Client(api.db.connection);
    await locker.connect();
    // Outside the locker's transaction: pg_stat_activity is a snapshot per transaction.
    const observer = new Client(api.db.connection);
    await observer.connect();
    return {
      api,
      /** Runs `body` while a table is locked (every statement reading it waits). */
      async whileLocked(body: () => Promise<void>, table = 'projects') {
        await locker.query('BEGIN');
        await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
        try {
          await body();
        } finally {
          await locker.query('ROLLBACK');
        }
      },
      /** Statements of the hub still running or waiting in PostgreSQL. */
      hubStatements: async () =>
        (
          await observer.query(
            "SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'component2-hub' AND state = 'active'",
          )
        ).rows,
      async close() {
        await locker.end();
        await observer.end();
        await api.close();
      },
    };
  }
  let short: Awaited<ReturnType<typeof withHub>>;
  let patient: Awaited<ReturnType<typeof withHub>>;
  beforeAll(async () => {
    short = await withHub('800');
    patient = await withHub('60000');
  });
  afterAll(async () => {
    await short.close();
    await patient.close();
  });

  it('stops a request at its deadline: DEADLINE_EXCEEDED, and its SQL no longer runs', async () => {
    await short.whileLocked(async () => {
      const started = Date.now();
      const result = await short.api.query('{ projects { totalCount } }');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.body.errors![0].extensions.code).toBe('DEADLINE_EXCEEDED');
      expect(result.body.errors![0].message).toMatch(/deadline of 800 ms/);
      expect(JSON.stringify(result.body)).not.toMatch(LEAK);
      expect(await short.hubStatements()).toEqual([]);
    });
  });

  it('drops what execution built before the deadline, compiled or not: no data, DEADLINE_EXCEEDED, on time', async () => {
    // The projects come back; their funding waits on the lock until the deadline.
    const query = '{ projects(first: 5) { edges { node { key funding { asPublished } } } } }';
    const compiledBefore = jitStatistics.compiled;
    await short.whileLocked(async () => {
      for (let run = 0; run < 3; run += 1) {
        const started = Date.now();
        const result = await short.api.query(query);
        expect(Date.now() - started).toBeLessThan(800 + 1_000);
        expect(result.body.data).toBeUndefined();
        expect(result.body.errors).toEqual([
          expect.objectContaining({ extensions: expect.objectContaining({ code: 'DEADLINE_EXCEEDED' }) }),
        ]);
      }
    }, 'funding_amounts');
    // From its second run the document ran compiled.
    expect(jitStatistics.compiled).toBeGreaterThan(compiledBefore);
  });

  it('answers DATABASE_UNAVAILABLE, compiled or not, while the database refuses connections', async () => {
    const documents = [
      '{ projects(first: 3) { edges { node { key } } } }',
      '{ municipality(code: "SZR12") { name projects { edges { node { title } } } } }',
      '{ comparison(metrics: [TOTAL_BUDGET]) { rows { cells { value } } } }',
    ];
    // Each document once on graphql-js and once compiled, before the database goes away.
    for (const document of documents) for (let run = 0; run < 2; run += 1) await patient.api.query(document);
    const admin = new Client(adminConnection());
    await admin.connect();
    const name = patient.api.db.name;
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'component2-hub'",
        [name],
      );
      const codes: string[] = [];
      for (const document of [...documents, '{ sources(first: 2) { edges { node { key } } } }'])
        for (let run = 0; run < 2; run += 1) {
          const result = await patient.api.query(document);
          expect(JSON.stringify(result.body)).not.toMatch(LEAK);
          codes.push(...(result.body.errors ?? []).map((error: any) => error.extensions.code));
        }
      expect(codes.length).toBeGreaterThan(0);
      expect([...new Set(codes)]).toEqual(['DATABASE_UNAVAILABLE']);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });

  it('cancels the SQL of a client that hung up, long before its deadline (60 s)', async () => {
    await patient.whileLocked(async () => {
      const controller = new AbortController();
      const request = fetch(`${patient.api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ projects { totalCount } }' }),
        signal: controller.signal,
      }).catch(() => undefined);
      let waiting = false;
      for (let attempt = 0; attempt < 100 && !waiting; attempt += 1) {
        waiting = (await patient.hubStatements()).length === 1;
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(waiting).toBe(true);
      controller.abort();
      await request;
      const started = Date.now();
      while ((await patient.hubStatements()).length > 0 && Date.now() - started < 10_000)
        await new Promise((resolve) => setTimeout(resolve, 20));
      // The lock is still held and the deadline is a minute away: only the cancellation can have ended it.
      expect(await patient.hubStatements()).toEqual([]);
    });
  });

  it('keeps serving small requests while heavy ones hold every connection they may', async () => {
    let heavy: Promise<Awaited<ReturnType<ApiServer['query']>>>[] = [];
    await patient.whileLocked(async () => {
      // Ten heavy requests (cost 2 + 16 × 3 = 50 > 40) wait on the lock; they may hold 6 - 2 = 4 connections.
      heavy = Array.from({ length: 10 }, () => patient.api.query('{ projects(first: 30) { edges { node { key } } } }'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const small = await patient.api.query('{ procedure(code: "BG05M9OP001-2.056") { component } }');
      expect(small.body.data.procedure.component).toBe('Компонент 2');
      expect((await patient.hubStatements()).length).toBeLessThanOrEqual(4);
    });
    // Once the lock is gone, the queued heavy requests are answered too.
    for (const result of await Promise.all(heavy)) expect(result.body.data.projects.edges).toHaveLength(16);
  });
});

describe('the size of an answer: bounded by its cost before it runs, and by a byte limit as it is sent', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_MAX_RESPONSE_BYTES: '3000' } });
  });
  afterAll(() => api.close());

  // A comparison with every project's texts, as an outside probe sent it (30 aliases of it returned 98 MB).
  const HEAVY = `comparison(metrics: [TOTAL_BUDGET]) { rows { municipality { code name } projects { key title titleLatin
    registrationNumber registrationNumberAsPublished status statusAsOf confirmation aim notes createdAt updatedAt revision }
    cells { value } } }`;

  it('costs the heavy comparison at least its bytes, and 30 aliases of it 30 times as much: refused before any SQL', async () => {
    const big = await startApiServer({ env: { HUB_MAX_RESPONSE_BYTES: '100000000' } });
    try {
      const one = await big.query(`{ ${HEAVY} }`);
      const bytes = Buffer.byteLength(JSON.stringify(one.body.data));
      const cost = one.body.extensions.cost.requestedQueryCost;
      expect(bytes).toBeGreaterThan(10_000);
      expect(cost * 64).toBeGreaterThanOrEqual(bytes);
      const aliases = `{ ${Array.from({ length: 30 }, (_v, index) => `a${index}: ${HEAVY}`).join(' ')} }`;
      const limited = await startApiServer({ env: { HUB_MAX_COST: String(cost * 10) } });
      try {
        const thirty = await limited.query(aliases);
        expect(thirty.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'cost' });
        expect(thirty.body.errors![0].extensions.found).toBeGreaterThanOrEqual(30 * cost);
        expect(thirty.statements).toEqual([]);
      } finally {
        await limited.close();
      }
    } finally {
      await big.close();
    }
  });

  it('replaces an answer over the byte limit by RESPONSE_TOO_LARGE naming the limit, compiled or not', async () => {
    for (let run = 0; run < 3; run += 1) {
      const result = await api.query('{ projects(first: 20) { edges { node { title aim notes } } } }');
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('3000 bytes'),
          extensions: expect.objectContaining({ code: 'RESPONSE_TOO_LARGE', limit: 3000 }),
        }),
      ]);
    }
    const small = await api.query('{ projects(first: 2) { edges { node { key } } } }');
    expect(small.body.data.projects.edges).toHaveLength(2);
  });
});

describe('memory guard: the costliest running request is stopped when the heap runs short', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  it('answers SERVER_BUSY to the request it stops, and serves the next one', async () => {
    // The heap is "short" when the request's first statement runs: the guard stops it, the only one running.
    const queries = api.db.queries;
    let fired = false;
    queries.push = (...items: string[]) => {
      if (!fired) fired = api.memoryGuard.check(Number.MAX_SAFE_INTEGER);
      return Array.prototype.push.apply(queries, items);
    };
    const stopped = await api.query('{ projects(first: 50) { edges { node { key funding { amount { amount } } } } } }');
    delete (queries as { push?: unknown }).push;
    expect(fired).toBe(true);
    expect(stopped.body.data ?? null).toBeNull();
    expect(stopped.body.errors![0].extensions).toMatchObject({ code: 'SERVER_BUSY' });
    expect(stopped.body.errors![0].message).toMatch(/short of memory/);
    const next = await api.query('{ projects(first: 2) { edges { node { key } } } }');
    expect(next.body.data.projects.edges).toHaveLength(2);
  });

  it('stops the costliest of those running, one per pause, and none while the heap is under the line', () => {
    const guard = new MemoryGuard(0.8, 1_000, 250);
    const stops: string[] = [];
    const scope = (cost: number, name: string) => ({
      signal: new AbortController().signal,
      deadline: 0,
      cost,
      stop: (reason: { code: string }) => stops.push(`${name} ${reason.code}`),
    });
    guard.add(scope(10, 'small'));
    guard.add(scope(50_000, 'heavy'));
    guard.add(scope(300, 'medium'));
    expect(guard.check(800, 1_000)).toBe(false);
    expect(guard.check(900, 1_000)).toBe(true);
    expect(guard.check(900, 1_100)).toBe(false);
    expect(guard.check(900, 1_300)).toBe(true);
    expect(stops).toEqual(['heavy SERVER_BUSY', 'medium SERVER_BUSY']);
  });
});

describe('rows: a read request reads at most HUB_MAX_ROWS rows', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_MAX_ROWS: '150' } });
  });
  afterAll(() => api.close());

  it('stops a request past the limit with RESPONSE_TOO_LARGE, data dropped, and answers one within it', async () => {
    const many = await api.query(
      '{ a: municipalities(first: 100) { edges { node { code } } } b: municipalities(first: 100, orderBy: { field: NAME, direction: DESC }) { edges { node { code } } } }',
    );
    expect(many.body.data ?? null).toBeNull();
    expect(many.body.errors).toHaveLength(1);
    expect(many.body.errors![0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    expect(many.body.errors![0].message).toMatch(/more than 150 rows/);
    const few = await api.query('{ municipalities(first: 100) { edges { node { code } } } }');
    expect(few.body.data.municipalities.edges).toHaveLength(100);
  });
});
