import type { EntityManager } from 'typeorm';
import { PROGRAMME_CODES } from '../../domain/enums';
import type { ParsedContractNumber } from '../../domain/contract-number';
import { hydrate, hydrateJoined, joinedColumns, likeEscape, SqlParams } from '../../db/hydrate';
import { pagedQuery } from '../../db/paged-query';
import {
  Activity,
  Contract,
  FundingAmount,
  Indicator,
  IndicatorValue,
  Municipality,
  Organisation,
  Partnership,
  PeriodStatement,
  ProcedureCitation,
  Programme,
  Project,
  ProjectRevision,
  QualityFlag,
  Source,
  TargetGroup,
} from '../../entities';
import type { Page } from '../../graphql/connection';
import { FilteredFact, OrderDirection, type ProjectFilter, type ProjectOrder, ProjectOrderField } from './project.args';

const ORDER_COLUMNS: Record<ProjectOrderField, string> = {
  [ProjectOrderField.TOTAL_BUDGET]: 'p.total_budget_bgn',
  [ProjectOrderField.START_DATE]: 'p.start_date',
  [ProjectOrderField.END_DATE]: 'p.end_date',
  [ProjectOrderField.MUNICIPALITY_NAME]: 'm.name',
  [ProjectOrderField.TITLE]: 'p.title',
};

/** Prefix of the joined municipality's columns in a page's rows. */
const MUNICIPALITY_PREFIX = 'municipality.';

const SHORT_PROGRAMME_CODES: Record<string, string> = PROGRAMME_CODES;

/**
 * Whether conditions of `filterConditions` read the municipality (alias `m`, e.g. an oblast filter):
 * otherwise `projects p` needs no join with `municipalities`, every project having one (a foreign key).
 */
export function conditionsUseMunicipality(conditions: string[]): boolean {
  return conditions.some((condition) => /\bm\./.test(condition));
}

/**
 * The columns a selection of Project fields needs, where every selected field is one of these; any
 * other field (statements, flags, budget, period …) reads every column. `id`, `key` and the
 * municipality are always read.
 */
