import { type DocumentNode, type FieldNode, type GraphQLSchema, visit } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

/**
 * The arguments of the operation's root fields, by field name (every use, variables applied): a list
 * whose length an argument of its root field decides (a comparison's cells: its `metrics`) reads it here.
 */
export interface OperationArguments {
  rootArguments(fieldName: string): Record<string, unknown>[];
}

/**
 * The arguments of every use of a root field in the document (all operations and fragments: an upper
 * bound), variables applied; a use whose arguments do not coerce is skipped (validation refuses it).
 */
export function operationArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): OperationArguments {
  const found = new Map<string, Record<string, unknown>[]>();
  const root = { ...schema.getQueryType()?.getFields(), ...schema.getMutationType()?.getFields() };
  return {
    rootArguments(fieldName) {
      let uses = found.get(fieldName);
      if (uses) return uses;
      uses = [];
      const definition = root[fieldName];
      if (definition) {
        const nodes: FieldNode[] = [];
        visit(document, {
          Field(node) {
            if (node.name.value === fieldName) nodes.push(node);
          },
        });
        for (const node of nodes) {
          try {
            uses.push(getArgumentValues(definition, node, variables ?? {}));
          } catch {
            // Refused by validation or cost counting with its own message.
          }
        }
      }
      found.set(fieldName, uses);
      return uses;
    },
  };
}
