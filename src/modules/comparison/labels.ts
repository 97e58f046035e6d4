import type { Label, Labels } from '../../domain/labels';
import type { Dimension, Measure } from './aggregate.enums';
import type { CaveatCode, ComparisonBasis, MetricUnit, RankDirection } from './comparison.enums';
import type { MetricKey } from './metrics';

/**
 * The comparison's and the aggregates' codes in Bulgarian and English (see domain/labels.ts), and each
 * metric's formula in words: what its numerator and denominator are, as a page says them. Type-only
 * imports: the dashboard reads this file without the schema's machinery.
 */

export const COMPARISON_BASIS: Labels<ComparisonBasis> = {
  PLANNED: ['планирано', 'planned'],
  ACHIEVED: ['постигнато', 'achieved'],
  BEST_AVAILABLE: ['най-доброто налично (постигнато, иначе планирано)', 'best available (achieved, else planned)'],
};

export const CAVEAT_CODE: Labels<CaveatCode> = {
  MIXED_BASIS: [
    'колоната смесва планирани и постигнати стойности: класирани са поотделно',
    'the column mixes planned and achieved values: they are ranked apart',
  ],
  MISSING_NUMERATOR: ['няма стойност: никой източник не посочва числителя', 'no value: no source states the numerator'],
  MISSING_DENOMINATOR: [
    'няма стойност: никой източник не посочва знаменателя или той е нула',
    'no value: no source states the denominator, or it is zero',
  ],
  CONTRADICTORY_SOURCES: [
    'източниците си противоречат: няма стойност вместо догадка',
    'the sources disagree: no value rather than a guess',
  ],
  LOWER_BOUND: ['използвана е долна граница („над“): не се класира', 'a lower bound (“над”) is used: not ranked'],
  UPPER_BOUND: [
    'известен е само таван („до“): той не е сума, няма стойност',
    'only a ceiling (“до”) is known: it is not an amount, no value',
  ],
  APPROXIMATE: ['използвана е приблизителна стойност: не се класира', 'an approximate figure is used: not ranked'],
  UNCONFIRMED_PROCEDURE: [
    'включен е вероятен проект (никой източник не назовава процедурата)',
    'a probable project is counted (no source names the procedure)',
  ],
  PARTIAL_ACHIEVEMENT: ['постигнатото е отчетено по време на проекта', 'the achieved figure was reported part-way'],
  MULTIPLE_PROJECTS: ['стойността обединява няколко проекта на общината', 'the value combines several projects'],
};

/** Units; `{c}` stands for the comparison's currency. */
export const METRIC_UNIT: Labels<MetricUnit> = {
  MONEY: ['{c}', '{c}'],
  MONEY_PER_PERSON: ['{c} на човек', '{c} per person'],
  MONEY_PER_MONTH: ['{c} на месец', '{c} per month'],
  PERCENT: ['%', '%'],
  MONTHS: ['месеца', 'months'],
  PERSONS: ['души', 'persons'],
  ORGANISATIONS: ['организации', 'organisations'],
};

export const RANK_DIRECTION: Labels<RankDirection> = {
  HIGHEST_FIRST: ['първа е най-високата стойност', 'rank 1 is the highest value'],
  LOWEST_FIRST: ['първа е най-ниската стойност', 'rank 1 is the lowest value'],
};

export const DIMENSION: Labels<Dimension> = {
  MUNICIPALITY: ['община', 'municipality'],
  OBLAST: ['област', 'oblast'],
  PROGRAMME: ['програма', 'programme'],
  FUNDING_KIND: ['вид финансиране', 'funding kind'],
  START_YEAR: ['година на началото', 'start year'],
  END_YEAR: ['година на края', 'end year'],
  PARTNER_TYPE: ['вид партньор', 'partner type'],
  ACTIVITY_CATEGORY: ['вид дейност', 'activity category'],
  INDICATOR: ['показател', 'indicator'],
  BASIS: ['основа', 'basis'],
};

