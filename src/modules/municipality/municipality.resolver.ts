import { Arg, Ctx, Extensions, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Municipality, Source } from '../../entities';
import { Connection, pageWindow, toConnection } from '../../graphql/connection';
import type { Context } from '../context';
import { ProjectFilter } from '../project/project.args';
import { Oblast } from '../project/project-facts.resolver';
import { ProjectConnection } from '../project/project.types';
import { MunicipalityFilter, MunicipalityOrder } from './municipality.args';

export const MunicipalityConnection = Connection(Municipality, 'Municipality', 'municipality');
type MunicipalityConnection = InstanceType<typeof MunicipalityConnection>;

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => MunicipalityConnection, {
    description: 'All 265 municipalities (reference data), filtered and sorted, as a Relay connection.',
  })
  async municipalities(
    @Ctx() { services }: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
    @Arg('filter', () => MunicipalityFilter, {
      nullable: true,
      description: 'Conditions the municipalities must meet.',
    })
    filter?: MunicipalityFilter,
    @Arg('orderBy', () => MunicipalityOrder, { nullable: true, description: 'Sort order (default: code, ascending).' })
    orderBy?: MunicipalityOrder,
  ): Promise<MunicipalityConnection> {
    const { offset, limit } = pageWindow(first, after);
    return toConnection(await services.municipalities.page(filter, orderBy, offset, limit)) as MunicipalityConnection;
  }

  @Query(() => Municipality, {
    nullable: true,
    description: 'One municipality by its NSI code (e.g. `SZR12`); null when unknown.',
  })
  municipality(
    @Arg('code', () => String, { description: 'NSI/EKATTE municipality code, e.g. `SZR12`.' }) code: string,
    @Ctx() { loaders }: Context,
  ) {
    return loaders.municipalityByCode.load(code.trim().toUpperCase());
  }

  @FieldResolver(() => Oblast, { description: 'The oblast (province).' })
  oblast(@Root() municipality: Municipality): Oblast {
    return { code: municipality.oblastCode, name: municipality.oblastName, nameLatin: municipality.oblastNameLatin };
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Where the population figure comes from.' })
  populationSource(@Root() municipality: Municipality, @Ctx() { loaders }: Context) {
    return municipality.populationSourceKey ? loaders.sourceByKey.load(municipality.populationSourceKey) : null;
  }

  // A page holds no more than the most projects one municipality has.
  @Extensions({ longest: 'comparison.projects' })
  @FieldResolver(() => ProjectConnection, {
    description: 'The municipality’s Component 2 projects in the dataset (by title).',
  })
  async projects(
    @Root() municipality: Municipality,
    @Ctx() { loaders }: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Conditions the projects must meet.' })
    filter?: ProjectFilter,
  ): Promise<ProjectConnection> {
    const { offset, limit } = pageWindow(first, after);
    const page = await loaders.projectsByMunicipality.load({ code: municipality.code, offset, limit, filter });
    return {
      ...toConnection(page),
      disputedScope: { filter, municipalityCode: municipality.code },
    } as ProjectConnection;
  }
}
