import { type Cell, type ComparisonRows, gql } from './api';
import { basisMark, loadMetrics, emptyReason, marks, metricName, rankCounts, rankText, shown, unitOf } from './cells';
import {
  basisParam,
  basisSelect,
  currencyParam,
  currencySelect,
  english,
  h,
  link,
  nameBeside,
  params,
  sourceLinks,
  tableCsvLink,
} from './dom';
import { lang, named, t } from './i18n';
import { formula, label } from './labels';
import { go } from './navigation';
import { reproduce, revisionNotice } from './revision';

/**
 * The league table: every municipality × every metric in one table (value, basis marker, qualifier mark,
 * rank within its basis, caveat count), sortable by any column, filtered by basis, downloadable; each
 * cell links to its explanation (the `cell` view), an empty one with its reason in its tooltip.
 */

type LeagueCell = Omit<Cell, 'municipality' | 'sources'>;

export async function renderLeague(main: HTMLElement): Promise<void> {
  const basis = basisParam();
  const currency = currencyParam();
  const metrics = await loadMetrics();
  const keys = metrics.map((metric) => metric.key);
  const variables = { metrics: keys, currency, basis };
  const data = await gql<ComparisonRows>('league', variables);
  // The league reads only the caveat count; its cells carry no caveats of their own.
  const rows = data.comparison.rows.map((row) => ({
    ...row,
    cells: row.cells.map((cell) => ({ ...cell, caveats: [] })),
  }));
  const form = h(
    'form',
    { class: 'controls row', 'aria-label': t('league') },
    basisSelect(basis),
    currencySelect(currency),
    h('button', { type: 'submit' }, t('show')),
  );
  form.onsubmit = (event) => {
    event.preventDefault();
    const chosen = new FormData(form as HTMLFormElement);
    go({ basis: String(chosen.get('basis')), currency: String(chosen.get('currency')) });
  };
  const counts = metrics.map((_metric, index) => rankCounts(rows.map((row) => row.cells[index])));
  const cellText = (cell: LeagueCell, column: number) =>
    cell.value === null
      ? '—'
      : `${basisMark(cell.basis)}${shown(cell.value, metrics[column].unit)}${marks(cell)}${cell.rank !== null ? ` #${cell.rank}` : ''}`;
  let sortColumn = -1;
  let ascending = true;
  const body = h('tbody', {});
  const head = h('tr', {});
  const collator = new Intl.Collator(lang());
  // Each row built once; a sort only puts them in another order.
  const built = rows.map((row) => {
    return h(
      'tr',
      { 'data-municipality': row.municipality.code },
      h(
        'th',
        { scope: 'row' },
        h('a', { href: link({ view: 'municipality', code: row.municipality.code }) }, named(row.municipality)),
      ),
      ...row.cells.map((cell, column) => {
        const explain = link({ view: 'cell', code: row.municipality.code, metric: cell.metric, basis });
        // The tooltip: basis, rank and caveats in words; an empty cell's reason is on its explanation page.
        const why = [
          cell.value === null
            ? `${t('noValue')}: ${t('whyEmpty').toLowerCase()} → ${t('explanation').toLowerCase()}`
            : '',
          cell.basis ? label('Basis', cell.basis) : '',
          cell.value === null ? '' : rankText(cell, counts[column]),
          cell.caveatCount ? `⚠ ${cell.caveatCount} ${t('caveats').toLowerCase()}` : '',
        ]
          .filter(Boolean)
          .join('; ');
        return h(
          'td',
          {
            'data-metric': cell.metric,
            'data-value': cell.value ?? '',
            'data-rank': cell.rank ?? '',
            'data-basis': cell.basis ?? '',
            class: cell.value === null ? 'empty' : (cell.basis ?? '').toLowerCase(),
          },
          h(
            'a',
            // The row's and column's headers name the cell for a screen reader; the title says the rest.
            { href: explain, title: why },
            cellText(cell, column),
          ),
        );
      }),
    );
  });
  const fill = () => {
    const order = rows.map((_, index) => index);
    order.sort((a, b) => {
      if (sortColumn < 0) {
        const byName = collator.compare(named(rows[a].municipality), named(rows[b].municipality));
        return ascending ? byName : -byName;
      }
      const x = rows[a].cells[sortColumn].value;
      const y = rows[b].cells[sortColumn].value;
      if (x === null) return y === null ? 0 : 1;
      if (y === null) return -1;
      return (Number(x) - Number(y)) * (ascending ? 1 : -1);
    });
    body.replaceChildren(...order.map((index) => built[index]));
    [...head.children].forEach((th, index) =>
      th.setAttribute('aria-sort', index - 1 === sortColumn ? (ascending ? 'ascending' : 'descending') : 'none'),
    );
  };
  const sortButton = (text: string, column: number) => {
    const button = h('button', { type: 'button', 'aria-label': `${t('sortBy')} ${text}` }, text);
    // First by name A–Z, or a metric rank 1 first; a second click turns the order round.
    button.onclick = () => {
      const firstAscending = column < 0 || metrics[column].rankDirection === 'LOWEST_FIRST';
      ascending = sortColumn === column ? !ascending : firstAscending;
      sortColumn = column;
      fill();
    };
    return button;
  };
  head.append(h('th', { scope: 'col' }, sortButton(t('municipality'), -1)));
  metrics.forEach((metric, index) =>
    head.append(
      h(
        'th',
        { scope: 'col', 'data-metric': metric.key },
        sortButton(metricName(metric), index),
        h('br'),
        h('small', {}, unitOf(metric, currency)),
      ),
    ),
  );
  const table = h(
    'table',
    { class: 'numbers league', 'data-table': 'league' },
    h('caption', {}, t('league')),
    h('thead', {}, head),
    body,
  );
  fill();
  main.replaceChildren(
    h('h1', {}, t('league')),
    revisionNotice(),
    h('p', { class: 'muted' }, t('leagueIntro')),
    form,
    h('div', { class: 'scroll' }, table),
    tableCsvLink(table as HTMLTableElement, `league-${basis}.csv`),
    reproduce(`${t('league')} (${label('ComparisonBasis', basis)}, ${currency})`, 'league', variables),
  );
}

