import { MUNICIPALITIES_IN_BULGARIA, OBLASTS_IN_BULGARIA } from '../../domain/country';
import { customCost, ownCost } from '../../graphql/field-cost';
import { Dimension, Measure } from './aggregate.types';

/**
 * What `aggregate` weighs in an operation's cost: its groups (the product of the distinct values its
 * dimensions can take, at most MAX_GROUPS), each costing its keys and values.
 */

/** Distinct values a dimension can take (its group count is their product, capped). */
const DIMENSION_SIZES: Record<Dimension, number> = {
  MUNICIPALITY: MUNICIPALITIES_IN_BULGARIA,
  OBLAST: OBLASTS_IN_BULGARIA,
  // …plus one group for "unknown" (a null key) where the value can be missing: projects that state no
  // programme amount, partner or outcome are counted under a null key, never dropped.
  PROGRAMME: 2 + 1,
  BASIS: 2 + 1,
  FUNDING_KIND: 3 + 1,
  INDICATOR: 50 + 1,
  START_YEAR: 10 + 1,
  END_YEAR: 10 + 1,
  PARTNER_TYPE: 10 + 1,
  ACTIVITY_CATEGORY: 10 + 1,
};
const MAX_GROUPS = 10_000;
const KEYS = Object.keys(Dimension).length;
const VALUES = Object.keys(Measure).length;

/**
 * The selection was counted with every dimension as a key and every measure as a value; a group holds one
 * key per groupBy dimension and one value per measure asked. Scaling by the larger of the two ratios keeps
 * an upper bound whichever of keys and values the selection weighs.
 */
export const aggregateCost = customCost(({ field, args, childComplexity }) => {
  const dimensions = Array.isArray(args.groupBy) ? [...new Set(args.groupBy as Dimension[])] : [];
  const measures = Array.isArray(args.measures) ? new Set(args.measures).size : VALUES;
  const scale = Math.min(1, Math.max(dimensions.length / KEYS, measures / VALUES));
  const groups = Math.min(
    MAX_GROUPS,
    dimensions.reduce((product, dimension) => product * (DIMENSION_SIZES[dimension] ?? 10), 1),
  );
  return groups * (ownCost(field) + Math.ceil(childComplexity * scale));
});
