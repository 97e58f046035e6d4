// Import benchmark (issue 3): the synthetic 265 × 20 set (5,300 projects, 30 indicator values each)
// into a fresh embedded PostgreSQL, through the real `npm run import` code. Prints time, rate and
// peak memory. Not a test. Usage: node bench/import.js (after npm run build).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const synthetic = path.join(root, 'bench', 'out', 'synthetic');
const dataDir = path.join(root, 'bench', 'out', 'db');

if (!fs.existsSync(synthetic) || fs.readdirSync(synthetic).length !== 5300) {
  execFileSync(process.execPath, [path.join(root, 'dist', 'scripts', 'generate-synthetic.js'), '--municipalities', '265', '--projects', '20', '--indicators', '30'], { stdio: 'inherit' });
}
fs.rmSync(dataDir, { recursive: true, force: true });
const env = { ...process.env, DATABASE_URL: '', HUB_DATA_DIR: dataDir };
const started = Date.now();
const output = execFileSync(process.execPath, [path.join(root, 'dist', 'scripts', 'import.js'), synthetic], { env, encoding: 'utf8' });
console.log(output.trim());
console.log(`wall time including PostgreSQL initdb and start: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log('targets: < 60 s on 2 cores, peak memory < 500 MB');
console.log(`the database is left in ${path.relative(root, dataDir)} for npm run bench:api`);
