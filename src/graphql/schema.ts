import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { IndicatorResolver, ProcedureResolver, ProgrammeResolver } from '../modules/reference/reference.resolver';

/** The GraphQL schema, built from the decorated classes. `schema/schema.graphql` is its printed form. */
export function buildGraphqlSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ProcedureResolver, ProgrammeResolver, IndicatorResolver],
    validate: false,
  });
}
