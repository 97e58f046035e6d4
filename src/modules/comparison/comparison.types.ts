import { Extensions, Field, Int, ObjectType } from 'type-graphql';
import { Basis, Currency, Qualifier } from '../../domain/enums';
import { Municipality, Project, Source } from '../../entities';
import { ExchangeRate } from '../../graphql/money';
import { DecimalScalar } from '../../graphql/scalars';
import { metricListCost, rowListCost, summaryListCost } from './comparison.cost';
import { CaveatCode, ComparisonBasis } from './comparison.enums';
import type { PlainCaveat } from './figures';
import { MetricDefinition } from './metric-definition.type';
import { MetricKey } from './metrics';

@ObjectType({ simpleResolvers: true, description: 'A reason to read a comparison value with care, or why it is null.' })
export class Caveat {
  @Field(() => CaveatCode, { description: 'Stable code.' })
  code: CaveatCode;

  // Stored with the cell's details (db/data-measures.ts measures them), or MIXED_BASIS, written per request.
  @Extensions({ size: ['text:Caveat.message', 400] })
  @Field({ description: 'Explanation in English, naming the figures concerned.' })
  message: string;
}

@ObjectType({ simpleResolvers: true, description: 'One metric of one municipality.' })
export class ComparisonCell {
  @Field(() => MetricKey, { description: 'The metric.' })
  metric: MetricKey;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'The value, two decimals, in the metric’s unit (money in the comparison’s currency); null with a caveat saying why.',
  })
  value: string | null;

  /** The value in cents, for ranking. */
  cents: bigint | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Rank among comparable values (same basis, exact figures) in the metric’s rank direction; ties share a rank; null when unranked.',
  })
  rank: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The numerator used (money in the comparison’s currency); null when unknown.',
  })
  numerator: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The denominator used; null for a plain quantity or when unknown.',
  })
  denominator: string | null;

  @Field(() => Basis, {
    nullable: true,
    description:
      'PLANNED or ACHIEVED for metrics built on outcome figures; null otherwise or when the cell mixes both.',
  })
  basis: Basis | null;

  @Field(() => Qualifier, {
    nullable: true,
    description: 'EXACT, or AT_LEAST / APPROXIMATE when a figure used is one; null when the value is null.',
  })
  qualifier: Qualifier | null;

  @Field(() => [Caveat], { description: 'Every caveat that applies.' })
  caveats?: Caveat[];

  /** How many caveats the stored cell holds (read with its values, without its details). */
  storedCaveats: number;

  /** The stored cell's key (`municipality|metric|basis`); null for a municipality without a project. */
  detailsKey: string | null;

  /** Caveats that depend on the request (a column mixing bases, no project), shown after the stored ones. */
  requestCaveats: PlainCaveat[];

  @Field(() => [Source], { description: 'The sources of the figures used.' })
  sources?: Source[];
}

@ObjectType({ simpleResolvers: true, description: 'One municipality of a comparison.' })
export class ComparisonRow {
  municipalityCode: string;
  projectIds: number[];

  @Field(() => Municipality, { description: 'The municipality.' })
  municipality?: Municipality;

  @Field(() => [Project], { description: 'Its projects in the dataset that the values combine.' })
  projects?: Project[];

  @Field(() => [ComparisonCell], {
    complexity: metricListCost,
    description: 'One cell per requested metric, in the requested order.',
  })
  cells: ComparisonCell[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Summary of one metric over the municipalities compared, per basis (planned and achieved values are never summarised together).',
})
export class MetricSummary {
  @Field(() => MetricKey, { description: 'The metric.' })
  metric: MetricKey;

  @Field(() => Basis, {
    nullable: true,
    description: 'The basis of the values summarised; null for metrics not built on outcome figures.',
  })
  basis: Basis | null;

  @Field(() => Int, { description: 'Number of non-null values summarised (lower bounds and approximations excluded).' })
  count: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Smallest value.' })
  min: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Largest value.' })
  max: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Arithmetic mean, half-up to two decimals.' })
  mean: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Median (mean of the two middle values for an even count), half-up to two decimals.',
  })
  median: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Municipalities side by side on chosen metrics, with ranks only among comparable values and every caveat shown.',
})
export class Comparison {
  @Field(() => Currency, { description: 'Currency of every money value.' })
  currency: Currency;

  @Field(() => ExchangeRate, { description: 'The fixed rate used for EUR (1.95583 BGN/EUR).' })
  exchangeRate: ExchangeRate;

  @Field(() => ComparisonBasis, { description: 'Which outcome figures were used.' })
  basis: ComparisonBasis;

  @Field(() => [MetricDefinition], {
    complexity: metricListCost,
    description: 'The requested metrics, with their formulas.',
  })
  metrics: MetricDefinition[];

  @Field(() => [ComparisonRow], {
    complexity: rowListCost,
    description: 'One row per municipality: in the order of `municipalityCodes` when given, else by municipality name.',
  })
  rows: ComparisonRow[];

  @Field(() => [MetricSummary], {
    complexity: summaryListCost,
    description: 'Per metric (and basis): count, min, max, mean, median.',
  })
  summary: MetricSummary[];
}
