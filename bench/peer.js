// The hub against a peer, PostGraphile v5 with its aggregates plugin (bench/peer/, its own
// package.json: `cd bench/peer && npm ci`), over the SAME database (the hub's own tables, filled by its
// importer: bench/out/db, or BENCH_DB), on the same queries, with the hub's response cache off. Each
// server runs alone in turn, ROUNDS alternating rounds of SECONDS per workload after a warm-up, CLIENTS
// concurrent clients; prints per workload requests/s, p50/p95, SQL statements and database time per
// request for each (from pg_stat_statements, which the script turns on in the benchmark database's own
// postgresql.auto.conf: both servers use that same PostgreSQL; statements are counted and timed over the
// measured seconds only, reset after the warm-up, transaction control included), the CPU time the server's
// own Node process used per request (from /proc, Linux; steadier than requests/s on a shared machine, since
// it leaves out the load generator, PostgreSQL and other tenants), the machine's load beside each round,
// and the ratio hub ÷ peer (median of the rounds). Not a test.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { startHub, stop, municipalityCodes } = require('./hub');
const { socketDirFor } = require('../dist/db/embedded-postgres.js');

const root = path.resolve(__dirname, '..');
const dataDir = process.env.BENCH_DB ? path.resolve(process.env.BENCH_DB) : path.join(root, 'bench', 'out', 'db');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 10);
// The client's Accept-Encoding (default: fetch's own, "gzip, deflate": the hub compresses answers of 1 kB or
// more, the peer never does); BENCH_ACCEPT_ENCODING=identity asks both for the same uncompressed bytes.
const ENCODING = process.env.BENCH_ACCEPT_ENCODING ? { 'accept-encoding': process.env.BENCH_ACCEPT_ENCODING } : {};

const WORKLOADS = [
  {
    name: 'profile (municipality → 20 projects → funding, partners, indicator values with sources)',
    hub: `query($code: String!) { municipality(code: $code) { code name population projects(first: 20) { totalCount edges { node {
      key title budget { amount currency }
      funding { kind qualifier amount { amount } programme { code } source { key url } }
      partners { role organisation { name type } source { key } }
      indicators { value basis qualifier asOf breakdown indicator { code unit } source { key url } } } } } } }`,
    peer: `query($code: String!) { municipalityByCode(code: $code) { code name population projectsByMunicipalityCode(first: 20) { totalCount nodes {
      key title totalBudgetBgn
      fundingAmountsByProjectId { nodes { kind qualifier amount programmeCode sourceBySourceKey { key url } } }
      partnershipsByProjectId { nodes { role organisationByOrganisationId { name type } sourceBySourceKey { key } } }
      indicatorValuesByProjectId { nodes { value basis qualifier asOf breakdown indicatorByIndicatorCode { code unit } sourceBySourceKey { key url } } } } } } }`,
    perMunicipality: true,
  },
  {
    name: 'list (100 projects by title, with municipality name)',
    hub: '{ projects(first: 100, orderBy: { field: TITLE }) { totalCount edges { node { key title municipality { name } } } } }',
    peer: '{ allProjects(first: 100, orderBy: TITLE_ASC) { totalCount nodes { key title municipalityByMunicipalityCode { name } } } }',
  },
  // The workloads issue 26 names, exactly as it gives the hub's queries.
  {
    name: 'list with budget (100 projects by title: status, confirmation, registration number, budget, municipality)',
    hub: '{ projects(first: 100, orderBy: {field: TITLE}) { totalCount edges { node { key title status confirmation registrationNumber budget { amount } municipality { name } } } } }',
    peer: '{ allProjects(first: 100, orderBy: TITLE_ASC) { totalCount nodes { key title status confirmation registrationNumber totalBudgetBgn municipalityByMunicipalityCode { name } } } }',
  },
  {
    // The peer's aggregates group a table by its own columns only: the closest it answers is the funding sum per
    // project and programme, which the client would then add up per municipality.
    name: 'budget by municipality × programme',
    hub: '{ aggregate(groupBy: [MUNICIPALITY, PROGRAMME], measures: [BUDGET_SUM]) { keys { value } values { value } } }',
    peer: '{ allFundingAmounts { groupedAggregates(groupBy: [PROJECT_ID, PROGRAMME_CODE]) { keys sum { amount } } } }',
  },
  {
    name: 'fixed cost ({ __typename })',
    hub: '{ __typename }',
    peer: '{ __typename }',
  },
  {
    name: 'grouped aggregate (budget sum and project count by municipality)',
    hub: '{ aggregate(groupBy: [MUNICIPALITY], measures: [PROJECT_COUNT, BUDGET_SUM]) { keys { value } values { value } } }',
    peer: '{ allProjects { groupedAggregates(groupBy: [MUNICIPALITY_CODE]) { keys sum { totalBudgetBgn } distinctCount { rowId } } } }',
  },
];

