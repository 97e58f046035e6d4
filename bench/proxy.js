// The hub behind a stock HTTP cache: Debian's nginx (installed by scripts/ensure-nginx.sh when missing),
// `proxy_cache` honouring the hub's own Cache-Control and ETag (`proxy_cache_revalidate on`: an expired
// copy is revalidated with If-None-Match), nothing overridden. A dashboard mix of distinct GET queries,
// each a persisted document of the dashboard with its variables (every municipality's page, every
// metric's comparison, aggregates by every dimension), drawn at random by CLIENTS clients: requests/s,
// p50 and p95 through nginx against the hub alone, ROUNDS alternating rounds of SECONDS, the machine's load
// beside each, nginx's HIT / REVALIDATED / MISS / EXPIRED / STALE counts. Then freshness: a project is
// imported (importProjects over HTTP, an ADMIN token) while a reader polls its municipality's page
// through nginx every 50 ms, and the script prints how long after the import's commit the reader first
// saw it, against the configured max-age. Each profile (max-age, stale-while-revalidate) runs the hub
// anew. The hub's response cache and throttle are off (every request would come from nginx's address).
// Runs over a copy of the synthetic database (bench/out/db, or BENCH_DB), which it deletes after.
//   node bench/proxy.js   (BENCH_SECONDS=8 BENCH_ROUNDS=3 BENCH_CLIENTS=10 BENCH_PROFILES=10/0,1/0)
// Not a test.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startHub, stop, municipalityCodes } = require('./hub');

const root = path.resolve(__dirname, '..');
const source = process.env.BENCH_DB ? path.resolve(process.env.BENCH_DB) : path.join(root, 'bench', 'out', 'db');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 10);
// max-age/stale-while-revalidate, seconds: what a deployment would choose between (fast, or fresh at once).
const PROFILES = (process.env.BENCH_PROFILES || '10/0,1/0').split(',').map((profile) => profile.split('/').map(Number));

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'web', 'persisted-documents.json'), 'utf8'));
/** The id of the dashboard's document whose text contains `marker` (and not `unless`). */
const documentId = (marker, unless) => {
  const found = Object.entries(manifest).filter(
    ([, text]) => text.includes(marker) && !(unless && text.includes(unless)),
  );
  if (found.length !== 1) throw new Error(`${found.length} persisted documents contain ${marker}`);
  return found[0][0];
};
const codes = municipalityCodes();
const url = (id, variables) =>
  `/graphql?${new URLSearchParams({ documentId: id, ...(variables ? { variables: JSON.stringify(variables) } : {}) })}`;

/** The dashboard's requests, each distinct: every municipality's page, every metric, aggregates by every dimension. */
function dashboardMix(codes, metrics) {
  const page = documentId('municipality(code: $code)');
  // Compare's details, not one cell explained (which also lists the projects behind it).
  const details = documentId('caveats { code message }', 'rows { projects');
  const aggregate = documentId('aggregate(groupBy: $groupBy');
  const urls = [url(documentId('{ metrics {')), url(documentId('comparison(metrics: [TOTAL_BUDGET])'))];
  for (const code of codes) urls.push(url(page, { code, currency: 'BGN' }));
  for (const metric of metrics)
    for (const currency of ['BGN', 'EUR'])
      urls.push(url(details, { metrics: [metric], codes: null, currency, basis: 'BEST_AVAILABLE' }));
  // The Aggregates view: by municipality or oblast, in BGN or EUR, all projects or those started from a year on.
  const filters = [
    null,
    ...['2016', '2017', '2018', '2019', '2020'].map((year) => ({ startDateFrom: `${year}-01-01` })),
  ];
  for (const group of ['MUNICIPALITY', 'OBLAST'])
    for (const currency of ['BGN', 'EUR'])
      for (const filter of filters) urls.push(url(aggregate, { groupBy: [group, 'PROGRAMME'], filter, currency }));
  return urls;
}

