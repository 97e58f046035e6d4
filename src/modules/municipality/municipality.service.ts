import type { EntityManager } from 'typeorm';
import { hydrate, likeEscape, SqlParams } from '../../db/hydrate';
import { pagedQuery } from '../../db/paged-query';
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
    if (filter.codes)
      conditions.push(`m.code = ANY(${params.add(filter.codes.map((code) => code.trim().toUpperCase()))}::text[])`);
    if (filter.oblast) {
      const oblast = params.add(filter.oblast.trim().toLowerCase());
      conditions.push(
        `(lower(m.oblast_code) = ${oblast} OR lower(m.oblast_name_latin) = ${oblast} OR m.oblast_name = ${params.add(filter.oblast.trim())})`,
      );
    }
    if (filter.nameContains?.trim())
      conditions.push(`m.search_text LIKE ${params.add(`%${likeEscape(filter.nameContains.trim().toLowerCase())}%`)}`);
    if (filter.hasProjects !== undefined && filter.hasProjects !== null) {
      conditions.push(
        `${filter.hasProjects ? '' : 'NOT '}EXISTS (SELECT 1 FROM projects p WHERE p.municipality_code = m.code)`,
      );
    }
    return conditions;
  }

  async page(
    filter: MunicipalityFilter | undefined,
    order: MunicipalityOrder | undefined,
    offset: number,
    limit: number,
  ): Promise<Page<Municipality>> {
    const params = new SqlParams();
    const direction = order?.direction === OrderDirection.DESC ? 'DESC' : 'ASC';
    const { rows, totalCount } = await pagedQuery(this.manager, {
      select: 'm.*',
      from: 'municipalities m',
      conditions: this.where(filter, params),
      params,
      orderBy: `${ORDER_COLUMNS[order?.field ?? MunicipalityOrderField.CODE]} ${direction} NULLS LAST, m.code ASC`,
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
