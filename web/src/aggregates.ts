import * as Plot from '@observablehq/plot';
import { type AggregateAnswer, type LeftOutReason, gql } from './api';
import { currencyParam, currencySelect, h, labelledSelect, link, params } from './dom';
import { lang, t } from './i18n';
import { label, programmeLabel } from './labels';
import { reproduce, revisionNotice } from './revision';
import { go } from './navigation';

/** The Aggregates view: budget by programme per municipality or oblast, stacked, with its table and CSV. */

interface AggregateRow {
  key: string | null;
  label: string | null;
  programme: string;
  budget: number | null;
  budgetText: string | null;
  leftOut: number | null;
  reasons: { reason: LeftOutReason; projects: number }[];
  projects: string | null;
}

export async function renderAggregates(main: HTMLElement): Promise<void> {
  const group = params().get('groupBy') === 'OBLAST' ? 'OBLAST' : 'MUNICIPALITY';
  const currency = currencyParam();
  const filter: { startDateFrom?: string; endDateTo?: string } = {};
  if (params().get('startFrom')) filter.startDateFrom = params().get('startFrom')!;
  if (params().get('endTo')) filter.endDateTo = params().get('endTo')!;
  const form = h(
    'form',
    { class: 'controls row', 'aria-label': t('aggregates') },
    labelledSelect(
      'groupBy',
      t('groupBy'),
      [
        ['MUNICIPALITY', t('municipality')],
        ['OBLAST', t('oblast')],
      ],
      group,
    ),
    currencySelect(currency),
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
  const variables = { groupBy: [group, 'PROGRAMME'], filter: Object.keys(filter).length ? filter : null, currency };
  const { aggregate } = await gql<AggregateAnswer>('aggregate', variables);
  // Names as published; in English the official Latin form with the published one beside.
  const nameOf = (key: AggregateAnswer['aggregate'][number]['keys'][number]) =>
    lang() === 'en' && key.labelLatin && key.label ? `${key.labelLatin} (${key.label})` : (key.label ?? key.value);
  const rows: AggregateRow[] = aggregate.map((item) => ({
    key: item.keys[0].value,
    label: nameOf(item.keys[0]),
    programme: programmeLabel(item.keys[1].value, t('noProgramme')),
    budget: item.values[0].value === null ? null : Number(item.values[0].value),
    budgetText: item.values[0].value,
    leftOut: item.values[0].leftOut,
    reasons: item.values[0].leftOutReasons ?? [],
    projects: item.values[1].value,
  }));
  // One order for the table and the chart: by name (as the reader's language sorts), then programme.
  const collator = new Intl.Collator(lang());
  rows.sort((a, b) => collator.compare(a.label ?? '', b.label ?? '') || collator.compare(a.programme, b.programme));
  const charted = rows.filter((row: AggregateRow) => row.budget !== null);
  const chart = charted.length
    ? Plot.plot({
        width: Math.min(900, Math.max(320, window.innerWidth - 40)),
        height: 40 + new Set(charted.map((row: AggregateRow) => row.label)).size * 24,
        marginLeft: 160,
        x: { label: currency, grid: true },
        y: { label: null, domain: [...new Set(charted.map((row: AggregateRow) => row.label))] },
        color: { legend: true, scheme: 'Tableau10' },
        marks: [
          Plot.barX(
            charted,
            Plot.stackX({
              x: 'budget',
              y: 'label',
              fill: 'programme',
              title: (row: AggregateRow) => `${row.label} · ${row.programme}: ${row.budgetText} ${currency}`,
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
    revisionNotice(),
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
          ...rows.map((row: AggregateRow) =>
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
              // A count of projects is a whole number (the API's measures are decimals: "1.00").
              h('td', { 'data-count': '' }, row.projects === null ? '—' : String(Math.round(Number(row.projects)))),
            ),
          ),
        ),
      ),
    ),
    leftOutList(rows),
    h(
      'p',
      {},
      h(
        'a',
        { class: 'download', download: 'aggregate.csv', href: `/export/aggregate.csv?${exportParams}` },
        t('download'),
      ),
    ),
    reproduce(`${t('aggregates')}: ${t('budget')} × ${t('programme')} (${currency})`, 'aggregate', variables),
  );
}

/** Every group whose budget left a project out, named, with the reasons: nothing is left out unsaid. */
function leftOutList(rows: AggregateRow[]): HTMLElement | string {
  const left = rows.filter((row) => row.reasons.length > 0);
  if (left.length === 0) return '';
  return h(
    'section',
    { 'data-section': 'left-out' },
    h('h2', {}, t('leftOutTitle')),
    h('p', {}, t('leftOutIntro')),
    h(
      'ul',
      {},
      ...left.map((row) =>
        h(
          'li',
          { 'data-key': row.key, 'data-programme': row.programme },
          `${row.label} · ${row.programme}: `,
          row.reasons.map((entry) => `${label('LeftOutReason', entry.reason)} (${entry.projects})`).join('; '),
        ),
      ),
    ),
  );
}
