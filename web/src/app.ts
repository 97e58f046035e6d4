// The analysts' dashboard: a client of the hub's public GraphQL API, nothing else. Vanilla TypeScript
// (no UI framework: four views of forms, tables and charts do not need one) and Observable Plot for
// the charts (SVG, so every bar is in the DOM with its own title, and small). The view's state lives in
// the URL, so a link reproduces it.
import * as Plot from '@observablehq/plot';
import { stringify } from 'csv-stringify/browser/esm/sync';

type Lang = 'bg' | 'en';
type Row = Record<string, any>;

const TEXT = {
  bg: {
    compare: 'Сравнение',
    aggregates: 'Обобщения',
    explorer: 'GraphQL',
    municipality: 'Община',
    project: 'Проект',
    metrics: 'Показатели',
    basis: 'Основа',
    currency: 'Валута',
    municipalities: 'Общини',
    show: 'Покажи',
    all: 'всички',
    PLANNED: 'планирано',
    ACHIEVED: 'постигнато',
    BEST_AVAILABLE: 'най-доброто налично (постигнато, иначе планирано)',
    rank: 'Място',
    value: 'Стойност',
    qualifier: 'Вид',
    numerator: 'Числител',
    denominator: 'Знаменател',
    caveats: 'Уговорки',
    sources: 'Източници',
    download: 'Изтегли CSV',
    formula: 'Формула',
    legendPlanned: 'планирано (щриховано)',
    legendAchieved: 'постигнато',
    legendMixed: 'смесено / без основа',
    lowerBound: '≥ долна граница',
    approximate: '≈ приблизително',
    noValue: 'няма стойност',
    population: 'Население (преброяване 2021)',
    projects: 'Проекти',
    budget: 'Бюджет',
    period: 'Период',
    funding: 'Финансиране',
    indicators: 'Резултати',
    flags: 'Проверки на данните',
    revisions: 'Ревизии',
    sourceText: 'Текст на източника',
    verified: 'проверено в текста',
    notVerified: 'непроверено',
    groupBy: 'Групиране по',
    programme: 'Програма',
    startFrom: 'Начало от',
    endTo: 'Край до',
    asPublished: 'Както е публикувано',
    asOf: 'Към дата',
    breakdown: 'Част',
    author: 'Автор',
    changed: 'Променени полета',
    loading: 'Зареждане…',
    error: 'Грешка',
    language: 'English',
    sortBy: 'Подреди по',
  },
  en: {
    compare: 'Compare',
    aggregates: 'Aggregates',
    explorer: 'GraphQL',
    municipality: 'Municipality',
    project: 'Project',
    metrics: 'Metrics',
    basis: 'Basis',
    currency: 'Currency',
    municipalities: 'Municipalities',
    show: 'Show',
    all: 'all',
    PLANNED: 'planned',
    ACHIEVED: 'achieved',
    BEST_AVAILABLE: 'best available (achieved, else planned)',
    rank: 'Rank',
    value: 'Value',
    qualifier: 'Qualifier',
    numerator: 'Numerator',
    denominator: 'Denominator',
    caveats: 'Caveats',
    sources: 'Sources',
    download: 'Download CSV',
    formula: 'Formula',
    legendPlanned: 'planned (hatched)',
    legendAchieved: 'achieved',
    legendMixed: 'mixed / no basis',
    lowerBound: '≥ lower bound',
    approximate: '≈ approximate',
    noValue: 'no value',
    population: 'Population (Census 2021)',
    projects: 'Projects',
    budget: 'Budget',
    period: 'Period',
    funding: 'Funding',
    indicators: 'Outcomes',
    flags: 'Data-quality flags',
    revisions: 'Revisions',
    sourceText: 'Source text',
    verified: 'verified in the text',
    notVerified: 'not verified',
    groupBy: 'Group by',
    programme: 'Programme',
    startFrom: 'Start from',
    endTo: 'End by',
    asPublished: 'As published',
    asOf: 'As of',
    breakdown: 'Part',
    author: 'Author',
    changed: 'Changed fields',
    loading: 'Loading…',
    error: 'Error',
    language: 'Български',
    sortBy: 'Sort by',
  },
} as const;
type Key = keyof typeof TEXT.bg;