const LIGHT_FIELDS: Record<string, string[]> = {
  __typename: [],
  id: [],
  key: [],
  municipality: [],
  title: ['title'],
  titleLatin: ['title_latin'],
  status: ['status'],
  statusAsOf: ['status_as_of'],
  confirmation: ['confirmation'],
  revision: ['revision'],
  aim: ['aim'],
  registrationNumber: ['registration_number'],
  registrationNumberAsPublished: ['registration_number_as_published'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
};

/** The select list for a selection of Project fields (all columns when `fields` is absent or not all light). */
export function projectColumnsFor(fields: Set<string> | undefined): string {
  if (!fields || ![...fields].every((field) => field in LIGHT_FIELDS)) return PROJECT_COLUMNS;
  const columns = new Set(['id', 'key', 'municipality_code', 'procedure_code']);
  for (const field of fields) for (const column of LIGHT_FIELDS[field]) columns.add(column);
  return [...columns].map((column) => `p.${column}`).join(', ');
}

/** Every column of `projects` but the imported file (`document`) and `search_text`, which the API never shows. */
const PROJECT_COLUMNS = [
  'id',
  'key',
  'municipality_code',
  'procedure_code',
  'title',
  'title_latin',
  'title_source_key',
  'registration_number',
  'registration_number_as_published',
  'registration_number_source_key',
  'status',
  'status_as_of',
  'status_source_key',
  'confirmation',
  'aim',
  'aim_source_key',
  'start_date',
  'end_date',
  'stated_duration_months',
  'total_budget_bgn',
  'missing',
  'notes',
  'content_hash',
  'revision',
  'created_at',
  'updated_at',
]
  .map((column) => `p.${column}`)
  .join(', ');

/** Tables holding one row per sourced statement about a project. */
const FACT_TABLES = [
  'project_period_statements',
  'contracts',
  'funding_amounts',
  'partnerships',
  'activities',
  'target_groups',
  'indicator_values',
  'procedure_citations',
];

/**
 * The range conditions of a filter, each over the source statements of one fact: it passes when every
 * statement is inside the range (at least one statement), and is split when some are inside and some
 * are not. Dates: the stated start or end dates. Budget: the stated totals in BGN; an exact amount is
 * inside when within the range, a lower bound ("над") only when it is at least the minimum and no
 * maximum is asked, a ceiling ("до") only when it is at most the maximum and no minimum is asked.
 * Approximations ("761 123" for 761 123,15) restate an exact figure and are not counted.
 */
function rangeFacts(
  filter: ProjectFilter | undefined,
  params: SqlParams,
): { fact: FilteredFact; pass: string; split: string }[] {
  if (!filter) return [];
  const facts: { fact: FilteredFact; statements: string; inside: string }[] = [];
  const dates = (fact: FilteredFact, from: string | undefined, to: string | undefined) => {
    if (!from && !to) return;
    const bounds = [
      from ? `s.date >= ${params.add(from)}::date` : null,
      to ? `s.date <= ${params.add(to)}::date` : null,
    ].filter(Boolean);
    facts.push({
      fact,
      statements: `FROM project_period_statements s WHERE s.project_id = p.id AND s.field = '${fact}' AND s.date IS NOT NULL`,
      inside: bounds.join(' AND '),
    });
  };
  dates(FilteredFact.START_DATE, filter.startDateFrom, filter.startDateTo);
  dates(FilteredFact.END_DATE, filter.endDateFrom, filter.endDateTo);
  if (filter.minTotalBudget || filter.maxTotalBudget) {
    const min = filter.minTotalBudget ? params.add(filter.minTotalBudget) : null;
    const max = filter.maxTotalBudget ? params.add(filter.maxTotalBudget) : null;
    const exact = [min ? `s.amount >= ${min}::numeric` : null, max ? `s.amount <= ${max}::numeric` : null]
      .filter(Boolean)
      .join(' AND ');
    facts.push({
      fact: FilteredFact.TOTAL_BUDGET,
      statements:
        "FROM funding_amounts s WHERE s.project_id = p.id AND s.programme_code IS NULL AND s.kind = 'TOTAL' AND s.currency = 'BGN' AND s.qualifier <> 'APPROXIMATE'",
      inside: `CASE s.qualifier WHEN 'EXACT' THEN ${exact}
                 WHEN 'AT_LEAST' THEN ${max ? 'false' : `s.amount >= ${min}::numeric`}
                 WHEN 'AT_MOST' THEN ${min ? 'false' : `s.amount <= ${max}::numeric`} ELSE false END`,
    });
  }
  return facts.map(({ fact, statements, inside }) => {
    const someInside = `EXISTS (SELECT 1 ${statements} AND (${inside}))`;
    const someOutside = `EXISTS (SELECT 1 ${statements} AND NOT (${inside}))`;
    return { fact, pass: `(${someInside} AND NOT ${someOutside})`, split: `(${someInside} AND ${someOutside})` };
  });
}

/** Most projects listed in one `DisputedExclusions.projects` (its `count` is always the full number). */
export const MAX_DISPUTED_LISTED = 100;

/** Statements of some projects and the rows they refer to, all from one SQL statement. */
export interface FactRows<T> {
  facts: T[];
  sources: Source[];
  programmes: Programme[];
  organisations: Organisation[];
  indicators: Indicator[];
}

/** Projects and everything stated about them. Every method is one SQL statement. */
export class ProjectService {
  constructor(private readonly manager: EntityManager) {}

  /** WHERE conditions for a filter (over `projects p JOIN municipalities m`); also used by aggregate. */
  filterConditions(
    filter: ProjectFilter | undefined,
    params: SqlParams,
    options: { ranges: boolean } = { ranges: true },
  ): string[] {
    const conditions: string[] = [];
    if (!filter) return conditions;
    if (filter.municipalityCodes)
      conditions.push(`p.municipality_code = ANY(${params.add(filter.municipalityCodes)}::text[])`);
    if (filter.oblastCodes) conditions.push(`m.oblast_code = ANY(${params.add(filter.oblastCodes)}::text[])`);
    if (filter.programmeCodes) {
      const codes = params.add(filter.programmeCodes.map((code) => SHORT_PROGRAMME_CODES[code] ?? code));
      conditions.push(
        `p.id IN (SELECT project_id FROM project_programmes WHERE programme_code = ANY(${codes}::text[]))`,
      );
    }
    if (filter.status) conditions.push(`p.status = ANY(${params.add(filter.status)}::text[])`);
    if (filter.confirmation) conditions.push(`p.confirmation = ANY(${params.add(filter.confirmation)}::text[])`);
    if (options.ranges) for (const range of rangeFacts(filter, params)) conditions.push(range.pass);
    if (filter.titleContains) {
      // search_text holds the lower-cased title and its transliteration; lower-casing here is Unicode-aware,
      // so the database's locale does not matter.
      const needle = filter.titleContains.trim().toLowerCase();
      if (needle) conditions.push(`p.search_text LIKE ${params.add(`%${likeEscape(needle)}%`)}`);
    }
    if (filter.hasIndicator) {
      conditions.push(
        `EXISTS (SELECT 1 FROM indicator_values v WHERE v.project_id = p.id AND v.indicator_code = ANY(${params.add(filter.hasIndicator)}::text[]))`,
      );
    }
    if (filter.qualityFlags) {
      conditions.push(
        `EXISTS (SELECT 1 FROM quality_flags q WHERE q.project_id = p.id AND q.code = ANY(${params.add(filter.qualityFlags)}::text[]))`,
      );
    }
    return conditions;
  }

  /**
   * Projects a filter leaves out only because their sources disagree on a filtered fact: they meet every
   * other condition, no range fact excludes them outright, and on at least one range fact some of their
   * source statements are inside the range and some outside. With `municipalityCodes`, only those
   * municipalities' projects (for `Municipality.projects`). One statement.
   */
  async disputedExclusions(
    filter: ProjectFilter | undefined,
    municipalityCodes?: readonly string[],
  ): Promise<{ projectId: number; municipalityCode: string; facts: FilteredFact[]; total: number }[]> {
    const params = new SqlParams();
    const ranges = rangeFacts(filter, params);
    if (ranges.length === 0) return [];
    const conditions = [
      ...this.filterConditions(filter, params, { ranges: false }),
      ...(municipalityCodes ? [`p.municipality_code = ANY(${params.add([...municipalityCodes])}::text[])`] : []),
      ...ranges.map((range) => `((${range.pass}) OR (${range.split}))`),
      `(${ranges.map((range) => `(${range.split})`).join(' OR ')})`,
    ];
    // At most MAX_DISPUTED_LISTED projects per list (per municipality under Municipality.projects); the count is exact.
    const scope = municipalityCodes ? 'PARTITION BY p.municipality_code' : '';
    const rows: { id: number; municipality_code: string; facts: FilteredFact[]; total: number }[] =
      await this.manager.query(
        `SELECT id, municipality_code, facts, total FROM (
         SELECT p.id, p.municipality_code, m.name,
                array_remove(ARRAY[${ranges.map((range) => `CASE WHEN ${range.split} THEN '${range.fact}' END`).join(', ')}], NULL) AS facts,
                count(*) OVER (${scope})::int AS total, row_number() OVER (${scope} ORDER BY m.name, p.id) AS position
         FROM projects p JOIN municipalities m ON m.code = p.municipality_code
         WHERE ${conditions.join(' AND ')}
       ) listed WHERE position <= ${MAX_DISPUTED_LISTED}
       ORDER BY name, id`,
        params.values,
      );
    return rows.map((row) => ({
      projectId: row.id,
      municipalityCode: row.municipality_code,
      facts: row.facts,
      total: row.total,
    }));
  }

  private orderBy(order: ProjectOrder | undefined): string {
    const field = order?.field ?? ProjectOrderField.MUNICIPALITY_NAME;
    const direction = order?.direction === OrderDirection.DESC ? 'DESC' : 'ASC';
    return `${ORDER_COLUMNS[field]} ${direction} NULLS LAST, p.id ASC`;
  }

  /**
   * One page of projects with the total count, in one statement. `fields`: the Project fields selected
   * (the columns read follow them); `municipalityFields`: those selected on its `municipality`, which is
   * then read in the same statement.
   */
  async page(
    filter: ProjectFilter | undefined,
    order: ProjectOrder | undefined,
    offset: number,
    limit: number,
    fields?: Set<string>,
    municipalityFields?: Set<string>,
  ): Promise<Page<Project>> {
    const params = new SqlParams();
    const conditions = this.filterConditions(filter, params);
    // Every project has its municipality (a foreign key): the join only where a name or oblast is used,
    // so that the count and an order by a project column read projects alone (and their order indexes).
    const needsMunicipality =
      (order?.field ?? ProjectOrderField.MUNICIPALITY_NAME) === ProjectOrderField.MUNICIPALITY_NAME ||
      conditionsUseMunicipality(conditions);
    // A selected `municipality` is read in the same statement, its selected columns only, for the page's
    // rows only (the count reads projects alone), so that the field resolves at once, without a second
    // statement and a promise per project.
    const joinMunicipality = municipalityFields !== undefined;
    const counted = needsMunicipality
      ? 'projects p JOIN municipalities m ON m.code = p.municipality_code'
      : 'projects p';
    const { rows, totalCount } = await pagedQuery(this.manager, {
      countFrom: counted,
      select: joinMunicipality
        ? `${projectColumnsFor(fields)}, ${joinedColumns(this.manager, Municipality, 'm', MUNICIPALITY_PREFIX, 'code', municipalityFields)}`
        : projectColumnsFor(fields),
      from:
        joinMunicipality && !needsMunicipality
          ? `${counted} LEFT JOIN municipalities m ON m.code = p.municipality_code`
          : counted,
      conditions,
      params,
      orderBy: this.orderBy(order),
      offset,
      limit,
    });
    const projects = hydrate(this.manager, Project, rows);
    if (joinMunicipality) {
      const municipalities = hydrateJoined(this.manager, Municipality, rows, MUNICIPALITY_PREFIX, 'code');
      projects.forEach((project, index) => {
        project.municipality = municipalities[index] ?? undefined;
      });
    }
    return { rows: projects, totalCount, offset };
  }

  /**
   * The same page (offset, limit, filter) of projects for each of several municipalities, in one
   * statement (window functions), for `Municipality.projects` under a list of municipalities.
   */
  async pagesByMunicipality(
    codes: readonly string[],
    filter: ProjectFilter | undefined,
    offset: number,
    limit: number,
  ): Promise<Map<string, Page<Project>>> {
    const params = new SqlParams();
    const conditions = [
      `p.municipality_code = ANY(${params.add([...codes])}::text[])`,
      ...this.filterConditions(filter, params),
    ];
    // Ranked and counted on the narrow columns, then the page's rows read by id: the windows over every
    // matching row with all columns made PostgreSQL carry 1,000 wide rows per municipality at 265,000
    // projects (7.5 → 2.6 ms for a page of 20).
    const rows: (Record<string, unknown> & { total_count: number; municipality_code: string })[] =
      await this.manager.query(
        `SELECT ${PROJECT_COLUMNS}, ranked.total_count FROM (
         SELECT p.id, p.municipality_code, row_number() OVER (PARTITION BY p.municipality_code ORDER BY p.title ASC NULLS LAST, p.id ASC) AS position,
                count(*) OVER (PARTITION BY p.municipality_code)::int AS total_count
         FROM projects p ${conditionsUseMunicipality(conditions) ? 'JOIN municipalities m ON m.code = p.municipality_code' : ''}
         WHERE ${conditions.join(' AND ')}
       ) ranked JOIN projects p ON p.id = ranked.id
       WHERE ranked.position > ${params.add(offset)} AND ranked.position <= ${params.add(offset + limit)}
       ORDER BY ranked.municipality_code, ranked.position`,
        params.values,
      );
    const pages = new Map<string, Page<Project>>(codes.map((code) => [code, { rows: [], totalCount: 0, offset }]));
    const projects = hydrate(this.manager, Project, rows);
    rows.forEach((row, index) => {
      const page = pages.get(row.municipality_code)!;
      page.rows.push(projects[index]);
      page.totalCount = row.total_count;
    });
    return pages;
  }

  async byIds(ids: readonly number[]): Promise<Project[]> {
    const rows = await this.manager.query(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = ANY($1::int[])`, [
      [...ids],
    ]);
    return hydrate(this.manager, Project, rows);
  }

  /** The project holding a contract or registration number (already normalised). */
  async byContractNumber(number: ParsedContractNumber): Promise<Project | null> {
    const rows = await this.manager.query(
      `SELECT ${PROJECT_COLUMNS} FROM projects p
       WHERE p.registration_number = $1
          OR EXISTS (SELECT 1 FROM contracts c WHERE c.project_id = p.id AND (c.number = $2 OR c.number LIKE $3))
       ORDER BY p.id LIMIT 1`,
      [number.registrationNumber, number.canonical, `${number.registrationNumber}-%`],
    );
    return hydrate(this.manager, Project, rows)[0] ?? null;
  }

  /**
   * Statements of several projects from one table, each joined with its source (and programme,
   * organisation, indicator where it has one) in the same statement, so that resolving those costs
   * no further SQL (the loaders are primed with them).
   */
  private async facts<T extends { projectId: number }>(
    entity: new () => T,
    table: string,
    ids: readonly number[],
    options: { order?: string; programme?: boolean; organisation?: boolean; indicator?: boolean } = {},
  ): Promise<FactRows<T>> {
    // Plain rows for the statements; the distinct related rows (a few sources for hundreds of
    // statements) ride along once, as JSON on the first row. Still one statement.
    const related = (relatedTable: string, key: string, column: string) =>
      `(SELECT coalesce(json_agg(r), '[]') FROM ${relatedTable} r WHERE r.${key} = ANY(ARRAY(SELECT DISTINCT ${column} FROM f WHERE ${column} IS NOT NULL)))`;
    const extras: [string, string][] = [['sources', related('sources', 'key', 'source_key')]];
    if (options.programme) extras.push(['programmes', related('programmes', 'code', 'programme_code')]);
    if (options.organisation) extras.push(['organisations', related('organisations', 'id', 'organisation_id')]);
    if (options.indicator) extras.push(['indicators', related('indicators', 'code', 'indicator_code')]);
    const rows: Record<string, unknown>[] = await this.manager.query(
      `WITH f AS MATERIALIZED (SELECT * FROM ${table} WHERE project_id = ANY($1::int[])),
            first AS (SELECT min(id) AS id FROM f)
       SELECT f.*, ${extras.map(([name, sql]) => `CASE WHEN f.id = first.id THEN ${sql} END AS related_${name}`).join(', ')}
       FROM f CROSS JOIN first${options.indicator ? ' JOIN indicators i ON i.code = f.indicator_code' : ''}
       ORDER BY ${options.order ?? 'f.id'}`,
      [[...ids]],
    );
    const carrier = rows.find((row) => row.related_sources !== null) ?? {};
    const relatedRows = (name: string) => (carrier[`related_${name}`] as Record<string, unknown>[] | undefined) ?? [];
    return {
      facts: hydrate(this.manager, entity, rows),
      sources: hydrate(this.manager, Source, relatedRows('sources')),
      programmes: hydrate(this.manager, Programme, relatedRows('programmes')),
      organisations: hydrate(this.manager, Organisation, relatedRows('organisations')),
      indicators: hydrate(this.manager, Indicator, relatedRows('indicators')),
    };
  }

  periodStatements = (ids: readonly number[]) => this.facts(PeriodStatement, 'project_period_statements', ids);
  contracts = (ids: readonly number[]) => this.facts(Contract, 'contracts', ids, { programme: true });
  funding = (ids: readonly number[]) => this.facts(FundingAmount, 'funding_amounts', ids, { programme: true });
  partnerships = (ids: readonly number[]) =>
    this.facts(Partnership, 'partnerships', ids, { programme: true, organisation: true });
  activities = (ids: readonly number[]) =>
    this.facts(Activity, 'activities', ids, {
      programme: true,
      order: 'f.programme_code DESC NULLS LAST, f.number, f.id',
    });
  targetGroups = (ids: readonly number[]) => this.facts(TargetGroup, 'target_groups', ids, { programme: true });
  indicatorValues = (ids: readonly number[]) =>
    this.facts(IndicatorValue, 'indicator_values', ids, {
      indicator: true,
      order: 'i.domain, f.indicator_code, f.breakdown NULLS FIRST, f.id',
    });
  procedureCitations = (ids: readonly number[]) => this.facts(ProcedureCitation, 'procedure_citations', ids);

  private byProjectIds<T extends { projectId: number }>(
    entity: new () => T,
    table: string,
    ids: readonly number[],
    order: string,
  ): Promise<T[]> {
    return this.manager
      .query(`SELECT * FROM ${table} WHERE project_id = ANY($1::int[]) ORDER BY ${order}`, [[...ids]])
      .then((rows) => hydrate(this.manager, entity, rows));
  }

  qualityFlags = (ids: readonly number[]) => this.byProjectIds(QualityFlag, 'quality_flags', ids, 'code, field, id');
  revisions = (ids: readonly number[]) => this.byProjectIds(ProjectRevision, 'project_revisions', ids, 'revision DESC');

  /** One row of a project's statements, flags or revisions by its id (for `node`). */
  async childById<T extends object>(entity: new () => T, id: number): Promise<T | null> {
    const table = this.manager.connection.getMetadata(entity).tableName;
    const rows = await this.manager.query(`SELECT * FROM ${table} WHERE id = $1`, [id]);
    return hydrate(this.manager, entity, rows)[0] ?? null;
  }

  async organisations(ids: readonly number[]): Promise<Organisation[]> {
    const rows = await this.manager.query('SELECT * FROM organisations WHERE id = ANY($1::int[])', [[...ids]]);
    return hydrate(this.manager, Organisation, rows);
  }

  /** Every source a project cites anywhere, with the project it belongs to. */
  async sources(ids: readonly number[]): Promise<{ projectId: number; source: Source }[]> {
    const union = [
      ...FACT_TABLES.map((table) => `SELECT project_id, source_key FROM ${table}`),
      ...['title_source_key', 'registration_number_source_key', 'status_source_key', 'aim_source_key'].map(
        (column) => `SELECT id AS project_id, ${column} AS source_key FROM projects WHERE ${column} IS NOT NULL`,
      ),
    ].join(' UNION ');
    const rows: (Record<string, unknown> & { project_id: number })[] = await this.manager.query(
      `SELECT cited.project_id, s.* FROM (${union}) cited JOIN sources s ON s.key = cited.source_key
       WHERE cited.project_id = ANY($1::int[]) ORDER BY cited.project_id, s.published_on NULLS LAST, s.key`,
      [[...ids]],
    );
    const sources = hydrate(this.manager, Source, rows);
    return rows.map((row, index) => ({ projectId: row.project_id, source: sources[index] }));
  }
}
