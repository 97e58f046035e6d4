import { Basis, Qualifier } from '../../domain/enums';
import { divideRoundHalfUp, fromCents } from '../../domain/money';
import { CaveatCode, RankDirection } from './comparison.enums';
import { caveat, type PlainCaveat } from './figures';
import { type MetricKey, METRICS } from './metrics';

/**
 * Ranks and summaries of a comparison column, which depend on the municipalities a request compares.
 * Pure: cells in, ranks set, summaries out.
 */

/** What ranking reads and sets of a cell. */
export interface RankedCell {
  value: string | null;
  /** The value in cents, for comparing. */
  cents: bigint | null;
  basis: Basis | null;
  qualifier: Qualifier | null;
  rank: number | null;
  /** Caveats that depend on the request: ranking adds MIXED_BASIS here. */
  requestCaveats: PlainCaveat[];
}

/** Summary of one metric over the cells compared, for one basis. */
export interface ColumnSummary {
  metric: MetricKey;
  basis: Basis | null;
  count: number;
  min: string | null;
  max: string | null;
  mean: string | null;
  median: string | null;
}

/**
 * Ranks a metric column in place and returns its summaries. Only exact values of one basis are
 * comparable: a column mixing bases gets MIXED_BASIS on every value and is ranked per basis;
 * lower bounds and approximations stay unranked. Ties share a rank (1, 2, 2, 4).
 */
export function rank(metric: MetricKey, cells: RankedCell[]): ColumnSummary[] {
  const direction = METRICS[metric].rankDirection;
  const present = cells.filter((cell) => cell.value !== null);
  const bases = [...new Set(present.map((cell) => cell.basis))];
  if (bases.length > 1) {
    const counts = bases.map(
      (basis) =>
        `${present.filter((cell) => cell.basis === basis).length} ${basis === null ? 'mixed' : basis.toLowerCase()}`,
    );
    for (const cell of present) {
      cell.requestCaveats.push(
        caveat(
          CaveatCode.MIXED_BASIS,
          `this column mixes planned and achieved values (${counts.join(', ')}); ranks are within each basis`,
        ),
      );
    }
  }
  const summaries: ColumnSummary[] = [];
  for (const basis of bases.length ? bases : [null]) {
    const comparable = present.filter(
      (cell) => cell.basis === basis && cell.qualifier === Qualifier.EXACT && !(bases.length > 1 && basis === null),
    );
    // Compared, not subtracted: a BigInt difference is an allocation per comparison.
    const order = direction === RankDirection.LOWEST_FIRST ? 1 : -1;
    const sorted = [...comparable].sort((a, b) => (a.cents! < b.cents! ? -order : a.cents! > b.cents! ? order : 0));
    sorted.forEach((cell, index) => {
      const previous = sorted[index - 1];
      cell.rank = previous && previous.value === cell.value ? previous.rank : index + 1;
    });
    const values = comparable.map((cell) => cell.cents!).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const count = values.length;
    const middle = Math.floor(count / 2);
    summaries.push({
      metric,
      basis: METRICS[metric].usesBasis ? basis : null,
      count,
      min: count ? fromCents(values[0]) : null,
      max: count ? fromCents(values[count - 1]) : null,
      mean: count
        ? fromCents(
            divideRoundHalfUp(
              values.reduce((total, value) => total + value, 0n),
              BigInt(count),
            ),
          )
        : null,
      median: count
        ? fromCents(count % 2 ? values[middle] : divideRoundHalfUp(values[middle - 1] + values[middle], 2n))
        : null,
    });
  }
  return summaries;
}
