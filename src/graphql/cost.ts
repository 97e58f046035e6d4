import {
  type DocumentNode,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  visit,
  BREAK,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './connection';

/**
 * The cost of an operation, known before it runs: an upper bound of the objects its response can
 * hold (Shopify's rule). Every object-typed field costs 1 plus its selection; a scalar costs 0; a list
 * multiplies its item cost by the most items it can return:
 * - a connection by its `first` argument (default 20, at most 100), plus 2 for the connection itself;
 * - a catalogue by its size (LIST_SIZES, from the enums and reference tables it comes from);
 * - any other list (a project's statements) by DEFAULT_LIST_SIZE.
 * Computed by graphql-query-complexity over the validated document, fragments expanded (it stops
 * counting past its node limit, so a fan-out of fragments cannot stall it).
 */
export const DEFAULT_LIST_SIZE = 50;

/** Most items a list field returns, where that is known from the schema or the reference data. */
export const LIST_SIZES: Record<string, number> = {
  'Query.programmes': 2,
  'Query.indicators': 50,
  'Query.metrics': 14,
  'Comparison.metrics': 14,
  'Comparison.rows': 265, // the municipalities with a project (dataSizes), scaled to `municipalityCodes` and `metrics` in hubEstimator
  'Comparison.summary': 28,
  'ComparisonRow.cells': 14,
  'ComparisonRow.projects': DEFAULT_LIST_SIZE,
  'ComparisonCell.caveats': 10, // these two and ComparisonRow.projects: the stored maxima (dataSizes) once known
  'ComparisonCell.sources': 20,
  'AggregateGroup.keys': 10,
  'AggregateGroup.values': 7,
  'DisputedExclusions.projects': 100,
  // Per file: `Mutation.importProjects` multiplies its selection by the number of files.
  'ImportResult.projects': 1,
  'ImportResult.warnings': 1,
};

/** Distinct values a dimension of `aggregate` can take (its group count is their product, capped). */
const DIMENSION_SIZES: Record<string, number> = {
  MUNICIPALITY: 265,
  OBLAST: 28,
  PROGRAMME: 2,
  BASIS: 2,
  FUNDING_KIND: 3,
  INDICATOR: 50,
  // …plus one group for "unknown" (a null key) where the value can be missing.
  START_YEAR: 10 + 1,
  END_YEAR: 10 + 1,
  PARTNER_TYPE: 10 + 1,
  ACTIVITY_CATEGORY: 10 + 1,
};
const MAX_AGGREGATE_GROUPS = 10_000;

/** Municipalities and metrics a `comparison` may cover: its rows and its cells per row. */
const COMPARISON_ROWS = 265;
const COMPARISON_METRICS = 14;

/**
 * List sizes that depend on the stored data, the largest there is now: a comparison cell's caveats
 * and sources, a municipality's projects, the municipalities with a project. Kept current by
 * `updateDataSizes` (at start and after every import); until then LIST_SIZES holds.
 */
const dataSizes: Record<string, number> = {};
let comparisonRowsWithData: number | undefined;

export function updateDataSizes(sizes: { rows: number; projects: number; caveats: number; sources: number }): void {
  COSTS = new WeakMap();
  comparisonRowsWithData = Math.max(1, Math.min(COMPARISON_ROWS, sizes.rows));
  dataSizes['ComparisonRow.projects'] = Math.max(1, sizes.projects);
  // One more caveat than stored: MIXED_BASIS is added per request.
  dataSizes['ComparisonCell.caveats'] = sizes.caveats + 1;
  dataSizes['ComparisonCell.sources'] = Math.max(1, sizes.sources);
  dataSizes['Comparison.rows'] = comparisonRowsWithData;
}

function listSize(key: string, args: Record<string, unknown>): number {
  if (key === 'Query.aggregate') {
    const dimensions = Array.isArray(args.groupBy) ? [...new Set(args.groupBy as string[])] : [];
    return Math.min(
      MAX_AGGREGATE_GROUPS,
      dimensions.reduce((product, dimension) => product * (DIMENSION_SIZES[dimension] ?? 10), 1),
    );
  }
  return dataSizes[key] ?? LIST_SIZES[key] ?? DEFAULT_LIST_SIZE;
}

/** Whether a field belongs to introspection (`__schema`, `__type` and everything under them). */
function isIntrospection(typeName: string, fieldName: string): boolean {
  return typeName.startsWith('__') || fieldName === '__schema' || fieldName === '__type';
}

/**
 * The largest list each introspection field can return in this schema (types, fields of the widest
 * type, …): introspection is costed like data, with the schema's true sizes, and against its own limit.
 */
function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  const types = Object.values(schema.getTypeMap());
  const most = (count: (type: (typeof types)[number]) => number) => Math.max(1, ...types.map(count));
  const fieldsOf = (type: (typeof types)[number]) =>
    isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
  return {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Type.fields': most((type) => fieldsOf(type).length),
    '__Type.inputFields': most((type) => (isInputObjectType(type) ? Object.keys(type.getFields()).length : 0)),
    '__Type.enumValues': most((type) => (isEnumType(type) ? type.getValues().length : 0)),
    '__Type.interfaces': most((type) =>
      isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().length : 0,
    ),
    '__Type.possibleTypes': most((type) =>
      isInterfaceType(type) || (isCompositeType(type) && !isObjectType(type))
        ? schema.getPossibleTypes(type as never).length
        : 0,
    ),
    '__Field.args': most((type) => Math.max(0, ...fieldsOf(type).map((field) => field.args.length))),
    '__Directive.args': Math.max(1, ...schema.getDirectives().map((directive) => directive.args.length)),
  };
}

