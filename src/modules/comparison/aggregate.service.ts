import type { EntityManager } from 'typeorm';
import { Currency } from '../../domain/enums';
import { BGN_PER_EUR } from '../../domain/money';
import { runSql } from '../../db/sql';
import type { ProjectFilter } from '../project/project.args';
import { type AggregateSelection, BUDGET, checkAggregate } from './aggregate-rules';
import { aggregateStatement, MEASURE_COLUMNS, reasonColumn } from './aggregate-sql';
import { LeftOutReason } from '../../domain/left-out';
import { type Dimension, Measure } from './aggregate.enums';
import type { AggregateGroup } from './aggregate.types';

/** Grouped aggregates over the projects matching a filter: one SQL statement per call, computing only what is selected. */
export class AggregateService {
  constructor(private readonly manager: EntityManager) {}

  async aggregate(
    groupBy: Dimension[],
    measures: Measure[],
    filter: ProjectFilter | undefined,
    currency: Currency,
    selection: AggregateSelection = { labels: true, leftOut: true, leftOutReasons: true },
  ): Promise<AggregateGroup[]> {
    const dimensions = checkAggregate(groupBy, measures);
    const rows = await runSql<Record<string, string | null>>(
      this.manager,
      aggregateStatement({ dimensions, measures, filter, currency, selection }),
    );
    return rows.map((row) => ({
      keys: dimensions.map((dimension, index) => ({
        dimension,
        value: row[`k${index}`] ?? null,
        label: row[`l${index}`] ?? null,
        labelLatin: row[`m${index}`] ?? null,
      })),
      values: measures.map((measure) => ({
        measure,
        value:
          measure === Measure.PROJECT_COUNT || measure === Measure.PARTNER_COUNT
            ? String(Number(row[MEASURE_COLUMNS[measure]] ?? '0'))
            : decimal(row[MEASURE_COLUMNS[measure]]),
        currency: BUDGET.has(measure) ? currency : null,
        bgnPerEur: BUDGET.has(measure) && currency === Currency.EUR ? BGN_PER_EUR : null,
        leftOut: BUDGET.has(measure) && selection.leftOut ? Number(row.budget_left_out ?? 0) : null,
        leftOutReasons: BUDGET.has(measure) && selection.leftOutReasons ? leftOutReasons(row) : null,
      })),
    }));
  }
}

/** The reasons budgets were left out of a group, and how many for each (only those that apply). */
function leftOutReasons(row: Record<string, string | null>): { reason: LeftOutReason; projects: number }[] {
  return Object.values(LeftOutReason)
    .map((reason) => ({ reason, projects: Number(row[reasonColumn(reason)] ?? 0) }))
    .filter((entry) => entry.projects > 0);
}

/** Two decimals, as every Decimal the API returns. */
function decimal(value: string | null | undefined): string | null {
  if (value == null) return null;
  return /\./.test(value) ? value.replace(/^(-?\d+\.\d)$/, '$10') : `${value}.00`;
}
