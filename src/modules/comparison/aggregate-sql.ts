import { Currency } from '../../domain/enums';
import { BGN_PER_EUR } from '../../domain/money';
import { type SQL, sql } from '../../db/sql';
import type { ProjectFilter } from '../project/project.args';
import { projectConditions } from '../project/project-filter';
import { type AggregateSelection, BUDGET, type Family, family } from './aggregate-rules';
import { LeftOutReason } from '../../domain/left-out';
import { Dimension, Measure } from './aggregate.enums';
import { labelOf } from './aggregate-labels';

/**
 * The statement of one `aggregate` call, composed from typed fragments: the projects in scope (the
 * filter), one grouped part per family of measures over the same keys, stacked and grouped once more
 * when there are several (GROUP BY, unlike a join, treats unknown keys as equal). Only what the request
 * selects is computed: labels only for `keys { label }`, budgets left out only for `values { leftOut }`,
 * only the requested measures' columns. Pure: the service runs it.
 */

export interface AggregateRequest {
  dimensions: Dimension[];
  measures: Measure[];
  filter: ProjectFilter | undefined;
  currency: Currency;
  selection: AggregateSelection;
}

/** The output column of each measure. */
export const MEASURE_COLUMNS: Record<Measure, string> = {
  PROJECT_COUNT: 'project_count',
  BUDGET_SUM: 'budget_sum',
  BUDGET_AVG: 'budget_avg',
  BUDGET_MIN: 'budget_min',
  BUDGET_MAX: 'budget_max',
  PARTNER_COUNT: 'partner_count',
  INDICATOR_SUM: 'indicator_sum',
};

/** The column a dimension groups by, in a part's rows (`alias`). */
function keyOf(dimension: Dimension, alias: string): SQL {
  const column = (name: string) => sql.identifier(alias, name);
  switch (dimension) {
    case Dimension.MUNICIPALITY:
      return column('municipality_code');
    case Dimension.OBLAST:
      return column('oblast_code');
    case Dimension.START_YEAR:
      return sql`extract(year FROM ${column('start_date')})::int::text`;
    case Dimension.END_YEAR:
      return sql`extract(year FROM ${column('end_date')})::int::text`;
    case Dimension.PROGRAMME:
      return column('programme_code');
    case Dimension.FUNDING_KIND:
      return column('kind');
    case Dimension.PARTNER_TYPE:
      return column('partner_type');
    case Dimension.ACTIVITY_CATEGORY:
      return column('category');
    case Dimension.INDICATOR:
      return column('indicator_code');
    case Dimension.BASIS:
      return column('basis');
  }
}

/** The rows a part groups (`base`) and the expression of each output column over them. */
interface Part {
  base: SQL;
  select: Partial<Record<string, SQL>>;
}

/** Budget measures over an `amount` column: in EUR divided by the fixed rate, rounded half-up to the cent. */
function budgetColumns(amount: SQL, currency: Currency): Record<string, SQL> {
  const money = (aggregate: SQL) =>
    currency === Currency.EUR
      ? sql`round(${aggregate} / ${sql.value(BGN_PER_EUR)}::numeric, 2)::text`
      : sql`round(${aggregate}, 2)::text`;
  return {
    budget_sum: money(sql`sum(${amount})`),
    budget_avg: money(sql`avg(${amount})`),
    budget_min: money(sql`min(${amount})`),
    budget_max: money(sql`max(${amount})`),
  };
}

/**
 * A project's reconciled amounts (`project_amounts`, kept by the importer) that a budget grouping adds: the
 * project's total without PROGRAMME and FUNDING_KIND, one row per programme it names with PROGRAMME, one per
 * kind stated with FUNDING_KIND. A project without such a row is left out as NO_AMOUNT (its keys unknown), so
 * that every project in scope is either added or counted in `leftOut`, with its reason.
 */
function budgetRows(byProgramme: boolean, byKind: boolean): SQL {
  const programme = byProgramme ? sql`a.programme_code IS NOT NULL` : sql`a.programme_code IS NULL`;
  const kind = byKind ? sql.blank : sql`AND a.kind = 'TOTAL'`;
  return sql`SELECT s.*, a.programme_code, a.kind, a.amount,
                    CASE WHEN a.project_id IS NULL THEN 'NO_AMOUNT' ELSE a.left_out END AS left_out
             FROM scope s LEFT JOIN project_amounts a ON a.project_id = s.id AND ${programme} ${kind}`;
}

/** The count of each reason a budget was left out for, one column each (`left_<reason>`). */
function reasonColumns(leftOut: SQL): Record<string, SQL> {
  return Object.fromEntries(
    Object.values(LeftOutReason).map((reason) => [
      reasonColumn(reason),
      sql`count(*) FILTER (WHERE ${leftOut} = ${sql.literal(reason)})::text`,
    ]),
  );
}

