/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, type GraphQLEnumType } from 'graphql';
import { type Browser, chromium, type Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { CHROMIUM, openView, SHOTS } from '../helpers/browser';
import { ENUM_LABELS } from '../../web/src/labels';
import { PROGRAMME } from '../../src/domain/labels';

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMA = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
/** Every enum value of the API four letters or longer (EXACT, START_DATE, MIXED_BASIS …): never shown raw. */
const CODES = new Set(
  Object.values(SCHEMA.getTypeMap())
    .filter((type): type is GraphQLEnumType => isEnumType(type) && !type.name.startsWith('__'))
    .flatMap((type) => type.getValues().map((value) => value.name))
    .filter((name) => name.length >= 4),
);

/** The API's full answer about a project, asked independently of the page's own document. */
const FULL_PROJECT = `query($id: ID!) { node(id: $id) { ... on Project {
  key title titleLatin confirmation status statusAsOf aim revision createdAt
  budget { amount currency } municipality { name }
  registrationNumber registrationNumberAsPublished
  procedure { code name } procedureCitations { quote asPublished note source { publisher publishedOn } }
  contracts { number signedOn asPublished note programme { code } source { publisher publishedOn } }
  period { startDate endDate durationMonths statedDurationMonths statements { field date months asPublished note source { publisher publishedOn } } }
  funding { programme { code } kind qualifier amount { amount currency } publishedAmount { amount currency } asPublished note source { publisher publishedOn } }
  partners { organisation { name nameLatin type } role programme { code } asPublished note source { publisher publishedOn } }
  activities { number title titleLatin category programme { code } asPublished note source { publisher publishedOn } }
  targetGroups { description descriptionLatin category programme { code } asPublished note source { publisher publishedOn } }
  indicators { indicator { name nameEn } value qualifier basis asOf breakdown asPublished note source { publisher publishedOn } }
  qualityFlags { code severity field message } missing { field reason } notes
  revisions { revision importedAt author changedFields }
  sources { url title publisher publishedOn kind language text } } } }`;

/** Which answer fields are codes, by their path's end: the page shows their label instead. */
const ENUM_AT: [RegExp, string][] = [
  [/^status$/, 'ProjectStatus'],
  [/^confirmation$/, 'Confirmation'],
  [/^period\.statements\.field$/, 'PeriodField'],
  [/^funding\.kind$/, 'FundingKind'],
  [/^sources\.kind$/, 'SourceKind'],
  [/\.qualifier$/, 'Qualifier'],
  [/\.basis$/, 'Basis'],
  [/\.role$/, 'PartnerRole'],
  [/organisation\.type$/, 'OrganisationType'],
  [/^activities\.category$/, 'ActivityCategory'],
  [/^targetGroups\.category$/, 'TargetGroupCategory'],
  [/^qualityFlags\.severity$/, 'Severity'],
  [/^qualityFlags\.code$/, 'QualityFlagCode'],
];

/** Every leaf of an answer as the text a page must show for it (a code as its label, a programme as its abbreviation). */
function expectedTexts(value: unknown, language: 0 | 1, at = ''): { path: string; text: string }[] {
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value.flatMap((item) => expectedTexts(item, language, at));
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      expectedTexts(item, language, at ? `${at}.${key}` : key),
    );
  const text = String(value);
  // Latin forms and English names belong to the English page; the Bulgarian one shows the names as published.
  if (language === 0 && /(Latin|nameEn)$/.test(at)) return [];
  if (language === 1 && /^indicators\.indicator\.name$/.test(at)) return [];
  const enumName = ENUM_AT.find(([pattern]) => pattern.test(at))?.[1];
  if (enumName) return [{ path: at, text: ENUM_LABELS[enumName][text][language] }];
  if (/programme\.code$/.test(at)) return [{ path: at, text: PROGRAMME[text][language] }];
  if (/^createdAt$/.test(at)) return [{ path: at, text: text.slice(0, 10) }];
  return [{ path: at, text }];
}

/**
 * Every view of the dashboard complete and in one language: the project page holds everything the API
 * holds about the project, no view shows a raw code or an untranslated string in either language, the
 * league table is the API's, and every chart and table can be re-run ("Query") and cited ("Cite") at
 * the data revision it was drawn from.
 */