function estimator(part: 'data' | 'introspection', introspection: Record<string, number>): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const inIntrospection = isIntrospection(type.name, field.name);
    if (part === 'data' && inIntrospection) return 0;
    if (part === 'introspection' && !inIntrospection) return type.name === 'Query' ? 0 : childComplexity;
    if (inIntrospection) {
      const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
      const size = isListType(getNullableType(field.type)) ? (introspection[`${type.name}.${field.name}`] ?? 1) : 1;
      return size * (own + childComplexity);
    }
    return hubEstimator({ type, field, args, childComplexity } as never) as number;
  };
}

/** Whether any field of the document (fragments included) is `__schema` or `__type`. */
function asksIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Cost of the operation's data fields and of its introspection fields, each checked against its own limit. */
export interface OperationCost {
  data: number;
  introspection: number;
}

const estimatorsBySchema = new WeakMap<
  GraphQLSchema,
  { data: ComplexityEstimator; introspection: ComplexityEstimator; fullIntrospection: number }
>();

function estimatorsFor(schema: GraphQLSchema) {
  let found = estimatorsBySchema.get(schema);
  if (!found) {
    const sizes = introspectionSizes(schema);
    const introspection = estimator('introspection', sizes);
    const document = parse(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    const fullIntrospection = getComplexity({
      schema,
      query: document,
      variables: {},
      estimators: [introspection],
      maxQueryNodes: 100_000,
    });
    found = { data: estimator('data', sizes), introspection, fullIntrospection };
    estimatorsBySchema.set(schema, found);
  }
  return found;
}

/** The cost of the full introspection query that GraphQL tools send (the introspection limit is set from it). */
export function fullIntrospectionCost(schema: GraphQLSchema): number {
  return estimatorsFor(schema).fullIntrospection;
}

export const hubEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  const own = isCompositeType(named) ? 1 : 0;
  if (type.name === 'Query' && field.name === 'comparison') {
    // The selection was counted for every municipality and every metric; scale it to what is asked,
    // keeping 2 per row for the row and its municipality, so that the figure stays an upper bound.
    const metrics = Array.isArray(args.metrics)
      ? Math.min(COMPARISON_METRICS, new Set(args.metrics).size)
      : COMPARISON_METRICS;
    const counted = comparisonRowsWithData ?? COMPARISON_ROWS;
    const rows = Array.isArray(args.municipalityCodes)
      ? Math.min(COMPARISON_ROWS, new Set(args.municipalityCodes).size)
      : counted;
    return 1 + Math.ceil(childComplexity * (metrics / COMPARISON_METRICS) * (rows / counted)) + 2 * rows;
  }
  if (type.name === 'Query' && field.name === 'aggregate') {
    // The selection was counted with every dimension as a key and every measure as a value (10 and 7);
    // a group holds one key per groupBy dimension and one value per measure asked. Scaling by the larger
    // of the two ratios keeps an upper bound whichever of keys and values the selection weighs.
    const dimensions = Array.isArray(args.groupBy) ? new Set(args.groupBy).size : 0;
    const measures = Array.isArray(args.measures) ? new Set(args.measures).size : LIST_SIZES['AggregateGroup.values'];
    const scale = Math.min(
      1,
      Math.max(dimensions / LIST_SIZES['AggregateGroup.keys'], measures / LIST_SIZES['AggregateGroup.values']),
    );
    return listSize('Query.aggregate', args) * (own + Math.ceil(childComplexity * scale));
  }
  // A source's text is a scalar of up to 200,000 characters: weighed like 50 objects.
  if (type.name === 'Source' && field.name === 'text') return 50;
  if (type.name === 'Mutation' && field.name === 'importProjects') {
    // What comes back is one project (and at most one warning) per file; the writing itself is bounded
    // by the import limits (body size, file count, one import at a time).
    const files = Array.isArray((args.input as { files?: unknown[] } | undefined)?.files)
      ? (args.input as { files: unknown[] }).files.length
      : 1;
    return 1 + Math.max(1, files) * childComplexity;
  }
  if (named.name.endsWith('Connection')) {
    const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
    return 2 + first * childComplexity;
  }
  // Edges are counted by their connection (× first).
  if (type.name.endsWith('Connection') && field.name === 'edges') return own + childComplexity;
  if (isListType(getNullableType(field.type)))
    return listSize(`${type.name}.${field.name}`, args) * (own + childComplexity);
  return own + childComplexity;
};