// CPU time (user + system, ms) the server's Node process has used so far, from /proc (Linux); null elsewhere.
function processCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(url, query, variables, seconds) {
  const codes = municipalityCodes();
  const latencies = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const code = codes[next++ % codes.length];
        const started = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...ENCODING },
          body: JSON.stringify({ query, variables: variables ? { code } : undefined }),
        });
        const body = await response.json();
        latencies.push(performance.now() - started);
        if (body.errors) errors += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    errors,
  };
}

// The benchmark's own connection to the database both servers use, for pg_stat_statements.
async function statsClient() {
  const client = new Client({ host: socketDirFor(dataDir), port: 5432, user: 'postgres', database: 'component2_hub' });
  await client.connect();
  return client;
}

async function enableStatements() {
  const postgres = await startPostgresOnly();
  const client = await statsClient();
  const { rows } = await client.query('SHOW shared_preload_libraries');
  if (!rows[0].shared_preload_libraries.includes('pg_stat_statements')) {
    await client.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    await client.query("ALTER SYSTEM SET pg_stat_statements.track_utility = 'on'");
  }
  await client.end();
  await stopChild(postgres.child);
  const again = await startPostgresOnly();
  const check = await statsClient();
  await check.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  // The state a large import leaves (the importer ends one of 200 projects or more with the same VACUUM (ANALYZE)), whatever made the database.
  await check.query('VACUUM (ANALYZE)');
  await check.end();
  await stopChild(again.child);
}

// Statements and execution time since the last reset, without the benchmark's own statements.
const STATEMENT_TOTALS = `SELECT coalesce(sum(calls), 0)::float8 AS calls, coalesce(sum(total_exec_time), 0)::float8 AS ms
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND userid = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND query NOT LIKE '%pg_stat_statements%'`;

function startPeer(databaseUrl) {
  return new Promise((resolve, reject) => {
    const peerDir = path.join(root, 'bench', 'peer');
    const child = spawn(
      process.execPath,
      ['--import', './node20-polyfill.mjs', 'node_modules/postgraphile/dist/cli-run.js', '-C', 'graphile.config.mjs'],
      {
        cwd: peerDir,
        env: { ...process.env, PEER_DATABASE_URL: databaseUrl, PEER_PORT: '5678' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('Server listening')) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`peer exited with ${code}: ${output}`)));
  });
}

function startPostgresOnly() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'pg-only.js'), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => {
      const line = String(chunk).trim().split('\n').pop();
      try {
        resolve({ child, url: JSON.parse(line).url });
      } catch {
        // not yet
      }
    });
    child.on('exit', (code) => reject(new Error(`PostgreSQL exited with ${code}`)));
  });
}

const stopChild = (child) =>
  new Promise((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });

// The median server CPU per request of each side, when /proc gave it for every round.
function cpuCell(hub, peer, median) {
  if ([...hub, ...peer].some((r) => r.cpuMs === null)) return 'n/a';
  return `${median(hub.map((r) => r.cpuMs)).toFixed(2)} : ${median(peer.map((r) => r.cpuMs)).toFixed(2)}`;
}

