import type { EntityManager } from 'typeorm';
import { Currency } from '../../domain/enums';
import { BGN_PER_EUR } from '../../domain/money';
import { SqlParams } from '../../db/hydrate';
import { badUserInput } from '../../errors';
import type { ProjectFilter } from '../project/project.args';
import { conditionsUseMunicipality, type ProjectService } from '../project/project.service';
import { type AggregateGroup, Dimension, Measure } from './aggregate.types';

const BUDGET = new Set([Measure.BUDGET_SUM, Measure.BUDGET_AVG, Measure.BUDGET_MIN, Measure.BUDGET_MAX]);

/** Dimensions each family of measures can be grouped by without counting something twice. */
const ALLOWED: Record<'count' | 'budget' | 'partner' | 'indicator', Set<Dimension>> = {
  count: new Set([
    Dimension.MUNICIPALITY,
    Dimension.OBLAST,
    Dimension.PROGRAMME,
    Dimension.START_YEAR,
    Dimension.END_YEAR,
    Dimension.PARTNER_TYPE,
    Dimension.ACTIVITY_CATEGORY,
    Dimension.INDICATOR,
    Dimension.BASIS,
  ]),
  budget: new Set([
    Dimension.MUNICIPALITY,
    Dimension.OBLAST,
    Dimension.PROGRAMME,
    Dimension.FUNDING_KIND,
    Dimension.START_YEAR,
    Dimension.END_YEAR,
  ]),
  partner: new Set([
    Dimension.MUNICIPALITY,
    Dimension.OBLAST,
    Dimension.PROGRAMME,
    Dimension.START_YEAR,
    Dimension.END_YEAR,
    Dimension.PARTNER_TYPE,
  ]),
  indicator: new Set([
    Dimension.MUNICIPALITY,
    Dimension.OBLAST,
    Dimension.START_YEAR,
    Dimension.END_YEAR,
    Dimension.INDICATOR,
    Dimension.BASIS,
  ]),
};

const WHY: Record<string, string> = {
  budget:
    'budgets cannot be grouped by partner type, activity category, indicator or basis without counting one budget in several groups',
  partner: 'partner counts can be grouped by municipality, oblast, programme, start or end year and partner type only',
  indicator: 'figures of different indicators, or planned and achieved figures, are never added together',
  count: 'projects have no funding kind',
};

function family(measure: Measure): keyof typeof ALLOWED {
  if (BUDGET.has(measure)) return 'budget';
  if (measure === Measure.PARTNER_COUNT) return 'partner';
  if (measure === Measure.INDICATOR_SUM) return 'indicator';
  return 'count';
}

/** What of a group the request selects beyond keys' values and values' values (each costs the statement work). */
export interface AggregateSelection {
  /** `keys { label }`: a lookup per group. */
  labels: boolean;
  /** `values { leftOut }`: for budgets, a look at the funding amounts of every project without a stated total. */
  leftOut: boolean;
}

/** Grouped aggregates over the projects matching a filter: one SQL statement per call, computing only what is selected. */
export class AggregateService {
  constructor(
    private readonly manager: EntityManager,
    private readonly projects: ProjectService,
  ) {}

