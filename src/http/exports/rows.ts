import type { ExportAggregate, ExportComparison, ExportIndicatorProject, ExportProject } from './queries';

/** The rows of the exports' files, one object per CSV row (its keys the columns, in order). */
export type Row = Record<string, unknown>;

const MONEY_UNITS = new Set(['MONEY', 'MONEY_PER_PERSON', 'MONEY_PER_MONTH']);

/** Distinct non-empty values, joined. */
const joined = (values: unknown[], separator = ' ') =>
  [...new Set(values.filter((value) => value !== null && value !== undefined && value !== ''))].join(separator);

/** A project: its total budget with the sources that state it (the exact TOTAL with no programme). */
export function projectRow(project: ExportProject): Row {
  const { municipality, period, budget } = project;
  const total = project.funding.filter(
    (row) => row.programme === null && row.kind === 'TOTAL' && row.qualifier === 'EXACT',
  );
  return {
    key: project.key,
    title: project.title,
    title_latin: project.titleLatin,
    municipality_code: municipality.code,
    municipality: municipality.name,
    municipality_latin: municipality.nameLatin,
    oblast: municipality.oblast.name,
    registration_number: project.registrationNumber,
    status: project.status,
    confirmation: project.confirmation,
    start_date: period.startDate,
    end_date: period.endDate,
    duration_months: period.durationMonths,
    total_budget: budget?.amount ?? null,
    currency: budget?.currency ?? null,
    total_budget_qualifier: budget ? 'EXACT' : null,
    total_budget_source_urls: budget ? joined(total.map((row) => row.source.url)) : null,
    total_budget_publishers: budget
      ? joined(
          total.map((row) => row.source.publisher),
          ' | ',
        )
      : null,
    quality_flags: joined(project.qualityFlags.map((flag) => flag.code)),
  };
}

export const PROJECT_COLUMNS = [
  'key',
  'title',
  'title_latin',
  'municipality_code',
  'municipality',
  'municipality_latin',
  'oblast',
  'registration_number',
  'status',
  'confirmation',
  'start_date',
  'end_date',
  'duration_months',
  'total_budget',
  'currency',
  'total_budget_qualifier',
  'total_budget_source_urls',
  'total_budget_publishers',
  'quality_flags',
];

/** One row per outcome figure of a project. */
export function indicatorRows(project: ExportIndicatorProject): Row[] {
  return project.indicators.map((value) => ({
    project_key: project.key,
    municipality_code: project.municipality.code,
    municipality: project.municipality.name,
    indicator_code: value.indicator.code,
    indicator: value.indicator.name,
    unit: value.indicator.unit,
    value: value.value,
    qualifier: value.qualifier,
    basis: value.basis,
    as_of: value.asOf,
    breakdown: value.breakdown,
    as_published: value.asPublished,
    verified: value.verified,
    source_key: value.source.key,
    source_url: value.source.url,
    publisher: value.source.publisher,
  }));
}

export const INDICATOR_COLUMNS = [
  'project_key',
  'municipality_code',
  'municipality',
  'indicator_code',
  'indicator',
  'unit',
  'value',
  'qualifier',
  'basis',
  'as_of',
  'breakdown',
  'as_published',
  'verified',
  'source_key',
  'source_url',
  'publisher',
];

/** One row per municipality and metric. */
export function comparisonRows({ comparison }: ExportComparison): Row[] {
  const metrics = new Map(comparison.metrics.map((metric) => [metric.key, metric]));
  return comparison.rows.flatMap(({ municipality, cells }) =>
    cells.map((cell) => {
      const metric = metrics.get(cell.metric)!;
      return {
        municipality_code: municipality.code,
        municipality: municipality.name,
        municipality_latin: municipality.nameLatin,
        metric: cell.metric,
        metric_name: metric.nameEn,
        unit: metric.unit,
        value: cell.value,
        currency: MONEY_UNITS.has(metric.unit) && cell.value !== null ? comparison.currency : null,
        rank: cell.rank,
        numerator: cell.numerator,
        denominator: cell.denominator,
        basis: cell.basis,
        qualifier: cell.qualifier,
        caveat_codes: joined(cell.caveats.map((caveat) => caveat.code)),
        caveats: cell.caveats.map((caveat) => `${caveat.code}: ${caveat.message}`).join(' | '),
        source_urls: joined(cell.sources.map((source) => source.url)),
        publishers: joined(
          cell.sources.map((source) => source.publisher),
          ' | ',
        ),
      };
    }),
  );
}

export const COMPARISON_COLUMNS = [
  'municipality_code',
  'municipality',
  'municipality_latin',
  'metric',
  'metric_name',
  'unit',
  'value',
  'currency',
  'rank',
  'numerator',
  'denominator',
  'basis',
  'qualifier',
  'caveat_codes',
  'caveats',
  'source_urls',
  'publishers',
];

/** The columns of an aggregate file: each dimension's value and label, each measure's value, currency and left out. */
export const aggregateColumns = (groupBy: string[], measures: string[]): string[] => [
  ...groupBy.flatMap((dimension) => [dimension.toLowerCase(), `${dimension.toLowerCase()}_label`]),
  ...measures.flatMap((measure) => [
    measure.toLowerCase(),
    `${measure.toLowerCase()}_currency`,
    `${measure.toLowerCase()}_left_out`,
  ]),
];

/** One row per group. */
export function aggregateRows({ aggregate }: ExportAggregate): Row[] {
  return aggregate.map((group) => {
    const row: Row = {};
    for (const key of group.keys) {
      row[key.dimension.toLowerCase()] = key.value;
      row[`${key.dimension.toLowerCase()}_label`] = key.label;
    }
    for (const value of group.values) {
      const name = value.measure.toLowerCase();
      row[name] = value.value;
      row[`${name}_currency`] = value.currency;
      row[`${name}_left_out`] = value.leftOut;
    }
    return row;
  });
}