/** A small deterministic generator, so that every run draws the same sequence. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function load(base, urls, seconds, seed) {
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let firstError = null;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const next = random(seed + client);
      while (Date.now() < until) {
        const started = performance.now();
        const response = await fetch(base + urls[Math.floor(next() * urls.length)], {
          headers: { accept: 'application/json', 'accept-encoding': 'gzip' },
        });
        const text = await response.text();
        latencies.push(performance.now() - started);
        let body;
        try {
          body = JSON.parse(text);
        } catch {
          throw new Error(`HTTP ${response.status} from ${base}: ${text.slice(0, 200)}`);
        }
        if (body.errors) {
          errors += 1;
          firstError ??= `${body.errors[0].extensions?.code}: ${body.errors[0].message} ${decodeURIComponent(response.url)}`;
        }
        const status = response.headers.get('x-proxy-cache');
        if (status) statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    errors,
    firstError,
    statuses,
    load: os.loadavg()[0],
  };
}

function nginxConfig(dir, port, upstreamPort) {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache keys_zone=hub:10m max_size=256m;
  # Idle upstream connections closed before the hub closes them (its keep-alive timeout is 5 s).
  upstream hub { server 127.0.0.1:${upstreamPort}; keepalive 32; keepalive_timeout 2s; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://hub;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache hub;
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      add_header X-Proxy-Cache $upstream_cache_status always;
    }
  }
}
`;
}

function startNginx(binary, dir, port, upstreamPort) {
  fs.mkdirSync(dir, { recursive: true });
  // nginx's workers run as nobody: they must write the cache and temporary files.
  fs.chmodSync(dir, 0o777);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, port, upstreamPort));
  const child = spawn(binary, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const poll = async () => {
      try {
        await fetch(`http://127.0.0.1:${port}/healthz`);
        resolve(child);
      } catch {
        if (Date.now() > deadline) reject(new Error(`nginx did not start (see ${dir}/error.log)`));
        else setTimeout(poll, 100);
      }
    };
    child.on('exit', (code) => reject(new Error(`nginx exited with ${code} (see ${dir}/error.log)`)));
    poll();
  });
}

const stopChild = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });

/** Imports one more project into `code` through the hub's API; resolves when the import has committed. */
async function importOne(hubUrl, token, code, key) {
  const template = fs
    .readdirSync(path.join(root, 'bench', 'out', 'synthetic'))
    .find((name) => name.startsWith(`synthetic-${code.toLowerCase()}-`));
  const file = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'out', 'synthetic', template), 'utf8'));
  const response = await fetch(`${hubUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($input: ImportProjectsInput!) { importProjects(input: $input) { projects { action } } }',
      // A new project of that municipality: the template's statements without its contracts (their numbers are taken).
      variables: { input: { files: [{ ...file, key, contracts: [], registrationNumber: null }] } },
    }),
  });
  const result = await response.json();
  if (result.errors) throw new Error(JSON.stringify(result.errors).slice(0, 500));
  return Date.now();
}

async function main() {
  const nginx = execFileSync('bash', [path.join(root, 'scripts', 'ensure-nginx.sh')], { encoding: 'utf8' }).trim();
  // `nginx -v` writes to stderr.
  const version = spawnSync(nginx, ['-v'], { encoding: 'utf8' }).stderr;
  const dataDir = path.join(root, 'bench', 'out', 'proxy-db');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-proxy-'));
  fs.chmodSync(work, 0o755);
  const rows = [];
  try {
    for (const [maxAge, stale] of PROFILES) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      // cp -a: the embedded PostgreSQL's files keep their owner and modes.
      execFileSync('cp', ['-a', source, dataDir]);
      const hub = await startHub({
        HUB_DATA_DIR: dataDir,
        HUB_LOAD_SEEDS: 'false',
        NODE_ENV: 'production',
        HUB_RESPONSE_CACHE_BYTES: '0',
        HUB_THROTTLE_BUCKET: '0',
        HUB_HTTP_MAX_AGE_SECONDS: String(maxAge),
        HUB_HTTP_STALE_WHILE_REVALIDATE_SECONDS: String(stale),
      });
      const dir = path.join(work, `nginx-${maxAge}-${stale}`);
      const port = 18_000 + Math.floor(Math.random() * 1000);
      const proxy = await startNginx(nginx, dir, port, Number(new URL(hub.url).port));
      try {
        const first = await (
          await fetch(`${hub.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ query: '{ metrics { key } }' }),
          })
        ).json();
        const metrics = first.data.metrics.map((metric) => metric.key);
        const urls = dashboardMix(codes, metrics);
        console.log(
          `profile max-age=${maxAge} stale-while-revalidate=${stale}: ${urls.length} distinct GET queries, ${CLIENTS} clients`,
        );
        const results = { hub: [], nginx: [] };
        for (let round = 1; round <= ROUNDS; round += 1) {
          for (const side of round % 2 ? ['hub', 'nginx'] : ['nginx', 'hub']) {
            const base = side === 'hub' ? hub.url : `http://127.0.0.1:${port}`;
            const result = await load(base, urls, SECONDS, round * 1000);
            results[side].push(result);
            console.log(
              `  round ${round} ${side.padEnd(5)}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, errors ${result.errors}${result.firstError ? ` (${result.firstError})` : ''}${Object.keys(result.statuses).length ? `, ${JSON.stringify(result.statuses)}` : ''}, load ${result.load.toFixed(2)}`,
            );
          }
        }
        // Freshness: the reader polls a page through nginx while the import commits.
        const token = execFileSync(
          process.execPath,
          [path.join(root, 'dist', 'scripts', 'token.js'), 'create', '--role', 'ADMIN', '--name', 'proxy-bench'],
          {
            env: { ...process.env, DATABASE_URL: '', HUB_DATA_DIR: dataDir },
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
          },
        ).trim();
        const templates = fs.readdirSync(path.join(root, 'bench', 'out', 'synthetic'));
        const code = codes.find((candidate) =>
          templates.some((name) => name.startsWith(`synthetic-${candidate.toLowerCase()}-`)),
        );
        const key = `synthetic-proxy-bench-${Date.now()}`;
        const page = `http://127.0.0.1:${port}${url(documentId('municipality(code: $code)'), { code, currency: 'BGN' })}`;
        const sees = async () => {
          const response = await fetch(page, { headers: { accept: 'application/json', 'accept-encoding': 'gzip' } });
          const body = await response.json();
          return {
            found: body.data.municipality.projects.edges.some((edge) => edge.node.key === key),
            status: response.headers.get('x-proxy-cache'),
          };
        };
        await sees(); // in nginx's cache now
        const committed = await importOne(hub.url, token, code, key);
        const seen = [];
        let delay = null;
        while (Date.now() - committed < (maxAge + stale + 5) * 1000) {
          const at = Date.now();
          const answer = await sees();
          seen.push(answer.status);
          if (answer.found) {
            delay = at - committed;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const verdict = delay !== null && delay <= maxAge * 1000 + 1000 ? 'within max-age' : 'STALER THAN max-age';
        console.log(
          `  after an import: the page through nginx showed the new project ${delay === null ? 'never' : `${delay} ms after the commit`} (${verdict}; nginx said ${[...new Set(seen)].join(', ')})`,
        );
        const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
        const summary = (side) => ({
          rps: median(side.map((r) => r.rps)),
          p50: median(side.map((r) => r.p50)),
          p95: median(side.map((r) => r.p95)),
        });
        rows.push({
          profile: `max-age=${maxAge}, swr=${stale}`,
          distinct: urls.length,
          hub: summary(results.hub),
          nginx: summary(results.nginx),
          loads: [...results.hub, ...results.nginx].map((r) => r.load.toFixed(1)).join(', '),
          delay,
          verdict,
        });
      } finally {
        await stopChild(proxy);
        await stop(hub.child);
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`\n${version.trim()}, ${ROUNDS} alternating rounds of ${SECONDS} s, ${CLIENTS} clients, medians`);
  console.log(
    '| profile | distinct GETs | hub alone req/s | through nginx req/s | ratio | p50 / p95 ms, hub alone | p50 / p95 ms, through nginx | seen after import | load |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows)
    console.log(
      `| ${row.profile} | ${row.distinct} | ${row.hub.rps.toFixed(0)} | ${row.nginx.rps.toFixed(0)} | ${(row.nginx.rps / row.hub.rps).toFixed(1)}× | ${row.hub.p50.toFixed(0)} / ${row.hub.p95.toFixed(0)} | ${row.nginx.p50.toFixed(0)} / ${row.nginx.p95.toFixed(0)} | ${row.delay === null ? 'never' : `${row.delay} ms`} (${row.verdict}) | ${row.loads} |`,
    );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
