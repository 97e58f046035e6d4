import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Procedure, Programme, Indicator, Source } from '../../entities';
import type { Context } from '../../graphql/context';

@Resolver(() => Procedure)
export class ProcedureResolver {
  @Query(() => Procedure, { nullable: true, description: 'A procedure by its code, e.g. `BG05M9OP001-2.056`; null when unknown.' })
  procedure(
    @Arg('code', () => String, { description: 'Procedure code as published, e.g. `BG05M9OP001-2.056`.' }) code: string,
    @Ctx() { services }: Context,
  ): Promise<Procedure | null> {
    return services.reference.procedure(code.trim());
  }

  @FieldResolver(() => Source, { description: 'Where the procedure’s name and component are published.' })
  source(@Root() procedure: Procedure, @Ctx() { loaders }: Context): Promise<Source | null> {
    return loaders.sourceByKey.load(procedure.sourceKey);
  }
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => [Programme], { description: 'The two operational programmes co-funding Component 2: OP HRD and OP SESG.' })
  programmes(@Ctx() { services }: Context): Promise<Programme[]> {
    return services.reference.programmes();
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { description: 'The catalogue of outcome indicators, by domain and code.' })
  indicators(@Ctx() { services }: Context): Promise<Indicator[]> {
    return services.reference.indicators();
  }
}
