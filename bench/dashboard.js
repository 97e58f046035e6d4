/* global document */
// The dashboard's figures: its page weight (JS + CSS, gzip) and the time from navigation to a
// rendered Compare view (every municipality with a project; default and all 14 metrics) in headless
// Chromium, against a hub on the synthetic set (bench/out/db) or, without it, the curated seeds. Not a test.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { chromium } = require('playwright-core');
const { startHub, stop } = require('./hub');

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'dist', 'web');

async function main() {
  // Scripts and styles under their hashed names (scripts/build-web.js).
  const assets = JSON.parse(fs.readFileSync(path.join(web, 'assets.json'), 'utf8'));
  const gz = (name) => zlib.gzipSync(fs.readFileSync(path.join(web, assets[name] ?? name))).length;
  const dashboard = gz('app.js') + gz('app.css') + gz('index.html');
  console.log(
    `page weight (gzip): dashboard ${(dashboard / 1024).toFixed(0)} kB (app.js ${(gz('app.js') / 1024).toFixed(0)} kB, app.css ${(gz('app.css') / 1024).toFixed(1)} kB; target < 300 kB); GraphiQL page ${((gz('graphiql.js') + gz('graphiql.css')) / 1024).toFixed(0)} kB`,
  );
  const synthetic = path.join(root, 'bench', 'out', 'db');
  const useSynthetic =
    process.env.BENCH_DATA !== 'curated' && fs.existsSync(path.join(synthetic, 'postgres', 'PG_VERSION'));
  const hub = await startHub(
    useSynthetic
      ? { HUB_DATA_DIR: synthetic, HUB_LOAD_SEEDS: 'false', NODE_ENV: 'production', HUB_RESPONSE_CACHE_BYTES: '0' }
      : {
          HUB_DATA_DIR: path.join(root, 'bench', 'out', 'dashboard-db'),
          NODE_ENV: 'production',
          HUB_RESPONSE_CACHE_BYTES: '0',
        },
  );
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => fs.existsSync(file));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const all =
      'TOTAL_BUDGET,OP_HRD_BUDGET,OP_SESG_BUDGET,EDUCATION_SHARE,EU_SHARE,DURATION_MONTHS,MONTHLY_SPEND,PERSONS_EMPLOYED,COST_PER_PERSON_EMPLOYED,CHILDREN_REACHED,EDUCATION_COST_PER_CHILD,PARTNER_SCHOOLS,PARTNER_KINDERGARTENS,BUDGET_PER_RESIDENT';
    for (const [name, query] of [
      ['default 3 metrics', ''],
      ['all 14 metrics', `?metrics=${all}`],
    ]) {
      const times = [];
      const complete = [];
      let rows = 0;
      for (let run = 0; run < 6; run += 1) {
        const started = Date.now();
        await page.goto(`${hub.url}/${query}`);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
        times.push(Date.now() - started);
        // Then every metric's caveats and sources.
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('section.metric')].every((section) => section.getAttribute('data-details')),
          null,
          { timeout: 60_000 },
        );
        complete.push(Date.now() - started);
        rows = await page.$$eval('table.numbers tbody tr', (trs) => trs.length);
      }
      const warm = times.slice(1).sort((a, b) => a - b);
      const done = complete.slice(1).sort((a, b) => a - b);
      console.log(
        `Compare, ${name} (${useSynthetic ? 'synthetic 265 municipalities' : 'curated 15'}, ${rows} table rows): charts and tables with every value rendered: first ${times[0]} ms, then median ${warm[Math.floor(warm.length / 2)]} ms, worst ${warm[warm.length - 1]} ms (target < 1 s); with every caveat and source: median ${done[Math.floor(done.length / 2)]} ms, worst ${done[done.length - 1]} ms`,
      );
    }
  } finally {
    await browser.close();
    await stop(hub.child);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
