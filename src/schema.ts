import 'reflect-metadata';
import { type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import { buildSchema } from 'type-graphql';
import {
  ComparisonCellResolver,
  ComparisonResolver,
  ComparisonRowResolver,
} from './modules/comparison/comparison.resolver';
import { DraftResolver } from './modules/draft/draft.resolver';
import { ImportedProjectResolver, ImportResolver } from './modules/import/import.resolver';
import { MunicipalityResolver } from './modules/municipality/municipality.resolver';
import { NodeResolver } from './modules/node/node.resolver';
import { ProjectStatementsResolver } from './modules/project/project-statements.resolver';
import { FACT_RESOLVERS } from './modules/project/project-facts.resolver';
import {
  DisputedExclusionResolver,
  ProjectConnectionResolver,
  ProjectResolver,
} from './modules/project/project.resolver';
import {
  IndicatorResolver,
  ProcedureResolver,
  ProgrammeResolver,
  SourceFieldsResolver,
  SourceResolver,
} from './modules/reference/reference.resolver';
import { abortableResolvers } from './graphql/execution-bounds';
import { measureEntityFields } from './graphql/field-size';
import { leanFieldResolvers } from './graphql/lean-resolvers';
import { DateScalar } from './graphql/scalars';

let built: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema, built once from the decorated classes. `schema/schema.graphql` is its printed form. */
export function buildGraphqlSchema(): Promise<GraphQLSchema> {
  const resolvers: Function[] = [
    ProcedureResolver,
    ProgrammeResolver,
    IndicatorResolver,
    SourceResolver,
    SourceFieldsResolver,
    MunicipalityResolver,
    ProjectResolver,
    ProjectStatementsResolver,
    NodeResolver,
    ProjectConnectionResolver,
    DisputedExclusionResolver,
    ...FACT_RESOLVERS,
    ComparisonResolver,
    ComparisonRowResolver,
    ComparisonCellResolver,
    ImportResolver,
    ImportedProjectResolver,
    DraftResolver,
  ];
  built ??= buildSchema({
    resolvers: resolvers as [Function, ...Function[]],
    scalarsMap: [{ type: Date, scalar: DateScalar }],
    validate: false,
  }).then((schema) => {
    leanFieldResolvers(schema, resolvers);
    measureEntityFields(schema);
    abortableResolvers(schema);
    syncTypeResolvers(schema);
    schema.getMutationType()!.description =
      'Writes, for holders of an API token only (reading needs none): imports of project files, all or nothing, each revision recording its token.';
    schema.getQueryType()!.description =
      'Component 2 Hub: the Component 2 projects (procedure BG05M9OP001-2.056) of Bulgarian municipalities, every figure with its source, ' +
      'planned kept apart from achieved, contradictions shown. Amounts in BGN as published, or EUR at the fixed 1.95583 BGN/EUR.';
    return schema;
  });
  return built;
}

/**
 * Interfaces resolve their object type by the value's class (entity class names are the GraphQL type
 * names), synchronously: type-graphql wraps `resolveType` in an async function, which graphql-js awaits
 * but compiled execution (graphql-jit) does not, so a compiled `node(id:)` could not tell the type.
 */
function syncTypeResolvers(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInterfaceType(type) || type.name.startsWith('__')) continue;
    type.resolveType = (value) => {
      const name = (value as object | null)?.constructor?.name;
      return name && isObjectType(schema.getType(name)) ? name : undefined;
    };
  }
}