const DEFAULT_METRICS = ['COST_PER_PERSON_EMPLOYED', 'EDUCATION_COST_PER_CHILD', 'BUDGET_PER_RESIDENT'];
const BASIS_COLOUR: Record<string, string> = { PLANNED: '#4575b4', ACHIEVED: '#1a9850', MIXED: '#8c8c8c' };

const params = () => new URLSearchParams(location.search);
const lang = (): Lang => (params().get('lang') === 'en' ? 'en' : 'bg');
const t = (key: Key) => TEXT[lang()][key];
const list = (name: string) => params().get(name)?.split(',').filter(Boolean);

/** Names as published; in English mode with the Latin form beside. */
const named = (item: Row) => (lang() === 'en' && item.nameLatin ? `${item.nameLatin} (${item.name})` : item.name);

function link(changes: Record<string, string | null>): string {
  const next = params();
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
  }
  return `?${next.toString()}`;
}

function go(changes: Record<string, string | null>): void {
  history.pushState(null, '', link(changes));
  void render();
}

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Row> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((error: { message: string }) => error.message).join('; '));
  return body.data;
}

/** Builds an element: h('a', { href }, 'text', child). */
function h(
  tag: string,
  attributes: Record<string, string | number | boolean | null | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

const sourceLinks = (sources: Row[]) => {
  const span = h('span', { class: 'sources' });
  sources.forEach((source, index) => {
    if (index) span.append(' · ');
    span.append(
      source.url
        ? h('a', { href: source.url, rel: 'noopener' }, source.publisher ?? source.key)
        : (source.publisher ?? source.key),
    );
  });
  return span;
};

/** "Download CSV" of exactly what a table shows (its header and cells as displayed), written with csv-stringify. */
function tableCsvLink(table: HTMLTableElement, file: string): HTMLElement {
  const anchor = h('a', { class: 'download', href: '#', download: file }, t('download'));
  anchor.addEventListener('click', () => {
    const rows = [...table.querySelectorAll('tr')].map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
    );
    const blob = new Blob(['\uFEFF', stringify(rows)], { type: 'text/csv;charset=utf-8' });
    anchor.setAttribute('href', URL.createObjectURL(blob));
  });
  return h('p', {}, anchor);
}

function nav(): void {
  const current = params().get('view') ?? 'compare';
  const items: [string, Key][] = [
    ['compare', 'compare'],
    ['aggregates', 'aggregates'],
  ];
  const element = document.getElementById('nav')!;
  element.replaceChildren(
    ...items.map(([view, label]) =>
      h(
        'a',
        { href: link({ view, code: null, id: null }), 'aria-current': current === view ? 'page' : null },
        t(label),
      ),
    ),
    h('a', { href: '/graphql' }, t('explorer')),
  );
  element.setAttribute('aria-label', lang() === 'en' ? 'Views' : 'Изгледи');
  const button = document.getElementById('lang')!;
  button.textContent = t('language');
  button.setAttribute('lang', lang() === 'en' ? 'bg' : 'en');
  button.onclick = () => go({ lang: lang() === 'en' ? null : 'en' });
  document.documentElement.lang = lang();
}

// ---------- Compare ----------

const hatch = () => {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', '0');
  svg.setAttribute('height', '0');
  svg.setAttribute('aria-hidden', 'true');
  svg.innerHTML = `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
    <rect width="6" height="6" fill="${BASIS_COLOUR.PLANNED}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2.5"/></pattern></defs>`;
  return svg;
};

const legend = () =>
  h(
    'p',
    { class: 'legend' },
    h('span', { class: 'swatch planned', 'aria-hidden': 'true' }),
    ` ${t('legendPlanned')} `,
    h('span', { class: 'swatch achieved', 'aria-hidden': 'true' }),
    ` ${t('legendAchieved')} `,
    h('span', { class: 'swatch mixed', 'aria-hidden': 'true' }),
    ` ${t('legendMixed')} · ${t('lowerBound')} · ${t('approximate')} · ⚠ = ${t('caveats')}`,
  );

/** Every municipality with a project: the rows of a comparison of all of them (one small request). */
async function allMunicipalitiesWithProjects(): Promise<Row[]> {
  const data = await gql('{ comparison(metrics: [TOTAL_BUDGET]) { rows { municipality { code name nameLatin } } } }');
  return data.comparison.rows.map((row: Row) => row.municipality);
}

