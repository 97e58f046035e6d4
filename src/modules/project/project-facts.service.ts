import type { EntityManager } from 'typeorm';
import { hydrate } from '../../db/hydrate';
import {
  Activity,
  Contract,
  FundingAmount,
  Indicator,
  IndicatorValue,
  Organisation,
  Partnership,
  PeriodStatement,
  ProcedureCitation,
  Programme,
  ProjectRevision,
  QualityFlag,
  Source,
  TargetGroup,
} from '../../entities';
import { STATEMENT_TABLES } from '../../entities/statement-tables';

/** Statements of some projects and the rows they refer to, all from one SQL statement. */
export interface FactRows<T> {
  facts: T[];
  sources: Source[];
  programmes: Programme[];
  organisations: Organisation[];
  indicators: Indicator[];
}

/** Everything stated about projects, by project ids: the loaders' statements. Every method is one SQL statement. */
export class ProjectFactService {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Statements of several projects from one table, each joined with its source (and programme,
   * organisation, indicator where it has one) in the same statement, so that resolving those costs
   * no further SQL (the loaders are primed with them).
   */
  private async facts<T extends { projectId: number }>(
    entity: new () => T,
    table: string,
    ids: readonly number[],
    options: { order?: string; programme?: boolean; organisation?: boolean; indicator?: boolean },
    light: boolean,
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
      `WITH f AS MATERIALIZED (SELECT ${light ? this.lightColumns(entity) : '*'} FROM ${table} WHERE project_id = ANY($1::int[])),
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

  /**
   * A statement table's columns but the quote and the curator's note (`as_published`, `note`): what a
   * selection without `asPublished`, `note`, `verified` and `verification` needs. The texts are most of a
   * statement's bytes, and reading them is most of the work of a list of hundreds.
   */
  private lightColumns(entity: new () => unknown): string {
    const cached = this.light.get(entity);
    if (cached) return cached;
    const columns = this.manager.connection
      .getMetadata(entity)
      .columns.map((column) => column.databaseName)
      .filter((name) => name !== 'as_published' && name !== 'note')
      .join(', ');
    this.light.set(entity, columns);
    return columns;
  }
  private readonly light = new Map<new () => unknown, string>();

  periodStatements = (ids: readonly number[], light = false) =>
    this.facts(PeriodStatement, 'project_period_statements', ids, {}, light);
  contracts = (ids: readonly number[], light = false) =>
    this.facts(Contract, 'contracts', ids, { programme: true }, light);
  funding = (ids: readonly number[], light = false) =>
    this.facts(FundingAmount, 'funding_amounts', ids, { programme: true }, light);
  partnerships = (ids: readonly number[], light = false) =>
    this.facts(Partnership, 'partnerships', ids, { programme: true, organisation: true }, light);
  activities = (ids: readonly number[], light = false) =>
    this.facts(
      Activity,
      'activities',
      ids,
      { programme: true, order: 'f.programme_code DESC NULLS LAST, f.number, f.id' },
      light,
    );
  targetGroups = (ids: readonly number[], light = false) =>
    this.facts(TargetGroup, 'target_groups', ids, { programme: true }, light);
  indicatorValues = (ids: readonly number[], light = false) =>
    this.facts(
      IndicatorValue,
      'indicator_values',
      ids,
      { indicator: true, order: 'i.domain, f.indicator_code, f.breakdown NULLS FIRST, f.id' },
      light,
    );
  procedureCitations = (ids: readonly number[], light = false) =>
    this.facts(ProcedureCitation, 'procedure_citations', ids, {}, light);

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
      ...STATEMENT_TABLES.map((table) => `SELECT project_id, source_key FROM ${table}`),
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
