import type { EntityManager } from 'typeorm';
import { hydrate, likeEscape, SqlParams } from '../../db/hydrate';
import { Municipality } from '../../entities';
import type { Page } from '../../graphql/connection';
import { OrderDirection } from '../project/project.args';
import { type MunicipalityFilter, type MunicipalityOrder, MunicipalityOrderField } from './municipality.args';

const ORDER_COLUMNS: Record<MunicipalityOrderField, string> = {
  [MunicipalityOrderField.CODE]: 'm.code',
  [MunicipalityOrderField.NAME]: 'm.name',
  [MunicipalityOrderField.POPULATION]: 'm.population',
};

/** The 265 municipalities (reference data). Every method is one SQL statement. */
export class MunicipalityService {
  constructor(private readonly manager: EntityManager) {}

  private where(filter: MunicipalityFilter | undefined, params: SqlParams): string[] {
    const conditions: string[] = [];
    if (!filter) return conditions;
    if (filter.codes) conditions.push(`m.code = ANY(${params.add(filter.codes.map((code) => code.trim().toUpperCase()))}::text[])`);
    if (filter.oblast) {
      const oblast = params.add(filter.oblast.trim().toLowerCase());
      conditions.push(`(lower(m.oblast_code) = ${oblast} OR lower(m.oblast_name_latin) = ${oblast} OR m.oblast_name = ${params.add(filter.oblast.trim())})`);
    }
    if (filter.nameContains?.trim()) conditions.push(`m.search_text LIKE ${params.add(`%${likeEscape(filter.nameContains.trim().toLowerCase())}%`)}`);
    if (filter.hasProjects !== undefined && filter.hasProjects !== null) {
      conditions.push(`${filter.hasProjects ? '' : 'NOT '}EXISTS (SELECT 1 FROM projects p WHERE p.municipality_code = m.code)`);
    }
    return conditions;
  }

  async page(filter: MunicipalityFilter | undefined, order: MunicipalityOrder | undefined, offset: number, limit: number): Promise<Page<Municipality>> {
    const params = new SqlParams();
    const conditions = this.where(filter, params);
    const direction = order?.direction === OrderDirection.DESC ? 'DESC' : 'ASC';
    const column = ORDER_COLUMNS[order?.field ?? MunicipalityOrderField.CODE];
    const rows: (Record<string, unknown> & { total_count: number })[] = await this.manager.query(
      `SELECT m.*, count(*) OVER ()::int AS total_count FROM municipalities m
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY ${column} ${direction} NULLS LAST, m.code ASC
       OFFSET ${params.add(offset)} LIMIT ${params.add(limit)}`,
      params.values,
    );
    let totalCount = rows[0]?.total_count ?? 0;
    if (rows.length === 0 && offset > 0) {
      const count = new SqlParams();
      const countConditions = this.where(filter, count);
      totalCount = (await this.manager.query(
        `SELECT count(*)::int AS n FROM municipalities m ${countConditions.length ? `WHERE ${countConditions.join(' AND ')}` : ''}`,
        count.values,
      ))[0].n;
    }
    return { rows: hydrate(this.manager, Municipality, rows), totalCount, offset };
  }

  async byCodes(codes: readonly string[]): Promise<Municipality[]> {
    const rows = await this.manager.query('SELECT * FROM municipalities WHERE code = ANY($1::text[])', [[...codes]]);
    return hydrate(this.manager, Municipality, rows);
  }
}