const CELLS = `rows { municipality { code name nameLatin } cells { metric value rank numerator denominator basis qualifier caveats { code message } sources { key url publisher } } }`;

async function renderCompare(main: HTMLElement): Promise<void> {
  const basis = params().get('basis') ?? 'BEST_AVAILABLE';
  const currency = params().get('currency') === 'EUR' ? 'EUR' : 'BGN';
  const codes = list('codes');
  const wanted = list('metrics') ?? DEFAULT_METRICS;
  const [catalogue, municipalities] = await Promise.all([
    gql('{ metrics { key name nameEn unit numerator denominator usesBasis rankDirection description } }'),
    allMunicipalitiesWithProjects(),
  ]);
  const metrics: Row[] = catalogue.metrics;
  const chosen = wanted.filter((key) => metrics.some((metric) => metric.key === key));
  const form = h('form', { class: 'controls', 'aria-label': t('compare') });
  const metricBox = h('fieldset', {}, h('legend', {}, t('metrics')));
  for (const metric of metrics) {
    const id = `metric-${metric.key}`;
    metricBox.append(
      h(
        'label',
        { for: id },
        h('input', { type: 'checkbox', id, name: 'metric', value: metric.key, checked: chosen.includes(metric.key) }),
        ` ${lang() === 'en' ? metric.nameEn : metric.name}`,
      ),
    );
  }
  const select = (name: string, label: string, options: [string, string][], value: string) =>
    h(
      'label',
      {},
      `${label} `,
      h(
        'select',
        { name },
        ...options.map(([option, text]) => h('option', { value: option, selected: option === value }, text)),
      ),
    );
  const municipalitySelect = h(
    'select',
    { name: 'codes', multiple: true, size: 6, 'aria-label': t('municipalities') },
    ...municipalities.map((municipality) =>
      h(
        'option',
        { value: municipality.code, selected: !codes || codes.includes(municipality.code) },
        named(municipality),
      ),
    ),
  );
  form.append(
    metricBox,
    h(
      'div',
      { class: 'row' },
      select(
        'basis',
        t('basis'),
        ['BEST_AVAILABLE', 'PLANNED', 'ACHIEVED'].map((value) => [value, t(value as Key)]),
        basis,
      ),
      select(
        'currency',
        t('currency'),
        [
          ['BGN', 'BGN'],
          ['EUR', 'EUR (1.95583)'],
        ],
        currency,
      ),
      h('label', {}, `${t('municipalities')} `, municipalitySelect),
      h('button', { type: 'submit' }, t('show')),
    ),
  );
  form.onsubmit = (event) => {
    event.preventDefault();
    const data = new FormData(form as HTMLFormElement);
    const selected = [...(municipalitySelect as HTMLSelectElement).selectedOptions].map((option) => option.value);
    go({
      metrics: data.getAll('metric').join(','),
      basis: String(data.get('basis')),
      currency: String(data.get('currency')),
      codes: selected.length === municipalities.length ? null : selected.join(','),
    });
  };
  main.replaceChildren(h('h1', {}, t('compare')), form, legend());
  // The numbers first (one small request for every metric), each section drawn at once; then each
  // metric's caveats and sources replace its section as they arrive.
  const generation = renders;
  const values = await gql(
    `query($metrics: [MetricKey!]!, $codes: [String!], $currency: Currency!, $basis: ComparisonBasis!) {
    comparison(metrics: $metrics, municipalityCodes: $codes, currency: $currency, basis: $basis) {
      rows { municipality { code name nameLatin } cells { metric value rank numerator denominator basis qualifier } } } }`,
    { metrics: chosen, codes: codes ?? null, currency, basis },
  );
  const options = { currency, basis, codes };
  // Only now the details, one comparison per metric (each within the API's cost limit): asked before,
  // they would queue ahead of the numbers in the hub's heavy lane.
  const comparisons = wanted.map((key) =>
    gql(
      `query($metrics: [MetricKey!]!, $codes: [String!], $currency: Currency!, $basis: ComparisonBasis!) {
    comparison(metrics: $metrics, municipalityCodes: $codes, currency: $currency, basis: $basis) { ${CELLS} } }`,
      { metrics: [key], codes: codes ?? null, currency, basis },
    ).then(
      (data) => data.comparison.rows as Row[],
      () => null,
    ),
  );
  chosen.forEach((key, index) => {
    const metric = metrics.find((candidate) => candidate.key === key)!;
    const section = metricSection(
      metric,
      values.comparison.rows.map((row: Row) => ({
        municipality: row.municipality,
        ...row.cells[index],
        caveats: [],
        sources: [],
      })),
      options,
    );
    section.setAttribute('aria-busy', 'true');
    main.append(section);
    void comparisons[wanted.indexOf(key)].then((rows) => {
      if (generation !== renders || !section.isConnected) return;
      if (!rows) {
        section.append(h('p', { role: 'alert', class: 'error' }, `${t('error')}: ${t('caveats')}, ${t('sources')}`));
        section.dataset.details = 'failed';
        return;
      }
      const full = metricSection(
        metric,
        rows.map((row: Row) => ({ municipality: row.municipality, ...row.cells[0] })),
        options,
      );
      full.dataset.details = 'loaded';
      section.replaceWith(full);
    });
  });
}