describe('dashboard views in Chromium: complete, in one language, reproducible', () => {
  let api: ApiServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('Chromium is missing: run scripts/ensure-chromium.sh, or set CHROMIUM_PATH');
    fs.mkdirSync(SHOTS, { recursive: true });
    api = await startApiServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await (
      await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } })
    ).newPage();
    page.on('pageerror', (error) => errors.push(error.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const open = (query: string) => openView(page, api.url, query, true);
  const projectId = async (key: string): Promise<string> => {
    const { body } = await api.query('{ projects(first: 100) { edges { node { id key } } } }');
    return body.data.projects.edges.find((edge: any) => edge.node.key === key).node.id;
  };

  /** One URL of every view, with the data that fills it most. */
  const everyView = async (): Promise<string[]> => {
    const kazanlak = await projectId('kazanlak');
    const velingrad = await projectId('velingrad');
    return [
      '?metrics=COST_PER_PERSON_EMPLOYED,PERSONS_EMPLOYED,EDUCATION_SHARE,PARTNER_SCHOOLS',
      '?metrics=EU_SHARE,MONTHLY_SPEND,BUDGET_PER_RESIDENT&basis=ACHIEVED',
      '?view=league',
      '?view=league&basis=PLANNED&currency=EUR',
      '?view=aggregates&groupBy=MUNICIPALITY',
      '?view=aggregates&groupBy=OBLAST',
      '?view=municipality&code=SZR12',
      '?view=municipality&code=PAZ08',
      `?view=project&id=${encodeURIComponent(kazanlak)}`,
      `?view=project&id=${encodeURIComponent(velingrad)}`,
      '?view=cell&code=SZR12&metric=PERSONS_EMPLOYED&basis=ACHIEVED',
      '?view=cell&code=SML31&metric=COST_PER_PERSON_EMPLOYED',
      'edit?view=edit',
    ];
  };

  it.each([
    ['kazanlak', 'bg'],
    ['velingrad', 'en'],
    ['varna', 'bg'],
  ] as const)('the page of %s (%s) shows everything the API holds about the project', async (key, language) => {
    const id = await projectId(key);
    const { body } = await api.query(FULL_PROJECT, { id });
    await open(`?view=project&id=${encodeURIComponent(id)}${language === 'en' ? '&lang=en' : ''}`);
    // Everything the page holds: its text (closed details included), its links and tooltips.
    const haystack = await page.evaluate(() => {
      const main = document.getElementById('main')!;
      const attributes = Array.from(main.querySelectorAll('[href], [title]')).map(
        (element) => `${element.getAttribute('href') ?? ''} ${element.getAttribute('title') ?? ''}`,
      );
      return `${main.textContent} ${attributes.join(' ')}`;
    });
    const absent = expectedTexts(body.data.node, language === 'en' ? 1 : 0).filter(
      ({ text }) => !haystack.includes(text),
    );
    expect(absent).toEqual([]);
    // Sections the issue names are there, with as many rows as the API's lists.
    for (const [table, list] of [
      ['funding', body.data.node.funding],
      ['contracts', body.data.node.contracts],
      ['partners', body.data.node.partners],
      ['activities', body.data.node.activities],
      ['targetGroups', body.data.node.targetGroups],
      ['missing', body.data.node.missing],
    ] as const)
      expect([table, await page.$$eval(`table[data-table="${table}"] tbody tr`, (rows) => rows.length)]).toEqual([
        table,
        list.length,
      ]);
    await page.screenshot({ path: path.join(SHOTS, `project-${key}-${language}.png`), fullPage: true });
  });

  /** The visible text of the page that is in its own language (names and quotes marked with theirs are skipped). */
  const visibleText = () =>
    page.evaluate(() => {
      const own = document.documentElement.lang;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const parts: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!;
        if (['SCRIPT', 'STYLE'].includes(element.tagName)) continue;
        if (!element.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
        if (element.closest('[translate="no"]')) continue;
        if ((element.closest('[lang]')?.getAttribute('lang') ?? own) !== own) continue;
        if (element.closest('select') && !(element as HTMLOptionElement).selected) continue;
        parts.push(node.textContent ?? '');
      }
      return parts.join(' ');
    });

  /** Words that are the same in both languages: currencies, formats, the API's name, addresses and codes. */
  const SHARED = /^(BGN|EUR|CSV|JSON|CSL-JSON|BibTeX|GraphQL|GraphiQL|SHA-256|API|NSI|Component|Hub)$/;

  it('walks every view in both languages: no raw code, no untranslated string', async () => {
    const views = await everyView();
    const found: string[] = [];
    for (const view of views)
      for (const language of ['bg', 'en']) {
        await open(`${view}${language === 'en' ? '&lang=en' : ''}`);
        // Open every citation: its words count too.
        for (const details of await page.$$('details.cite'))
          await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
        // Addresses are no words; quotations („…“, "…") are as published, in their own language.
        const text = (await visibleText()).replace(/https?:\/\/\S+/g, ' ');
        const tokens = text.split(/[\s,;:()[\]{}"„“”«»·/|=+*<>!?…–—]+/).filter(Boolean);
        for (const token of tokens) {
          const word = token.replace(/^[.'’]+|[.'’]+$/g, '');
          if (CODES.has(word)) found.push(`${language} ${view}: raw code ${word}`);
          if (language === 'bg' && /[A-Za-z]{2,}/.test(word) && !/\d|\.|@/.test(word) && !SHARED.test(word))
            found.push(`bg ${view}: untranslated "${word}"`);
          // In English, Bulgarian only as a name in parentheses beside its Latin form (or marked lang="bg").
        }
        if (language === 'en') {
          const outsideNames = text.replace(/\([^()]*\)/g, ' ').replace(/„[^“]*“|"[^"]*"|“[^”]*”/g, ' ');
          const cyrillic = outsideNames.match(/\S*[А-Яа-я]+\S*/g) ?? [];
          for (const word of cyrillic) found.push(`en ${view}: untranslated "${word}"`);
        }
        await page.screenshot({ path: path.join(SHOTS, `walk-${language}-${views.indexOf(view)}.png`) });
      }
    expect([...new Set(found)]).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it('at 360 px no view scrolls sideways (wide tables scroll inside their frame)', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    const wide: string[] = [];
    try {
      for (const view of await everyView()) {
        await open(view);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0)
          wide.push(
            `${view}: ${overflow} px (${await page.evaluate(() =>
              Array.from(document.querySelectorAll('body *'))
                .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
                .slice(0, 3)
                .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
                .join(', '),
            )})`,
          );
        await page.screenshot({ path: path.join(SHOTS, `narrow-${(await everyView()).indexOf(view)}.png`) });
      }
    } finally {
      await page.setViewportSize({ width: 1200, height: 900 });
    }
    expect(wide).toEqual([]);
  }, 120_000);

  it('league table: every municipality × every metric as the API has them, sortable, filtered by basis, downloadable, each cell explained', async () => {
    for (const basis of ['BEST_AVAILABLE', 'ACHIEVED']) {
      await open(`?view=league&basis=${basis}`);
      const { body } = await api.query(
        `query($basis: ComparisonBasis!) { metrics { key } comparison(metrics: [${(
          await api.query('{ metrics { key } }')
        ).body.data.metrics
          .map((metric: any) => metric.key)
          .join(', ')}], basis: $basis) { rows { municipality { code } cells { metric value rank basis } } } }`,
        { basis },
      );
      const expected = body.data.comparison.rows.flatMap((row: any) =>
        row.cells.map(
          (cell: any) =>
            `${row.municipality.code} ${cell.metric} ${cell.value ?? ''} ${cell.rank ?? ''} ${cell.basis ?? ''}`,
        ),
      );
      const shown = await page.$$eval('table[data-table="league"] tbody td', (cells) =>
        cells.map((cell) => {
          const data = (cell as HTMLElement).dataset;
          return `${cell.closest('tr')!.getAttribute('data-municipality')} ${data.metric} ${data.value} ${data.rank} ${data.basis}`;
        }),
      );
      expect(shown.sort()).toEqual(expected.sort());
      expect(body.data.metrics.length).toBeGreaterThanOrEqual(14);
    }
    // Sorted by a column: first rank 1 first (the highest budget), then the other way; no value last.
    await open('?view=league');
    const sortedColumn = async () => {
      await page.click('table[data-table="league"] th[data-metric="TOTAL_BUDGET"] button');
      return page.$$eval('table[data-table="league"] tbody td[data-metric="TOTAL_BUDGET"]', (cells) =>
        cells.map((cell) => (cell as HTMLElement).dataset.value),
      );
    };
    const descending = await sortedColumn();
    const values = descending.filter(Boolean).map(Number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(descending.slice(values.length).every((value) => value === '')).toBe(true);
    const column = await sortedColumn();
    expect(column.filter(Boolean).map(Number)).toEqual([...values].reverse());
    // Downloadable: the CSV's rows are the table's.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.scroll + p a.download')]);
    const rows = parse(fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '')) as string[][];
    expect(rows.length).toBe(column.length + 1); // the header, then one row per municipality
    expect(download.suggestedFilename()).toMatch(/-r\d+\.csv$/);
    // An empty cell's reason, in words, one click away.
    await page.click('tr[data-municipality="SZR12"] td[data-metric="EU_SHARE"] a');
    await page.waitForSelector('[data-section="why-empty"]');
    expect(await page.textContent('[data-section="why-empty"]')).toMatch(/Никой източник не посочва дела на ЕС/);
    await page.screenshot({ path: path.join(SHOTS, 'league-cell-empty.png'), fullPage: true });
    await open('?view=league&lang=en');
    await page.screenshot({ path: path.join(SHOTS, 'league-en.png'), fullPage: true });
  });

  it('municipality page: each metric’s value, basis and rank among the municipalities with a value of its basis', async () => {
    await open('?view=municipality&code=SZR12&lang=en');
    const { body } = await api.query(
      '{ comparison(metrics: [TOTAL_BUDGET, PERSONS_EMPLOYED]) { rows { municipality { code } cells { value rank basis } } } }',
    );
    const kazanlak = body.data.comparison.rows.find((row: any) => row.municipality.code === 'SZR12');
    const withBudget = body.data.comparison.rows.filter((row: any) => row.cells[0].rank !== null).length;
    expect(await page.textContent('tr[data-metric="TOTAL_BUDGET"]')).toContain(`of ${withBudget} with a value`);
    expect(await page.getAttribute('tr[data-metric="TOTAL_BUDGET"]', 'data-value')).toBe(kazanlak.cells[0].value);
    const planned = body.data.comparison.rows.filter(
      (row: any) => row.cells[1].rank !== null && row.cells[1].basis === 'PLANNED',
    ).length;
    expect(await page.textContent('tr[data-metric="PERSONS_EMPLOYED"]')).toMatch(
      new RegExp(`${kazanlak.cells[1].rank}(st|nd|rd|th) of ${planned} with a planned figure`),
    );
    await page.screenshot({ path: path.join(SHOTS, 'municipality-en.png'), fullPage: true });
  });

  it('"Query" opens GraphiQL with the exact document and variables, and its request gives the numbers shown', async () => {
    await open('?metrics=TOTAL_BUDGET&codes=SZR12,SML31,HKV34');
    const shown = await page.$$eval('table[data-metric="TOTAL_BUDGET"] tbody tr', (rows) =>
      rows.map((row) => `${(row as HTMLElement).dataset.municipality} ${(row as HTMLElement).dataset.value}`).sort(),
    );
    const href = await page.getAttribute('section[data-metric="TOTAL_BUDGET"] a.query', 'href');
    await page.goto(`${api.url}${href}`);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 20_000 });
    const [response] = await Promise.all([
      page.waitForResponse(
        (candidate) =>
          new URL(candidate.url()).pathname === '/graphql' &&
          candidate.request().method() === 'POST' &&
          /comparison/.test(candidate.request().postData() ?? ''),
      ),
      page.click('.graphiql-execute-button'),
    ]);
    const answer = await response.json();
    expect(
      answer.data.comparison.rows.map((row: any) => `${row.municipality.code} ${row.cells[0].value ?? ''}`).sort(),
    ).toEqual(shown);
    await page.screenshot({ path: path.join(SHOTS, 'query-graphiql.png') });
  });

  it('"Cite" names the data revision the view was drawn from; a link pinned to an older one says newer data exists', async () => {
    const { body } = await api.query('{ dataRevision { revision changedAt } }');
    const revision = body.data.dataRevision.revision;
    await open('?view=aggregates&groupBy=MUNICIPALITY');
    expect(page.url()).toContain(`rev=${revision}`);
    await page.click('details.cite summary');
    const text = await page.textContent('details.cite pre[data-format="text"]');
    expect(text).toContain(`ревизия на данните ${revision}`);
    expect(text).toContain(`rev=${revision}`);
    expect(await page.textContent('details.cite pre[data-format="bibtex"]')).toContain(`version = {${revision}}`);
    const csl = JSON.parse((await page.textContent('details.cite pre[data-format="csl-json"]'))!);
    expect(csl[0]).toMatchObject({ type: 'dataset', version: String(revision), publisher: 'Component 2 Hub' });
    await page.screenshot({ path: path.join(SHOTS, 'cite.png'), fullPage: true });
    // Pinned to a revision older than the data: said, with a way to the current one.
    await open(`?view=league&rev=${revision - 1}`);
    expect(await page.getAttribute('.revision.changed', 'data-pinned')).toBe(String(revision - 1));
    expect(await page.getAttribute('.revision.changed', 'data-revision')).toBe(String(revision));
    // And an export names the revision it was read at.
    const exported = await fetch(`${api.url}/export/comparison.csv?metrics=TOTAL_BUDGET`);
    expect(exported.headers.get('x-data-revision')).toBe(String(revision));
  });
});
