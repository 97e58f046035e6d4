/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { CHROMIUM, openView, SHOTS } from '../helpers/browser';

/**
 * The dashboard in a real browser (headless Chromium) against a test hub: the numbers it shows are the
 * API's, the language switches, a shared link reproduces a view, a CSV downloads, nothing is fetched
 * from anywhere but the hub, and each view leaves a screenshot in test-results/screenshots.
 */
describe('dashboard in Chromium', () => {
  let api: ApiServer;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];
  const violations: string[] = [];
  /** Every request of the pages that failed (status 400 or more), favicon included. */
  const failed: string[] = [];
  /** Every GraphQL request the dashboard's pages sent: method and URL. */
  const graphqlRequests: string[] = [];
  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error(
        'Chromium is missing: run scripts/ensure-chromium.sh (apt-get install chromium), or set CHROMIUM_PATH',
      );
    fs.mkdirSync(SHOTS, { recursive: true });
    api = await startApiServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
    // Offline: anything not served by the hub is refused, and recorded.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(api.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    // Every Content-Security-Policy violation of any page, recorded before the page's own scripts run.
    await context.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { violations: string[] }).violations.push(
          `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
        ),
      );
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    page.on('request', (request) => {
      // The dashboard's own requests, not the GraphQL explorer's (a page of its own at /graphql).
      const fromDashboard =
        request.resourceType() === 'fetch' && new URL(request.frame().url()).pathname !== '/graphql';
      if (fromDashboard && new URL(request.url()).pathname === '/graphql')
        graphqlRequests.push(`${request.method()} ${request.url()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const open = (query: string) => openView(page, api.url, query);
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  it('Compare: every municipality with a project, each metric’s values and ranks as the API gives them, planned and achieved apart', async () => {
    await open('?metrics=COST_PER_PERSON_EMPLOYED,BUDGET_PER_RESIDENT');
    // Numbers first; then each metric's caveats and sources replace its section.
    await page.waitForSelector('section[data-metric="COST_PER_PERSON_EMPLOYED"][data-details="loaded"]');
    await page.waitForSelector('section[data-metric="BUDGET_PER_RESIDENT"][data-details="loaded"]');
    const { body } = await api.query(
      `{ comparison(metrics: [COST_PER_PERSON_EMPLOYED, BUDGET_PER_RESIDENT]) { rows { municipality { code } cells { metric value rank basis } } } }`,
    );
    for (const [index, metric] of ['COST_PER_PERSON_EMPLOYED', 'BUDGET_PER_RESIDENT'].entries()) {
      const shown = await page.$$eval(`table[data-metric="${metric}"] tbody tr`, (rows) =>
        rows.map((row) => [(row as HTMLElement).dataset.municipality, (row as HTMLElement).dataset.value]),
      );
      const expected = body.data.comparison.rows.map((row: any) => [
        row.municipality.code,
        row.cells[index].value ?? '',
      ]);
      expect(shown.sort()).toEqual(expected.sort());
      expect(shown).toHaveLength(16);
      // One bar per value, each with its title (numerator, denominator, sources on hover).
      const bars = await page.$$eval(
        `section[data-metric="${metric}"] svg g[aria-description], section[data-metric="${metric}"] svg rect`,
        (nodes) => nodes.length,
      );
      expect(bars).toBeGreaterThan(0);
    }
    // Kazanlak's planned cost per person is drawn hatched, Smolyan's achieved one solid.
    const fills = await page.$$eval('section[data-metric="COST_PER_PERSON_EMPLOYED"] svg rect', (rects) =>
      rects.map((rect) => rect.getAttribute('fill')),
    );
    expect(fills).toContain('url(#hatch)');
    expect(fills).toContain('#1a9850');
    const kazanlak = await page.$eval(
      'table[data-metric="COST_PER_PERSON_EMPLOYED"] tr[data-municipality="SZR12"]',
      (row) => row.textContent,
    );
    expect(kazanlak).toContain('13030.96');
    // The caveat in words (its code kept in the markup for tools).
    expect(kazanlak).toContain('класирани са поотделно');
    expect(
      await page.$$eval(
        'table[data-metric="COST_PER_PERSON_EMPLOYED"] tr[data-municipality="SZR12"] [data-caveat="MIXED_BASIS"]',
        (nodes) => nodes.length,
      ),
    ).toBe(1);
    await shot('compare');
    expect(external).toEqual([]);
  });

  it('switches language (Latin names beside), and a shared link reproduces the view', async () => {
    await open('?metrics=EDUCATION_SHARE&codes=SZR12,SML31&currency=EUR&basis=PLANNED');
    expect(await page.$$eval('table[data-metric="EDUCATION_SHARE"] tbody tr', (rows) => rows.length)).toBe(2);
    await page.click('#lang');
    await page.waitForFunction(
      () =>
        document.documentElement.lang === 'en' &&
        document.getElementById('main')?.getAttribute('aria-busy') === 'false',
    );
    expect(page.url()).toContain('lang=en');
    expect(await page.textContent('h1')).toBe('Compare');
    expect(await page.textContent('table[data-metric="EDUCATION_SHARE"]')).toContain('Kazanlak (Казанлък)');
    const shared = page.url();
    await page.goto('about:blank');
    await page.goto(shared);
    await page.waitForSelector('body[data-ready="true"]');
    expect(
      await page.$$eval('table[data-metric="EDUCATION_SHARE"] tbody tr', (rows) =>
        rows.map((row) => (row as HTMLElement).dataset.municipality).sort(),
      ),
    ).toEqual(['SML31', 'SZR12']);
    expect(await page.$eval('select[name="currency"]', (select) => (select as HTMLSelectElement).value)).toBe('EUR');
    await shot('compare-en');
  });

  it('downloads the CSV of exactly what a chart shows', async () => {
    await open('?metrics=TOTAL_BUDGET&codes=SZR12,SML31,HKV34');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('section[data-metric="TOTAL_BUDGET"] a.download'),
    ]);
    const rows = parse(fs.readFileSync((await download.path())!, 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    const shown = await page.$$eval('table[data-metric="TOTAL_BUDGET"] tbody tr', (trs) =>
      trs.map((row) => [(row as HTMLElement).dataset.municipality, (row as HTMLElement).dataset.value]),
    );
    expect(rows.map((row) => [row.municipality_code, row.value]).sort()).toEqual(shown.sort());
  });

  it('municipality and project pages: figures with basis, qualifier, verified quotes and sources, as the API has them', async () => {
    await open('?view=municipality&code=SZR12');
    expect(await page.getAttribute('h1', 'data-municipality')).toBe('SZR12');
    await shot('municipality');
    await page.click('li[data-project="kazanlak"] a');
    await page.waitForFunction(() => document.querySelector('h1')?.getAttribute('data-project') === 'kazanlak');
    const { body } = await api.query(
      '{ municipality(code: "SZR12") { projects { edges { node { key budget { amount } indicators { value } qualityFlags { code } } } } } }',
    );
    const kazanlak = body.data.municipality.projects.edges.find((edge: any) => edge.node.key === 'kazanlak').node;
    expect(await page.getAttribute('[data-budget]', 'data-budget')).toBe(kazanlak.budget.amount);
    expect(await page.$$eval('table[data-table="indicators"] tbody tr', (rows) => rows.length)).toBe(
      kazanlak.indicators.length,
    );
    expect(Number(await page.getAttribute('[data-flags]', 'data-flags'))).toBe(kazanlak.qualityFlags.length);
    expect(await page.textContent('table[data-table="funding"]')).toContain('✓');
    expect(await page.$$eval('details pre', (texts) => texts.length)).toBeGreaterThan(0);
    // The indicators table's CSV: its header and exactly its rows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('table[data-table="indicators"] + p a.download'),
    ]);
    const rows = parse(fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '')) as string[][];
    expect(rows).toHaveLength(kazanlak.indicators.length + 1);
    expect(
      rows
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(kazanlak.indicators.map((value: any) => String(value.value)).sort());
    await shot('project');
  });

  it('Aggregates: budget by programme per municipality, as the API sums it', async () => {
    await open('?view=aggregates&groupBy=MUNICIPALITY&currency=EUR');
    const { body } = await api.query(
      '{ aggregate(groupBy: [MUNICIPALITY, PROGRAMME], measures: [BUDGET_SUM, PROJECT_COUNT], currency: EUR) { keys { value } values { value } } }',
    );
    const shown = await page.$$eval('table[data-table="aggregate"] tbody tr', (rows) =>
      rows.map((row) => `${(row as HTMLElement).dataset.key} ${(row as HTMLElement).dataset.value}`),
    );
    expect(shown.sort()).toEqual(
      body.data.aggregate.map((group: any) => `${group.keys[0].value} ${group.values[0].value ?? ''}`).sort(),
    );
    expect(await page.$$eval('figure.chart svg rect', (rects) => rects.length)).toBeGreaterThan(0);
    // Counts are whole numbers, and the chart and the table are in one order.
    const counts = await page.$$eval('td[data-count]', (cells) => cells.map((cell) => cell.textContent));
    expect(counts.every((count) => /^\d+$|^—$/.test(count ?? ''))).toBe(true);
    const tableOrder = await page.$$eval('table[data-table="aggregate"] tbody tr td:first-child', (cells) => [
      ...new Set(cells.map((cell) => cell.textContent)),
    ]);
    const chartOrder = await page.$$eval('figure.chart svg [aria-label="y-axis tick label"] text', (texts) =>
      texts.map((text) => text.textContent),
    );
    expect(chartOrder).toEqual(tableOrder.filter((label) => chartOrder.includes(label)));
    expect(chartOrder.length).toBeGreaterThan(5);
    // Every group whose sum left a project out is listed with the reason, as the API says.
    const reasons = await api.query(
      '{ aggregate(groupBy: [MUNICIPALITY, PROGRAMME], measures: [BUDGET_SUM], currency: EUR) { keys { value } values { leftOutReasons { reason } } } }',
    );
    const listed = await page.$$eval('section[data-section="left-out"] li', (items) =>
      items.map((item) => (item as HTMLElement).dataset.key),
    );
    const expectedLeftOut = reasons.body.data.aggregate
      .filter((group: any) => group.values[0].leftOutReasons.length > 0)
      .map((group: any) => group.keys[0].value);
    // In the table's order (by name): the same groups as the API's.
    expect([...listed].sort()).toEqual([...expectedLeftOut].sort());
    // Montana, Pernik, Plovdiv, Stara Zagora and Svishtov state no programme amount: named, never silently dropped.
    expect(listed).toEqual(expect.arrayContaining(['MON29', 'PER32', 'PDV22', 'SZR31', 'VTR28']));
    expect(
      await page.$eval('section[data-section="left-out"] li[data-key="PER32"]', (item) => item.textContent),
    ).toMatch(/източниците не посочват сума \(1\)/);
    await shot('aggregates');
  });

  it('is usable at 360 px and by keyboard; the GraphQL explorer works offline', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await open('?metrics=COST_PER_PERSON_EMPLOYED');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await shot('compare-360');
    await page.setViewportSize({ width: 1200, height: 900 });
    const explorer = await page.goto(`${api.url}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    // The explorer runs a query under its policy.
    await page.waitForSelector('.graphiql-execute-button', { timeout: 20_000 });
    await shot('graphiql');
    expect(explorer!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(external).toEqual([]);
  });

  it('serves the dashboard under a Content-Security-Policy (own scripts only) that none of its views violates', async () => {
    const response = await page.goto(`${api.url}/?view=aggregates&groupBy=MUNICIPALITY`);
    expect(response!.headers()['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => document.getElementById('main')?.getAttribute('aria-busy') === 'false');
    await page.waitForSelector('figure.chart svg');
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('loads every page of the tests above without a failed request (no favicon 404), its queries persisted GETs, its files compressed, hashed and cached', async () => {
    expect(failed).toEqual([]);
    // Every query by the id of a persisted document, in a GET (a short URL any HTTP cache can keep).
    expect(graphqlRequests.length).toBeGreaterThan(10);
    for (const request of graphqlRequests)
      expect(request).toMatch(/^GET [^?]+\/graphql\?documentId=sha256%3A[0-9a-f]{64}(&|$)/);
    // The script under its content's hash, cached for good; the page that names it revalidated.
    const page = await fetch(`${api.url}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const src = /<script type="module" src="(\/app\.[0-9a-f]{12}\.js)">/.exec(await page.text())![1];
    const script = await fetch(`${api.url}${src}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(script.headers.get('content-encoding')).toBe('br');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Within its size budget (scripts/build-web.js fails the build over it).
    expect(Buffer.byteLength(await script.text())).toBeLessThanOrEqual(400_000);
    const icon = await fetch(`${api.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });
});
