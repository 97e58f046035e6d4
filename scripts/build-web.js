#!/usr/bin/env node
// Builds the dashboard (web/) into dist/web with esbuild: web/src/app.ts → app.js (with Observable
// Plot), web/src/graphiql.tsx → graphiql.js (+ graphiql.css), and the HTML and CSS as they are. Every
// asset is served by the hub itself: nothing is loaded from a CDN, so the pages work offline. The
// dashboard's GraphQL documents (web/src/documents.ts) are persisted: persisted-documents.json holds each
// under its id (`sha256:` + the SHA-256 of its text), which the hub loads, and app.js gets the ids. Scripts
// and styles get hashed names (assets.json), and app.js a size budget.
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
    // Bulgarian words as UTF-8 (2 bytes a letter), not \uXXXX escapes (6): module scripts are read as UTF-8.
    charset: 'utf8',
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
  fs.copyFileSync(path.join(root, 'web', 'app.css'), path.join(out, 'app.css'));
  fs.copyFileSync(path.join(root, 'web', 'favicon.svg'), path.join(out, 'favicon.svg'));
  checkBudget(path.join(out, 'app.js'));
  // Each script and style under a name with its content's hash, served as immutable; the pages, which name
  // them, are served for revalidation (app.ts). assets.json maps each name to its hashed one.
  const assets = {};
  for (const name of ['app.js', 'app.css', 'graphiql.js', 'graphiql.css']) {
    const file = path.join(out, name);
    const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
    const hashed = name.replace(/\.(js|css)$/, `.${hash}.$1`);
    fs.renameSync(file, path.join(out, hashed));
    assets[name] = hashed;
  }
  for (const page of ['index.html', 'graphiql.html']) {
    let html = fs.readFileSync(path.join(root, 'web', page), 'utf8');
    for (const [name, hashed] of Object.entries(assets)) html = html.replaceAll(`"/${name}"`, `"/${hashed}"`);
    fs.writeFileSync(path.join(out, page), html);
  }
  fs.writeFileSync(path.join(out, 'assets.json'), `${JSON.stringify(assets, null, 2)}\n`);
}

/**
 * The dashboard's script may not outgrow APP_JS_BUDGET bytes, minified (the build fails): every visitor
 * downloads it before a number is drawn.
 */
const APP_JS_BUDGET = 400_000;
function checkBudget(file) {
  const size = fs.statSync(file).size;
  if (process.env.WEB_MINIFY !== '0' && size > APP_JS_BUDGET)
    throw new Error(`dist/web/app.js is ${size} bytes, over its budget of ${APP_JS_BUDGET} (scripts/build-web.js)`);
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
