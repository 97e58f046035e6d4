import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  execute,
  getNamedType,
  type GraphQLSchema,
  isLeafType,
  type OperationDefinitionNode,
  printSchema,
  typeFromAST,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * Execution compiled by graphql-jit, through Apollo's one executor hook (a "gateway" that only executes).
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

export function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
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
    let compiled = compiledQueries.get(document)?.get(name);
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
    if (compiled) return compiled.query(undefined, contextValue, request.variables ?? {});
    return execute({ schema, document, contextValue, variableValues: request.variables, operationName });
  };
}

/** The smallest gateway Apollo accepts: a fixed schema, our executor, no updates. */
export function executingGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return { schema, executor: compiledExecutor(schema) };
    },
    async stop() {
      return undefined;
    },
  };
}
