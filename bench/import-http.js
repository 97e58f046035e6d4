// The HTTP import's figure: the synthetic 265 × 20 set (5,300 projects) imported through the write API
// (one importProjects mutation with an ADMIN token, over real HTTP, into a hub on a fresh embedded
// database), beside the direct path (`npm run import` into another fresh one). Prints time and peak
// memory of each: the hub's RSS for HTTP (and the client's), the command's for direct. Not a test.
// Usage: node bench/import-http.js (after npm run build and bench:generate / bench:import).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startHub, stop } = require('./hub');

const root = path.resolve(__dirname, '..');
const synthetic = path.join(root, 'bench', 'out', 'synthetic');
const rssMb = (pid) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function main() {
  const names = fs
    .readdirSync(synthetic)
    .filter((name) => name.endsWith('.json'))
    .sort();
  console.log(
    `${names.length} files, ${(names.reduce((sum, name) => sum + fs.statSync(path.join(synthetic, name)).size, 0) / 1e6).toFixed(1)} MB`,
  );

  const httpDir = path.join(root, 'bench', 'out', 'import-http-db');
  fs.rmSync(httpDir, { recursive: true, force: true });
  const hub = await startHub({
    HUB_DATA_DIR: httpDir,
    HUB_LOAD_SEEDS: 'false',
    NODE_ENV: 'production',
    HUB_RESPONSE_CACHE_BYTES: '0',
  });
  try {
    const env = { ...process.env, DATABASE_URL: '', HUB_DATA_DIR: httpDir };
    const token = execFileSync(
      process.execPath,
      [path.join(root, 'dist', 'scripts', 'token.js'), 'create', '--role', 'ADMIN', '--name', 'bench'],
      { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
    const before = rssMb(hub.child.pid);
    const started = Date.now();
    const files = names.map((name) => JSON.parse(fs.readFileSync(path.join(synthetic, name), 'utf8')));
    const body = JSON.stringify({
      query: 'mutation($input: ImportProjectsInput!) { importProjects(input: $input) { dryRun projects { action } } }',
      variables: { input: { files } },
    });
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const result = await response.json();
    const seconds = (Date.now() - started) / 1000;
    if (result.errors) throw new Error(JSON.stringify(result.errors).slice(0, 500));
    const created = result.data.importProjects.projects.filter((project) => project.action === 'CREATED').length;
    console.log(
      `HTTP (one importProjects mutation, ${(body.length / 1e6).toFixed(1)} MB body): ${created} created in ${seconds.toFixed(1)} s; hub peak RSS ${rssMb(hub.child.pid).toFixed(0)} MB (${before.toFixed(0)} MB before); client peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
  } finally {
    await stop(hub.child);
    fs.rmSync(httpDir, { recursive: true, force: true });
  }

  const directDir = path.join(root, 'bench', 'out', 'import-direct-db');
  fs.rmSync(directDir, { recursive: true, force: true });
  try {
    const started = Date.now();
    const output = execFileSync(process.execPath, [path.join(root, 'dist', 'scripts', 'import.js'), synthetic], {
      env: { ...process.env, DATABASE_URL: '', HUB_DATA_DIR: directDir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    console.log(
      `direct (npm run import): ${output.trim().split('\n').pop()}; wall ${((Date.now() - started) / 1000).toFixed(1)} s with initdb`,
    );
  } finally {
    fs.rmSync(directDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
