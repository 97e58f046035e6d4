import { registerEnumType } from 'type-graphql';

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