export const reasonColumn = (reason: LeftOutReason) => `left_${reason.toLowerCase()}`;

const LATEST_EXACT_FIGURES = sql`SELECT project_id, indicator_code, basis, value FROM (
    SELECT project_id, indicator_code, basis, as_of, min(value) AS value, count(DISTINCT value) AS n,
           row_number() OVER (PARTITION BY project_id, indicator_code, basis ORDER BY as_of DESC NULLS FIRST) AS latest
    FROM indicator_values WHERE breakdown IS NULL AND qualifier = 'EXACT' GROUP BY project_id, indicator_code, basis, as_of) x
  WHERE latest = 1 AND n = 1`;

/** The grouped part of one family of measures (`withBudget`: the count's part also computes the stated totals). */
function familyPart(name: Family, request: AggregateRequest, withBudget: boolean): Part {
  const has = (dimension: Dimension) => request.dimensions.includes(dimension);
  switch (name) {
    case 'budget': {
      // Each project is one row of a group here (one row per project, programme and kind, each in a different
      // group), so count(*) counts projects: no count(DISTINCT) and its sort.
      const base = budgetRows(has(Dimension.PROGRAMME), has(Dimension.FUNDING_KIND));
      return {
        base,
        select: {
          ...budgetColumns(sql`amount`, request.currency),
          budget_left_out: sql`count(*) FILTER (WHERE left_out IS NOT NULL)::text`,
          ...reasonColumns(sql`left_out`),
        },
      };
    }
    case 'partner':
      return {
        // A project without partners is a group of its own (partner type unknown), counting none.
        base: sql`SELECT s.*, pa.organisation_id, pa.programme_code, o.type AS partner_type FROM scope s
                  LEFT JOIN partnerships pa ON pa.project_id = s.id AND pa.role = 'PARTNER'
                  LEFT JOIN organisations o ON o.id = pa.organisation_id`,
        select: {
          partner_count: sql`count(DISTINCT (id, organisation_id)) FILTER (WHERE organisation_id IS NOT NULL)::text`,
        },
      };
    case 'indicator':
      return {
        base: sql`SELECT s.*, v.indicator_code, v.basis, v.value FROM scope s LEFT JOIN (${LATEST_EXACT_FIGURES}) v ON v.project_id = s.id`,
        select: { indicator_sum: sql`sum(value)::text` },
      };
    case 'count':
      return withBudget ? countWithTotals(request) : countPart(request);
  }
}

/** Project counts and the stated totals in one pass over the scope: both one row per project, the same groups. */
function countWithTotals(request: AggregateRequest): Part {
  // The reasons a total is left out are read only when asked (the counts and sums need only the projects).
  const reasons = request.selection.leftOutReasons;
  const leftOut = sql`CASE WHEN total_budget_bgn IS NOT NULL THEN NULL ELSE coalesce(left_out, 'NO_AMOUNT') END`;
  return {
    base: reasons
      ? sql`SELECT s.*, a.left_out FROM scope s
            LEFT JOIN project_amounts a ON a.project_id = s.id AND a.programme_code IS NULL AND a.kind = 'TOTAL'`
      : sql`SELECT s.* FROM scope s`,
    select: {
      project_count: sql`count(*)::text`,
      ...budgetColumns(sql`total_budget_bgn`, request.currency),
      budget_left_out: sql`count(*) FILTER (WHERE total_budget_bgn IS NULL)::text`,
      ...(reasons ? reasonColumns(leftOut) : {}),
    },
  };
}

/**
 * Project counts, joined with what the dimensions need (each join one row per project and key). Left joins: a
 * project without a programme, partner, activity or figure is counted under an unknown key, never dropped.
 */
function countPart(request: AggregateRequest): Part {
  const has = (dimension: Dimension) => request.dimensions.includes(dimension);
  const joins: SQL[] = [];
  const extra: SQL[] = [];
  if (has(Dimension.PROGRAMME)) {
    joins.push(sql`LEFT JOIN project_programmes pr ON pr.project_id = s.id`);
    extra.push(sql`pr.programme_code`);
  }
  if (has(Dimension.PARTNER_TYPE)) {
    joins.push(sql`LEFT JOIN (SELECT DISTINCT pa.project_id, o.type AS partner_type FROM partnerships pa
                   JOIN organisations o ON o.id = pa.organisation_id) pt ON pt.project_id = s.id`);
    extra.push(sql`pt.partner_type`);
  }
  if (has(Dimension.ACTIVITY_CATEGORY)) {
    joins.push(sql`LEFT JOIN (SELECT DISTINCT project_id, category FROM activities) ac ON ac.project_id = s.id`);
    extra.push(sql`ac.category`);
  }
  if (has(Dimension.INDICATOR) || has(Dimension.BASIS)) {
    joins.push(
      sql`LEFT JOIN (SELECT DISTINCT project_id, indicator_code, basis FROM indicator_values) iv ON iv.project_id = s.id`,
    );
    extra.push(sql`iv.indicator_code, iv.basis`);
  }
  // One row per project (or per project and programme, grouped by programme) unless another join
  // multiplied it: then count(*) needs no sort.
  const onePerGroup = joins.length === 0 || (joins.length === 1 && has(Dimension.PROGRAMME));
  return {
    base: sql`SELECT ${sql.join([sql`s.*`, ...extra], ', ')} FROM scope s ${sql.join(joins, ' ')}`,
    select: { project_count: onePerGroup ? sql`count(*)::text` : sql`count(DISTINCT id)::text` },
  };
}

