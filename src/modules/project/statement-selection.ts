import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { selectedFieldNames } from '../../graphql/selection';
import type { StatementLoaders } from '../../loaders/create-loaders';

/** The fields of a statement that read its quote or its note: with any of them selected, statements load whole. */
const TEXT_FIELDS = ['asPublished', 'note', 'verified', 'verification'];

/** Per field of a document (the same nodes for every parent): whether its selection reads the texts. */
const readsTexts = new WeakMap<readonly FieldNode[], boolean>();

/**
 * A project's statements of one table as the selection needs them: whole, or light (without the quotes
 * and notes, most of their bytes) when no selected field reads them. Both through the request's loaders.
 */
export function statementsOf<T>(
  loaders: StatementLoaders<T>,
  projectId: number,
  info: GraphQLResolveInfo | undefined,
): Promise<T[]> {
  if (!info) return loaders.full.load(projectId);
  let whole = readsTexts.get(info.fieldNodes);
  if (whole === undefined) {
    const names = selectedFieldNames(info, []);
    whole = TEXT_FIELDS.some((name) => names.has(name));
    readsTexts.set(info.fieldNodes, whole);
  }
  return (whole ? loaders.full : loaders.light).load(projectId);
}
