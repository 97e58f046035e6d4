// API benchmark (profile, comparison, aggregate): on the synthetic
// 265-municipality dataset left by bench/import.js, the "municipality profile" query
// (one municipality → 20 projects → funding, partners, indicators with sources) under 10 concurrent
// clients over real HTTP against `node dist/main.js`. Prints requests/s, p50/p95/p99 latency and
// SQL statements per request (counted in-process over the same database and code). Not a test.
const { startHub, stop, municipalityCodes } = require('./hub');
const fs = require('node:fs');
const path = require('node:path');
require(path.join(__dirname, '..', 'node_modules', 'reflect-metadata'));

const root = path.resolve(__dirname, '..');
const dataDir = process.env.BENCH_DB ? path.resolve(process.env.BENCH_DB) : path.join(root, 'bench', 'out', 'db'); // BENCH_DB=bench/out/db-100 for 265 × 100
const DURATION_MS = Number(process.env.BENCH_SECONDS || 20) * 1000;
const CLIENTS = Number(process.env.BENCH_CLIENTS || 10);

const PROFILE = `query Profile($code: String!) {
  municipality(code: $code) { code name population projects(first: 20) { totalCount edges { node {
    key title budget { amount currency }
    funding { kind qualifier amount { amount } programme { code } source { key url } }
    partners { role organisation { name type } source { key } }
    indicators { value basis qualifier asOf breakdown indicator { code unit } source { key url } }
  } } } } }`;

const WORKLOADS = [{ name: 'municipality profile', query: PROFILE, variables: (code) => ({ code }), clients: CLIENTS }];
if (process.env.BENCH_COMPARISON !== 'false') {
  WORKLOADS.push(
    // Latency of one dashboard call at a time (1 client), as the targets for these two are per call.
    {
      name: 'comparison, all municipalities × all metrics',
      optional: true,
      query: `{ metrics { key } }`,
      expand: true,
      clients: 1,
    },
    {
      name: 'aggregate MUNICIPALITY × PROGRAMME',
      optional: true,
      clients: 1,
      query: `{ aggregate(groupBy: [MUNICIPALITY, PROGRAMME], measures: [PROJECT_COUNT, BUDGET_SUM]) { keys { value } values { value } } }`,
    },
  );
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function statementsPerRequest(query, variables) {
  const { socketDirFor } = require(path.join(root, 'dist', 'db', 'embedded-postgres.js'));
  const { createDataSource } = require(path.join(root, 'dist', 'db', 'data-source.js'));
  const { buildGraphqlSchema } = require(path.join(root, 'dist', 'graphql', 'schema.js'));
  const { createContext } = require(path.join(root, 'dist', 'graphql', 'context.js'));
  const { ConnectionLanes } = require(path.join(root, 'dist', 'db', 'request-database.js'));
  const { graphql } = require(path.join(root, 'node_modules', 'graphql'));
  const statements = [];
  const dataSource = createDataSource({
    host: socketDirFor(dataDir),
    port: 5432,
    username: 'postgres',
    database: 'component2_hub',
    onQuery: (sql) => statements.push(sql),
  });
  await dataSource.initialize();
  statements.length = 0; // connection set-up is not part of a request
  try {
    const schema = await buildGraphqlSchema();
    const context = createContext(
      {
        dataSource,
        lanes: new ConnectionLanes(10, 3, []),
        writer: null,
        limits: null,
        cancelConnection: { host: socketDirFor(dataDir), port: 5432, user: 'postgres', database: 'component2_hub' },
      },
      {
        requestId: 'bench',
        client: 'bench',
        scope: { signal: new AbortController().signal, deadline: Date.now() + 60_000 },
      },
    );
    const result = await graphql({ schema, source: query, variableValues: variables, contextValue: context });
    await context.database.release();
    if (result.errors) throw new Error(result.errors[0].message);
    return statements.length;
  } finally {
    await dataSource.destroy();
  }
}

async function load(url, query, variablesFor, codes, clients, duration = DURATION_MS) {
  const latencies = [];
  let errors = 0;
  const end = Date.now() + duration;
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const code = codes[next++ % codes.length];
        const started = process.hrtime.bigint();
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables: variablesFor ? variablesFor(code) : undefined }),
        });
        const body = await response.json();
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (body.errors) errors += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / (duration / 1000)),
    p50ms: +percentile(latencies, 50).toFixed(1),
    p95ms: +percentile(latencies, 95).toFixed(1),
    p99ms: +percentile(latencies, 99).toFixed(1),
    errors,
  };
}

async function main() {
  if (!fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))) throw new Error('run node bench/import.js first');
  const codes = municipalityCodes();
  const results = {};
  // Every workload twice: with the response cache off (every request computed) and on (the default).
  for (const [mode, bytes] of [
    ['response cache off', 0],
    ['response cache on (default)', 128 * 1024 * 1024],
  ]) {
    // The throttle is off: one load generator stands for many clients here.
    const { child: hub, url } = await startHub({
      HUB_DATA_DIR: dataDir,
      HUB_LOAD_SEEDS: 'false',
      NODE_ENV: 'production',
      HUB_RESPONSE_CACHE_BYTES: String(bytes),
      HUB_THROTTLE_BUCKET: '0',
    });
    results[mode] = {};
    try {
      for (const workload of WORKLOADS) {
        let query = workload.query;
        const probe = await (
          await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables: workload.variables ? workload.variables(codes[0]) : undefined }),
          })
        ).json();
        if (probe.errors) {
          if (workload.optional) continue;
          throw new Error(probe.errors[0].message);
        }
        if (workload.expand) {
          query = `{ comparison(metrics: [${probe.data.metrics.map((metric) => metric.key).join(', ')}]) { rows { municipality { code } cells { value rank } } summary { count median } } }`;
        }
        const statements = await statementsPerRequest(
          query,
          workload.variables ? workload.variables(codes[0]) : undefined,
        );
        // Warm-up: with the cache on, one pass over every municipality (each computed once), so that the
        // figures are the steady state between imports; the cold figures are those with the cache off.
        if (bytes > 0 && workload.variables)
          for (const code of codes)
            await fetch(`${url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query, variables: workload.variables(code) }),
            });
        await load(url, query, workload.variables, codes.slice(0, 20), workload.clients, 1_000);
        results[mode][workload.name] = {
          clients: workload.clients,
          ...(await load(url, query, workload.variables, codes, workload.clients)),
          sqlStatementsPerRequest: statements,
        };
      }
    } finally {
      await stop(hub);
    }
  }
  console.log(JSON.stringify({ secondsPerWorkload: DURATION_MS / 1000, results }, null, 2));
  console.log('targets: ≥ 300 requests/s and p95 < 50 ms for the profile; p95 < 50 ms for comparison and aggregate');
  console.log(
    'with the cache on: measured after one warm-up pass over the 265 municipalities (steady state between imports)',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