function metricSection(
  metric: Row,
  cells: Row[],
  options: { currency: string; basis: string; codes?: string[] },
): HTMLElement {
  const title = lang() === 'en' ? metric.nameEn : metric.name;
  const money = ['MONEY', 'MONEY_PER_PERSON', 'MONEY_PER_MONTH'].includes(metric.unit);
  const unit = money
    ? `${options.currency}${metric.unit === 'MONEY' ? '' : metric.unit === 'MONEY_PER_MONTH' ? ' / month' : ' / person'}`
    : metric.unit.toLowerCase();
  const withValue = cells.filter((cell) => cell.value !== null);
  const descending = metric.rankDirection === 'HIGHEST_FIRST';
  withValue.sort((a, b) => (Number(b.value) - Number(a.value)) * (descending ? 1 : -1));
  const basisOf = (cell: Row) => cell.basis ?? 'MIXED';
  const marker = (cell: Row) =>
    `${cell.qualifier === 'AT_LEAST' ? ' ≥' : cell.qualifier === 'APPROXIMATE' ? ' ≈' : ''}${cell.caveats.length ? ` ⚠${cell.caveats.length}` : ''}`;
  const label = (cell: Row) => named(cell.municipality);
  const tip = (cell: Row) =>
    [
      `${label(cell)}: ${cell.value} ${unit}${marker(cell)}`,
      cell.basis ? `${t('basis')}: ${t(cell.basis as Key)}` : '',
      cell.numerator !== null ? `${t('numerator')}: ${cell.numerator}` : '',
      cell.denominator !== null ? `${t('denominator')}: ${cell.denominator}` : '',
      ...cell.caveats.map((caveat: Row) => `⚠ ${caveat.code}: ${caveat.message}`),
      `${t('sources')}: ${cell.sources.map((source: Row) => source.url ?? source.key).join(', ')}`,
    ]
      .filter(Boolean)
      .join('\n');
  const section = h(
    'section',
    { class: 'metric', 'data-metric': metric.key, 'aria-labelledby': `h-${metric.key}` },
    h('h2', { id: `h-${metric.key}` }, title),
    h(
      'details',
      {},
      h('summary', {}, t('formula')),
      h('p', {}, `${t('numerator')}: ${metric.numerator}`),
      metric.denominator ? h('p', {}, `${t('denominator')}: ${metric.denominator}`) : null,
      h('p', { class: 'muted' }, metric.description),
    ),
  );
  if (withValue.length > 0) {
    const chart = Plot.plot({
      width: Math.min(900, Math.max(320, window.innerWidth - 40)),
      height: 34 + withValue.length * 24,
      marginLeft: Math.min(220, Math.max(...withValue.map((cell) => label(cell).length)) * 7 + 10),
      marginRight: 60,
      x: { label: unit, grid: true },
      y: { domain: withValue.map(label), label: null },
      marks: [
        Plot.barX(withValue, {
          x: (cell: Row) => Number(cell.value),
          y: label,
          fill: (cell: Row) => (basisOf(cell) === 'PLANNED' ? 'url(#hatch)' : BASIS_COLOUR[basisOf(cell)]),
          title: tip,
          ariaDescription: tip,
        }),
        Plot.text(withValue, {
          x: (cell: Row) => Number(cell.value),
          y: label,
          text: marker,
          dx: 4,
          textAnchor: 'start',
          fill: '#b35806',
        }),
        Plot.ruleX([0]),
      ],
      ariaLabel: `${title}: ${withValue.length} ${t('municipalities').toLowerCase()}`,
    });
    chart.prepend(hatch());
    section.append(h('figure', { class: 'chart' }, chart));
  }
  section.append(
    comparisonTable(metric, cells, unit, tip),
    h(
      'p',
      {},
      h(
        'a',
        {
          class: 'download',
          download: `comparison-${metric.key}.csv`,
          href: `/export/comparison.csv?${new URLSearchParams({ metrics: metric.key, currency: options.currency, basis: options.basis, ...(options.codes ? { municipalityCodes: options.codes.join(',') } : {}) })}`,
        },
        `${t('download')}: ${title}`,
      ),
    ),
  );
  return section;
}