export const MEASURE: Labels<Measure> = {
  PROJECT_COUNT: ['брой проекти', 'number of projects'],
  BUDGET_SUM: ['сбор на бюджетите', 'sum of budgets'],
  BUDGET_AVG: ['среден бюджет', 'mean budget'],
  BUDGET_MIN: ['най-малък бюджет', 'smallest budget'],
  BUDGET_MAX: ['най-голям бюджет', 'largest budget'],
  PARTNER_COUNT: ['брой партньори', 'number of partners'],
  INDICATOR_SUM: ['сбор на показателя', 'sum of the indicator'],
};

const TOTAL: Label = [
  'точната обща стойност на проектите (ЕС и национално, двете програми)',
  'the projects’ exact total budget (EU and national, both programmes)',
];
const HRD: Label = ['общата сума на проектите по ОП РЧР', 'the projects’ total under OP HRD'];
const SESG: Label = ['общата сума на проектите по ОП НОИР', 'the projects’ total under OP SESG'];
const EMPLOYED: Label = ['броя на лицата, наети по проектите', 'the number of persons employed under the projects'];
const CHILDREN: Label = ['броя на обхванатите деца и ученици', 'the number of children and pupils reached'];

/** Each metric's formula in words: numerator, and denominator where it is a ratio. */
export const METRIC_FORMULA: Readonly<Record<MetricKey, { numerator: Label; denominator: Label | null }>> = {
  TOTAL_BUDGET: { numerator: TOTAL, denominator: null },
  OP_HRD_BUDGET: { numerator: HRD, denominator: null },
  OP_SESG_BUDGET: { numerator: SESG, denominator: null },
  EDUCATION_SHARE: { numerator: SESG, denominator: TOTAL },
  EU_SHARE: {
    numerator: ['дела на ЕС (ЕСФ) в бюджета на проектите', 'the EU (ESF) share of the budget'],
    denominator: TOTAL,
  },
  OP_HRD_EU_SHARE: { numerator: ['дела на ЕС по ОП РЧР', 'the EU share under OP HRD'], denominator: HRD },
  OP_SESG_EU_SHARE: { numerator: ['дела на ЕС по ОП НОИР', 'the EU share under OP SESG'], denominator: SESG },
  DURATION_MONTHS: {
    numerator: [
      'продължителността в месеци по началната и крайната дата (средна за проектите)',
      'the duration in months from the start and end dates (mean over the projects)',
    ],
    denominator: null,
  },
  MONTHLY_SPEND: {
    numerator: TOTAL,
    denominator: ['продължителността в месеци на същия проект', 'the duration in months of the same project'],
  },
  PERSONS_EMPLOYED: { numerator: EMPLOYED, denominator: null },
  COST_PER_PERSON_EMPLOYED: { numerator: HRD, denominator: EMPLOYED },
  CHILDREN_REACHED: { numerator: CHILDREN, denominator: null },
  EDUCATION_COST_PER_CHILD: { numerator: SESG, denominator: CHILDREN },
  PARTNER_SCHOOLS: {
    numerator: ['училищата партньори (различни организации)', 'the partner schools (distinct organisations)'],
    denominator: null,
  },
  PARTNER_KINDERGARTENS: {
    numerator: [
      'детските градини партньори (различни организации)',
      'the partner kindergartens (distinct organisations)',
    ],
    denominator: null,
  },
  BUDGET_PER_RESIDENT: {
    numerator: TOTAL,
    denominator: ['населението на общината (преброяване 2021)', 'the municipality’s population (Census 2021)'],
  },
};

/** The labels of this file by GraphQL enum name. */
export const COMPARISON_LABELS = {
  ComparisonBasis: COMPARISON_BASIS,
  CaveatCode: CAVEAT_CODE,
  MetricUnit: METRIC_UNIT,
  RankDirection: RANK_DIRECTION,
  Dimension: DIMENSION,
  Measure: MEASURE,
} as const;
