import * as Plot from '@observablehq/plot';
import { type Cell, type ComparisonRows, gql, type Metric, type Named } from './api';
import { basisMark, loadMetrics, emptyReason, marks, metricName, shown, unitOf } from './cells';
import {
  basisSelect,
  currencyParam,
  currencySelect,
  english,
  h,
  link,
  list,
  params,
  sourceLinks,
  sourcesText,
} from './dom';
import { type Key, lang, named, t } from './i18n';
import { formula, label } from './labels';
import { currentDraw, go } from './navigation';
import { reproduce, revisionNotice } from './revision';

/** The Compare view: one ranked chart and one sortable table per metric, planned hatched, achieved solid. */

const DEFAULT_METRICS = ['COST_PER_PERSON_EMPLOYED', 'EDUCATION_COST_PER_CHILD', 'BUDGET_PER_RESIDENT'];
const BASIS_COLOUR: Record<string, string> = { PLANNED: '#4575b4', ACHIEVED: '#1a9850', MIXED: '#8c8c8c' };

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
async function allMunicipalitiesWithProjects(): Promise<Named[]> {
  const data = await gql<ComparisonRows>('municipalitiesWithProjects');
  return data.comparison.rows.map((row) => row.municipality);
}

export async function renderCompare(main: HTMLElement): Promise<void> {
  const basis = params().get('basis') ?? 'BEST_AVAILABLE';
  const currency = currencyParam();
  const codes = list('codes');
  const wanted = list('metrics') ?? DEFAULT_METRICS;
  const [catalogue, municipalities] = await Promise.all([
    loadMetrics().then((metrics) => ({ metrics })),
    allMunicipalitiesWithProjects(),
  ]);
  const metrics = catalogue.metrics;
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
        ` ${metricName(metric)}`,
      ),
    );
  }
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
      basisSelect(basis),
      currencySelect(currency, 'EUR (1.95583)'),
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
  const heading = main.querySelector('h1')!;
  // The numbers first (one small request for every metric), each section drawn at once; then each
  // metric's caveats and sources replace its section as they arrive.
  const generation = currentDraw();
  const values = await gql<ComparisonRows>('comparisonValues', {
    metrics: chosen,
    codes: codes ?? null,
    currency,
    basis,
  });
  heading.after(revisionNotice());
  const options = { currency, basis, codes };
  // Only now the details, one comparison per metric (each within the API's cost limit): asked before,
  // they would queue ahead of the numbers in the hub's heavy lane.
  const comparisons = wanted.map((key) =>
    gql<ComparisonRows>('comparisonDetails', { metrics: [key], codes: codes ?? null, currency, basis }).then(
      (data) => data.comparison.rows,
      () => null,
    ),
  );
  // The first screen now; the rest one section per frame (a queue paced by requestAnimationFrame), so
  // that the page is painted and answers input while they are laid out. Details that arrive are drawn
  // through the same queue; a section whose details come before its turn is drawn once, with them.
  const queue: (() => void)[] = [];
  let pumping = false;
  const pump = () => {
    if (pumping) return;
    pumping = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        pumping = false;
        if (generation !== currentDraw()) return;
        queue.shift()?.();
        if (queue.length) pump();
      }),
    );
  };
  const later = (job: () => void) => {
    queue.push(job);
    pump();
  };
  const sections = chosen.map((key, index) => {
    const metric = metrics.find((candidate) => candidate.key === key)!;
    let current = h(
      'section',
      { class: 'metric', 'data-metric': key, 'aria-busy': 'true' },
      h('h2', {}, metricName(metric)),
      h('p', { role: 'status' }, t('loading')),
    );
    main.append(current);
    // Set when the details arrive (their drawing waits its turn in the queue): the values alone are then not drawn.
    let arrived = false;
    const put = (next: HTMLElement) => {
      current.replaceWith(next);
      current = next;
    };
    void comparisons[wanted.indexOf(key)].then((rows) => {
      arrived = rows !== null;
      later(() => {
        if (!current.isConnected) return;
        if (!rows) {
          current.append(h('p', { role: 'alert', class: 'error' }, `${t('error')}: ${t('caveats')}, ${t('sources')}`));
          current.dataset.details = 'failed';
          return;
        }
        const full = metricSection(
          metric,
          rows.map((row) => ({ municipality: row.municipality, ...row.cells[0] })),
          options,
        );
        full.dataset.details = 'loaded';
        put(full);
      });
    });
    return () => {
      if (arrived || !current.isConnected) return;
      const drawn = metricSection(
        metric,
        values.comparison.rows.map((row) => ({
          municipality: row.municipality,
          ...row.cells[index],
          caveats: [],
          sources: [],
        })),
        options,
      );
      drawn.setAttribute('aria-busy', 'true');
      put(drawn);
    };
  });
  const FIRST_SCREEN = 2;
  sections.slice(0, FIRST_SCREEN).forEach((draw) => draw());
  sections.slice(FIRST_SCREEN).forEach(later);
}

