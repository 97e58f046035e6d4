/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createToken, Role } from '../../src/auth/tokens';
import { CHROMIUM } from '../helpers/browser';
import { startApiServer, type ApiServer } from '../helpers/api-server';

const ROOT = path.resolve(__dirname, '..', '..');
/** Curated press releases, pasted as an editor would. */
const text = (key: string) =>
  fs
    .readFileSync(path.join(ROOT, 'seeds', 'projects', `${key}.txt`), 'utf8')
    .split('\n')
    .slice(1)
    .join('\n');
const PRESS_RELEASE = text('velingrad-pa-media-project-start-2021-09');
const OPENING = text('velingrad-velingrad-bg-opening-press-release-2021-09-29');

/**
 * The editor's desk in Chromium, against a throwaway hub: paste a press release, read it, see every
 * proposal marked in the text, dry-run, publish, and read the project back from the API with verified
 * statements; the token stays in the tab (sessionStorage, a Bearer header, never a cookie).
 */
describe("the editor's desk in Chromium", () => {
  let api: ApiServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  const authorizations: (string | undefined)[] = [];
  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('Chromium is missing: run scripts/ensure-chromium.sh, or set CHROMIUM_PATH');
    api = await startApiServer();
    token = (
      await createToken(api.db.dataSource.manager, {
        name: 'Община Велинград',
        role: Role.EDITOR,
        municipalityCodes: ['PAZ08'],
      })
    ).token;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST')
        authorizations.push(request.headers().authorization);
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('says how to get a token, keeps it in the tab only, and reads a pasted press release into marked proposals', async () => {
    await page.goto(`${api.url}/edit`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#token-help')).toMatch(/npm run token -- create --role EDITOR/);
    await page.fill('#token', token);
    await page.press('#token', 'Enter');
    await page.waitForSelector('#token-forget');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('component2-hub-token'))).toBe(token);

    await page.fill('input[name=municipalityCode]', 'PAZ08');
    await page.fill('input[name=sourceUrl]', 'https://pa-media.net/news.php?extend.1087');
    await page.fill('input[name=publisher]', 'pa-media.net');
    await page.fill('input[name=publishedOn]', '2021-09-27');
    await page.fill('input[name=projectKey]', 'velingrad-desk');
    await page.fill('textarea[name=text]', PRESS_RELEASE);
    await page.click('#source-form button[type=submit]');
    await page.waitForSelector('#proposals tbody tr');
    const rows = await page.$$eval('#proposals tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-kind')));
    expect(rows).toEqual(expect.arrayContaining(['amount', 'count', 'date', 'title']));
    // Every proposal's quote is marked in the text, and leads to its row.
    const marks = await page.$$eval('.draft-text[data-source="1"] mark a', (links) =>
      links.map((link) => link.getAttribute('href')),
    );
    expect(marks.length).toBeGreaterThanOrEqual(rows.length - 1);
    expect(await page.textContent('.draft-text[data-source="1"]')).toBe(PRESS_RELEASE);

    // A second source: the municipality's own press release, read beside the first.
    await page.fill('input[name=sourceUrl]', 'https://velingrad.bg/main/blog/2021/09/29/press/');
    await page.fill('input[name=publisher]', 'Община Велинград (velingrad.bg)');
    await page.fill('input[name=publishedOn]', '2021-09-29');
    await page.fill('textarea[name=text]', OPENING);
    await page.click('#add-source');
    await page.waitForSelector('#proposals tbody tr[data-source="2"]');
    expect(await page.textContent('.draft-text[data-source="2"]')).toBe(OPENING);
    expect(await page.textContent('.draft-text[data-source="1"]')).toBe(PRESS_RELEASE);
    const partners = await page.$$eval('#proposals tbody tr[data-source="2"][data-kind=partner]', (trs) => trs.length);
    expect(partners).toBe(4);
    expect(authorizations.every((header) => header === `Bearer ${token}`)).toBe(true);
  });

  it('dry-runs, then publishes the accepted proposals; the API gives them back verified', async () => {
    // The editor rejects the procedure citations.
    for (const procedure of await page.$$('#proposals tbody tr[data-kind=procedure] input[type=checkbox]'))
      await procedure.uncheck();
    await page.click('#dry-run');
    await page.waitForSelector('#import-result li[data-action=CREATED]');
    expect(await page.textContent('#import-result h2')).toBe('Какво би станало');
    // The quality flags the project would get (no exact budget is stated: the total is approximate).
    expect(await page.textContent('#import-result .quality-flags')).toMatch(/[A-Z_]{6,}/);
    // The draft file as it stands, without the rejected citation.
    expect(JSON.parse((await page.textContent('#draft-file'))!).procedureCitations).toEqual([]);
    expect(await api.query('{ municipality(code: "PAZ08") { projects(first: 10) { totalCount } } }')).toMatchObject({
      body: { data: { municipality: { projects: { totalCount: 1 } } } },
    });

    const download = page.waitForEvent('download');
    await page.click('#download-file');
    const file = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
    expect(file.key).toBe('velingrad-desk');
    expect(file.sources.map((source: { publisher: string }) => source.publisher)).toEqual([
      'pa-media.net',
      'Община Велинград (velingrad.bg)',
    ]);
    expect(file.partners).toHaveLength(4);

    await page.click('#publish');
    await page.waitForFunction(() => document.querySelector('#import-result h2')?.textContent === 'Публикувано');
    const read = await api.query(
      `{ municipality(code: "PAZ08") { projects(first: 10) { edges { node { key
        funding { verified amount { amount } } indicators { value basis verified } } } } } }`,
    );
    const project = read.body.data.municipality.projects.edges
      .map((edge: { node: { key: string } }) => edge.node)
      .find((node: { key: string }) => node.key === 'velingrad-desk');
    expect(project.funding).toEqual([{ verified: true, amount: { amount: '1560000.00' } }]);
    expect(project.indicators.every((row: { verified: boolean }) => row.verified)).toBe(true);
  });

  it('speaks English whole, and every control is reachable by keyboard with a name', async () => {
    await page.goto(`${api.url}/edit?lang=en`);
    await page.waitForSelector('body[data-ready="true"]');
    const text = await page.textContent('main');
    expect(text).toMatch(/Editor’s desk/);
    expect(text).not.toMatch(/[А-Яа-я]/);
    await page.fill('input[name=municipalityCode]', 'PAZ08');
    await page.fill('textarea[name=text]', PRESS_RELEASE);
    await page.click('#source-form button[type=submit]');
    await page.waitForSelector('#proposals tbody tr');
    const header = await page.textContent('#proposals thead');
    expect(header).toMatch(/Accept.*Source.*Kind.*Value.*Quote.*Attention/);
    const kinds = await page.$$eval('#proposals tbody tr td:nth-child(3)', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(kinds.every((kind) => kind && !/^k_|[A-Z]{4,}/.test(kind))).toBe(true);
    const unnamed = await page.$$eval(
      '#draft input, #draft select, #draft button',
      (controls) =>
        controls.filter((control) => !control.getAttribute('aria-label') && !control.textContent?.trim()).length,
    );
    expect(unnamed).toBe(0);
  });
});
