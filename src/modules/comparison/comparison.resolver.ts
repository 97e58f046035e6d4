import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { selectedFieldNames } from '../../graphql/selection';
import { Currency } from '../../domain/enums';
import { Municipality, Project, Source } from '../../entities';
import type { Context } from '../context';
import { ProjectFilter } from '../project/project.args';
import { aggregateCost } from './aggregate.cost';
import { Dimension, Measure } from './aggregate.enums';
import { AggregateGroup } from './aggregate.types';
import { allMetricsListCost, caveatListCost, rowProjectListCost, sourceListCost } from './comparison.cost';
import { ComparisonBasis } from './comparison.enums';
import { Caveat, Comparison, ComparisonCell, ComparisonRow } from './comparison.types';
import { MetricDefinition } from './metric-definition.type';
import { METRIC_KEYS, MetricKey } from './metrics';

@Resolver()
export class ComparisonResolver {
  @Query(() => [MetricDefinition], {
    complexity: allMetricsListCost,
    description: 'The catalogue of comparison metrics, each formula stated in words.',
  })
  metrics(): MetricDefinition[] {
    return METRIC_KEYS.map((key) => MetricDefinition.of(key));
  }

  @Query(() => Comparison, {
    description:
      'Municipalities side by side on chosen metrics. Planned and achieved figures are never compared silently: every cell says its basis, a column mixing both carries MIXED_BASIS and is ranked within each basis; nulls come with the reason.',
  })
  comparison(
    @Ctx() { services }: Context,
    @Arg('metrics', () => [MetricKey], { description: 'The metrics, in the order wanted (at least one).' })
    metrics: MetricKey[],
    @Arg('municipalityCodes', () => [String], {
      nullable: true,
      description: 'Municipality codes; omitted: every municipality with a project in the dataset.',
    })
    municipalityCodes?: string[],
    @Arg('currency', () => Currency, {
      defaultValue: Currency.BGN,
      description: 'Currency of money values: BGN as published, or EUR at 1.95583.',
    })
    currency: Currency = Currency.BGN,
    @Arg('basis', () => ComparisonBasis, {
      defaultValue: ComparisonBasis.BEST_AVAILABLE,
      description: 'Which outcome figures to use.',
    })
    basis: ComparisonBasis = ComparisonBasis.BEST_AVAILABLE,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Comparison> {
    // Each row's project ids only when `rows { projects }` is selected (100 per municipality at 26,500 projects).
    const withProjects = info ? selectedFieldNames(info, ['rows']).has('projects') : true;
    return services.comparison.compare(municipalityCodes, metrics, currency, basis, withProjects);
  }

  @Query(() => [AggregateGroup], {
    complexity: aggregateCost,
    description:
      'Grouped aggregates over the projects matching a filter, computed by one SQL GROUP BY with exact NUMERIC sums. Requests that would add up incomparable things (budgets across partner types, planned with achieved, different indicators) are refused with BAD_USER_INPUT naming the measure.',
  })
  aggregate(
    @Ctx() { services }: Context,
    @Arg('groupBy', () => [Dimension], { description: 'Dimensions to group by (empty: one group over everything).' })
    groupBy: Dimension[],
    @Arg('measures', () => [Measure], { description: 'Measures to compute (at least one).' }) measures: Measure[],
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Which projects to include.' })
    filter?: ProjectFilter,
    @Arg('currency', () => Currency, { defaultValue: Currency.BGN, description: 'Currency of budget measures.' })
    currency: Currency = Currency.BGN,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<AggregateGroup[]> {
    // Labels and budgets left out are computed only when selected.
    const selection = info
      ? {
          labels: selectedFieldNames(info, ['keys']).has('label'),
          labelsLatin: selectedFieldNames(info, ['keys']).has('labelLatin'),
          leftOut: selectedFieldNames(info, ['values']).has('leftOut'),
          leftOutReasons: selectedFieldNames(info, ['values']).has('leftOutReasons'),
        }
      : undefined;
    return services.aggregates.aggregate(groupBy, measures, filter, currency, selection);
  }
}

@Resolver(() => ComparisonRow)
export class ComparisonRowResolver {
  @FieldResolver(() => Municipality, { description: 'The municipality.' })
  municipality(@Root() row: ComparisonRow, @Ctx() { loaders }: Context) {
    return loaders.municipalityByCode.load(row.municipalityCode);
  }

  @FieldResolver(() => [Project], {
    complexity: rowProjectListCost,
    description: 'Its projects in the dataset that the values combine.',
  })
  async projects(@Root() row: ComparisonRow, @Ctx() { loaders }: Context) {
    return (await loaders.projectById.loadMany(row.projectIds)).filter(
      (project): project is Project => project instanceof Project,
    );
  }
}

@Resolver(() => ComparisonCell)
export class ComparisonCellResolver {
  @FieldResolver(() => [Caveat], { complexity: caveatListCost, description: 'Every caveat that applies.' })
  async caveats(@Root() cell: ComparisonCell, @Ctx() { loaders }: Context): Promise<Caveat[]> {
    const stored = cell.detailsKey ? await loaders.comparisonDetailsByCell.load(cell.detailsKey) : null;
    return [...(stored?.caveats ?? []), ...cell.requestCaveats];
  }

  @FieldResolver(() => Int, {
    description:
      'How many caveats apply (the length of `caveats`), read with the value: a table that shows only the count need not load the caveats.',
  })
  caveatCount(@Root() cell: ComparisonCell): number {
    return cell.storedCaveats + cell.requestCaveats.length;
  }

  @FieldResolver(() => [Source], { complexity: sourceListCost, description: 'The sources of the figures used.' })
  async sources(@Root() cell: ComparisonCell, @Ctx() { loaders }: Context) {
    return cell.detailsKey ? (await loaders.comparisonDetailsByCell.load(cell.detailsKey)).sources : [];
  }
}
