import type { EntityManager } from 'typeorm';
import { MUNICIPALITIES_IN_BULGARIA, OBLASTS_IN_BULGARIA } from '../../domain/country';
import { ActivityCategory, Basis, FundingKind, OrganisationType, PROGRAMME_CODES } from '../../domain/enums';
import type { DataSizes } from '../../graphql/data-sizes';
import { listCost } from '../../graphql/field-cost';
import type { OperationArguments } from '../../graphql/operation-arguments';
import { Dimension, Measure } from './aggregate.enums';

/**
 * What `aggregate` weighs in an operation's cost: its groups (the product of the groups its dimensions
 * can make, at most MAX_GROUPS), each holding one key per dimension and one value per measure.
 */

/** The data sizes this module owns (readAggregateSizes), and their values until first read. */
const SIZES = {
  municipalities: { name: 'aggregate.municipalities', fallback: MUNICIPALITIES_IN_BULGARIA },
  oblasts: { name: 'aggregate.oblasts', fallback: OBLASTS_IN_BULGARIA },
  startYears: { name: 'aggregate.startYears', fallback: 100 },
  endYears: { name: 'aggregate.endYears', fallback: 100 },
  indicators: { name: 'aggregate.indicators', fallback: 100 },
};
const size = (sizes: DataSizes, which: keyof typeof SIZES) => sizes.get(SIZES[which].name, SIZES[which].fallback);

/**
 * The groups a dimension can make: the values the data hold (municipalities and oblasts with a project,
 * the years between the earliest and the latest date, the indicators of the catalogue) or the enum's,
 * plus one group for "unknown" (a null key) where the value can be missing: projects that state no
 * programme amount, date, partner or outcome are counted under a null key, never dropped.
 */
const DIMENSION_SIZES: Record<Dimension, (sizes: DataSizes) => number> = {
  MUNICIPALITY: (sizes) => size(sizes, 'municipalities'),
  OBLAST: (sizes) => size(sizes, 'oblasts'),
  PROGRAMME: () => Object.keys(PROGRAMME_CODES).length + 1,
  BASIS: () => Object.keys(Basis).length + 1,
  FUNDING_KIND: () => Object.keys(FundingKind).length + 1,
  INDICATOR: (sizes) => size(sizes, 'indicators') + 1,
  START_YEAR: (sizes) => size(sizes, 'startYears') + 1,
  END_YEAR: (sizes) => size(sizes, 'endYears') + 1,
  PARTNER_TYPE: () => Object.keys(OrganisationType).length + 1,
  ACTIVITY_CATEGORY: () => Object.keys(ActivityCategory).length + 1,
};
const MAX_GROUPS = 10_000;

/** The groups an `aggregate` can return: the product of its dimensions' sizes, at most MAX_GROUPS. */
function groupsOf(args: Record<string, unknown>, sizes: DataSizes): number {
  const dimensions = Array.isArray(args.groupBy) ? [...new Set(args.groupBy as Dimension[])] : [];
  return Math.min(
    MAX_GROUPS,
    dimensions.reduce((product, dimension) => product * (DIMENSION_SIZES[dimension]?.(sizes) ?? MAX_GROUPS), 1),
  );
}

/** The sizes above as the data hold them now: at start and after every import (the dates by their indexes). */
export async function readAggregateSizes(manager: EntityManager): Promise<Record<string, number>> {
  const [row]: Record<string, number>[] = await manager.query(
    `SELECT (SELECT count(*) FROM comparison_rows)::int AS municipalities,
            (SELECT count(DISTINCT m.oblast_code) FROM comparison_rows r JOIN municipalities m ON m.code = r.municipality_code)::int AS oblasts,
            coalesce((SELECT extract(year FROM max(start_date)) - extract(year FROM min(start_date)) + 1 FROM projects), 0)::int AS "startYears",
            coalesce((SELECT extract(year FROM max(end_date)) - extract(year FROM min(end_date)) + 1 FROM projects), 0)::int AS "endYears",
            (SELECT count(*) FROM indicators)::int AS indicators`,
  );
  return Object.fromEntries(Object.entries(SIZES).map(([key, { name }]) => [name, Number(row[key] ?? 0)]));
}

/** The most items a list of every `aggregate` use in the operation holds, by the argument that decides it. */
function mostOf(operation: OperationArguments, argument: 'groupBy' | 'measures', all: number): number {
  const uses = operation.rootArguments('aggregate');
  if (uses.length === 0) return all;
  return Math.max(
    ...uses.map((args) => (Array.isArray(args[argument]) ? Math.min(all, new Set(args[argument]).size) : all)),
  );
}

/** `aggregate`: its groups, each costing its keys and values. */
export const aggregateCost = listCost((sizes, args) => groupsOf(args, sizes));
/** A group's keys: one per dimension of its `groupBy`. */
export const keyListCost = listCost((_sizes, _args, operation) =>
  mostOf(operation, 'groupBy', Object.keys(Dimension).length),
);
/** A group's values: one per measure asked for. */
export const valueListCost = listCost((_sizes, _args, operation) =>
  mostOf(operation, 'measures', Object.keys(Measure).length),
);
