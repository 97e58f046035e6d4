import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum MetricKey {
  TOTAL_BUDGET = 'TOTAL_BUDGET',
  OP_HRD_BUDGET = 'OP_HRD_BUDGET',
  OP_SESG_BUDGET = 'OP_SESG_BUDGET',
  EDUCATION_SHARE = 'EDUCATION_SHARE',
  EU_SHARE = 'EU_SHARE',
  DURATION_MONTHS = 'DURATION_MONTHS',
  MONTHLY_SPEND = 'MONTHLY_SPEND',
  PERSONS_EMPLOYED = 'PERSONS_EMPLOYED',
  COST_PER_PERSON_EMPLOYED = 'COST_PER_PERSON_EMPLOYED',
  CHILDREN_REACHED = 'CHILDREN_REACHED',
  EDUCATION_COST_PER_CHILD = 'EDUCATION_COST_PER_CHILD',
  PARTNER_SCHOOLS = 'PARTNER_SCHOOLS',
  PARTNER_KINDERGARTENS = 'PARTNER_KINDERGARTENS',
  BUDGET_PER_RESIDENT = 'BUDGET_PER_RESIDENT',
}

export enum MetricUnit {
  MONEY = 'MONEY',
  MONEY_PER_PERSON = 'MONEY_PER_PERSON',
  MONEY_PER_MONTH = 'MONEY_PER_MONTH',
  PERCENT = 'PERCENT',
  MONTHS = 'MONTHS',
  PERSONS = 'PERSONS',
  ORGANISATIONS = 'ORGANISATIONS',
}

export enum RankDirection {
  HIGHEST_FIRST = 'HIGHEST_FIRST',
  LOWEST_FIRST = 'LOWEST_FIRST',
}

registerEnumType(MetricUnit, {
  name: 'MetricUnit',
  description: 'Unit of a metric value. Money units are in the comparison’s currency.',
  valuesConfig: {
    MONEY: { description: 'An amount in the requested currency.' },
    MONEY_PER_PERSON: { description: 'An amount per person (or per child), in the requested currency.' },
    MONEY_PER_MONTH: { description: 'An amount per month, in the requested currency.' },
    PERCENT: { description: 'A percentage, 0–100.' },
    MONTHS: { description: 'Calendar months.' },
    PERSONS: { description: 'A number of persons or children.' },
    ORGANISATIONS: { description: 'A number of organisations.' },
  },
});
registerEnumType(RankDirection, {
  name: 'RankDirection',
  description: 'Which end of a metric gets rank 1.',
  valuesConfig: {
    HIGHEST_FIRST: { description: 'Rank 1 is the highest value.' },
    LOWEST_FIRST: { description: 'Rank 1 is the lowest value (costs: who paid least).' },
  },
});

interface Definition {
  name: string;
  nameEn: string;
  description: string;
  unit: MetricUnit;
  numerator: string;
  denominator: string | null;
  rankDirection: RankDirection;
  /** Whether the value comes from outcome figures that are planned or achieved. */
  usesBasis: boolean;
}

const TOTAL =
  'TOTAL_BUDGET: the exact total stated for the project (`funding` kind TOTAL with no programme, BGN), summed over the municipality’s projects';

