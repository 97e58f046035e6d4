import { type ComparisonRows, gql } from './api';
import { basisMark, loadMetrics, emptyReason, marks, metricName, rankCounts, rankText, shown, unitOf } from './cells';
import { english, h, link, sourceLinks, tableCsvLink } from './dom';
import { t } from './i18n';
import { label } from './labels';
import { reproduce } from './revision';

/**
 * A municipality's metrics: for each, its value, basis and rank among the municipalities with a value of
 * the same basis ("3rd of 7 with an achieved figure"), its caveats in words and its sources. Ranks are
 * counted over the comparison of every municipality (values only); the caveats and sources are this one's.
 */
export async function municipalityMetrics(code: string, currency: string): Promise<HTMLElement> {
  const metrics = await loadMetrics();
  const keys = metrics.map((metric) => metric.key);
  const basis = 'BEST_AVAILABLE';
  const [all, own] = await Promise.all([
    gql<ComparisonRows>('comparisonValues', { metrics: keys, codes: null, currency, basis }),
    gql<ComparisonRows>('comparisonDetails', { metrics: keys, codes: [code], currency, basis }),
  ]);
  const row = own.comparison.rows[0];
  // Value, basis and rank as they stand among every municipality; caveats and sources from this one's details.
  const ranked = all.comparison.rows.find((other) => other.municipality.code === code);
  if (!row || !ranked) return h('p', {}, t('noValue'));
  const table = h(
    'table',
    { class: 'numbers', 'data-table': 'municipality-metrics' },
    h('caption', {}, t('metricsOfMunicipality')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...(['metrics', 'value', 'basis', 'rank', 'caveats', 'sources'] as const).map((name) =>
          h('th', { scope: 'col' }, t(name)),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...metrics.map((metric, index) => {
        const cell = { ...row.cells[index], ...ranked.cells[index], caveats: row.cells[index].caveats };
        const column = all.comparison.rows.map((other) => other.cells[index]);
        const explain = link({ view: 'cell', code, metric: metric.key, basis, id: null });
        return h(
          'tr',
          { 'data-metric': metric.key, 'data-value': cell.value ?? '' },
          h('th', { scope: 'row' }, h('a', { href: explain }, metricName(metric))),
          h(
            'td',
            {},
            cell.value === null
              ? t('noValue')
              : `${shown(cell.value, metric.unit)} ${unitOf(metric, currency)}${marks(cell)}`,
          ),
          h('td', {}, cell.basis ? `${basisMark(cell.basis)} ${label('Basis', cell.basis)}` : '—'),
          h('td', { 'data-rank': cell.rank ?? '' }, rankText(cell, rankCounts(column))),
          h(
            'td',
            {},
            cell.value === null
              ? h(
                  'p',
                  { class: 'reason' },
                  emptyReason(cell, basis),
                  ' ',
                  english(cell.caveats.map((caveat) => caveat.message).join('; '), 'small'),
                )
              : '',
            ...cell.caveats
              .filter(() => cell.value !== null)
              .map((caveat) =>
                h(
                  'p',
                  { class: 'caveat', 'data-caveat': caveat.code },
                  `⚠ ${label('CaveatCode', caveat.code)}: `,
                  english(caveat.message),
                ),
              ),
          ),
          h('td', {}, sourceLinks(cell.sources)),
        );
      }),
    ),
  );
  return h(
    'section',
    { 'data-section': 'metrics' },
    h('div', { class: 'scroll' }, table),
    tableCsvLink(table as HTMLTableElement, `${code}-metrics.csv`),
    reproduce(t('metricsOfMunicipality'), 'comparisonDetails', { metrics: keys, codes: [code], currency, basis }),
  );
}
