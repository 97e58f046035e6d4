// Starts `node dist/main.js` for a benchmark and resolves when it logs "hub ready":
// { child, url (without /graphql), ms (spawn to ready) }. stop(child) sends SIGTERM and waits.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
/** The node flags `npm start` runs the hub with (package.json `start`), and any the benchmark adds. */
const HUB_NODE_FLAGS = [
  ...(/--max-old-space-size=\d+/.exec(require(path.join(root, 'package.json')).scripts.start) ?? []),
  ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
];

function startHub(env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // As `npm start` runs it: the heap capped (package.json).
    const child = spawn(process.execPath, [...HUB_NODE_FLAGS, path.join(root, 'dist', 'main.js')], {
      env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    let ready = false;
    child.stdout.on('data', (chunk) => {
      if (ready) return; // keep draining stdout (request logs) without holding it
      buffer += chunk;
      for (const line of buffer.split('\n').slice(0, -1)) {
        if (line.includes('"msg":"hub ready"')) {
          ready = true;
          const url = JSON.parse(line).url.replace(/\/graphql$/, '');
          resolve({ child, url, ms: Number(process.hrtime.bigint() - started) / 1e6 });
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`hub exited with ${code}`));
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** Every municipality's code (all 265), from the reference data. */
function municipalityCodes() {
  return require('node:fs')
    .readFileSync(path.join(root, 'seeds', 'reference', 'municipalities.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
}

module.exports = { startHub, stop, municipalityCodes };
