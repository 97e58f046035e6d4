import { registerEnumType } from 'type-graphql';
import { PROGRAMME_CODES } from '../../domain/enums';
import { MetricUnit, RankDirection } from './comparison.enums';
import { divide, mean } from './figures';
import { type Definition, money, perProject, persons, plain, ratio } from './metric-formulas';
import { residents } from './project-figures';

/**
 * The comparison's metrics, each defined here and nowhere else: its names, unit, rank direction, the
 * formula in words, the inputs it reads beyond money and dates, and its computation over the figures of
 * a municipality's projects (project-figures.ts). The GraphQL enum `MetricKey`, the `metrics`
 * catalogue, the cost of a metric list and the store's inputs all follow from this record.
 */

const { OP_HRD, OP_SESG } = PROGRAMME_CODES;

const TOTAL =
  'TOTAL_BUDGET: the exact total stated for the project (`funding` kind TOTAL with no programme, BGN), summed over the municipality’s projects';

/** The metric catalogue: each formula in words, naming the funding and indicator codes it uses. */
const DEFINITIONS = {
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
    compute: (projects) =>
      plain(
        perProject(projects, (p) => p.total()),
        MetricUnit.MONEY,
      ),
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
    compute: (projects) =>
      plain(
        perProject(projects, (p) => p.amount(OP_HRD, 'TOTAL')),
        MetricUnit.MONEY,
      ),
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
    compute: (projects) =>
      plain(
        perProject(projects, (p) => p.amount(OP_SESG, 'TOTAL')),
        MetricUnit.MONEY,
      ),
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
    compute: (projects) =>
      ratio(
        money(perProject(projects, (p) => p.amount(OP_SESG, 'TOTAL'))),
        money(perProject(projects, (p) => p.total())),
        100n,
      ),
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
    compute: (projects) =>
      ratio(money(perProject(projects, (p) => p.eu())), money(perProject(projects, (p) => p.total())), 100n),
  },
  OP_HRD_EU_SHARE: {
    name: 'Дял на ЕС по ОП РЧР',
    nameEn: 'OP HRD EU share',
    unit: MetricUnit.PERCENT,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'EU share of the OP HRD amount (BG05M9OP001), where a source states both the EU amount and the total under OP HRD.',
    numerator: 'funding kind EU under programme BG05M9OP001 (BGN), summed over the projects',
    denominator: 'OP_HRD_BUDGET (funding kind TOTAL under programme BG05M9OP001)',
    compute: (projects) =>
      ratio(
        money(perProject(projects, (p) => p.amount(OP_HRD, 'EU'))),
        money(perProject(projects, (p) => p.amount(OP_HRD, 'TOTAL'))),
        100n,
      ),
  },
  OP_SESG_EU_SHARE: {
    name: 'Дял на ЕС по ОП НОИР',
    nameEn: 'OP SESG EU share',
    unit: MetricUnit.PERCENT,
    rankDirection: RankDirection.HIGHEST_FIRST,
    usesBasis: false,
    description:
      'EU share of the OP SESG amount (BG05M2OP001), where a source states both the EU amount and the total under OP SESG.',
    numerator: 'funding kind EU under programme BG05M2OP001 (BGN), summed over the projects',
    denominator: 'OP_SESG_BUDGET (funding kind TOTAL under programme BG05M2OP001)',
    compute: (projects) =>
      ratio(
        money(perProject(projects, (p) => p.amount(OP_SESG, 'EU'))),
        money(perProject(projects, (p) => p.amount(OP_SESG, 'TOTAL'))),
        100n,
      ),
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
    compute: (projects) => plain(mean(projects.map((p) => p.duration())), MetricUnit.MONTHS),
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
    compute: (projects) => ({
      value: perProject(projects, (p) => divide(p.total(), p.duration())),
      numerator: money(perProject(projects, (p) => p.total())),
      denominator: { figure: mean(projects.map((p) => p.duration())), unit: MetricUnit.MONTHS },
    }),
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
    inputs: { indicators: ['PERSONS_EMPLOYED'] },
    compute: (projects) =>
      plain(
        perProject(projects, (p) => p.indicator('PERSONS_EMPLOYED')),
        MetricUnit.PERSONS,
      ),
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
    inputs: { indicators: ['PERSONS_EMPLOYED'] },
    compute: (projects) =>
      ratio(
        money(perProject(projects, (p) => p.amount(OP_HRD, 'TOTAL'))),
        persons(perProject(projects, (p) => p.indicator('PERSONS_EMPLOYED'))),
      ),
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
    inputs: { indicators: ['CHILDREN_REACHED'] },
    compute: (projects) =>
      plain(
        perProject(projects, (p) => p.indicator('CHILDREN_REACHED')),
        MetricUnit.PERSONS,
      ),
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
    inputs: { indicators: ['CHILDREN_REACHED'] },
    compute: (projects) =>
      ratio(
        money(perProject(projects, (p) => p.amount(OP_SESG, 'TOTAL'))),
        persons(perProject(projects, (p) => p.indicator('CHILDREN_REACHED'))),
      ),
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
    inputs: { partnerTypes: ['SCHOOL'] },
    compute: (projects) =>
      plain(
        perProject(projects, (p) => p.partnerCount('SCHOOL')),
        MetricUnit.ORGANISATIONS,
      ),
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
    inputs: { partnerTypes: ['KINDERGARTEN'] },
    compute: (projects) =>
      plain(
        perProject(projects, (p) => p.partnerCount('KINDERGARTEN')),
        MetricUnit.ORGANISATIONS,
      ),
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
    compute: (projects) => ratio(money(perProject(projects, (p) => p.total())), persons(residents(projects))),
  },
} satisfies Record<string, Definition>;

export type MetricKey = keyof typeof DEFINITIONS;
/** The metric keys as an enum object (`MetricKey.TOTAL_BUDGET`), registered as the GraphQL enum. */
export const MetricKey = Object.fromEntries(Object.keys(DEFINITIONS).map((key) => [key, key])) as {
  readonly [K in MetricKey]: K;
};
export const METRICS: Record<MetricKey, Definition> = DEFINITIONS;
/** Every metric key, in catalogue order. */
export const METRIC_KEYS = Object.keys(DEFINITIONS) as MetricKey[];

/** What any metric reads beyond amounts and dates: the store loads these for every municipality. */
export const METRIC_INPUTS = {
  indicators: [...new Set(METRIC_KEYS.flatMap((key) => METRICS[key].inputs?.indicators ?? []))],
  partnerTypes: [...new Set(METRIC_KEYS.flatMap((key) => METRICS[key].inputs?.partnerTypes ?? []))],
};

registerEnumType(MetricKey, {
  name: 'MetricKey',
  description: 'A comparison metric; `metrics` states each formula.',
  valuesConfig: Object.fromEntries(
    METRIC_KEYS.map((key) => [key, { description: `${METRICS[key].nameEn}: ${METRICS[key].description}` }]),
  ),
});
