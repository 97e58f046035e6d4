#!/usr/bin/env node
// Builds the dashboard (web/) into dist/web with esbuild: web/src/app.ts → app.js (with Observable
// Plot), web/src/graphiql.tsx → graphiql.js (+ graphiql.css), and the HTML and CSS as they are. Every
// asset is served by the hub itself: nothing is loaded from a CDN, so the pages work offline. The
// dashboard's GraphQL documents (web/src/documents.ts) are persisted: persisted-documents.json holds each
// under its id (`sha256:` + the SHA-256 of its text), which the hub loads, and app.js gets the ids.
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');
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
  const documents = await dashboardDocuments();
  const ids = Object.fromEntries(
    Object.entries(documents).map(([name, text]) => [
      name,
      `sha256:${createHash('sha256').update(text).digest('hex')}`,
    ]),
  );
  fs.writeFileSync(
    path.join(out, 'persisted-documents.json'),
    `${JSON.stringify(Object.fromEntries(Object.entries(documents).map(([name, text]) => [ids[name], text])), null, 2)}\n`,
  );
  await esbuild.build({
    ...common,
    define: { __DOCUMENT_IDS__: JSON.stringify(ids) },
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

/** web/src/documents.ts's DOCUMENTS, name → text (bundled to CommonJS and evaluated here). */
async function dashboardDocuments() {
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'web', 'src', 'documents.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', built.outputFiles[0].text)(module, module.exports);
  return module.exports.DOCUMENTS;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
