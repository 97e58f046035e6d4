import type { EntityManager } from 'typeorm';
import { MUNICIPALITIES_IN_BULGARIA } from '../../domain/country';
import type { DataSizes } from '../../graphql/data-sizes';
import { DEFAULT_LIST_SIZE, listCost } from '../../graphql/field-cost';
import type { OperationArguments } from '../../graphql/operation-arguments';
import { METRIC_KEYS } from './metrics';

/**
 * What the comparison's fields weigh in an operation's cost (graphql/field-cost.ts), declared on the
 * fields with type-graphql's `complexity` option. Lists whose length depends on the stored cells read
 * their longest now from the data sizes this module refreshes after every import (readComparisonSizes).
 */

/** The data sizes this module owns: their names, and their values until first read. */
const SIZES = {
  rows: { name: 'comparison.rows', fallback: MUNICIPALITIES_IN_BULGARIA },
  projects: { name: 'comparison.projects', fallback: DEFAULT_LIST_SIZE },
  caveats: { name: 'comparison.caveats', fallback: 10 },
  sources: { name: 'comparison.sources', fallback: 20 },
};

const METRIC_COUNT = METRIC_KEYS.length;

/** The most metrics a `comparison` of the operation asks for (all when one asks for all). */
function askedMetrics(operation: OperationArguments): number {
  const uses = operation.rootArguments('comparison');
  if (uses.length === 0) return METRIC_COUNT;
  return Math.max(
    ...uses.map((args) =>
      Array.isArray(args.metrics) ? Math.min(METRIC_COUNT, new Set(args.metrics).size) : METRIC_COUNT,
    ),
  );
}

/** The most rows a `comparison` of the operation returns: the municipalities asked for, or every one with a project. */
function askedRows(sizes: DataSizes, operation: OperationArguments): number {
  const counted = sizes.get(SIZES.rows.name, SIZES.rows.fallback);
  const uses = operation.rootArguments('comparison');
  if (uses.length === 0) return counted;
  return Math.max(
    ...uses.map((args) =>
      Array.isArray(args.municipalityCodes)
        ? Math.min(MUNICIPALITIES_IN_BULGARIA, new Set(args.municipalityCodes).size)
        : counted,
    ),
  );
}

/** Every metric (`Query.metrics`). */
export const allMetricsListCost = listCost(METRIC_COUNT);
/** The metrics a comparison asked for (`Comparison.metrics`, a row's cells). */
export const metricListCost = listCost((_sizes, _args, operation) => askedMetrics(operation));
/** Summaries: one per metric asked for and basis. */
export const summaryListCost = listCost((_sizes, _args, operation) => 2 * askedMetrics(operation));
/** A comparison's rows: the municipalities asked for, or those with a project. */
export const rowListCost = listCost((sizes, _args, operation) => askedRows(sizes, operation));
/** A row's projects: the most one municipality has. */
export const rowProjectListCost = listCost((sizes) => sizes.get(SIZES.projects.name, SIZES.projects.fallback));
/** A cell's caveats: the most one stored cell has, and one more added per request (MIXED_BASIS). */
export const caveatListCost = listCost((sizes) => sizes.get(SIZES.caveats.name, SIZES.caveats.fallback));
/** A cell's sources: the most one stored cell has. */
export const sourceListCost = listCost((sizes) => sizes.get(SIZES.sources.name, SIZES.sources.fallback));

/** The longest lists the comparison can return now, from the stored cells: at start and after every import. */
export async function readComparisonSizes(manager: EntityManager): Promise<Record<string, number>> {
  const [row]: { rows: number; projects: number; caveats: number; sources: number }[] = await manager.query(
    `SELECT (SELECT count(*) FROM comparison_rows)::int AS rows,
            (SELECT coalesce(max(cardinality(project_ids)), 0) FROM comparison_rows)::int AS projects,
            coalesce(max((cell ->> 'caveatCount')::int), 0)::int AS caveats,
            coalesce(max((cell ->> 'sourceCount')::int), 0)::int AS sources
     FROM comparison_cells`,
  );
  return comparisonSizes(row);
}

/** The data sizes of stored maxima (a list is costed at one item at least). */
export function comparisonSizes(stored: { rows: number; projects: number; caveats: number; sources: number }) {
  return {
    [SIZES.rows.name]: Math.max(1, Math.min(MUNICIPALITIES_IN_BULGARIA, stored.rows)),
    [SIZES.projects.name]: Math.max(1, stored.projects),
    // One more caveat than stored: MIXED_BASIS is added per request.
    [SIZES.caveats.name]: stored.caveats + 1,
    [SIZES.sources.name]: Math.max(1, stored.sources),
  };
}