function metricSection(
  metric: Metric,
  cells: Cell[],
  options: { currency: string; basis: string; codes?: string[] },
): HTMLElement {
  const title = metricName(metric);
  const unit = unitOf(metric, options.currency);
  const withValue = cells.filter((cell) => cell.value !== null);
  const descending = metric.rankDirection === 'HIGHEST_FIRST';
  withValue.sort((a, b) => (Number(b.value) - Number(a.value)) * (descending ? 1 : -1));
  const basisOf = (cell: Cell) => cell.basis ?? 'MIXED';
  const marker = marks;
  const nameOf = (cell: Cell) => named(cell.municipality);
  const tip = (cell: Cell) =>
    [
      `${nameOf(cell)}: ${cell.value} ${unit}${marker(cell)}`,
      cell.basis ? `${t('basis')}: ${label('Basis', cell.basis)}` : '',
      cell.numerator != null ? `${t('numerator')}: ${cell.numerator}` : '',
      cell.denominator != null ? `${t('denominator')}: ${cell.denominator}` : '',
      ...cell.caveats.map((caveat) => `⚠ ${label('CaveatCode', caveat.code)}`),
      cell.sources.length ? `${t('sources')}: ${sourcesText(cell.sources)}` : '',
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
      h('p', {}, `${t('numerator')}: ${formula(metric.key).numerator}`),
      formula(metric.key).denominator ? h('p', {}, `${t('denominator')}: ${formula(metric.key).denominator}`) : null,
      h('p', {}, `${t('rank')}: ${label('RankDirection', metric.rankDirection)}`),
      english(metric.description, 'p'),
    ),
  );
  if (withValue.length > 0) {
    const chart = Plot.plot({
      width: Math.min(900, Math.max(320, window.innerWidth - 40)),
      height: 34 + withValue.length * 24,
      marginLeft: Math.min(220, Math.max(...withValue.map((cell) => nameOf(cell).length)) * 7 + 10),
      marginRight: 60,
      x: { label: unit, grid: true },
      y: { domain: withValue.map(nameOf), label: null },
      marks: [
        Plot.barX(withValue, {
          x: (cell: Cell) => Number(cell.value),
          y: nameOf,
          fill: (cell: Cell) => (basisOf(cell) === 'PLANNED' ? 'url(#hatch)' : BASIS_COLOUR[basisOf(cell)]),
          title: tip,
          ariaDescription: tip,
        }),
        Plot.text(withValue, {
          x: (cell: Cell) => Number(cell.value),
          y: nameOf,
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
    reproduce(`${t('compare')}: ${title}`, 'comparisonDetails', {
      metrics: [metric.key],
      codes: options.codes ?? null,
      currency: options.currency,
      basis: options.basis,
    }),
  );
  return section;
}

function comparisonTable(metric: Metric, cells: Cell[], unit: string, tip: (cell: Cell) => string): HTMLElement {
  const columns: [Key, (cell: Cell) => string | number | null][] = [
    ['rank', (cell) => cell.rank],
    ['municipality', (cell) => named(cell.municipality)],
    ['value', (cell) => (cell.value === null ? null : shown(cell.value, metric.unit))],
    ['basis', (cell) => (cell.basis ? `${basisMark(cell.basis)} ${label('Basis', cell.basis)}` : '—')],
    ['qualifier', (cell) => (cell.qualifier ? label('Qualifier', cell.qualifier) : null)],
    ['numerator', (cell) => cell.numerator ?? null],
    ['denominator', (cell) => cell.denominator ?? null],
  ];
  const table = h('table', { class: 'numbers', 'data-metric': metric.key });
  table.append(h('caption', {}, `${metricName(metric)} (${unit})`));
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
            cell.value === null && cell.caveats.length
              ? h(
                  'a',
                  { class: 'reason', href: link({ view: 'cell', code: cell.municipality.code, metric: metric.key }) },
                  emptyReason(cell, params().get('basis') ?? 'BEST_AVAILABLE'),
                )
              : '',
            ...cell.caveats
              .filter(() => cell.value !== null)
              .map((caveat) =>
                h(
                  'span',
                  { class: 'caveat', 'data-caveat': caveat.code, title: caveat.message ?? '' },
                  `⚠ ${label('CaveatCode', caveat.code)} `,
                ),
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
