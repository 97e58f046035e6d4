import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode, execute, getNamedType, type GraphQLSchema, isLeafType, type OperationDefinitionNode, printSchema, typeFromAST,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

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
 * Memory: compiled queries hang off Apollo's parsed documents in a WeakMap, so they live exactly as long
 * as Apollo's bounded document store keeps the document (an evicted document takes its compiled query
 * with it). Documents are validated, costed and admitted before they get here.
 */
interface Entry {
  seen: number;
  compiled: Map<string, CompiledQuery | null>;
}

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
  const entries = new WeakMap<DocumentNode, Entry>();
  return async (requestContext) => {
    const { document, operationName, operation, request, context: contextValue } = requestContext;
    let entry = entries.get(document);
    if (!entry) {
      entry = { seen: 0, compiled: new Map() };
      entries.set(document, entry);
    }
    entry.seen += 1;
    const name = operationName ?? '';
    if (entry.seen >= 2 && !entry.compiled.has(name)) {
      const result = compilable(schema, operation)
        ? compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true })
        : undefined;
      const compiled = result && isCompiledQuery(result) ? result : null;
      entry.compiled.set(name, compiled);
      jitStatistics[compiled ? 'compiled' : 'notCompiled'] += 1;
    }
    const compiled = entry.compiled.get(name);
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