function comparisonTable(metric: Row, cells: Row[], unit: string, tip: (cell: Row) => string): HTMLElement {
  const columns: [Key, (cell: Row) => string | number | null][] = [
    ['rank', (cell) => cell.rank],
    ['municipality', (cell) => named(cell.municipality)],
    ['value', (cell) => cell.value],
    ['basis', (cell) => (cell.basis ? t(cell.basis as Key) : '—')],
    ['qualifier', (cell) => cell.qualifier],
    ['numerator', (cell) => cell.numerator],
    ['denominator', (cell) => cell.denominator],
  ];
  const table = h('table', { class: 'numbers', 'data-metric': metric.key });
  table.append(h('caption', {}, `${lang() === 'en' ? metric.nameEn : metric.name} (${unit})`));
  let sortColumn = 0;
  let ascending = true;
  const head = h('tr', {});
  const body = h('tbody', {});
  const fill = () => {
    const sorted = [...cells].sort((a, b) => {
      const x = columns[sortColumn][1](a);
      const y = columns[sortColumn][1](b);
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const numeric = !Number.isNaN(Number(x)) && !Number.isNaN(Number(y));
      const order = numeric ? Number(x) - Number(y) : String(x).localeCompare(String(y), lang());
      return ascending ? order : -order;
    });
    body.replaceChildren(
      ...sorted.map((cell) =>
        h(
          'tr',
          {
            'data-municipality': cell.municipality.code,
            'data-value': cell.value ?? '',
            tabindex: 0,
            title: tip(cell),
          },
          ...columns.map(([name, value]) =>
            h('td', {}, value(cell) === null ? (name === 'value' ? t('noValue') : '—') : String(value(cell))),
          ),
          h(
            'td',
            {},
            ...cell.caveats.map((caveat: Row) =>
              h('span', { class: 'caveat', title: caveat.message }, caveat.code, ' '),
            ),
          ),
          h('td', {}, sourceLinks(cell.sources)),
        ),
      ),
    );
    [...head.children].forEach((th, index) =>
      th.setAttribute('aria-sort', index === sortColumn ? (ascending ? 'ascending' : 'descending') : 'none'),
    );
  };
  columns.forEach(([name], index) => {
    const button = h('button', { type: 'button', 'aria-label': `${t('sortBy')} ${t(name)}` }, t(name));
    button.onclick = () => {
      ascending = sortColumn === index ? !ascending : true;
      sortColumn = index;
      fill();
    };
    head.append(h('th', { scope: 'col' }, button));
  });
  head.append(h('th', { scope: 'col' }, t('caveats')), h('th', { scope: 'col' }, t('sources')));
  table.append(h('thead', {}, head), body);
  fill();
  return h('div', { class: 'scroll' }, table);
}

// ---------- Municipality and project ----------

