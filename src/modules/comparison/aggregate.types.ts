import { Extensions, Field, Int, ObjectType } from 'type-graphql';
import { Currency } from '../../domain/enums';
import { LeftOutReason } from '../../domain/left-out';
import { listCost } from '../../graphql/field-cost';
import { DecimalScalar } from '../../graphql/scalars';
import { keyListCost, valueListCost } from './aggregate.cost';
import { Dimension, Measure } from './aggregate.enums';

@ObjectType({ simpleResolvers: true, description: 'One grouping key of an aggregate group.' })
export class AggregateKey {
  @Field(() => Dimension, { description: 'The dimension.' })
  dimension: Dimension;

  // A municipality, oblast, programme or indicator code, a year or an enum value.
  @Extensions({ size: ['text:Municipality.code', 'text:Indicator.code', 'text:Programme.code', 64] })
  @Field(() => String, {
    nullable: true,
    description: 'The value (a code, a year, an enum value); null for "unknown".',
  })
  value: string | null;

  @Extensions({
    size: [
      'text:Municipality.name',
      'text:Municipality.oblastName',
      'text:Programme.abbreviation',
      'text:Indicator.nameEn',
    ],
  })
  @Field(() => String, {
    nullable: true,
    description:
      'A readable label where there is one (municipality or oblast name in Bulgarian, programme abbreviation, indicator name).',
  })
  label: string | null;

  @Extensions({
    size: [
      'text:Municipality.nameLatin',
      'text:Municipality.oblastNameLatin',
      'text:Programme.shortCode',
      'text:Indicator.nameEn',
    ],
  })
  @Field(() => String, {
    nullable: true,
    description:
      'The label in Latin letters: a municipality’s or oblast’s official Latin name, a programme’s short code (OP_HRD), an indicator’s English name.',
  })
  labelLatin: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'How many projects’ amounts a budget sum left out, for one reason.' })
export class AggregateLeftOut {
  @Field(() => LeftOutReason, { description: 'Why.' })
  reason: LeftOutReason;

  @Field(() => Int, { description: 'How many projects of the group.' })
  projects: number;
}

@ObjectType({ simpleResolvers: true, description: 'One measure of an aggregate group.' })
export class AggregateValue {
  @Field(() => Measure, { description: 'The measure.' })
  measure: Measure;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'The value: an amount or a sum of figures with two decimals, a count of projects or partners as a whole number ("6"); null when there is nothing to aggregate in the group.',
  })
  value: string | null;

  @Field(() => Currency, { nullable: true, description: 'Currency for budget measures; null otherwise.' })
  currency: Currency | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'BGN per EUR used (1.95583) when the currency is EUR; null otherwise.',
  })
  bgnPerEur: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Budget measures: projects of the group whose amount was left out of the sum, never added as a guess: no source states it, sources disagree on it, or they give only a bound (a ceiling "до", a lower bound "над"), an approximation or an EU portal’s EUR figure (`leftOutReasons` says which). Null for other measures.',
  })
  leftOut: number | null;

  @Field(() => [AggregateLeftOut], {
    nullable: true,
    complexity: listCost(Object.keys(LeftOutReason).length),
    description:
      'Budget measures: the projects left out, by reason (only reasons that apply). Null for other measures.',
  })
  leftOutReasons: AggregateLeftOut[] | null;
}

@ObjectType({ simpleResolvers: true, description: 'One group of an aggregate: its keys and measures.' })
export class AggregateGroup {
  @Field(() => [AggregateKey], {
    complexity: keyListCost,
    description: 'One key per groupBy dimension, in the requested order.',
  })
  keys: AggregateKey[];

  @Field(() => [AggregateValue], {
    complexity: valueListCost,
    description: 'One value per requested measure, in the requested order.',
  })
  values: AggregateValue[];
}