/** The output columns a request needs, in order. */
export function outputColumns(request: AggregateRequest): string[] {
  const budget = request.measures.some((measure) => BUDGET.has(measure));
  return [
    ...new Set([
      ...request.measures.map((measure) => MEASURE_COLUMNS[measure]),
      ...(request.selection.leftOut && budget ? ['budget_left_out'] : []),
      ...(request.selection.leftOutReasons && budget ? Object.values(LeftOutReason).map(reasonColumn) : []),
    ]),
  ];
}

/** The whole statement of an aggregate request. */
export function aggregateStatement(request: AggregateRequest): SQL {
  const { dimensions, measures } = request;
  const has = (dimension: Dimension) => dimensions.includes(dimension);
  const conditions = projectConditions(request.filter);
  // Every project has its municipality (a foreign key): joined only for an oblast key or filter.
  const joinMunicipality = has(Dimension.OBLAST) || conditions.usesMunicipality;
  const scope = sql`SELECT p.id, p.municipality_code, ${joinMunicipality ? sql`m.oblast_code` : sql`NULL::text AS oblast_code`},
                           p.start_date, p.end_date, p.total_budget_bgn
                    FROM projects p ${joinMunicipality ? sql`JOIN municipalities m ON m.code = p.municipality_code` : sql.blank}
                    ${conditions.where.length ? sql`WHERE ${sql.join(conditions.where, ' AND ')}` : sql.blank}`;
  const keys = dimensions.map((_dimension, index) => sql.identifier(`k${index}`));
  const groupBy = keys.length ? sql`GROUP BY ${sql.join(keys, ', ')}` : sql.blank;
  const outputs = outputColumns(request);

  const families = [...new Set(measures.map(family))];
  // Project counts without a multiplying join and budgets of the stated totals are both one row per project.
  const countPerProject = ![
    Dimension.PROGRAMME,
    Dimension.PARTNER_TYPE,
    Dimension.ACTIVITY_CATEGORY,
    Dimension.INDICATOR,
    Dimension.BASIS,
  ].some(has);
  const budgetPerProject = !has(Dimension.PROGRAMME) && !has(Dimension.FUNDING_KIND);
  const merged = families.includes('count') && countPerProject && families.includes('budget') && budgetPerProject;
  const parts = families
    .filter((name) => !(merged && name === 'budget'))
    .map((name) => {
      const { base, select } = familyPart(name, request, merged);
      const columns = [
        ...dimensions.map((dimension, index) => sql`${keyOf(dimension, 'b')} AS ${keys[index]}`),
        ...outputs.map((output) => sql`${select[output] ?? sql`NULL::text`} AS ${sql.identifier(output)}`),
      ];
      return sql`SELECT ${sql.join(columns, ', ')} FROM (${base}) b ${groupBy}`;
    });

  const labelColumns = (latin: boolean, prefix: string) =>
    dimensions.map(
      (dimension, index) => sql`${labelOf(dimension, keys[index], latin)} AS ${sql.identifier(`${prefix}${index}`)}`,
    );
  const labels = [
    ...(request.selection.labels ? labelColumns(false, 'l') : []),
    ...(request.selection.labelsLatin ? labelColumns(true, 'm') : []),
  ];
  const order = keys.length
    ? sql`ORDER BY ${sql.join(
        keys.map((key) => sql`${key} NULLS LAST`),
        ', ',
      )}`
    : sql.blank;
  // One family of measures is one grouped part, read as it is; several are stacked and grouped once more.
  if (parts.length === 1) {
    const columns = [...keys, ...labels, ...outputs.map((output) => sql.identifier(output))];
    return sql`WITH scope AS (${scope}) SELECT ${sql.join(columns, ', ')} FROM (${parts[0]}) part ${order}`;
  }
  const columns = [
    ...keys,
    ...labels,
    ...outputs.map((output) => sql`max(${sql.identifier(output)}) AS ${sql.identifier(output)}`),
  ];
  return sql`WITH scope AS (${scope})
    SELECT ${sql.join(columns, ', ')} FROM (${sql.join(parts, ' UNION ALL ')}) stacked ${groupBy} ${order}`;
}
