import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Currency } from '../../domain/enums';
import { LeftOutReason } from '../../domain/left-out';
import { listCost } from '../../graphql/field-cost';
import { DecimalScalar } from '../../graphql/scalars';

export enum Dimension {
  MUNICIPALITY = 'MUNICIPALITY',
  OBLAST = 'OBLAST',
  PROGRAMME = 'PROGRAMME',
  FUNDING_KIND = 'FUNDING_KIND',
  START_YEAR = 'START_YEAR',
  END_YEAR = 'END_YEAR',
  PARTNER_TYPE = 'PARTNER_TYPE',
  ACTIVITY_CATEGORY = 'ACTIVITY_CATEGORY',
  INDICATOR = 'INDICATOR',
  BASIS = 'BASIS',
}
registerEnumType(Dimension, {
  name: 'Dimension',
  description: 'What aggregate groups by.',
  valuesConfig: {
    MUNICIPALITY: { description: 'Municipality (value: NSI code, label: name).' },
    OBLAST: { description: 'Oblast (value: oblast code, label: name).' },
    PROGRAMME: {
      description:
        'Programme (value: BG05M9OP001 or BG05M2OP001). Budgets: the per-programme amounts; counts: projects or partners under the programme.',
    },
    FUNDING_KIND: { description: 'TOTAL, EU or NATIONAL; budget measures only.' },
    START_YEAR: { description: 'Year of the agreed start date (null when unknown or disputed).' },
    END_YEAR: { description: 'Year of the agreed end date (null when unknown or disputed).' },
    PARTNER_TYPE: { description: 'Type of partner organisation; project and partner counts only.' },
    ACTIVITY_CATEGORY: { description: 'Activity category; project counts only.' },
    INDICATOR: { description: 'Indicator code; needed by INDICATOR_SUM.' },
    BASIS: {
      description: 'PLANNED or ACHIEVED; needed by INDICATOR_SUM, so that plans and results are never added together.',
    },
  },
});

export enum Measure {
  PROJECT_COUNT = 'PROJECT_COUNT',
  BUDGET_SUM = 'BUDGET_SUM',
  BUDGET_AVG = 'BUDGET_AVG',
  BUDGET_MIN = 'BUDGET_MIN',
  BUDGET_MAX = 'BUDGET_MAX',
  PARTNER_COUNT = 'PARTNER_COUNT',
  INDICATOR_SUM = 'INDICATOR_SUM',
}
registerEnumType(Measure, {
  name: 'Measure',
  description: 'What aggregate computes per group (exact NUMERIC arithmetic in SQL).',
  valuesConfig: {
    PROJECT_COUNT: { description: 'Number of distinct projects.' },
    BUDGET_SUM: {
      description:
        'Sum of exact stated amounts (one per project, programme and kind; amounts on which sources disagree are left out). Without PROGRAMME/FUNDING_KIND: the projects’ stated totals.',
    },
    BUDGET_AVG: { description: 'Mean of the same amounts, half-up to the cent.' },
    BUDGET_MIN: { description: 'Smallest of the same amounts.' },
    BUDGET_MAX: { description: 'Largest of the same amounts.' },
    PARTNER_COUNT: { description: 'Number of partnerships (distinct project × organisation with role PARTNER).' },
    INDICATOR_SUM: {
      description:
        'Sum of exact whole outcome figures (no breakdown; per project the latest report), within one indicator and one basis: requires INDICATOR and BASIS in groupBy.',
    },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One grouping key of an aggregate group.' })
export class AggregateKey {
  @Field(() => Dimension, { description: 'The dimension.' })
  dimension: Dimension;

  @Field(() => String, {
    nullable: true,
    description: 'The value (a code, a year, an enum value); null for "unknown".',
  })
  value: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A readable label where there is one (municipality or oblast name in Bulgarian, programme abbreviation, indicator name).',
  })
  label: string | null;
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
    complexity: listCost(Object.keys(Dimension).length),
    description: 'One key per groupBy dimension, in the requested order.',
  })
  keys: AggregateKey[];

  @Field(() => [AggregateValue], {
    complexity: listCost(Object.keys(Measure).length),
    description: 'One value per requested measure, in the requested order.',
  })
  values: AggregateValue[];
}
