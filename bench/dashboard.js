/* global document */
// The dashboard's figures: its page weight (JS + CSS + HTML, gzip and as sent) and, for every view, the
// time from navigation to the view drawn with its numbers (then with every caveat and source, for
// Compare), in headless Chromium, against a hub on the curated seeds (16 municipalities with a project)
// and on the synthetic set (bench/out/db: 265 municipalities × 20 projects; `npm run bench:generate`
// and `npm run bench:import` make it). The hub's response cache is off: every load reads the database.
// Not a test. BENCH_RUNS sets the loads per view (default 6: the first is reported apart, the rest warm).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { chromium } = require('playwright-core');
const { startHub, stop } = require('./hub');

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'dist', 'web');
const RUNS = Number(process.env.BENCH_RUNS ?? 6);
const TARGET_MS = 1000;

function pageWeight() {
  const assets = JSON.parse(fs.readFileSync(path.join(web, 'assets.json'), 'utf8'));
  const file = (name) => fs.readFileSync(path.join(web, assets[name] ?? name));
  const gz = (name) => zlib.gzipSync(file(name)).length;
  const kB = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
  const raw = file('app.js').length + file('app.css').length + file('index.html').length;
  const gzip = gz('app.js') + gz('app.css') + gz('index.html');
  console.log(
    `page weight: dashboard ${kB(gzip)} gzip (${kB(raw)} minified; app.js ${kB(gz('app.js'))} gzip, ${kB(file('app.js').length)} minified, budget 400,000 bytes minified); GraphiQL page ${kB(gz('graphiql.js') + gz('graphiql.css'))} gzip`,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The views, each with its URL (after the hub's address) once the ids it needs are known. */
async function views(hub) {
  const post = async (query) =>
    (
      await (
        await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      ).json()
    ).data;
  const { metrics } = await post('{ metrics { key } }');
  const { comparison } = await post(
    '{ comparison(metrics: [TOTAL_BUDGET]) { rows { municipality { code } projects { id } } } }',
  );
  const busiest = comparison.rows[0];
  const all = metrics.map((metric) => metric.key).join(',');
  return {
    municipalities: comparison.rows.length,
    list: [
      ['Compare, default 3 metrics', '/'],
      [`Compare, all ${metrics.length} metrics`, `/?metrics=${all}`],
      [`League table, ${metrics.length} metrics`, '/?view=league'],
      ['Aggregates by municipality × programme', '/?view=aggregates'],
      ['Municipality page (metrics and ranks)', `/?view=municipality&code=${busiest.municipality.code}`],
      ['Project page', `/?view=project&id=${encodeURIComponent(busiest.projects[0].id)}`],
      ['Cell explained', `/?view=cell&code=${busiest.municipality.code}&metric=COST_PER_PERSON_EMPLOYED`],
    ],
  };
}

async function measure(browser, hub, label) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const { municipalities, list } = await views(hub);
  console.log(
    `\n${label}: ${municipalities} municipalities with a project (load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  const worst = [];
  for (const [name, url] of list) {
    const drawn = [];
    const seen = [];
    const complete = [];
    for (let run = 0; run < RUNS; run += 1) {
      const started = Date.now();
      await page.goto(`${hub.url}${url}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
      // As the earlier version of this script measured: until the driver sees the view marked ready.
      seen.push(Date.now() - started);
      // The page's own mark: from the navigation's start to the first frame painted after the view was
      // drawn, whatever the delay of Playwright's polling.
      await page.waitForFunction(() => performance.getEntriesByName('view-painted').length > 0, null, {
        timeout: 120_000,
      });
      drawn.push(Math.round(await page.evaluate(() => performance.getEntriesByName('view-painted')[0].startTime)));
      // Compare: then every metric's caveats and sources.
      await page.waitForFunction(
        () => [...document.querySelectorAll('section.metric')].every((section) => section.getAttribute('data-details')),
        null,
        { timeout: 120_000 },
      );
      complete.push(Math.round(await page.evaluate(() => performance.now())));
    }
    const error = await page.$('main .error');
    if (error) throw new Error(`${name}: ${await error.textContent()}`);
    const warm = drawn.slice(1);
    const warmComplete = complete.slice(1);
    worst.push(median(warm));
    const details =
      url === '/' || url.startsWith('/?metrics')
        ? `; with every caveat and source: median ${median(warmComplete)} ms`
        : '';
    console.log(
      `  ${name}: painted in first ${drawn[0]} ms, then median ${median(warm)} ms, worst ${Math.max(...warm)} ms (ready seen by the driver: median ${median(seen.slice(1))} ms)${details}`,
    );
  }
  console.log(
    `  slowest view (median): ${Math.max(...worst)} ms; target ≤ ${TARGET_MS} ms: ${Math.max(...worst) <= TARGET_MS ? 'met' : 'NOT met'}`,
  );
  await page.close();
}

async function main() {
  pageWeight();
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => fs.existsSync(file));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const base = { NODE_ENV: 'production', HUB_RESPONSE_CACHE_BYTES: '0' };
  const synthetic = path.join(root, 'bench', 'out', 'db');
  const sets = [['curated seeds', { ...base, HUB_DATA_DIR: path.join(root, 'bench', 'out', 'dashboard-db') }]];
  if (fs.existsSync(path.join(synthetic, 'postgres', 'PG_VERSION')) && process.env.BENCH_DATA !== 'curated')
    sets.push(['synthetic 265 × 20', { ...base, HUB_DATA_DIR: synthetic, HUB_LOAD_SEEDS: 'false' }]);
  else
    console.log(
      '(no synthetic set in bench/out/db: npm run bench:generate && npm run bench:import to measure 265 municipalities)',
    );
  try {
    for (const [label, env] of sets) {
      const hub = await startHub(env);
      try {
        await measure(browser, hub, label);
      } finally {
        await stop(hub.child);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
