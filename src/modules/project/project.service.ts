import type { EntityManager } from 'typeorm';
import type { ParsedContractNumber } from '../../domain/contract-number';
import { PROJECT_TOTAL } from '../../db/data-revision';
import { hydrate, hydrateJoined, joinedColumns } from '../../db/hydrate';
import { pagedQuery } from '../../db/paged-query';
import { integer, runSql, type SQL, sql } from '../../db/sql';
import { Municipality, Project } from '../../entities';
import type { Page } from '../../graphql/connection';
import { FilteredFact, OrderDirection, type ProjectFilter, type ProjectOrder, ProjectOrderField } from './project.args';
import { PROJECT_COLUMNS, projectColumnsFor } from './project-columns';
import { projectConditions, rangeFacts } from './project-filter';

const ORDER_COLUMNS: Record<ProjectOrderField, SQL> = {
  [ProjectOrderField.TOTAL_BUDGET]: sql`p.total_budget_bgn`,
  [ProjectOrderField.START_DATE]: sql`p.start_date`,
  [ProjectOrderField.END_DATE]: sql`p.end_date`,
  [ProjectOrderField.MUNICIPALITY_NAME]: sql`m.name`,
  [ProjectOrderField.TITLE]: sql`p.title`,
};

/** Prefix of the joined municipality's columns in a page's rows. */
const MUNICIPALITY_PREFIX = 'municipality.';

const WITH_MUNICIPALITY = sql`projects p JOIN municipalities m ON m.code = p.municipality_code`;
const PROJECTS_ALONE = sql`projects p`;

/** Most projects listed in one `DisputedExclusions.projects` (its `count` is always the full number). */
export const MAX_DISPUTED_LISTED = 100;

/** Projects: pages, look-ups and what a filter leaves out. Every method is one SQL statement. */
export class ProjectService {
  constructor(private readonly manager: EntityManager) {}

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
    const ranges = rangeFacts(filter);
    if (ranges.length === 0) return [];
    const conditions = [
      ...projectConditions(filter, { ranges: false }).where,
      ...(municipalityCodes ? [sql`p.municipality_code = ANY(${sql.value([...municipalityCodes])}::text[])`] : []),
      ...ranges.map((range) => sql`((${range.pass}) OR (${range.split}))`),
      sql`(${sql.join(
        ranges.map((range) => sql`(${range.split})`),
        ' OR ',
      )})`,
    ];
    const facts = sql.join(
      ranges.map((range) => sql`CASE WHEN ${range.split} THEN ${sql.literal(range.fact)} END`),
      ', ',
    );
    // At most MAX_DISPUTED_LISTED projects per list (per municipality under Municipality.projects); the count is exact.
    const scope = municipalityCodes ? sql`PARTITION BY p.municipality_code` : sql.blank;
    const rows = await runSql<{ id: number; municipality_code: string; facts: FilteredFact[]; total: number }>(
      this.manager,
      sql`SELECT id, municipality_code, facts, total FROM (
         SELECT p.id, p.municipality_code, m.name, array_remove(ARRAY[${facts}], NULL) AS facts,
                count(*) OVER (${scope})::int AS total, row_number() OVER (${scope} ORDER BY m.name, p.id) AS position
         FROM ${WITH_MUNICIPALITY}
         WHERE ${sql.join(conditions, ' AND ')}
       ) listed WHERE position <= ${sql.literal(MAX_DISPUTED_LISTED)}
       ORDER BY name, id`,
    );
    return rows.map((row) => ({
      projectId: row.id,
      municipalityCode: row.municipality_code,
      facts: row.facts,
      total: row.total,
    }));
  }

  private orderBy(order: ProjectOrder | undefined): SQL {
    const field = order?.field ?? ProjectOrderField.MUNICIPALITY_NAME;
    const direction = order?.direction === OrderDirection.DESC ? sql`DESC` : sql`ASC`;
    return sql`${ORDER_COLUMNS[field]} ${direction} NULLS LAST, p.id ASC`;
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
    const conditions = projectConditions(filter);
    // Every project has its municipality (a foreign key): the join only where a name or oblast is used,
    // so that the count and an order by a project column read projects alone (and their order indexes).
    const needsMunicipality =
      (order?.field ?? ProjectOrderField.MUNICIPALITY_NAME) === ProjectOrderField.MUNICIPALITY_NAME ||
      conditions.usesMunicipality;
    // A selected `municipality` is read in the same statement, its selected columns only, for the page's
    // rows only (the count reads projects alone), so that the field resolves at once, without a second
    // statement and a promise per project.
    const joinMunicipality = municipalityFields !== undefined;
    const counted = needsMunicipality ? WITH_MUNICIPALITY : PROJECTS_ALONE;
    const { rows, totalCount } = await pagedQuery(this.manager, {
      countFrom: counted,
      total: conditions.where.length === 0 ? PROJECT_TOTAL : undefined,
      select: joinMunicipality
        ? sql`${projectColumnsFor(fields)}, ${joinedColumns(this.manager, Municipality, 'm', MUNICIPALITY_PREFIX, 'code', municipalityFields)}`
        : projectColumnsFor(fields),
      from:
        joinMunicipality && !needsMunicipality
          ? sql`${counted} LEFT JOIN municipalities m ON m.code = p.municipality_code`
          : counted,
      conditions: conditions.where,
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
   * statement (window functions), for `Municipality.projects` under a list of municipalities. Ranked and
   * counted on the narrow columns, then the page's rows read by id: windows over every matching row with
   * all its columns would carry every wide row of a municipality.
   */
  async pagesByMunicipality(
    codes: readonly string[],
    filter: ProjectFilter | undefined,
    offset: number,
    limit: number,
  ): Promise<Map<string, Page<Project>>> {
    const filtered = projectConditions(filter);
    const conditions = [sql`p.municipality_code = ANY(${sql.value([...codes])}::text[])`, ...filtered.where];
    const rows = await runSql<Record<string, unknown> & { total_count: number; municipality_code: string }>(
      this.manager,
      sql`SELECT ${PROJECT_COLUMNS}, ranked.total_count FROM (
         SELECT p.id, p.municipality_code,
                row_number() OVER (PARTITION BY p.municipality_code ORDER BY p.title ASC NULLS LAST, p.id ASC) AS position,
                count(*) OVER (PARTITION BY p.municipality_code)::int AS total_count
         FROM ${filtered.usesMunicipality ? WITH_MUNICIPALITY : PROJECTS_ALONE}
         WHERE ${sql.join(conditions, ' AND ')}
       ) ranked JOIN projects p ON p.id = ranked.id
       WHERE ranked.position > ${integer(offset, 'offset')} AND ranked.position <= ${integer(offset + limit, 'limit')}
       ORDER BY ranked.municipality_code, ranked.position`,
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
    const rows = await runSql(
      this.manager,
      sql`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = ANY(${sql.value([...ids])}::int[])`,
    );
    return hydrate(this.manager, Project, rows);
  }

  /** The project holding a contract or registration number (already normalised). */
  async byContractNumber(number: ParsedContractNumber): Promise<Project | null> {
    const rows = await runSql(
      this.manager,
      sql`SELECT ${PROJECT_COLUMNS} FROM projects p
       WHERE p.registration_number = ${sql.value(number.registrationNumber)}
          OR EXISTS (SELECT 1 FROM contracts c WHERE c.project_id = p.id
                     AND (c.number = ${sql.value(number.canonical)} OR c.number LIKE ${sql.value(`${number.registrationNumber}-%`)}))
       ORDER BY p.id LIMIT 1`,
    );
    return hydrate(this.manager, Project, rows)[0] ?? null;
  }
}
