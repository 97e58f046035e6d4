// Protection benchmark. Not a test: it prints figures.
//   node bench/abuse.js            (after npm run bench:import; falls back to the curated seeds)
// 1. An abuse corpus, each request sent 5 times: status, code, worst latency, and the hub's RSS
//    before and after.
// 2. 20 clients (each from its own loopback address, so each has its own throttle bucket) sending
//    the most expensive query the limits allow for 30 s, while one client sends a tiny query every
//    100 ms: node RSS peak, the tiny query's p50/p95, whether anything crashed.
// 3. The embedded PostgreSQL killed with SIGKILL under light load: seconds until queries succeed.
// The response cache is off throughout (HUB_RESPONSE_CACHE_BYTES=0).
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { startHub, stop } = require('./hub');

const root = path.resolve(__dirname, '..');
const synthetic = path.join(root, 'bench', 'out', 'db');
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS || 30);

function rssMb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

function post(url, body, { localAddress = '127.0.0.1', raw = false } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const payload = raw ? body : JSON.stringify(body);
    const request = http.request(
      `${url}/graphql`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          let code;
          try {
            const parsed = JSON.parse(text);
            code = parsed.errors?.[0]?.extensions?.code ?? parsed.error ?? (parsed.data ? 'data' : '');
          } catch {
            code = 'not JSON';
          }
          resolve({
            status: response.statusCode,
            code,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            bytes: text.length,
          });
        });
      },
    );
    request.on('error', (error) =>
      resolve({ status: 0, code: error.code, ms: Number(process.hrtime.bigint() - started) / 1e6, bytes: 0 }),
    );
    request.end(payload);
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const corpus = [
  [
    'depth 40',
    {
      query: `{ municipalities { edges { node { ${'projects { edges { node { municipality { '.repeat(8)}code${' } } } }'.repeat(8)} } } } }`,
    },
  ],
  [
    'fragment fan-out (2^30 leaves)',
    {
      query: `{ ...F0 } ${Array.from({ length: 30 }, (_v, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F30 on Query { programmes { code } }`,
    },
  ],
  [
    '2,000 aliases (over the token limit)',
    { query: `{ ${Array.from({ length: 2000 }, (_v, i) => `a${i}: __typename`).join(' ')} }` },
  ],
  [
    '10,000 aliases (over the body limit)',
    { query: `{ ${Array.from({ length: 10000 }, (_v, i) => `a${i}: programmes { code }`).join(' ')} }` },
  ],
  [
    '31 aliases of comparison',
    {
      query: `{ ${Array.from({ length: 31 }, (_v, i) => `c${i}: comparison(metrics: [TOTAL_BUDGET]) { rows { cells { value } } }`).join(' ')} }`,
    },
  ],
  [
    'cost over the limit (every source text of every cell, 30 aliases)',
    {
      query: `{ ${Array.from({ length: 30 }, (_v, i) => `a${i}: comparison(metrics: [TOTAL_BUDGET, EU_SHARE, DURATION_MONTHS]) { rows { cells { sources { text } } } }`).join(' ')} }`,
    },
  ],
  ['first: 100000', { query: '{ projects(first: 100000) { totalCount } }' }],
  ['1 MB query', { query: `{ programmes { code } } #${'x'.repeat(1_000_000)}` }],
  ['batch of 100', Array.from({ length: 100 }, () => ({ query: '{ programmes { code } }' }))],
  ['NUL byte in an argument', { query: '{ projects(filter: { titleContains: "a\\u0000" }) { totalCount } }' }],
  [
    '31 directives',
    { query: `{ programmes { ${Array.from({ length: 31 }, () => 'code @include(if: true)').join(' ')} } }` },
  ],
];

// The heaviest operation within the limits: every municipality × every metric, with caveats and sources.
const HEAVY = { query: `{ metrics { key } }` };
// An outside probe's comparison with every project's texts; 30 aliases of it returned 98 MB before the cost
// counted bytes.
const PROJECT_TEXTS = `comparison(metrics: [TOTAL_BUDGET]) { rows { municipality { code name } projects { key title
  titleLatin registrationNumber registrationNumberAsPublished status statusAsOf confirmation aim notes createdAt updatedAt
  revision } cells { value } } }`;
