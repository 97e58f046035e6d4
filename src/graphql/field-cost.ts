import { type GraphQLField, getNamedType, getNullableType, isCompositeType, isListType } from 'graphql';
import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './connection';

/**
 * How a field weighs in an operation's cost (Shopify's rule: an upper bound of the objects the response
 * can hold). A field declares its weight where it is defined, with type-graphql's `complexity` option
 * and the helpers below; a field that declares nothing follows the general rules of `fieldCost`:
 * - an object costs 1 plus its selection, a scalar 0;
 * - a Relay connection 2 + `first` (default 20) × its selection (edges are counted by their connection);
 * - any other list DEFAULT_LIST_SIZE × its item.
 * Sizes that depend on the stored data (the longest list there is now) are read from the request's
 * DataSizes, which the modules that own them refresh after every import.
 */

/** Most items assumed of a list that declares no size (a project's statements). */
export const DEFAULT_LIST_SIZE = 50;

/**
 * List sizes that depend on the stored data, by name ("comparison.rows"), the largest there is now:
 * refreshed at start and after every import by the modules that own them. `version` changes with
 * every refresh, so that a cost counted with old sizes is not reused.
 */
export class DataSizes {
  private readonly values = new Map<string, number>();
  version = 0;

  get(name: string, fallback: number): number {
    return this.values.get(name) ?? fallback;
  }

  update(values: Record<string, number>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
    this.version += 1;
  }
}

/** What a field's cost function receives: graphql-query-complexity's arguments and the request's data sizes. */
export type CostArguments = ComplexityEstimatorArgs & { context: { sizes: DataSizes } };
/** A field's cost: its own weight and its selection's (`childComplexity`), times its most items. */
export type FieldCost = (options: CostArguments) => number;

/** 1 for a field whose value is an object (or a list of them), 0 for a scalar. */
export const ownCost = (field: GraphQLField<unknown, unknown>): number =>
  isCompositeType(getNamedType(field.type)) ? 1 : 0;

/** A list of at most `size` items: a number, or one read from the data sizes or the arguments when costed. */
export function listCost(
  size: number | ((sizes: DataSizes, args: Record<string, unknown>) => number),
): ComplexityEstimator {
  const cost: FieldCost = ({ field, args, childComplexity, context }) =>
    (typeof size === 'number' ? size : size(context.sizes, args)) * (ownCost(field) + childComplexity);
  return cost as ComplexityEstimator;
}

/** A scalar that weighs like `objects` objects (a long text). */
export function scalarCost(objects: number): ComplexityEstimator {
  return (() => objects) as ComplexityEstimator;
}

/** A field costed by its own rule (the arguments decide its size). */
export function customCost(cost: FieldCost): ComplexityEstimator {
  return cost as ComplexityEstimator;
}

/** The cost of a data field: its declared rule, or the general rules above. */
export function fieldCost(options: CostArguments): number {
  const { type, field, args, childComplexity } = options;
  const declared = field.extensions?.complexity;
  if (typeof declared === 'function') return (declared as FieldCost)(options);
  const own = ownCost(field);
  if (isConnection(getNamedType(field.type))) {
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
    return 2 + first * childComplexity;
  }
  // Edges are counted by their connection (× first).
  if (isConnection(type) && field.name === 'edges') return own + childComplexity;
  if (isListType(getNullableType(field.type))) return DEFAULT_LIST_SIZE * (own + childComplexity);
  return own + childComplexity;
}

const isConnection = (type: { name: string }): boolean => type.name.endsWith('Connection');