async function main() {
  if (!fs.existsSync(path.join(root, 'bench', 'peer', 'node_modules', 'postgraphile')))
    throw new Error('install the peer first: cd bench/peer && npm ci');
  // BENCH_ONLY=list: only the workloads whose name contains it ('list|fixed': either).
  const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split('|') : null;
  const workloads = WORKLOADS.filter((workload) => !only || only.some((part) => workload.name.includes(part)));
  const results = workloads.map(() => ({ hub: [], peer: [] }));
  await enableStatements();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const side of round % 2 ? ['hub', 'peer'] : ['peer', 'hub']) {
      let stopAll;
      let url;
      let pid;
      if (side === 'hub') {
        const hub = await startHub({
          HUB_DATA_DIR: dataDir,
          HUB_LOAD_SEEDS: 'false',
          NODE_ENV: 'production',
          HUB_RESPONSE_CACHE_BYTES: '0',
          HUB_THROTTLE_BUCKET: '0',
          ...(process.env.BENCH_ENV ? JSON.parse(process.env.BENCH_ENV) : {}),
        });
        url = `${hub.url}/graphql`;
        pid = hub.child.pid;
        stopAll = () => stop(hub.child);
      } else {
        const postgres = await startPostgresOnly();
        const peer = await startPeer(postgres.url);
        url = 'http://127.0.0.1:5678/graphql';
        pid = peer.pid;
        stopAll = async () => {
          await stopChild(peer);
          await stopChild(postgres.child);
        };
      }
      const stats = await statsClient();
      try {
        for (const [index, workload] of workloads.entries()) {
          const query = workload[side];
          await load(url, query, workload.perMunicipality, 2); // warm-up
          await stats.query('SELECT pg_stat_statements_reset()');
          const cpuBefore = processCpuMs(pid);
          const result = await load(url, query, workload.perMunicipality, SECONDS);
          const cpuAfter = processCpuMs(pid);
          const totals = (await stats.query(STATEMENT_TOTALS)).rows[0];
          result.cpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / result.requests;
          result.statements = totals.calls / result.requests;
          result.dbMs = totals.ms / result.requests;
          result.load = os.loadavg()[0];
          results[index][side].push(result);
          console.log(
            `round ${round} ${side.padEnd(4)} ${workload.name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.statements.toFixed(2)} statements and ${result.dbMs.toFixed(2)} database ms${result.cpuMs === null ? '' : ` and ${result.cpuMs.toFixed(2)} server CPU ms`} per request, errors ${result.errors}, load ${result.load.toFixed(2)}`,
          );
        }
      } finally {
        await stats.end();
        await stopAll();
      }
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `\n| workload | hub req/s | peer req/s | hub ÷ peer | hub p50 / p95 ms | peer p50 / p95 ms | statements per request, hub : peer | database ms per request, hub : peer | server CPU ms per request, hub : peer | load |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [index, workload] of workloads.entries()) {
    const hub = results[index].hub;
    const peer = results[index].peer;
    const hubRps = median(hub.map((r) => r.rps));
    const peerRps = median(peer.map((r) => r.rps));
    console.log(
      `| ${workload.name} | ${hubRps.toFixed(0)} | ${peerRps.toFixed(0)} | ${(hubRps / peerRps).toFixed(2)}× | ${median(hub.map((r) => r.p50)).toFixed(0)} / ${median(hub.map((r) => r.p95)).toFixed(0)} | ${median(peer.map((r) => r.p50)).toFixed(0)} / ${median(peer.map((r) => r.p95)).toFixed(0)} | ${median(hub.map((r) => r.statements)).toFixed(1)} : ${median(peer.map((r) => r.statements)).toFixed(1)} | ${median(hub.map((r) => r.dbMs)).toFixed(2)} : ${median(peer.map((r) => r.dbMs)).toFixed(2)} | ${cpuCell(hub, peer, median)} | ${[...hub, ...peer].map((r) => r.load.toFixed(1)).join(', ')} |`,
    );
  }
  console.log(
    `(${ROUNDS} alternating rounds of ${SECONDS} s, ${CLIENTS} clients, medians; database ${path.relative(root, dataDir)}; Accept-Encoding ${process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate (fetch)'})`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
