import type { EntityManager } from 'typeorm';
import { hydrate, likeEscape } from '../../db/hydrate';
import { pagedQuery } from '../../db/paged-query';
import { type SQL, sql } from '../../db/sql';
import { Municipality } from '../../entities';
import type { Page } from '../../graphql/connection';
import { OrderDirection } from '../project/project.args';
import { type MunicipalityFilter, type MunicipalityOrder, MunicipalityOrderField } from './municipality.args';

const ORDER_COLUMNS: Record<MunicipalityOrderField, SQL> = {
  [MunicipalityOrderField.CODE]: sql`m.code`,
  [MunicipalityOrderField.NAME]: sql`m.name`,
  [MunicipalityOrderField.POPULATION]: sql`m.population`,
};

/** The 265 municipalities (reference data). Every method is one SQL statement. */
export class MunicipalityService {
  constructor(private readonly manager: EntityManager) {}

  private where(filter: MunicipalityFilter | undefined): SQL[] {
    const conditions: SQL[] = [];
    if (!filter) return conditions;
    if (filter.codes) {
      const codes = filter.codes.map((code) => code.trim().toUpperCase());
      conditions.push(sql`m.code = ANY(${sql.value(codes)}::text[])`);
    }
    if (filter.oblast) {
      const oblast = sql.value(filter.oblast.trim().toLowerCase());
      conditions.push(
        sql`(lower(m.oblast_code) = ${oblast} OR lower(m.oblast_name_latin) = ${oblast} OR m.oblast_name = ${sql.value(filter.oblast.trim())})`,
      );
    }
    if (filter.nameContains?.trim())
      conditions.push(
        sql`m.search_text LIKE ${sql.value(`%${likeEscape(filter.nameContains.trim().toLowerCase())}%`)}`,
      );
    if (filter.hasProjects !== undefined && filter.hasProjects !== null) {
      const exists = sql`EXISTS (SELECT 1 FROM projects p WHERE p.municipality_code = m.code)`;
      conditions.push(filter.hasProjects ? exists : sql`NOT ${exists}`);
    }
    return conditions;
  }

  async page(
    filter: MunicipalityFilter | undefined,
    order: MunicipalityOrder | undefined,
    offset: number,
    limit: number,
  ): Promise<Page<Municipality>> {
    const direction = order?.direction === OrderDirection.DESC ? sql`DESC` : sql`ASC`;
    const { rows, totalCount } = await pagedQuery(this.manager, {
      select: sql`m.*`,
      from: sql`municipalities m`,
      conditions: this.where(filter),
      orderBy: sql`${ORDER_COLUMNS[order?.field ?? MunicipalityOrderField.CODE]} ${direction} NULLS LAST, m.code ASC`,
      offset,
      limit,
    });
    return { rows: hydrate(this.manager, Municipality, rows), totalCount, offset };
  }

  async byCodes(codes: readonly string[]): Promise<Municipality[]> {
    const rows = await this.manager.query('SELECT * FROM municipalities WHERE code = ANY($1::text[])', [[...codes]]);
    return hydrate(this.manager, Municipality, rows);
  }
}