/** The metric catalogue: each formula in words, naming the funding and indicator codes it uses. */
export const METRICS: Record<MetricKey, Definition> = {
  TOTAL_BUDGET: {
    name: 'Обща стойност',
    nameEn: 'Total budget',
    unit: MetricUnit.MONEY,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'The stated exact total budget (EU + national, both programmes). Null where a project has no exact total or its sources disagree; never summed from parts.',
    numerator: TOTAL,
    denominator: null,
  },
  OP_HRD_BUDGET: {
    name: 'Стойност по ОП РЧР',
    nameEn: 'OP HRD budget',
    unit: MetricUnit.MONEY,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description: 'The stated exact amount under OP HRD (BG05M9OP001).',
    numerator: 'funding kind TOTAL under programme BG05M9OP001 (BGN), summed over the projects',
    denominator: null,
  },
  OP_SESG_BUDGET: {
    name: 'Стойност по ОП НОИР',
    nameEn: 'OP SESG budget',
    unit: MetricUnit.MONEY,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description: 'The stated exact amount under OP SESG (BG05M2OP001), the education part.',
    numerator: 'funding kind TOTAL under programme BG05M2OP001 (BGN), summed over the projects',
    denominator: null,
  },
  EDUCATION_SHARE: {
    name: 'Дял на образованието',
    nameEn: 'Education share',
    unit: MetricUnit.PERCENT,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description: 'OP SESG budget as a percentage of the total budget.',
    numerator: 'OP_SESG_BUDGET',
    denominator: 'TOTAL_BUDGET',
  },
  EU_SHARE: {
    name: 'Дял на ЕС',
    nameEn: 'EU share',
    unit: MetricUnit.PERCENT,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'EU share of the total budget, where a source states the EU amount (for the project, or for each programme with a stated amount).',
    numerator: 'funding kind EU (BGN): the project-level amount, or the sum of the per-programme EU amounts',
    denominator: 'TOTAL_BUDGET',
  },
  DURATION_MONTHS: {
    name: 'Продължителност',
    nameEn: 'Duration',
    unit: MetricUnit.MONTHS,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'Months between the start and end dates agreed by all sources (both inclusive), averaged over the municipality’s projects. A stated duration is not used: compare it with the project’s DURATION_MISMATCH flag.',
    numerator: 'period.durationMonths (computed from period.startDate and period.endDate), mean over the projects',
    denominator: null,
  },
  MONTHLY_SPEND: {
    name: 'Месечен разход',
    nameEn: 'Monthly spend',
    unit: MetricUnit.MONEY_PER_MONTH,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'Total budget divided by duration, per project, summed over the municipality’s projects (projects run side by side).',
    numerator: 'TOTAL_BUDGET of each project',
    denominator: 'DURATION_MONTHS of the same project',
  },
  PERSONS_EMPLOYED: {
    name: 'Осигурена заетост',
    nameEn: 'Persons employed',
    unit: MetricUnit.PERSONS,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: true,
    description:
      'Persons from the target groups given employment: indicator PERSONS_EMPLOYED, the whole figure (no breakdown), planned or achieved as the `basis` argument says, summed over the projects.',
    numerator: 'indicator PERSONS_EMPLOYED (whole figure)',
    denominator: null,
  },
  COST_PER_PERSON_EMPLOYED: {
    name: 'Разход на зает',
    nameEn: 'Cost per person employed',
    unit: MetricUnit.MONEY_PER_PERSON,
    rankDirection: RankDirection.LOWEST_FIRST,
    usesBasis: true,
    description:
      'OP HRD budget divided by persons employed. The OP HRD budget also pays social services and community work, so this is an upper bound of the cost of a job, comparable between municipalities on the same basis.',
    numerator: 'OP_HRD_BUDGET (funding kind TOTAL, programme BG05M9OP001)',
    denominator: 'PERSONS_EMPLOYED (indicator PERSONS_EMPLOYED, whole figure)',
  },
  CHILDREN_REACHED: {
    name: 'Обхванати деца и ученици',
    nameEn: 'Children and pupils reached',
    unit: MetricUnit.PERSONS,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: true,
    description:
      'Children and pupils reached by education measures: indicator CHILDREN_REACHED, the whole figure (no breakdown), summed over the projects.',
    numerator: 'indicator CHILDREN_REACHED (whole figure)',
    denominator: null,
  },
  EDUCATION_COST_PER_CHILD: {
    name: 'Разход за образование на дете',
    nameEn: 'Education spend per child reached',
    unit: MetricUnit.MONEY_PER_PERSON,
    rankDirection: RankDirection.LOWEST_FIRST,
    usesBasis: true,
    description: 'OP SESG budget divided by the children and pupils reached by education measures.',
    numerator: 'OP_SESG_BUDGET (funding kind TOTAL, programme BG05M2OP001)',
    denominator: 'CHILDREN_REACHED (indicator CHILDREN_REACHED, whole figure)',
  },
  PARTNER_SCHOOLS: {
    name: 'Училища партньори',
    nameEn: 'Partner schools',
    unit: MetricUnit.ORGANISATIONS,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'Distinct schools named as partners (role PARTNER, type SCHOOL). A lower bound where a source’s partner list is cut off.',
    numerator: 'partners with role PARTNER and organisation type SCHOOL, distinct organisations',
    denominator: null,
  },
  PARTNER_KINDERGARTENS: {
    name: 'Детски градини партньори',
    nameEn: 'Partner kindergartens',
    unit: MetricUnit.ORGANISATIONS,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'Distinct kindergartens named as partners (role PARTNER, type KINDERGARTEN). A lower bound where a source’s partner list is cut off.',
    numerator: 'partners with role PARTNER and organisation type KINDERGARTEN, distinct organisations',
    denominator: null,
  },
  BUDGET_PER_RESIDENT: {
    name: 'Стойност на жител',
    nameEn: 'Budget per resident',
    unit: MetricUnit.MONEY_PER_PERSON,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'Total budget divided by the municipality’s resident population at the Census 2021 reference date (7 September 2021, NSI).',
    numerator: 'TOTAL_BUDGET',
    denominator: 'Municipality.population (Census 2021, reference date 2021-09-07)',
  },
};

registerEnumType(MetricKey, {
  name: 'MetricKey',
  description: 'A comparison metric; `metrics` states each formula.',
  valuesConfig: Object.fromEntries(
    Object.entries(METRICS).map(([key, metric]) => [key, { description: `${metric.nameEn}: ${metric.description}` }]),
  ),
});

@ObjectType({ simpleResolvers: true, description: 'A comparison metric: what it measures and how it is computed.' })
export class MetricDefinition {
  @Field(() => MetricKey, { description: 'Stable key.' })
  key: MetricKey;

  @Field({ description: 'Name in Bulgarian.' })
  name: string;

  @Field({ description: 'Name in English.' })
  nameEn: string;

  @Field({ description: 'What the metric measures and its caveats, in English.' })
  description: string;

  @Field(() => MetricUnit, { description: 'Unit of the values.' })
  unit: MetricUnit;

  @Field({ description: 'The numerator in words, naming the funding and indicator codes used.' })
  numerator: string;

  @Field(() => String, { nullable: true, description: 'The denominator in words; null for a plain quantity.' })
  denominator: string | null;

  @Field(() => RankDirection, { description: 'Which end gets rank 1.' })
  rankDirection: RankDirection;

  @Field({ description: 'Whether values come from outcome figures and so depend on the basis (planned or achieved).' })
  usesBasis: boolean;

  static of(key: MetricKey): MetricDefinition {
    const { name, nameEn, description, unit, numerator, denominator, rankDirection, usesBasis } = METRICS[key];
    return Object.assign(new MetricDefinition(), {
      key,
      name,
      nameEn,
      description,
      unit,
      numerator,
      denominator,
      rankDirection,
      usesBasis,
    });
  }
}
