// Import benchmark: a synthetic set of 265 municipalities × N projects (30 indicator
// values each) into a fresh embedded PostgreSQL, by ONE run of the real `npm run import` code. Prints
// time, rate and peak memory. Not a test.
// Usage: node bench/import.js [--projects 20|100|1000] (after npm run build). 20 (5,300 projects) uses
// bench/out/synthetic and bench/out/db; N ≠ 20 uses bench/out/synthetic-N and bench/out/db-N.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const index = process.argv.indexOf('--projects');
const perMunicipality = index >= 0 ? Number(process.argv[index + 1]) : 20;
if (!Number.isInteger(perMunicipality) || perMunicipality < 1)
  throw new Error('--projects takes a positive whole number');
const suffix = perMunicipality === 20 ? '' : `-${perMunicipality}`;
const synthetic = path.join(root, 'bench', 'out', `synthetic${suffix}`);
const dataDir = path.join(root, 'bench', 'out', `db${suffix}`);
const expected = 265 * perMunicipality;

const count = () =>
  fs.existsSync(synthetic) ? fs.readdirSync(synthetic).filter((name) => name.endsWith('.json')).length : 0;
if (count() !== expected) {
  const started = Date.now();
  execFileSync(
    process.execPath,
    [
      path.join(root, 'dist', 'scripts', 'generate-synthetic.js'),
      '--municipalities',
      '265',
      '--projects',
      String(perMunicipality),
      '--indicators',
      '30',
      '--out',
      synthetic,
    ],
    { stdio: 'inherit' },
  );
  console.log(`generated ${count()} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
fs.rmSync(dataDir, { recursive: true, force: true });
// A bulk load's server settings (HUB_PG_SETTINGS, the embedded PostgreSQL's; the hub's defaults are
// PostgreSQL's): with 128 MB of buffers and a checkpoint every 1 GB of WAL, the writes of 265,000
// projects slowed from ~350 to ~215 projects/s as the indexes outgrew the buffers.
const settings = process.env.HUB_PG_SETTINGS ?? 'shared_buffers=512MB max_wal_size=8GB';
const env = { ...process.env, DATABASE_URL: '', HUB_DATA_DIR: dataDir, HUB_PG_SETTINGS: settings };
const started = Date.now();
// The same command as `npm run import`, with its heap bound (package.json).
const run = spawnSync(
  process.execPath,
  ['--max-old-space-size=512', path.join(root, 'dist', 'scripts', 'import.js'), synthetic],
  { env, encoding: 'utf8', maxBuffer: 1 << 30 },
);
console.log(run.stdout.trim());
// The synthetic files never name their municipality: one MUNICIPALITY_NOT_MENTIONED warning each (kept in the report too).
const errors = run.stderr.split('\n').filter((line) => line && !line.startsWith('warning: '));
console.log(
  `${run.stderr.split('\n').length - 1 - errors.length} warning(s)${errors.length ? `\n${errors.join('\n')}` : ''}`,
);
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(
  `wall time including PostgreSQL initdb and start: ${((Date.now() - started) / 1000).toFixed(1)} s (HUB_PG_SETTINGS="${settings}")`,
);
console.log('targets: < 2 min at 26,500 projects, < 10 min at 265,000, memory flat as the size grows');
console.log(
  `the database is left in ${path.relative(root, dataDir)} for npm run bench:api (BENCH_DB=${path.relative(root, dataDir)})`,
);