async function renderMunicipality(main: HTMLElement): Promise<void> {
  const code = params().get('code') ?? '';
  const currency = params().get('currency') === 'EUR' ? 'EUR' : 'BGN';
  const { municipality } = await gql(
    `query($code: String!, $currency: Currency!) { municipality(code: $code) { code name nameLatin population oblast { name nameLatin }
    projects(first: 100) { edges { node { id key title titleLatin confirmation budget(currency: $currency) { amount currency } period { startDate endDate } } } } } }`,
    { code, currency },
  );
  if (!municipality) throw new Error(`${code}?`);
  const exportFilter = encodeURIComponent(JSON.stringify({ municipalityCodes: [municipality.code] }));
  main.replaceChildren(
    h('h1', { 'data-municipality': municipality.code }, named(municipality)),
    h(
      'p',
      {},
      `${named(municipality.oblast)} · ${t('population')}: `,
      h('span', { 'data-population': '' }, String(municipality.population ?? '—')),
    ),
    h('h2', {}, t('projects')),
    h(
      'ul',
      {},
      ...municipality.projects.edges.map(({ node }: Row) =>
        h(
          'li',
          { 'data-project': node.key },
          h(
            'a',
            { href: link({ view: 'project', id: node.id, code: null }) },
            lang() === 'en' && node.titleLatin ? node.titleLatin : (node.title ?? node.key),
          ),
          ` · ${t('budget')}: `,
          h('span', { class: 'budget' }, node.budget ? `${node.budget.amount} ${node.budget.currency}` : t('noValue')),
          ` · ${node.period.startDate ?? '?'} – ${node.period.endDate ?? '?'} · ${node.confirmation}`,
        ),
      ),
    ),
    h(
      'p',
      {},
      h(
        'a',
        {
          class: 'download',
          download: `${municipality.code}-projects.csv`,
          href: `/export/projects.csv?currency=${currency}&filter=${exportFilter}`,
        },
        `${t('download')}: ${t('projects')}`,
      ),
      ' · ',
      h(
        'a',
        {
          class: 'download',
          download: `${municipality.code}-indicator-values.csv`,
          href: `/export/indicator-values.csv?filter=${exportFilter}`,
        },
        `${t('download')}: ${t('indicators')}`,
      ),
    ),
  );
}

async function renderProject(main: HTMLElement): Promise<void> {
  const id = params().get('id') ?? '';
  const currency = params().get('currency') === 'EUR' ? 'EUR' : 'BGN';
  const { node: project } = await gql(
    `query($id: ID!, $currency: Currency!) { node(id: $id) { ... on Project {
    key title titleLatin confirmation status aim budget(currency: $currency) { amount currency }
    municipality { code name nameLatin }
    period { startDate endDate durationMonths statedDurationMonths statements { field date months asPublished verified source { key url publisher } } }
    funding { programme { code name } kind qualifier asPublished verified amount(currency: $currency) { amount currency } source { key url publisher } }
    indicators { indicator { code name unit } value qualifier basis asOf breakdown asPublished verified source { key url publisher } }
    qualityFlags { code severity field message }
    revisions { revision importedAt author changedFields }
    sources { key url title publisher textSha256 text } } } }`,
    { id, currency },
  );
  if (!project) throw new Error(`${id}?`);
  const checked = (row: Row) =>
    h('span', { class: row.verified ? 'ok' : 'muted' }, row.verified ? `✓ ${t('verified')}` : t('notVerified'));
  const table = (caption: Key, headers: Key[], rows: Row[], cells: (row: Row) => (Node | string)[]) => {
    const element = h(
      'table',
      { 'data-table': caption },
      h('caption', {}, t(caption)),
      h('thead', {}, h('tr', {}, ...headers.map((name) => h('th', { scope: 'col' }, t(name))))),
      h('tbody', {}, ...rows.map((row) => h('tr', {}, ...cells(row).map((cell) => h('td', {}, cell))))),
    );
    return h(
      'div',
      { class: 'scroll' },
      element,
      tableCsvLink(element as HTMLTableElement, `${project.key}-${caption}.csv`),
    );
  };
  main.replaceChildren(
    h(
      'h1',
      { 'data-project': project.key },
      lang() === 'en' && project.titleLatin ? project.titleLatin : (project.title ?? project.key),
    ),
    h(
      'p',
      {},
      h(
        'a',
        { href: link({ view: 'municipality', code: project.municipality.code, id: null }) },
        named(project.municipality),
      ),
      ` · ${project.confirmation} · ${project.status}`,
    ),
    h(
      'p',
      {},
      `${t('budget')}: `,
      h(
        'strong',
        { 'data-budget': project.budget?.amount ?? '' },
        project.budget ? `${project.budget.amount} ${project.budget.currency}` : t('noValue'),
      ),
    ),
    project.aim ? h('p', { class: 'muted' }, project.aim) : '',
    h('h2', {}, t('period')),
    h(
      'p',
      {},
      `${project.period.startDate ?? '?'} – ${project.period.endDate ?? '?'} (${project.period.durationMonths ?? '?'} / ${project.period.statedDurationMonths ?? '—'})`,
    ),
    table('period', ['period', 'asPublished', 'verified', 'sources'], project.period.statements, (row) => [
      `${row.field} ${row.date ?? row.months ?? ''}`,
      row.asPublished ?? '',
      checked(row),
      sourceLinks([row.source]),
    ]),
    table(
      'funding',
      ['programme', 'value', 'qualifier', 'asPublished', 'verified', 'sources'],
      project.funding,
      (row) => [
        `${row.programme?.code ?? '—'} ${row.kind}`,
        row.amount ? `${row.amount.amount} ${row.amount.currency}` : '—',
        row.qualifier,
        row.asPublished ?? '',
        checked(row),
        sourceLinks([row.source]),
      ],
    ),
    table(
      'indicators',
      ['indicators', 'value', 'basis', 'qualifier', 'asOf', 'breakdown', 'asPublished', 'verified', 'sources'],
      project.indicators,
      (row) => [
        `${row.indicator.code}`,
        String(row.value),
        t(row.basis as Key),
        row.qualifier,
        row.asOf ?? '',
        row.breakdown ?? '',
        row.asPublished ?? '',
        checked(row),
        sourceLinks([row.source]),
      ],
    ),
    h('h2', {}, t('flags')),
    h(
      'ul',
      { 'data-flags': project.qualityFlags.length },
      ...project.qualityFlags.map((flag: Row) =>
        h('li', {}, h('strong', {}, `${flag.code} (${flag.severity.toLowerCase()})`), `: ${flag.message}`),
      ),
    ),
    table('revisions', ['revisions', 'period', 'author', 'changed'], project.revisions, (row) => [
      String(row.revision),
      row.importedAt,
      row.author ?? '—',
      row.changedFields.join(', '),
    ]),
    h('h2', {}, t('sources')),
    ...project.sources.map((source: Row) =>
      h(
        'section',
        { class: 'source' },
        h('h3', {}, source.url ? h('a', { href: source.url, rel: 'noopener' }, source.title) : source.title),
        h('p', { class: 'muted' }, source.publisher),
        source.text
          ? h(
              'details',
              {},
              h('summary', {}, `${t('sourceText')} (SHA-256 ${source.textSha256.slice(0, 12)}…)`),
              h('pre', {}, source.text),
            )
          : '',
      ),
    ),
  );
}