  async aggregate(
    groupBy: Dimension[],
    measures: Measure[],
    filter: ProjectFilter | undefined,
    currency: Currency,
    selection: AggregateSelection = { labels: true, leftOut: true },
  ): Promise<AggregateGroup[]> {
    if (measures.length === 0) throw badUserInput('measures', 'give at least one measure');
    const dimensions = [...new Set(groupBy)];
    for (const measure of new Set(measures)) {
      const kind = family(measure);
      const refused = dimensions.filter((dimension) => !ALLOWED[kind].has(dimension));
      if (refused.length)
        throw badUserInput('measures', `${measure} cannot be grouped by ${refused.join(', ')}: ${WHY[kind]}`);
      if (
        measure === Measure.INDICATOR_SUM &&
        !(dimensions.includes(Dimension.INDICATOR) && dimensions.includes(Dimension.BASIS))
      ) {
        throw badUserInput('measures', `${measure} needs INDICATOR and BASIS in groupBy: ${WHY.indicator}`);
      }
    }

    const params = new SqlParams();
    const conditions = this.projects.filterConditions(filter, params);
    const has = (dimension: Dimension) => dimensions.includes(dimension);
    // Every project has its municipality (a foreign key): joined only for an oblast key or filter.
    const needsMunicipality = has(Dimension.OBLAST) || conditionsUseMunicipality(conditions);
    const scope = `SELECT p.id, p.municipality_code, ${needsMunicipality ? 'm.oblast_code' : 'NULL::text AS oblast_code'}, p.start_date, p.end_date, p.total_budget_bgn
                   FROM projects p ${needsMunicipality ? 'JOIN municipalities m ON m.code = p.municipality_code' : ''} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
    const key = (dimension: Dimension, alias: string): string => {
      switch (dimension) {
        case Dimension.MUNICIPALITY:
          return `${alias}.municipality_code`;
        case Dimension.OBLAST:
          return `${alias}.oblast_code`;
        case Dimension.START_YEAR:
          return `extract(year FROM ${alias}.start_date)::int::text`;
        case Dimension.END_YEAR:
          return `extract(year FROM ${alias}.end_date)::int::text`;
        case Dimension.PROGRAMME:
          return `${alias}.programme_code`;
        case Dimension.FUNDING_KIND:
          return `${alias}.kind`;
        case Dimension.PARTNER_TYPE:
          return `${alias}.partner_type`;
        case Dimension.ACTIVITY_CATEGORY:
          return `${alias}.category`;
        case Dimension.INDICATOR:
          return `${alias}.indicator_code`;
        case Dimension.BASIS:
          return `${alias}.basis`;
      }
    };
    /** A readable label, looked up once per result group (not per row). */
    const label = (dimension: Dimension, column: string): string => {
      switch (dimension) {
        case Dimension.MUNICIPALITY:
          return `(SELECT name FROM municipalities WHERE code = ${column})`;
        case Dimension.OBLAST:
          return `(SELECT oblast_name FROM municipalities WHERE oblast_code = ${column} LIMIT 1)`;
        case Dimension.PROGRAMME:
          return `(SELECT abbreviation FROM programmes WHERE code = ${column})`;
        case Dimension.INDICATOR:
          return `(SELECT name_en FROM indicators WHERE code = ${column})`;
        default:
          return 'NULL';
      }
    };
    const keyColumns = (alias: string) => dimensions.map((dimension, index) => `${key(dimension, alias)} AS k${index}`);
    const groupColumns = dimensions.map((_dimension, index) => `k${index}`);

    // One sub-query per family of measures, each grouped by the same keys; their rows are stacked and
    // grouped once more (GROUP BY, unlike a join, treats unknown keys as equal).
    const families = [...new Set(measures.map(family))];
    // Project counts without a multiplying join and budgets of the stated totals are both one row per
    // project: one pass over the scope computes the two (the groups are the same: every group has a count).
    const perProject = (name: keyof typeof ALLOWED) =>
      name === 'count'
        ? !has(Dimension.PROGRAMME) &&
          !has(Dimension.PARTNER_TYPE) &&
          !has(Dimension.ACTIVITY_CATEGORY) &&
          !has(Dimension.INDICATOR) &&
          !has(Dimension.BASIS)
        : name === 'budget' && !has(Dimension.PROGRAMME) && !has(Dimension.FUNDING_KIND);
    const mergeBudgetIntoCount =
      families.includes('count') && perProject('count') && families.includes('budget') && perProject('budget');
    // The rate is a parameter only when a money measure uses it (an unused parameter is a bind error).
    const rate =
      currency === Currency.EUR && measures.some((measure) => BUDGET.has(measure))
        ? ` / ${params.add(BGN_PER_EUR)}::numeric`
        : '';
    const column: Record<Measure, string> = {
      PROJECT_COUNT: 'project_count',
      BUDGET_SUM: 'budget_sum',
      BUDGET_AVG: 'budget_avg',
      BUDGET_MIN: 'budget_min',
      BUDGET_MAX: 'budget_max',
      PARTNER_COUNT: 'partner_count',
      INDICATOR_SUM: 'indicator_sum',
    };
    // The requested measures' columns only (half the statement's time for a count and a sum by municipality at 5,300 projects).
    const outputs = [
      ...new Set([
        ...measures.map((measure) => column[measure]),
        ...(selection.leftOut && measures.some((measure) => BUDGET.has(measure)) ? ['budget_left_out'] : []),
      ]),
    ];
    /** A stated total counts when its sources agree; a project whose sources disagree on it (a TOTAL amount but no total) is left out. */
    const disputedTotal = (
      alias: string,
    ) => `EXISTS (SELECT 1 FROM funding_amounts f WHERE f.project_id = ${alias}.id AND f.programme_code IS NULL AND f.kind = 'TOTAL'
                                AND f.currency = 'BGN' AND f.qualifier <> 'APPROXIMATE')`;
    const parts = families
      .filter((name) => !(mergeBudgetIntoCount && name === 'budget'))
      .map((name) => {
        let base: string;
        let select: Record<string, string>;
        if (name === 'count' && mergeBudgetIntoCount) {
          base = 'SELECT s.* FROM scope s';
          select = {
            project_count: 'count(*)::text',
            budget_sum: `round(sum(total_budget_bgn)${rate}, 2)::text`,
            budget_avg: `round(avg(total_budget_bgn)${rate}, 2)::text`,
            budget_min: `round(min(total_budget_bgn)${rate}, 2)::text`,
            budget_max: `round(max(total_budget_bgn)${rate}, 2)::text`,
            budget_left_out: `count(*) FILTER (WHERE total_budget_bgn IS NULL AND ${disputedTotal('b')})::text`,
          };
        } else if (name === 'budget') {
          base =
            has(Dimension.PROGRAMME) || has(Dimension.FUNDING_KIND)
              ? // An amount counts when its sources give one exact figure; disputed amounts and bounds come out
                // as null amounts, left out of the sums and counted in budget_left_out. One distinct exact amount
                // ⇔ its least equals its greatest: no count(DISTINCT), so a hash aggregate without a sort.
                `SELECT s.*, f.programme_code, f.kind, f.amount FROM scope s JOIN (
               SELECT project_id, programme_code, kind,
                      CASE WHEN min(amount) FILTER (WHERE qualifier = 'EXACT') = max(amount) FILTER (WHERE qualifier = 'EXACT') THEN min(amount) FILTER (WHERE qualifier = 'EXACT') END AS amount
               FROM funding_amounts
               WHERE currency = 'BGN' AND qualifier <> 'APPROXIMATE'
                 AND ${has(Dimension.PROGRAMME) ? 'programme_code IS NOT NULL' : 'programme_code IS NULL'}
                 ${has(Dimension.FUNDING_KIND) ? '' : "AND kind = 'TOTAL'"}
               GROUP BY 1, 2, 3) f ON f.project_id = s.id`
              : `SELECT s.*, s.total_budget_bgn AS amount FROM scope s WHERE s.total_budget_bgn IS NOT NULL OR ${disputedTotal('s')}`;
          select = {
            budget_sum: `round(sum(amount)${rate}, 2)::text`,
            budget_avg: `round(avg(amount)${rate}, 2)::text`,
            budget_min: `round(min(amount)${rate}, 2)::text`,
            budget_max: `round(max(amount)${rate}, 2)::text`,
            // A project is at most one row of a group here (f has one row per project, programme and kind,
            // and every one of them it keeps is in a different group), so count(*) counts projects: no
            // count(DISTINCT), whose sort was a quarter of MUNICIPALITY × PROGRAMME at 5,300 projects.
            budget_left_out: 'count(*) FILTER (WHERE amount IS NULL)::text',
          };
        } else if (name === 'partner') {
          base = `SELECT s.*, pa.organisation_id, pa.programme_code, o.type AS partner_type FROM scope s
                JOIN partnerships pa ON pa.project_id = s.id AND pa.role = 'PARTNER' JOIN organisations o ON o.id = pa.organisation_id`;
          select = { partner_count: 'count(DISTINCT (id, organisation_id))::text' };
        } else if (name === 'indicator') {
          base = `SELECT s.*, v.indicator_code, v.basis, v.value FROM scope s JOIN (
                  SELECT project_id, indicator_code, basis, value FROM (
                    SELECT project_id, indicator_code, basis, as_of, min(value) AS value, count(DISTINCT value) AS n,
                           row_number() OVER (PARTITION BY project_id, indicator_code, basis ORDER BY as_of DESC NULLS FIRST) AS latest
                    FROM indicator_values WHERE breakdown IS NULL AND qualifier = 'EXACT' GROUP BY project_id, indicator_code, basis, as_of) x
                  WHERE latest = 1 AND n = 1) v ON v.project_id = s.id`;
          select = { indicator_sum: 'sum(value)::text' };
        } else {
          const joins: string[] = [];
          if (has(Dimension.PROGRAMME)) {
            joins.push('JOIN project_programmes pr ON pr.project_id = s.id');
          }
          if (has(Dimension.PARTNER_TYPE))
            joins.push(
              'JOIN (SELECT DISTINCT pa.project_id, o.type AS partner_type FROM partnerships pa JOIN organisations o ON o.id = pa.organisation_id) pt ON pt.project_id = s.id',
            );
          if (has(Dimension.ACTIVITY_CATEGORY))
            joins.push('JOIN (SELECT DISTINCT project_id, category FROM activities) ac ON ac.project_id = s.id');
          if (has(Dimension.INDICATOR) || has(Dimension.BASIS))
            joins.push(
              'JOIN (SELECT DISTINCT project_id, indicator_code, basis FROM indicator_values) iv ON iv.project_id = s.id',
            );
          base = `SELECT s.*${has(Dimension.PROGRAMME) ? ', pr.programme_code' : ''}${has(Dimension.PARTNER_TYPE) ? ', pt.partner_type' : ''}${has(Dimension.ACTIVITY_CATEGORY) ? ', ac.category' : ''}${has(Dimension.INDICATOR) || has(Dimension.BASIS) ? ', iv.indicator_code, iv.basis' : ''} FROM scope s ${joins.join(' ')}`;
          // One row per project (or per project and programme, grouped by programme) unless another join
          // multiplied it: then count(*) needs no sort.
          const onePerGroup = joins.length === 0 || (joins.length === 1 && has(Dimension.PROGRAMME));
          select = { project_count: onePerGroup ? 'count(*)::text' : 'count(DISTINCT id)::text' };
        }
        const columns = [
          ...keyColumns('b'),
          ...outputs.map((output) => `${select[output] ?? 'NULL::text'} AS ${output}`),
        ];
        return `SELECT ${columns.join(', ')} FROM (${base}) b ${groupColumns.length ? `GROUP BY ${groupColumns.join(', ')}` : ''}`;
      });
    const labels = selection.labels
      ? dimensions.map((dimension, index) => `${label(dimension, `k${index}`)} AS l${index}`)
      : [];
    const order = groupColumns.length
      ? `ORDER BY ${dimensions.map((_d, index) => `k${index} NULLS LAST`).join(', ')}`
      : '';
    // One family of measures is one grouped part, read as it is; several are stacked and grouped once more.
    const rows: Record<string, string | null>[] = await this.manager.query(
      parts.length === 1
        ? `WITH scope AS (${scope}) SELECT ${[...groupColumns, ...labels, ...outputs].join(', ')} FROM (${parts[0]}) part ${order}`
        : `WITH scope AS (${scope})
           SELECT ${[...groupColumns, ...labels, ...outputs.map((output) => `max(${output}) AS ${output}`)].join(', ')}
           FROM (${parts.join(' UNION ALL ')}) stacked
           ${groupColumns.length ? `GROUP BY ${groupColumns.join(', ')}` : ''} ${order}`,
      params.values,
    );

    const decimal = (value: string | null | undefined) =>
      value == null ? null : /\./.test(value) ? value.replace(/^(-?\d+\.\d)$/, '$10') : `${value}.00`;
    return rows.map((row) => ({
      keys: dimensions.map((dimension, index) => ({
        dimension,
        value: row[`k${index}`] ?? null,
        label: row[`l${index}`] ?? null,
      })),
      values: measures.map((measure) => ({
        measure,
        value:
          measure === Measure.PROJECT_COUNT || measure === Measure.PARTNER_COUNT
            ? decimal(row[column[measure]] ?? '0')
            : decimal(row[column[measure]]),
        currency: BUDGET.has(measure) ? currency : null,
        bgnPerEur: BUDGET.has(measure) && currency === Currency.EUR ? BGN_PER_EUR : null,
        leftOut: BUDGET.has(measure) && selection.leftOut ? Number(row.budget_left_out ?? 0) : null,
      })),
    }));
  }
}
