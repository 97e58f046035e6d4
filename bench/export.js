// The exports' figures: each export of the whole synthetic set, streamed from a hub on
// bench/out/db (265 × 20) and, when present, bench/out/db-100 (265 × 100): rows, MB, seconds and
// the hub's peak RSS during the export (it must stay flat as the set grows). Not a test.
// Usage: node bench/export.js (after bench:import; for 26,500: generate and import into bench/out/db-100).
const fs = require('node:fs');
const path = require('node:path');
const { startHub, stop } = require('./hub');

const root = path.resolve(__dirname, '..');
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function measure(url, pid, exportPath) {
  let peak = rss(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 50);
  const started = Date.now();
  const response = await fetch(`${url}${exportPath}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  clearInterval(sampler);
  return { status: response.status, lines, mb: bytes / 1e6, seconds: (Date.now() - started) / 1000, peak };
}

async function main() {
  for (const dir of ['db', 'db-100']) {
    const dataDir = path.join(root, 'bench', 'out', dir);
    if (!fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))) continue;
    const hub = await startHub({
      HUB_DATA_DIR: dataDir,
      HUB_LOAD_SEEDS: 'false',
      NODE_ENV: 'production',
      HUB_RESPONSE_CACHE_BYTES: '0',
    });
    try {
      const before = rss(hub.child.pid);
      console.log(`\n${dir}: hub RSS before ${before.toFixed(0)} MB`);
      for (const exportPath of ['/export/projects.csv', '/export/projects.jsonl', '/export/indicator-values.csv']) {
        const result = await measure(hub.url, hub.child.pid, exportPath);
        console.log(
          `${exportPath}: ${result.status}, ${result.lines} lines, ${result.mb.toFixed(1)} MB in ${result.seconds.toFixed(1)} s; hub peak RSS ${result.peak.toFixed(0)} MB`,
        );
      }
    } finally {
      await stop(hub.child);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
