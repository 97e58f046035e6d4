// Memory under fuzzing. Not a test: it prints figures.
//   node bench/fuzz-memory.js [--operations 100000] [--clients 6]
// Starts the hub as `npm start` runs it (heap capped, production mode, the response cache as configured:
// on by default), sends random operations built from the schema (bench/random-operations.js, seeded) from
// several clients, and prints the hub's RSS (sampled every 500 ms), the heap after its last full GC
// (--trace-gc), the outcomes, and whether the hub stayed up.
require('reflect-metadata');
const fs = require('node:fs');
const path = require('node:path');
const { random, randomOperation } = require('./random-operations');
// The hub's heap after each full collection comes from --trace-gc.
process.env.BENCH_NODE_FLAGS = [process.env.BENCH_NODE_FLAGS, '--trace-gc'].filter(Boolean).join(' ');
const { startHub, stop } = require('./hub');

const root = path.resolve(__dirname, '..');
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const OPERATIONS = argument('--operations', 100_000);
const CLIENTS = argument('--clients', 6);
const SEED = argument('--seed', 20261207);

const rssMb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN; // the process is gone
  }
};

async function main() {
  const { buildGraphqlSchema } = require(path.join(root, 'dist', 'schema.js'));
  const schema = await buildGraphqlSchema();
  const synthetic = path.join(root, 'bench', 'out', 'db');
  const useSynthetic = fs.existsSync(path.join(synthetic, 'postgres', 'PG_VERSION'));
  const hub = await startHub({
    HUB_DATA_DIR: useSynthetic ? synthetic : path.join(root, 'bench', 'out', 'fuzz-db'),
    HUB_LOAD_SEEDS: useSynthetic ? 'false' : 'true',
    NODE_ENV: 'production',
    // Every client its own bucket would need an address each; the fuzz measures memory, not the throttle.
    HUB_THROTTLE_BUCKET: '0',
    ...(process.env.BENCH_ENV ? JSON.parse(process.env.BENCH_ENV) : {}),
  });
  const pid = hub.child.pid;
  // The heap after each full collection, from --trace-gc on the hub's stdout.
  let heapAfterGc = null;
  let heapAfterGcMax = 0;
  hub.child.stdout.on('data', (chunk) => {
    for (const match of String(chunk).matchAll(/Mark-Compact[^\n]*?-> ([\d.]+) \(([\d.]+)\) MB/g)) {
      heapAfterGc = Number(match[1]);
      heapAfterGcMax = Math.max(heapAfterGcMax, heapAfterGc);
    }
  });
  console.log(
    `dataset: ${useSynthetic ? 'synthetic (bench/out/db)' : 'curated seeds'}; ${OPERATIONS} operations from ${CLIENTS} clients (seed ${SEED}); hub RSS at start ${rssMb(pid).toFixed(0)} MB`,
  );
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    if (hub.child.exitCode === null) peak = Math.max(peak, rssMb(pid) || 0);
  }, 500);
  const rng = random(SEED);
  const outcomes = new Map();
  let sent = 0;
  const started = Date.now();
  const client = async () => {
    while (sent < OPERATIONS && hub.child.exitCode === null) {
      sent += 1;
      const operation = randomOperation(schema, rng);
      let key;
      try {
        const response = await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(operation),
        });
        const body = await response.json();
        key = `${response.status} ${body.errors?.[0]?.extensions?.code ?? 'data'}`;
      } catch (error) {
        key = `failed ${error.cause?.code ?? error.message}`;
      }
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (sent % 10_000 === 0)
        console.log(
          `  ${sent} sent, ${((Date.now() - started) / 1000).toFixed(0)} s, RSS ${rssMb(pid).toFixed(0)} MB, heap after the last full GC ${heapAfterGc ?? '?'} MB`,
        );
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  const alive = hub.child.exitCode === null;
  const finalRss = alive ? rssMb(pid) : NaN;
  console.log(`${sent} operations in ${seconds.toFixed(0)} s (${(sent / seconds).toFixed(0)}/s)`);
  console.log(
    `outcomes: ${[...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} × ${v}`)
      .join(', ')}`,
  );
  console.log(
    `hub RSS peak ${peak.toFixed(0)} MB, at the end ${finalRss.toFixed(0)} MB (target < 512); heap after the last full GC ${heapAfterGc ?? '?'} MB (largest ${heapAfterGcMax} MB); hub alive: ${alive}`,
  );
  if (alive) await stop(hub.child);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
