import { type EntityManager, In } from 'typeorm';
import { hydrate, likeEscape } from '../../db/hydrate';
import { type SQL, sql } from '../../db/sql';
import { STATEMENT_TABLES } from '../../entities/statement-tables';
import { pagedQuery } from '../../db/paged-query';
import type { Page } from '../../graphql/connection';
import { Indicator, Procedure, Programme, Source, SourceRevision } from '../../entities';
import { type DataRevision, readDataRevision } from '../../db/data-revision';

/** Reference tables: procedure, programmes, indicator catalogue, sources. */
export class ReferenceService {
  constructor(private readonly manager: EntityManager) {}

  /** The data revision this request reads (its snapshot's). */
  dataRevision(): Promise<DataRevision> {
    return readDataRevision(this.manager);
  }

  procedure(code: string): Promise<Procedure | null> {
    return this.manager.findOne(Procedure, { where: { code } });
  }

  programmes(): Promise<Programme[]> {
    return this.manager.find(Programme, { order: { code: 'DESC' } });
  }

  programmesByCodes(codes: readonly string[]): Promise<Programme[]> {
    return this.manager.find(Programme, { where: { code: In([...codes]) } });
  }

  indicators(): Promise<Indicator[]> {
    return this.manager.find(Indicator, { order: { domain: 'ASC', code: 'ASC' } });
  }

  indicatorsByCodes(codes: readonly string[]): Promise<Indicator[]> {
    return this.manager.find(Indicator, { where: { code: In([...codes]) } });
  }

  /** One array parameter however many keys (a comparison may cite tens of thousands of sources). */
  async sourcesByKeys(keys: readonly string[]): Promise<Source[]> {
    return hydrate(
      this.manager,
      Source,
      await this.manager.query('SELECT * FROM sources WHERE key = ANY($1::text[])', [keys]),
    );
  }

  /** The texts the hub holds of some sources. */
  async sourceTexts(keys: readonly string[]): Promise<{ sourceKey: string; text: string }[]> {
    return (
      await this.manager.query('SELECT source_key, text FROM source_texts WHERE source_key = ANY($1::text[])', [keys])
    ).map((row: { source_key: string; text: string }) => ({ sourceKey: row.source_key, text: row.text }));
  }

  /** Every change of some sources, newest first. */
  async sourceRevisions(keys: readonly string[]): Promise<SourceRevision[]> {
    return hydrate(
      this.manager,
      SourceRevision,
      await this.manager.query(
        'SELECT * FROM source_revisions WHERE source_key = ANY($1::text[]) ORDER BY revision DESC',
        [keys],
      ),
    );
  }

  proceduresByCodes(codes: readonly string[]): Promise<Procedure[]> {
    return this.manager.find(Procedure, { where: { code: In([...codes]) } });
  }

  /** A page of sources, newest first, optionally only those cited for some municipalities. */
  async sourcePage(
    filter: { keys?: string[]; publisherContains?: string; municipalityCodes?: string[]; kind?: string } | undefined,
    offset: number,
    limit: number,
  ): Promise<Page<Source>> {
    const conditions: SQL[] = [];
    if (filter?.keys) conditions.push(sql`s.key = ANY(${sql.value(filter.keys)}::text[])`);
    if (filter?.kind) conditions.push(sql`s.kind = ${sql.value(filter.kind)}`);
    if (filter?.publisherContains?.trim()) {
      const needle = `%${likeEscape(filter.publisherContains.trim().toLowerCase())}%`;
      conditions.push(sql`lower(s.publisher) LIKE ${sql.value(needle)}`);
    }
    if (filter?.municipalityCodes) {
      const codes = sql.value(filter.municipalityCodes);
      const cited = STATEMENT_TABLES.map(
        (table) =>
          sql`SELECT t.source_key FROM ${sql.identifier(table)} t JOIN projects p ON p.id = t.project_id
              WHERE p.municipality_code = ANY(${codes}::text[])`,
      );
      conditions.push(sql`s.key IN (${sql.join(cited, ' UNION ')})`);
    }
    const { rows, totalCount } = await pagedQuery(this.manager, {
      select: sql`s.*`,
      from: sql`sources s`,
      conditions,
      orderBy: sql`s.published_on DESC NULLS LAST, s.key ASC`,
      offset,
      limit,
    });
    return { rows: hydrate(this.manager, Source, rows), totalCount, offset };
  }
}