const THIRTY_ALIASES = {
  query: `{ ${Array.from({ length: 30 }, (_v, index) => `a${index}: ${PROJECT_TEXTS}`).join(' ')} }`,
};
// One comparison selecting every scalar of its rows, projects and cells (3.7 MB on the synthetic set).
const EVERY_SCALAR = {
  query: `{ comparison(metrics: [TOTAL_BUDGET, EU_SHARE, DURATION_MONTHS, PERSONS_EMPLOYED]) { currency basis rows {
    municipality { id code name nameLatin nuts1 nuts2 nuts3 adminCentreEkatte population populationReferenceDate }
    projects { id key title titleLatin registrationNumber registrationNumberAsPublished status statusAsOf confirmation
      aim notes createdAt updatedAt revision }
    cells { metric value numerator denominator basis qualifier rank caveats { code message } sources { key url title publisher } }
  } } }`,
};
const TINY = { query: '{ procedure(code: "BG05M9OP001-2.056") { component } }' };

/** 20 clients repeat `query` for LOAD_SECONDS while one client sends a tiny query every 100 ms. */
async function load(hub, title, query, probe) {
  const pid = hub.child.pid;
  console.log(
    `\n${title}: cost ${probe.extensions.cost.requestedQueryCost} of ${probe.extensions.cost.maximumQueryCost}, ${JSON.stringify(probe).length} bytes; ${LOAD_SECONDS} s, 20 clients + 1 tiny-query client`,
  );
  let running = true;
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const outcomes = new Map();
  const clients = Array.from({ length: 20 }, async (_v, index) => {
    while (running) {
      const result = await post(hub.url, query, { localAddress: `127.0.1.${index + 1}` });
      const key = `${result.status} ${result.code}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (result.status === 429) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  const tiny = [];
  const tinyClient = (async () => {
    while (running) {
      tiny.push(await post(hub.url, TINY, { localAddress: '127.0.2.1' }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, LOAD_SECONDS * 1000));
  running = false;
  await Promise.all([...clients, tinyClient]);
  clearInterval(sampler);
  const tinyOk = tiny.filter((r) => r.code === 'data');
  console.log(`outcomes: ${[...outcomes].map(([k, v]) => `${k} × ${v}`).join(', ')}`);
  console.log(
    `tiny query: ${tiny.length} sent, ${tinyOk.length} answered, p50 ${percentile(
      tiny.map((r) => r.ms),
      50,
    ).toFixed(1)} ms, p95 ${percentile(
      tiny.map((r) => r.ms),
      95,
    ).toFixed(1)} ms (target < 100), max ${Math.max(...tiny.map((r) => r.ms)).toFixed(1)} ms`,
  );
  console.log(`node RSS peak ${peak.toFixed(0)} MB (target < 512); hub alive: ${hub.child.exitCode === null}`);
}

async function main() {
  const useSynthetic = fs.existsSync(path.join(synthetic, 'postgres', 'PG_VERSION'));
  const dataDir = useSynthetic ? synthetic : path.join(root, 'bench', 'out', 'abuse-db');
  console.log(`dataset: ${useSynthetic ? 'synthetic (bench/out/db)' : 'curated seeds'}`);
  const hub = await startHub({
    HUB_DATA_DIR: dataDir,
    HUB_LOAD_SEEDS: useSynthetic ? 'false' : 'true',
    NODE_ENV: 'production',
    HUB_RESPONSE_CACHE_BYTES: '0',
    ...(process.env.BENCH_ENV ? JSON.parse(process.env.BENCH_ENV) : {}),
  });
  try {
    const pid = hub.child.pid;
    console.log('\n1. abuse corpus (5 sends each)');
    console.log('| request | status | code | first ms | worst of the other 4 ms |');
    console.log('|---|---|---|---|---|');
    const rssBefore = rssMb(pid);
    for (const [name, body] of corpus) {
      const results = [];
      for (let i = 0; i < 5; i += 1) results.push(await post(hub.url, body));
      console.log(
        `| ${name} | ${results[0].status} | ${results[0].code} | ${results[0].ms.toFixed(1)} | ${Math.max(...results.slice(1).map((r) => r.ms)).toFixed(1)} |`,
      );
    }
    console.log(`hub RSS before ${rssBefore.toFixed(0)} MB, after ${rssMb(pid).toFixed(0)} MB`);

    // The heavy query: comparison of every municipality on as many metrics as the cost limit allows.
    const metrics = (
      await (
        await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(HEAVY),
        })
      ).json()
    ).data.metrics.map((m) => m.key);
    const comparisonOf = (metricCount, codes) => ({
      query: `{ comparison(metrics: [${metrics.slice(0, metricCount).join(', ')}]${codes ? `, municipalityCodes: ${JSON.stringify(codes)}` : ''}) { rows { municipality { code name } cells { metric value basis rank caveats { code message } sources { key url } } } summary { metric basis count } } }`,
    });
    let heavy;
    let probe;
    for (let count = metrics.length; count > 0; count -= 1) {
      heavy = comparisonOf(count);
      probe = await (
        await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(heavy),
        })
      ).json();
      if (probe.data) break;
    }
    await load(
      hub,
      `2a. load: the most expensive query the limits allow (comparison, every municipality, ${heavy.query.match(/metrics: \[([^\]]*)\]/)[1].split(',').length} metrics with caveats and sources)`,
      heavy,
      probe,
    );

    // The probe's 30 aliases (refused on its cost, before any SQL), and the every-scalar comparison.
    for (const [label, title, query] of [
      ['2d', "the comparison with every project's texts, 30 aliases", THIRTY_ALIASES],
      ['2e', 'one comparison with every scalar of rows, projects and cells', EVERY_SCALAR],
    ]) {
      const probeOf = await (
        await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(query),
        })
      ).json();
      await load(
        hub,
        `${label}. load: ${title} (${probeOf.errors?.[0]?.extensions?.code ?? 'answered'})`,
        query,
        probeOf,
      );
    }

    // The most expensive query below each lane (one metric, as many municipalities as fit): a flood of
    // middling requests must not starve small ones either.
    const { loadConfig } = require(path.join(root, 'dist', 'config.js'));
    const limits = loadConfig({
      ...process.env,
      ...(process.env.BENCH_ENV ? JSON.parse(process.env.BENCH_ENV) : {}),
    }).limits;
    const codes = (
      await (
        await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ comparison(metrics: [TOTAL_BUDGET]) { rows { municipality { code } } } }' }),
        })
      ).json()
    ).data.comparison.rows.map((row) => row.municipality.code);
    for (const [label, name, threshold] of [
      ['2b', 'HUB_HEAVY_COST', limits.heavyCost],
      ['2c', 'HUB_MEDIUM_COST', limits.mediumCost],
    ]) {
      let below;
      let belowProbe;
      for (let count = codes.length; count > 0; count -= 1) {
        below = comparisonOf(1, codes.slice(0, count));
        belowProbe = await (
          await fetch(`${hub.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(below),
          })
        ).json();
        if (belowProbe.data && belowProbe.extensions.cost.requestedQueryCost <= threshold) break;
      }
      await load(
        hub,
        `${label}. load: the most expensive comparison at or below ${name} ${threshold}, or the cheapest above it (1 metric, ${belowProbe.data.comparison.rows.length} municipalities with caveats and sources)`,
        below,
        belowProbe,
      );
    }

    console.log('\n3. embedded PostgreSQL killed under light load');
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let killedAt = 0;
    let recoveredAt = 0;
    let loading = true;
    const light = (async () => {
      while (loading) {
        const result = await post(hub.url, TINY);
        if (killedAt && !recoveredAt && result.code === 'data' && Date.now() > killedAt + 50) recoveredAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    killedAt = Date.now();
    process.kill(postmaster, 'SIGKILL');
    while (!recoveredAt && Date.now() - killedAt < 30_000) await new Promise((resolve) => setTimeout(resolve, 20));
    loading = false;
    await light;
    console.log(
      recoveredAt
        ? `queries succeed again ${((recoveredAt - killedAt) / 1000).toFixed(2)} s after the kill (target < 5 s)`
        : 'NOT recovered within 30 s',
    );
  } finally {
    await stop(hub.child);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
