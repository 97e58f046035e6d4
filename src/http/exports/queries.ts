/**
 * The GraphQL operations the exports run against the hub's own schema, and the shapes of their results
 * (written by hand from schema/schema.graphql; the exports' tests compare the files with the API).
 */

const PROJECT_FIELDS = `key title titleLatin registrationNumber status confirmation
  municipality { code name nameLatin oblast { code name } }
  period { startDate endDate durationMonths statedDurationMonths }
  budget(currency: $currency) { amount currency }
  funding { programme { code } kind qualifier asPublished verified amount(currency: $currency) { amount currency } publishedAmount { amount currency } source { key url publisher } }
  qualityFlags { code }`;

export const PROJECTS = `query Export($filter: ProjectFilter, $first: Int, $after: String, $currency: Currency!) {
  projects(filter: $filter, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${PROJECT_FIELDS} } } } }`;

export const INDICATOR_VALUES = `query Export($filter: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
    key municipality { code name }
    indicators { indicator { code name unit } value qualifier basis asOf breakdown asPublished verified source { key url publisher } } } } } }`;

export const COMPARISON = `query Export($metrics: [MetricKey!]!, $municipalityCodes: [String!], $currency: Currency!, $basis: ComparisonBasis!) {
  comparison(metrics: $metrics, municipalityCodes: $municipalityCodes, currency: $currency, basis: $basis) {
    currency metrics { key nameEn unit }
    rows { municipality { code name nameLatin } cells { metric value rank numerator denominator basis qualifier caveats { code message } sources { url publisher } } } } }`;

export const AGGREGATE = `query Export($groupBy: [Dimension!]!, $measures: [Measure!]!, $filter: ProjectFilter, $currency: Currency!) {
  aggregate(groupBy: $groupBy, measures: $measures, filter: $filter, currency: $currency) {
    keys { dimension value label } values { measure value currency leftOut } } }`;

export interface Money {
  amount: string;
  currency: string;
}

export interface SourceRef {
  key?: string;
  url: string | null;
  publisher: string;
}

/** A node of PROJECTS. */
export interface ExportProject {
  key: string;
  title: string | null;
  titleLatin: string | null;
  registrationNumber: string | null;
  status: string;
  confirmation: string;
  municipality: { code: string; name: string; nameLatin: string; oblast: { code: string; name: string } };
  period: {
    startDate: string | null;
    endDate: string | null;
    durationMonths: number | null;
    statedDurationMonths: number | null;
  };
  budget: Money | null;
  funding: {
    programme: { code: string } | null;
    kind: string;
    qualifier: string;
    asPublished: string;
    verified: boolean;
    amount: Money | null;
    publishedAmount: Money;
    source: SourceRef;
  }[];
  qualityFlags: { code: string }[];
}

/** A node of INDICATOR_VALUES. */
export interface ExportIndicatorProject {
  key: string;
  municipality: { code: string; name: string };
  indicators: {
    indicator: { code: string; name: string; unit: string };
    value: number;
    qualifier: string;
    basis: string;
    asOf: string | null;
    breakdown: string | null;
    asPublished: string;
    verified: boolean;
    source: SourceRef;
  }[];
}

/** A page of a project list. */
export interface ProjectPage<T> {
  projects: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: T }[] };
}

/** The result of COMPARISON. */
export interface ExportComparison {
  comparison: {
    currency: string;
    metrics: { key: string; nameEn: string; unit: string }[];
    rows: {
      municipality: { code: string; name: string; nameLatin: string };
      cells: {
        metric: string;
        value: string | null;
        rank: number | null;
        numerator: string | null;
        denominator: string | null;
        basis: string | null;
        qualifier: string | null;
        caveats: { code: string; message: string }[];
        sources: SourceRef[];
      }[];
    }[];
  };
}

/** The result of AGGREGATE. */
export interface ExportAggregate {
  aggregate: {
    keys: { dimension: string; value: string | null; label: string | null }[];
    values: { measure: string; value: string | null; currency: string | null; leftOut: number | null }[];
  }[];
}
