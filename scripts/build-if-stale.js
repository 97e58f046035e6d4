#!/usr/bin/env node
// Builds dist/ with tsc only when a source is newer than the last build (a stamp file), so that
// `npm start` on an installed checkout starts at once (the check reads ~100 mtimes: a few ms), and a
// fresh clone or an edited source still gets built. `npm install` / `npm ci` build once (`prepare`).
//   node scripts/build-if-stale.js [--force]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function newest(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its directory
  for (const name of fs.readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const inputs = [
  'src',
  'web',
  'scripts/build-web.js',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
].map((name) => path.join(root, name));
const sourcesAt = Math.max(...inputs.filter((input) => fs.existsSync(input)).map(newest));
const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (!process.argv.includes('--force') && builtAt >= sourcesAt && fs.existsSync(path.join(root, 'dist', 'main.js')))
  process.exit(0);

const started = Date.now();
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
// The dashboard (web/ → dist/web) with esbuild.
const web = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-web.js')], { cwd: root, stdio: 'inherit' });
if (web.status !== 0) process.exit(web.status ?? 1);
fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
fs.utimesSync(stamp, new Date(), new Date(Math.max(Date.now(), sourcesAt + 1)));
process.stderr.write(`component2-hub: built dist/ in ${Date.now() - started} ms\n`);
