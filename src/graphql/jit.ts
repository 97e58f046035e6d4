import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  getNamedType,
  type GraphQLSchema,
  isLeafType,
  type OperationDefinitionNode,
  printSchema,
  typeFromAST,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { boundedResult } from './execution-bounds';
import type { RequestContext } from './request-context';

/**
 * The hub's executor, through Apollo's one executor hook (a "gateway" that only executes): every answer
 * passes boundedResult (execution-bounds.ts) before Apollo serialises it. With `compile`, execution compiled by graphql-jit.
 * A query document seen for the second time is compiled into a function that resolves exactly its
 * selection, without graphql-js's per-field argument coercion and promise bookkeeping; the first time it
 * runs on graphql-js, so that a stream of one-off queries pays no compilation (Mercurius's `jit: 1` rule).
 *
 * What stays on graphql-js, always:
 * - mutations (rare, and their cost is the writing);
 * - operations with a variable of an input object type: graphql-jit 0.8.9 does not apply the default of a
 *   non-null input field given in a variable (`$order: ProjectOrder` = `{ field: TITLE }` is refused for
 *   the missing `direction`), where graphql-js fills it in. Scalars, enums and their lists are safe.
 *
 * Bounds, since compiling is work and its product is large (hundreds of kB per compiled operation,
 * generated code included, so that a stream of distinct documents would grow the process without them):
 * - at most MAX_COMPILED compiled operations are kept, least recently used evicted (lru-cache);
 * - at most COMPILES_PER_SECOND compilations a second (compiling a large query takes milliseconds of the
 *   event loop); past that, an operation runs on graphql-js and is compiled at a later run.
 * Sightings are counted in a WeakMap on Apollo's parsed documents, which Apollo's bounded document store
 * keeps. Documents are validated, costed and admitted before they get here.
 */
export const MAX_COMPILED = 50;
export const COMPILES_PER_SECOND = 5;

/** Documents compiled, and documents kept on graphql-js (see above, or not compilable), since start. */
export const jitStatistics = { compiled: 0, notCompiled: 0 };

function compilable(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  return (operation.variableDefinitions ?? []).every((definition) => {
    const type = typeFromAST(schema, definition.type as never);
    return type !== undefined && isLeafType(getNamedType(type));
  });
}

/** How the executor runs: compiling repeated documents or not, and the largest answer it may give. */
export interface ExecutorOptions {
  compile: boolean;
  maxResponseBytes: number;
}

export function compiledExecutor(schema: GraphQLSchema, options: ExecutorOptions): GatewayExecutor {
  /** Per document and operation name: times run, and what compiling gave (null: stays on graphql-js). */
  const seen = new WeakMap<DocumentNode, Map<string, number>>();
  const compiledQueries = new LRUCache<DocumentNode, Map<string, CompiledQuery | null>>({ max: MAX_COMPILED });
  let second = 0;
  let compilesThisSecond = 0;
  const mayCompile = () => {
    const now = Math.floor(Date.now() / 1000);
    if (now !== second) {
      second = now;
      compilesThisSecond = 0;
    }
    return compilesThisSecond < COMPILES_PER_SECOND;
  };
  return async (requestContext) => {
    const { document, operationName, operation, request, context: contextValue } = requestContext;
    const name = operationName ?? '';
    let compiled = options.compile ? compiledQueries.get(document)?.get(name) : null;
    if (compiled === undefined) {
      let runs = seen.get(document);
      if (!runs) seen.set(document, (runs = new Map()));
      const count = (runs.get(name) ?? 0) + 1;
      runs.set(name, count);
      if (count >= 2 && mayCompile()) {
        compilesThisSecond += 1;
        const result = compilable(schema, operation)
          ? compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true })
          : undefined;
        compiled = result && isCompiledQuery(result) ? result : null;
        const byName = compiledQueries.get(document) ?? new Map<string, CompiledQuery | null>();
        byName.set(name, compiled);
        compiledQueries.set(document, byName);
        jitStatistics[compiled ? 'compiled' : 'notCompiled'] += 1;
      }
    }
    let result: ExecutionResult;
    try {
      result = compiled
        ? await compiled.query(undefined, contextValue, request.variables ?? {})
        : await execute({ schema, document, contextValue, variableValues: request.variables, operationName });
    } catch (error) {
      // An execution that throws instead of answering keeps its error (and so its code, and its log line).
      result = { errors: [asGraphqlError(error)] };
    }
    if (result.errors?.some((error) => !isWellFormed(error)))
      result = { ...result, errors: result.errors.map(asGraphqlError) };
    return boundedResult(result, contextValue as RequestContext, options.maxResponseBytes);
  };
}

/** A GraphQLError as graphql-js makes it: with an `extensions` object (Apollo reads its `code`). */
const isWellFormed = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && typeof error.extensions === 'object' && error.extensions !== null;

/**
 * An error as Apollo must receive it. graphql-jit's own GraphQLError has no `extensions` object, and
 * Apollo, reading `extensions.code` of it, fails and answers a bare INTERNAL_SERVER_ERROR without
 * formatting or logging it; an execution may also throw. Either becomes a graphql-js GraphQLError with
 * the same message, path and locations, carrying the resolver's error, so that formatError finds its
 * code (DATABASE_UNAVAILABLE, DEADLINE_EXCEEDED …) and the log its details.
 */
function asGraphqlError(error: unknown): GraphQLError {
  if (isWellFormed(error)) return error;
  const found = error as { message?: unknown; path?: unknown; locations?: unknown; originalError?: unknown };
  const original =
    found.originalError instanceof Error ? found.originalError : error instanceof Error ? error : undefined;
  const wrapped = new GraphQLError(String(found.message ?? error), {
    originalError: original,
    path: Array.isArray(found.path) ? found.path : undefined,
  });
  if (Array.isArray(found.locations)) (wrapped as { locations?: unknown }).locations = found.locations;
  return wrapped;
}

/** The smallest gateway Apollo accepts: a fixed schema, our executor, no updates. */
export function executingGateway(schema: GraphQLSchema, options: ExecutorOptions): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return { schema, executor: compiledExecutor(schema, options) };
    },
    async stop() {
      return undefined;
    },
  };
}
