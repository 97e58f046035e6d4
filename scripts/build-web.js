#!/usr/bin/env node
// Builds the dashboard (web/) into dist/web with esbuild: web/src/app.ts → app.js (with Observable
// Plot), web/src/graphiql.tsx → graphiql.js (+ graphiql.css), and the HTML and CSS as they are. Every
// asset is served by the hub itself: nothing is loaded from a CDN, so the pages work offline.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist', 'web');

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const common = {
    bundle: true,
    minify: process.env.WEB_MINIFY !== '0',
    sourcemap: false,
    target: ['es2022'],
    legalComments: 'none',
    logLevel: 'warning',
  };
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'web', 'src', 'app.ts')],
    outfile: path.join(out, 'app.js'),
    format: 'esm',
  });
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'web', 'src', 'graphiql.tsx')],
    outfile: path.join(out, 'graphiql.js'),
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'css', '.woff2': 'dataurl', '.woff': 'dataurl', '.svg': 'dataurl' },
    splitting: false,
  });
  for (const name of ['index.html', 'graphiql.html', 'app.css', 'favicon.svg'])
    fs.copyFileSync(path.join(root, 'web', name), path.join(out, name));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