export class QueryCostError extends Error {
  constructor(
    readonly kind: 'NODES' | 'VARIABLES',
    readonly graphqlError: GraphQLError,
  ) {
    super(graphqlError.message);
  }
}

/**
 * Costs already counted, per parsed document, then per operation name, variables and node limit: the same
 * request costs the same, and counting walks the whole document with type information (0.04 ms for a
 * list of 100 projects, the most expensive step of a request's admission). Apollo's bounded document
 * store hands back the same parsed document for the same text, so a WeakMap on it frees the entries with
 * the document; each keeps at most COSTS_PER_DOCUMENT variable sets (oldest out), and variables over
 * COST_KEY_MAX characters of JSON (or too deep to write) are counted anew every time. Refusals are
 * never kept. New data sizes (`updateDataSizes`, after an import) forget every cost kept.
 */
let COSTS = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, OperationCost>>>();
const COSTS_PER_DOCUMENT = 20;
const COST_KEY_MAX = 1_000;

/** The operation's cost; a QueryCostError when its variables are invalid or it is too large to count. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  maxNodes: number,
): OperationCost {
  const key = costKey(operationName, variables, maxNodes);
  if (key === null) return countOperationCost(schema, document, operationName, variables, maxNodes);
  let bySchema = COSTS.get(schema);
  if (!bySchema) COSTS.set(schema, (bySchema = new WeakMap()));
  let costs = bySchema.get(document);
  const known = costs?.get(key);
  if (known) return known;
  const cost = countOperationCost(schema, document, operationName, variables, maxNodes);
  if (!costs) bySchema.set(document, (costs = new Map()));
  if (costs.size >= COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value!);
  costs.set(key, cost);
  return cost;
}

/** The key of a kept cost; null when the variables are too long or too deep to keep. */
function costKey(
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  maxNodes: number,
): string | null {
  let written: string;
  try {
    written = JSON.stringify(variables ?? {});
  } catch {
    return null; // nested beyond the stack: counting refuses them with BAD_USER_INPUT
  }
  const key = `${maxNodes} ${operationName ?? ''} ${written}`;
  return key.length > COST_KEY_MAX ? null : key;
}

function countOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  maxNodes: number,
): OperationCost {
  const estimators = estimatorsFor(schema);
  const count = (estimator: ComplexityEstimator) =>
    getComplexity({
      schema,
      query: document,
      operationName,
      variables: variables ?? {},
      estimators: [estimator],
      maxQueryNodes: maxNodes,
    });
  try {
    const data = count(estimators.data);
    // The second pass only where there is introspection to count (most requests have none).
    const introspection = asksIntrospection(document) ? count(estimators.introspection) : 0;
    return { data, introspection };
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new QueryCostError(/maximum allowed number of nodes/.test(error.message) ? 'NODES' : 'VARIABLES', error);
    }
    throw error;
  }
}

/** Objects a response actually holds (the same rule as the cost, applied to what came back). */
export function actualCost(data: unknown): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1)
        if (value[index] !== null && typeof value[index] === 'object') stack.push(value[index]);
    } else if (value !== null && typeof value === 'object') {
      count += 1;
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
  }
  // The root `data` object itself is not a field.
  return Math.max(0, count - 1);
}
