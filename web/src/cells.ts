import { type Cell, gql, type Metric } from './api';
import { lang, t } from './i18n';
import { formula, label, nameCodes, unitLabel } from './labels';

/** How a comparison cell is said: its value with marks, its rank among its basis, why it is empty. */

/** The metric catalogue; its names also replace metric keys in the API's English sentences. */
export async function loadMetrics(): Promise<Metric[]> {
  const { metrics } = await gql<{ metrics: Metric[] }>('metrics');
  nameCodes(metrics.map((metric) => [metric.key, metric.nameEn]));
  return metrics;
}

export const metricName = (metric: Pick<Metric, 'name' | 'nameEn'>): string =>
  lang() === 'en' ? metric.nameEn : metric.name;

export const unitOf = (metric: Pick<Metric, 'unit'>, currency: string): string => unitLabel(metric.unit, currency);

/** A value as shown: counts of persons and organisations as whole numbers ("4", not the API's "4.00"). */
export const shown = (value: string | null, unit: string): string =>
  value === null ? '—' : ['PERSONS', 'ORGANISATIONS'].includes(unit) ? value.replace(/\.0+$/, '') : value;

/** ≥ for a lower bound, ≈ for an approximation; ⚠n for caveats. */
export const marks = (cell: Pick<Cell, 'qualifier' | 'caveats' | 'caveatCount'>): string => {
  const caveats = cell.caveatCount ?? cell.caveats.length;
  return `${cell.qualifier === 'AT_LEAST' ? ' ≥' : cell.qualifier === 'APPROXIMATE' ? ' ≈' : ''}${caveats ? ` ⚠${caveats}` : ''}`;
};

/** ○ planned, ● achieved, nothing for a figure without a basis (a budget). */
export const basisMark = (basis: string | null): string =>
  basis === 'PLANNED' ? '○' : basis === 'ACHIEVED' ? '●' : '';

const englishOrdinal = (rank: number): string => {
  const tens = rank % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th');
  return `${rank}${suffix}`;
};

/** How many cells of a column have a rank, by basis. */
export type RankCounts = Map<string | null, number>;

export function rankCounts(column: Pick<Cell, 'rank' | 'basis'>[]): RankCounts {
  const counts: RankCounts = new Map();
  for (const cell of column) if (cell.rank !== null) counts.set(cell.basis, (counts.get(cell.basis) ?? 0) + 1);
  return counts;
}

/** "3rd of 7 with an achieved figure": the rank among the cells of one column with the same basis and a rank. */
export function rankText(cell: Pick<Cell, 'rank' | 'basis' | 'value'>, counts: RankCounts): string {
  if (cell.value === null) return '—';
  if (cell.rank === null) return t('notRanked');
  const of = counts.get(cell.basis) ?? 0;
  const kind = t(
    cell.basis === 'PLANNED' ? 'rankOfPlanned' : cell.basis === 'ACHIEVED' ? 'rankOfAchieved' : 'rankOfValue',
  );
  return lang() === 'en'
    ? `${englishOrdinal(cell.rank)} ${t('of')} ${of} ${kind}`
    : `${t('place')} ${cell.rank} ${t('of')} ${of} ${kind}`;
}

/**
 * Why a cell has no value, in words: the figure no source states (the metric's numerator or
 * denominator, with the basis asked for), or the caveat that keeps it empty.
 */
export function emptyReason(cell: Pick<Cell, 'caveats' | 'metric'>, basis: string): string {
  const words = formula(cell.metric);
  const asked = basis === 'BEST_AVAILABLE' ? '' : ` (${label('ComparisonBasis', basis)})`;
  const reasons = cell.caveats.map((caveat) => {
    if (caveat.code === 'MISSING_NUMERATOR') return `${t('noSourceStates')} ${words.numerator}${asked}.`;
    // The denominator may be stated as zero: the label says both.
    if (caveat.code === 'MISSING_DENOMINATOR' && words.denominator)
      return `${label('CaveatCode', caveat.code)}: ${words.denominator}.`;
    return `${label('CaveatCode', caveat.code)}.`;
  });
  return [...new Set(reasons)].join(' ') || t('noValue');
}
