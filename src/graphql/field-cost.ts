import { type FieldNode, type GraphQLField, getNamedType, getNullableType, isCompositeType, isListType } from 'graphql';
import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './connection';
import { BYTES_PER_POINT, leafBytes } from './field-size';
import type { DataSizes } from './data-sizes';
import type { OperationArguments } from './operation-arguments';

/**
 * How a field weighs in an operation's cost: an upper bound of the bytes its part of the answer can
 * take, in points of BYTES_PER_POINT bytes (Shopify's rule, an upper bound of what the response can hold,
 * counted in bytes). A field declares its weight where it is defined, with type-graphql's `complexity`
 * option and the helpers below, or its size with `@Extensions`; a field that declares nothing follows the
 * general rules of `fieldCost`:
 * - an object costs its key and braces (a point) plus its selection; a leaf its key and the bytes its
 *   value can take (field-size.ts: the longest stored text, the widest value of its type);
 * - a Relay connection 2 + `first` (default 20, or fewer where it names its longest list) × its selection
 *   (edges are counted by their connection);
 * - any other list DEFAULT_LIST_SIZE × its item (a test keeps every list declared).
 * Sizes that depend on the stored data are read from the request's DataSizes, refreshed at start and
 * after every import.
 */

/** Most items assumed of a list that declares no size (a project's statements). */
export const DEFAULT_LIST_SIZE = 50;

/** What a field's cost function receives: graphql-query-complexity's arguments, the data sizes, the operation's root arguments. */
export type CostArguments = ComplexityEstimatorArgs & { context: { sizes: DataSizes; operation: OperationArguments } };
/** A field's cost: its own weight and its selection's (`childComplexity`), times its most items. */
export type FieldCost = (options: CostArguments) => number;

/** Bytes of a field's key in the response: `"name":` (or its alias) and a comma. */
const keyBytes = (node: FieldNode | undefined, field: GraphQLField<unknown, unknown>): number =>
  (node?.alias?.value ?? node?.name.value ?? field.name).length + 4;

/**
 * A field's own points: for an object (or each object of a list), its key and braces, at least 1; for a
 * leaf, its key and the bytes its value can take (field-size.ts), 0 when no sizes are given.
 */
export function ownCost(field: GraphQLField<unknown, unknown>, node?: FieldNode, sizes?: DataSizes): number {
  if (isCompositeType(getNamedType(field.type))) return Math.ceil((keyBytes(node, field) + 2) / BYTES_PER_POINT);
  return sizes ? Math.ceil((keyBytes(node, field) + leafBytes(field, sizes)) / BYTES_PER_POINT) : 0;
}

/** A list of at most `size` items: a number, or one read from the data sizes, the arguments or the operation. */
export function listCost(
  size: number | ((sizes: DataSizes, args: Record<string, unknown>, operation: OperationArguments) => number),
): ComplexityEstimator {
  const cost: FieldCost = ({ field, node, args, childComplexity, context }) =>
    (typeof size === 'number' ? size : size(context.sizes, args, context.operation)) *
    (ownCost(field, node, context.sizes) + childComplexity);
  return cost as ComplexityEstimator;
}

/** The most entries a list of a project file can hold (the import format's limit). */
export const MAX_LIST_ITEMS = 2_000;

/**
 * A list as long as the longest stored one (a measure of db/data-measures.ts: `rows:FundingAmount`, the
 * most funding rows one project has); MAX_LIST_ITEMS until measured.
 */
export function measuredList(measure: string): ComplexityEstimator {
  return listCost((sizes) => Math.max(1, sizes.get(measure, MAX_LIST_ITEMS)));
}

/** A field costed by its own rule (the arguments decide its size). */
export function customCost(cost: FieldCost): ComplexityEstimator {
  return cost as ComplexityEstimator;
}

/** The cost of a data field: its declared rule, or the general rules above. */
export function fieldCost(options: CostArguments): number {
  const { type, field, node, args, childComplexity, context } = options;
  const declared = field.extensions?.complexity;
  if (typeof declared === 'function') return (declared as FieldCost)(options);
  const own = ownCost(field, node, context.sizes);
  if (!isCompositeType(getNamedType(field.type))) return own;
  if (isConnection(getNamedType(field.type))) {
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
    // A connection may name the data size of its longest list (`@Extensions({ longest })`): a page is no longer.
    const longest = field.extensions?.longest;
    const items = typeof longest === 'string' ? Math.min(first, context.sizes.get(longest, first)) : first;
    return 2 + items * childComplexity;
  }
  // Edges are counted by their connection (× first).
  if (isConnection(type) && field.name === 'edges') return own + childComplexity;
  if (isListType(getNullableType(field.type))) return DEFAULT_LIST_SIZE * (own + childComplexity);
  return own + childComplexity;
}

const isConnection = (type: { name: string }): boolean => type.name.endsWith('Connection');
