// Startup and memory figures (docs/benchmarks.md). Not a test: it prints figures.
//   node bench/startup.js [--install]
// --install also measures `npm ci` from an empty npm cache into a scratch copy of the project.
const { execFileSync } = require('node:child_process');
const { startHub, stop } = require('./hub');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

function postgresRssMb(dataDir) {
  // Sum of the postmaster and its children (shared pages are counted in each: an upper bound).
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const parent = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))[1]);
      const isPostmaster = cmdline.includes(path.join(dataDir, 'postgres'));
      const parentCmd = fs.existsSync(`/proc/${parent}/cmdline`)
        ? fs.readFileSync(`/proc/${parent}/cmdline`, 'utf8')
        : '';
      if (isPostmaster || (cmdline.startsWith('postgres:') && parentCmd.includes(path.join(dataDir, 'postgres'))))
        total += rssMb(Number(entry));
    } catch {
      // gone
    }
  }
  return total;
}

async function main() {
  const figures = {};
  if (process.argv.includes('--install')) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'c2hub-install-'));
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'c2hub-npm-cache-'));
    fs.copyFileSync(path.join(root, 'package.json'), path.join(scratch, 'package.json'));
    fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(scratch, 'package-lock.json'));
    const started = Date.now();
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--cache', cache], { cwd: scratch, stdio: 'ignore' });
    figures.installEmptyCacheSeconds = (Date.now() - started) / 1000;
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  }
  const dataDir = fs.mkdtempSync(path.join(root, '.test-data-bench-'));
  try {
    const cold = await startHub({ HUB_DATA_DIR: dataDir });
    figures.coldStartToReadyMs = Math.round(cold.ms);
    await stop(cold.child);
    const warmRuns = [];
    let idle = {};
    for (let i = 0; i < 3; i += 1) {
      const warm = await startHub({ HUB_DATA_DIR: dataDir });
      warmRuns.push(Math.round(warm.ms));
      if (i === 2) {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        idle = {
          nodeIdleRssMb: Math.round(rssMb(warm.child.pid)),
          postgresIdleRssMb: Math.round(postgresRssMb(dataDir)),
        };
      }
      await stop(warm.child);
    }
    figures.warmStartToReadyMs = warmRuns;
    Object.assign(figures, idle);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(figures, null, 2));
  console.log('targets: warm < 3000 ms, cold < 10000 ms, node idle RSS < 150 MB');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
