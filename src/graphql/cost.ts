import {
  BREAK,
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
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { DataSizes } from './data-sizes';
import { type CostArguments, fieldCost } from './field-cost';
import { operationArguments } from './operation-arguments';

/**
 * The cost of an operation, known before it runs: every data field weighs as field-cost.ts says (its
 * declared rule or the general ones), summed by graphql-query-complexity over the validated document,
 * fragments expanded (it stops counting past its node limit, so a fan-out of fragments cannot stall it).
 * Introspection is costed apart, with the schema's true list sizes, against its own limit.
 */

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
  return ({ type, field, args, childComplexity, context }) => {
    const inIntrospection = isIntrospection(type.name, field.name);
    if (part === 'data' && inIntrospection) return 0;
    if (part === 'introspection' && !inIntrospection) return type.name === 'Query' ? 0 : childComplexity;
    if (inIntrospection) {
      const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
      const size = isListType(getNullableType(field.type)) ? (introspection[`${type.name}.${field.name}`] ?? 1) : 1;
      return size * (own + childComplexity);
    }
    return fieldCost({ type, field, args, childComplexity, context } as CostArguments);
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
 * request costs the same, and counting walks the whole document with type information (the most
 * expensive step of a request's admission). Apollo's bounded document store hands back the same parsed
 * document for the same text; each document gets a number (a WeakMap frees it with the document), and
 * the costs of every document share one LRU (lru-cache) of at most COSTS_KEPT_BYTES of keys: a dashboard
 * asking one document for each of 265 municipalities finds every cost kept, and no flood of variables can
 * grow it. Variables over COST_KEY_MAX characters of JSON (or too deep to write) are counted anew every
 * time. Refusals are never kept. The key holds the version of the data sizes: a cost counted before an
 * import is not reused.
 */
const COSTS = new WeakMap<
  GraphQLSchema,
  { ids: WeakMap<DocumentNode, number>; costs: LRUCache<string, OperationCost> }
>();
const COSTS_KEPT_BYTES = 4_000_000;
const COST_KEY_MAX = 1_000;
let documentNumber = 0;

/** The operation's cost; a QueryCostError when its variables are invalid or it is too large to count. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  maxNodes: number,
  sizes: DataSizes,
): OperationCost {
  const key = costKey(operationName, variables, maxNodes, sizes);
  if (key === null) return countOperationCost(schema, document, operationName, variables, maxNodes, sizes);
  let kept = COSTS.get(schema);
  if (!kept) {
    // Each entry weighs its key and about 200 bytes of cost report.
    kept = {
      ids: new WeakMap(),
      costs: new LRUCache({ maxSize: COSTS_KEPT_BYTES, sizeCalculation: (_cost, entry) => entry.length + 200 }),
    };
    COSTS.set(schema, kept);
  }
  let id = kept.ids.get(document);
  if (id === undefined) kept.ids.set(document, (id = ++documentNumber));
  const entry = `${id} ${key}`;
  const known = kept.costs.get(entry);
  if (known) return known;
  const cost = countOperationCost(schema, document, operationName, variables, maxNodes, sizes);
  kept.costs.set(entry, cost);
  return cost;
}

/** The key of a kept cost; null when the variables are too long or too deep to keep. */
function costKey(
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  maxNodes: number,
  sizes: DataSizes,
): string | null {
  let written: string;
  try {
    written = JSON.stringify(variables ?? {});
  } catch {
    return null; // nested beyond the stack: counting refuses them with BAD_USER_INPUT
  }
  const key = `${sizes.version} ${maxNodes} ${operationName ?? ''} ${written}`;
  return key.length > COST_KEY_MAX ? null : key;
}

function countOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  maxNodes: number,
  sizes: DataSizes,
): OperationCost {
  const estimators = estimatorsFor(schema);
  const operation = operationArguments(schema, document, variables);
  const count = (estimator: ComplexityEstimator) =>
    getComplexity({
      schema,
      query: document,
      operationName,
      variables: variables ?? {},
      estimators: [estimator],
      maxQueryNodes: maxNodes,
      context: { sizes, operation },
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
