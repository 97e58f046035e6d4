import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Extensions, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { selectedFieldNames } from '../../graphql/selection';
import { statementsOf } from './statement-selection';
import { parseContractNumber } from '../../domain/contract-number';
import { Currency, PeriodField } from '../../domain/enums';
import { fromGlobalId } from '../../domain/global-id';
import { monthsBetween } from '../../domain/period';
import {
  Activity,
  Contract,
  FundingAmount,
  IndicatorValue,
  Municipality,
  Partnership,
  Procedure,
  ProcedureCitation,
  Project,
  ProjectRevision,
  QualityFlag,
  Source,
  TargetGroup,
} from '../../entities';
import { badUserInput } from '../../errors/codes';
import { pageWindow, toConnection } from '../../graphql/connection';
import { measuredList } from '../../graphql/field-cost';
import type { Context } from '../context';
import { Money } from '../../graphql/money';
import { ProjectFilter, ProjectOrder } from './project.args';
import {
  DisputedExclusion,
  DisputedExclusions,
  IndicatorValueFilter,
  ProjectConnection,
  ProjectPeriod,
} from './project.types';

@Resolver(() => Project)
export class ProjectResolver {
  @Extensions({ longest: 'count:Project' })
  @Query(() => ProjectConnection, {
    description: 'Projects of the dataset, filtered and sorted, as a Relay connection.',
  })
  async projects(
    @Ctx() { services }: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' }) first?: number,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor after which the page starts (`pageInfo.endCursor` of the previous page).',
    })
    after?: string,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Conditions the projects must meet.' })
    filter?: ProjectFilter,
    @Arg('orderBy', () => ProjectOrder, {
      nullable: true,
      description: 'Sort order (default: municipality name, ascending).',
    })
    orderBy?: ProjectOrder,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<ProjectConnection> {
    const { offset, limit } = pageWindow(first, after);
    // Only the columns the selected node fields need (a list of keys and titles reads 5 of 26 columns).
    const fields = info ? selectedFieldNames(info, ['edges', 'node']) : undefined;
    const municipalityFields =
      info && fields?.has('municipality') ? selectedFieldNames(info, ['edges', 'node', 'municipality']) : undefined;
    const page = await services.projects.page(filter, orderBy, offset, limit, fields, municipalityFields);
    return { ...toConnection(page), disputedScope: { filter } } as ProjectConnection;
  }

  @Query(() => DisputedExclusions, {
    description:
      'The projects a filter leaves out only because their sources disagree on a filtered fact (dates, budget): the same rule as `projects` and `aggregate` apply, so a client of `aggregate` can say what its groups leave out.',
  })
  disputedExclusions(
    @Ctx() { loaders }: Context,
    @Arg('filter', () => ProjectFilter, { description: 'The filter given to `projects` or `aggregate`.' })
    filter: ProjectFilter,
  ): Promise<DisputedExclusions> {
    return loaders.disputedExclusions.load({ filter });
  }

  @Query(() => Project, {
    nullable: true,
    description:
      'One project by global ID, or by a contract or registration number (`BG05M9OP001-2.056-0020`, `…-0020-C01`, `…-0020-2014BG05M2OP001-C01`). Numbers match after normalisation: Cyrillic look-alike letters, spaces and dropped leading zeros (`2.056-20`) are accepted. Null when nothing matches.',
  })
  async project(
    @Ctx() { services, loaders }: Context,
    @Arg('id', () => ID, { nullable: true, description: 'Global ID of the project.' }) id?: string,
    @Arg('contractNumber', () => String, {
      nullable: true,
      description: 'A contract or registration number of the project, in any common spelling.',
    })
    contractNumber?: string,
  ): Promise<Project | null> {
    if ((id == null) === (contractNumber == null))
      throw badUserInput(id == null ? 'id' : 'contractNumber', 'give exactly one of "id" and "contractNumber"');
    if (id != null) {
      const decoded = fromGlobalId(id);
      if (!decoded || decoded.type !== 'Project' || !/^\d+$/.test(decoded.key))
        throw badUserInput('id', 'is not a project ID of this API');
      return loaders.projectById.load(Number(decoded.key));
    }
    const parsed = parseContractNumber(contractNumber!);
    if (!parsed)
      throw badUserInput(
        'contractNumber',
        `"${contractNumber}" is not a contract or registration number of procedure BG05M9OP001-2.056`,
      );
    return services.projects.byContractNumber(parsed);
  }

  @FieldResolver(() => Municipality, { description: 'The beneficiary municipality.' })
  municipality(@Root() project: Project, @Ctx() { loaders }: Context) {
    // Read with the project where a page joined it (ProjectService.page), else one batch per request.
    return project.municipality ?? loaders.municipalityByCode.load(project.municipalityCode);
  }

  @FieldResolver(() => Procedure, {
    description: 'The procedure (BG05M9OP001-2.056, Component 2); see `confirmation` for how sure that is.',
  })
  procedure(@Root() project: Project, @Ctx() { loaders }: Context) {
    return loaders.procedureByCode.load(project.procedureCode);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description:
      'Total budget (EU + national, both programmes) as stated exactly by the sources, in BGN or converted to EUR at 1.95583. Null when no source states an exact total or sources disagree (see `funding` and `qualityFlags`): never summed from parts.',
  })
  budget(
    @Root() project: Project,
    @Arg('currency', () => Currency, {
      defaultValue: Currency.BGN,
      description: 'BGN (as published) or EUR (converted).',
    })
    currency: Currency,
  ) {
    return Money.fromBgn(project.totalBudgetBgn, currency);
  }

  @FieldResolver(() => [Contract], {
    complexity: measuredList('rows:Contract'),
    description: 'Grant contracts as cited by the sources (one row per source citing one).',
  })
  contracts(@Root() project: Project, @Ctx() { loaders }: Context, @Info() info?: GraphQLResolveInfo) {
    return statementsOf(loaders.contractsByProjectId, project.databaseId, info);
  }

  @FieldResolver(() => [FundingAmount], {
    complexity: measuredList('rows:FundingAmount'),
    description:
      'Every amount the sources state: whole project or per programme, total or EU or national share, one row per source.',
  })
  funding(@Root() project: Project, @Ctx() { loaders }: Context, @Info() info?: GraphQLResolveInfo) {
    return statementsOf(loaders.fundingByProjectId, project.databaseId, info);
  }

  @FieldResolver(() => ProjectPeriod, { description: 'Start, end and duration, with every source statement.' })
  async period(@Root() project: Project, @Ctx() { loaders }: Context): Promise<ProjectPeriod> {
    const statements = await loaders.periodStatementsByProjectId.full.load(project.databaseId);
    const durationMonths =
      project.startDate && project.endDate
        ? Math.round(monthsBetween(project.startDate, project.endDate) * 10) / 10
        : null;
    return {
      startDate: project.startDate,
      endDate: project.endDate,
      statedDurationMonths: project.statedDurationMonths,
      durationMonths,
      statements: [...statements].sort(
        (a, b) => Object.keys(PeriodField).indexOf(a.field) - Object.keys(PeriodField).indexOf(b.field),
      ),
    };
  }

  @FieldResolver(() => [Partnership], {
    complexity: measuredList('rows:Partnership'),
    description: 'Organisations taking part, each with its role, programme and source.',
  })
  partners(@Root() project: Project, @Ctx() { loaders }: Context, @Info() info?: GraphQLResolveInfo) {
    return statementsOf(loaders.partnershipsByProjectId, project.databaseId, info);
  }

  @FieldResolver(() => [Activity], {
    complexity: measuredList('rows:Activity'),
    description: 'Activities as listed by the sources, by programme and number.',
  })
  activities(@Root() project: Project, @Ctx() { loaders }: Context, @Info() info?: GraphQLResolveInfo) {
    return statementsOf(loaders.activitiesByProjectId, project.databaseId, info);
  }

  @FieldResolver(() => [TargetGroup], {
    complexity: measuredList('rows:TargetGroup'),
    description: 'Target groups as described by the sources.',
  })
  targetGroups(@Root() project: Project, @Ctx() { loaders }: Context, @Info() info?: GraphQLResolveInfo) {
    return statementsOf(loaders.targetGroupsByProjectId, project.databaseId, info);
  }

  @FieldResolver(() => [IndicatorValue], {
    complexity: measuredList('rows:IndicatorValue'),
    description:
      'Outcome figures (persons employed, children reached …), each with qualifier, basis (planned or achieved), date, breakdown and source.',
  })
  async indicators(
    @Root() project: Project,
    @Ctx() { loaders }: Context,
    @Arg('filter', () => IndicatorValueFilter, { nullable: true, description: 'Which figures to return.' })
    filter?: IndicatorValueFilter,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<IndicatorValue[]> {
    let values = await statementsOf(loaders.indicatorValuesByProjectId, project.databaseId, info);
    if (filter?.basis) values = values.filter((value) => value.basis === filter.basis);
    if (filter?.codes) values = values.filter((value) => filter.codes!.includes(value.indicatorCode));
    if (filter?.wholeOnly != null) values = values.filter((value) => (value.breakdown === null) === filter.wholeOnly);
    if (filter?.domains) {
      const indicators = await loaders.indicatorByCode.loadMany(values.map((value) => value.indicatorCode));
      values = values.filter((_value, index) => {
        const indicator = indicators[index];
        return indicator && !(indicator instanceof Error) && filter.domains!.includes(indicator.domain);
      });
    }
    return values;
  }

  @FieldResolver(() => [Source], {
    complexity: measuredList('items:Project.sources'),
    description: 'Every source the project’s figures and texts come from.',
  })
  sources(@Root() project: Project, @Ctx() { loaders }: Context) {
    return loaders.sourcesByProjectId.load(project.databaseId);
  }

  @FieldResolver(() => [QualityFlag], {
    complexity: measuredList('rows:QualityFlag'),
    description:
      'Data-quality findings computed by the hub (contradictions, mismatches, unconfirmed procedure, non-canonical numbers).',
  })
  qualityFlags(@Root() project: Project, @Ctx() { loaders }: Context) {
    return loaders.qualityFlagsByProjectId.load(project.databaseId);
  }

  @FieldResolver(() => [ProcedureCitation], {
    complexity: measuredList('rows:ProcedureCitation'),
    description: 'Sources naming the procedure for this project (empty when PROBABLE).',
  })
  procedureCitations(@Root() project: Project, @Ctx() { loaders }: Context, @Info() info?: GraphQLResolveInfo) {
    return statementsOf(loaders.procedureCitationsByProjectId, project.databaseId, info);
  }

  @FieldResolver(() => [ProjectRevision], {
    complexity: measuredList('rows:ProjectRevision'),
    description: 'Imports that changed the project, newest first, with the previous values.',
  })
  revisions(@Root() project: Project, @Ctx() { loaders }: Context) {
    return loaders.revisionsByProjectId.load(project.databaseId);
  }
}

@Resolver(() => ProjectConnection)
export class ProjectConnectionResolver {
  @FieldResolver(() => DisputedExclusions, {
    description:
      "Projects the range conditions of this list's filter left out only because their sources disagree (a count and, per project, the facts): nothing disappears silently. Empty without a range condition.",
  })
  excludedAsDisputed(@Root() connection: ProjectConnection, @Ctx() { loaders }: Context): Promise<DisputedExclusions> {
    return loaders.disputedExclusions.load(connection.disputedScope ?? { filter: undefined });
  }
}

@Resolver(() => DisputedExclusion)
export class DisputedExclusionResolver {
  @FieldResolver(() => Project, { description: 'The project left out.' })
  project(@Root() exclusion: DisputedExclusion, @Ctx() { loaders }: Context) {
    return loaders.projectById.load(exclusion.projectId);
  }
}