/** One cell explained: the value, the formula's numerator and denominator with their sources, caveats, projects. */
export async function renderCell(main: HTMLElement): Promise<void> {
  const code = params().get('code') ?? '';
  const key = params().get('metric') ?? '';
  const basis = basisParam();
  const currency = currencyParam();
  const metrics = await loadMetrics();
  const metric = metrics.find((candidate) => candidate.key === key);
  if (!metric) throw new Error(`${t('metrics')}: ${key}?`);
  const variables = { metrics: [key], codes: [code], currency, basis };
  const data = await gql<ComparisonRows>('cell', variables);
  const row = data.comparison.rows[0];
  if (!row) throw new Error(`${t('municipality')} ${code}?`);
  const cell = row.cells[0];
  const words = formula(key);
  const unit = unitOf(metric, currency);
  const title = `${metricName(metric)}: ${named(row.municipality)}`;
  main.replaceChildren(
    h('h1', { 'data-metric': key, 'data-municipality': code }, title),
    revisionNotice(),
    h(
      'dl',
      { class: 'overview' },
      h('dt', {}, t('value')),
      h(
        'dd',
        { 'data-value': cell.value ?? '' },
        cell.value === null ? t('noValue') : `${shown(cell.value, metric.unit)} ${unit}${marks(cell)}`,
      ),
      h('dt', {}, t('basis')),
      h('dd', {}, cell.basis ? `${basisMark(cell.basis)} ${label('Basis', cell.basis)}` : '—'),
      h('dt', {}, t('qualifier')),
      h('dd', {}, label('Qualifier', cell.qualifier)),
      h('dt', {}, t('numerator')),
      h('dd', { 'data-numerator': cell.numerator ?? '' }, `${words.numerator}: ${cell.numerator ?? '—'}`),
      ...(words.denominator
        ? [
            h('dt', {}, t('denominator')),
            h('dd', { 'data-denominator': cell.denominator ?? '' }, `${words.denominator}: ${cell.denominator ?? '—'}`),
          ]
        : []),
      h('dt', {}, t('rank')),
      h(
        'dd',
        {},
        cell.rank === null
          ? cell.value === null
            ? '—'
            : t('notRanked')
          : `${cell.rank} (${label('RankDirection', metric.rankDirection)})`,
      ),
      h('dt', {}, t('sources')),
      h('dd', {}, cell.sources.length ? sourceLinks(cell.sources) : t('none')),
    ),
    cell.value === null
      ? h('section', { 'data-section': 'why-empty' }, h('h2', {}, t('whyEmpty')), h('p', {}, emptyReason(cell, basis)))
      : '',
    h('h2', {}, t('caveats')),
    cell.caveats.length
      ? h(
          'ul',
          {},
          ...cell.caveats.map((caveat) =>
            h(
              'li',
              { 'data-caveat': caveat.code },
              h('strong', {}, label('CaveatCode', caveat.code)),
              ': ',
              english(caveat.message),
            ),
          ),
        )
      : h('p', {}, t('none')),
    h('h2', {}, t('projectsBehind')),
    h(
      'ul',
      {},
      ...(row.projects ?? []).map((project) =>
        h(
          'li',
          { 'data-project': project.key },
          h(
            'a',
            { href: link({ view: 'project', id: project.id, code: null, metric: null }) },
            nameBeside(project.title ?? project.key, project.titleLatin),
          ),
        ),
      ),
    ),
    reproduce(title, 'cell', variables),
  );
}