// ---------- Aggregates ----------

async function renderAggregates(main: HTMLElement): Promise<void> {
  const group = params().get('groupBy') === 'OBLAST' ? 'OBLAST' : 'MUNICIPALITY';
  const currency = params().get('currency') === 'EUR' ? 'EUR' : 'BGN';
  const filter: Row = {};
  if (params().get('startFrom')) filter.startDateFrom = params().get('startFrom');
  if (params().get('endTo')) filter.endDateTo = params().get('endTo');
  const form = h(
    'form',
    { class: 'controls row', 'aria-label': t('aggregates') },
    h(
      'label',
      {},
      `${t('groupBy')} `,
      h(
        'select',
        { name: 'groupBy' },
        ...[
          ['MUNICIPALITY', t('municipality')],
          ['OBLAST', 'Oblast'],
        ].map(([value, text]) => h('option', { value, selected: value === group }, text)),
      ),
    ),
    h(
      'label',
      {},
      `${t('currency')} `,
      h(
        'select',
        { name: 'currency' },
        ...['BGN', 'EUR'].map((value) => h('option', { value, selected: value === currency }, value)),
      ),
    ),
    h(
      'label',
      {},
      `${t('startFrom')} `,
      h('input', { type: 'date', name: 'startFrom', value: filter.startDateFrom ?? '' }),
    ),
    h('label', {}, `${t('endTo')} `, h('input', { type: 'date', name: 'endTo', value: filter.endDateTo ?? '' })),
    h('button', { type: 'submit' }, t('show')),
  );
  form.onsubmit = (event) => {
    event.preventDefault();
    const data = new FormData(form as HTMLFormElement);
    go({
      groupBy: String(data.get('groupBy')),
      currency: String(data.get('currency')),
      startFrom: String(data.get('startFrom') ?? ''),
      endTo: String(data.get('endTo') ?? ''),
    });
  };
  const { aggregate } = await gql(
    `query($groupBy: [Dimension!]!, $filter: ProjectFilter, $currency: Currency!) {
    aggregate(groupBy: $groupBy, measures: [BUDGET_SUM, PROJECT_COUNT], filter: $filter, currency: $currency) { keys { dimension value label } values { measure value leftOut } } }`,
    { groupBy: [group, 'PROGRAMME'], filter: Object.keys(filter).length ? filter : null, currency },
  );
  const rows = aggregate.map((item: Row) => ({
    key: item.keys[0].value,
    label: item.keys[0].label ?? item.keys[0].value,
    programme: item.keys[1].label ?? item.keys[1].value ?? '—',
    budget: item.values[0].value === null ? null : Number(item.values[0].value),
    budgetText: item.values[0].value,
    leftOut: item.values[0].leftOut,
    projects: item.values[1].value,
  }));
  const charted = rows.filter((row: Row) => row.budget !== null);
  const chart = charted.length
    ? Plot.plot({
        width: Math.min(900, Math.max(320, window.innerWidth - 40)),
        height: 40 + new Set(charted.map((row: Row) => row.label)).size * 24,
        marginLeft: 160,
        x: { label: currency, grid: true },
        y: { label: null },
        color: { legend: true, scheme: 'Tableau10' },
        marks: [
          Plot.barX(
            charted,
            Plot.stackX({
              x: 'budget',
              y: 'label',
              fill: 'programme',
              title: (row: Row) => `${row.label} · ${row.programme}: ${row.budgetText} ${currency}`,
            }),
          ),
          Plot.ruleX([0]),
        ],
        ariaLabel: `${t('budget')} × ${t('programme')}`,
      })
    : null;
  const exportParams = new URLSearchParams({
    groupBy: `${group},PROGRAMME`,
    measures: 'BUDGET_SUM,PROJECT_COUNT',
    currency,
    ...(Object.keys(filter).length ? { filter: JSON.stringify(filter) } : {}),
  });
  main.replaceChildren(
    h('h1', {}, t('aggregates')),
    form,
    chart ? h('figure', { class: 'chart' }, chart) : '',
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'numbers', 'data-table': 'aggregate' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              t(group === 'OBLAST' ? 'groupBy' : 'municipality'),
              t('programme'),
              `${t('budget')} (${currency})`,
              t('projects'),
            ].map((text) => h('th', { scope: 'col' }, text)),
          ),
        ),
        h(
          'tbody',
          {},
          ...rows.map((row: Row) =>
            h(
              'tr',
              { 'data-key': row.key, 'data-programme': row.programme, 'data-value': row.budgetText ?? '' },
              h(
                'td',
                {},
                group === 'MUNICIPALITY'
                  ? h('a', { href: link({ view: 'municipality', code: row.key }) }, row.label)
                  : row.label,
              ),
              h('td', {}, row.programme),
              h('td', {}, row.budgetText ?? t('noValue'), row.leftOut ? ` (⚠ ${row.leftOut})` : ''),
              h('td', {}, row.projects),
            ),
          ),
        ),
      ),
    ),
    h(
      'p',
      {},
      h(
        'a',
        { class: 'download', download: 'aggregate.csv', href: `/export/aggregate.csv?${exportParams}` },
        t('download'),
      ),
    ),
  );
}

// ---------- Router ----------

/** Counts renders: work finishing after the view changed is dropped. */
let renders = 0;

async function render(): Promise<void> {
  renders += 1;
  nav();
  const main = document.getElementById('main')!;
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { role: 'status' }, t('loading')));
  try {
    const view = params().get('view') ?? 'compare';
    if (view === 'municipality') await renderMunicipality(main);
    else if (view === 'project') await renderProject(main);
    else if (view === 'aggregates') await renderAggregates(main);
    else await renderCompare(main);
    // Names of municipalities in every view lead to their page.
    for (const row of main.querySelectorAll<HTMLElement>('tr[data-municipality]')) {
      const cell = row.children[1];
      if (cell && !cell.querySelector('a'))
        cell.replaceChildren(
          h('a', { href: link({ view: 'municipality', code: row.dataset.municipality! }) }, cell.textContent ?? ''),
        );
    }
  } catch (error) {
    main.replaceChildren(h('p', { role: 'alert', class: 'error' }, `${t('error')}: ${(error as Error).message}`));
  } finally {
    main.setAttribute('aria-busy', 'false');
    document.body.dataset.ready = 'true';
  }
}

window.addEventListener('popstate', () => void render());
void render();
