import type { EntityManager } from 'typeorm';
import { CopyBuffer } from './copy';
import { STAGED_COLUMNS } from './staged-lines';

/**
 * The files of an import as pass 1 found them, one row per file in file order, staged in a temporary
 * table of the import's transaction instead of kept in memory: the checks across files are statements
 * over it, and the writes read it back a page at a time. Memory then does not grow with the number of
 * files. A file is named by its ordinal, its place in the import's list.
 */
export class StagedFiles {
  private count = 0;
  private readonly buffer: CopyBuffer;

  private constructor(private readonly manager: EntityManager) {
    this.buffer = new CopyBuffer(manager, 'import_files', STAGED_COLUMNS);
  }

  /** An empty stage. ON COMMIT DROP, and a rollback undoes the CREATE: nothing outlives the import. */
  static async create(manager: EntityManager): Promise<StagedFiles> {
    await manager.query('DROP TABLE IF EXISTS pg_temp.import_files');
    await manager.query(
      `CREATE TEMPORARY TABLE import_files (
         ordinal int PRIMARY KEY, key text NOT NULL, municipality_code text NOT NULL, registration_number text,
         synthetic boolean NOT NULL, hash text NOT NULL, text_sha256 text NOT NULL,
         contracts jsonb NOT NULL, sources jsonb NOT NULL, quoted_without_text jsonb NOT NULL,
         stored_id int, stored_revision int, stored_hash text, stored_municipality text
       ) ON COMMIT DROP`,
    );
    return new StagedFiles(manager);
  }

  /** Files staged so far (valid ones only: a file refused in pass 1 has no summary). */
  get size(): number {
    return this.count;
  }

  /** Stages the lines of valid files' summaries (stagedLine: `count` lines, joined by newlines); written by COPY a thousand or so at a time. */
  async addLines(text: string, count: number): Promise<void> {
    this.count += count;
    await this.buffer.add(text, count);
  }

  /** After the last file: what the database holds of each project (one join), and the statistics the checks' plans need. */
  async finish(): Promise<void> {
    await this.buffer.flush();
    await this.manager.query(
      `UPDATE import_files f SET stored_id = p.id, stored_revision = p.revision, stored_hash = p.content_hash, stored_municipality = p.municipality_code
       FROM projects p WHERE p.key = f.key`,
    );
    // Autovacuum never analyses a temporary table.
    await this.manager.query('ANALYZE import_files');
  }

  /** A key used by an earlier file (`other`: the nearest one). */
  async repeatedKeys(): Promise<{ ordinal: number; key: string; other: number }[]> {
    return this.manager.query(
      `SELECT ordinal, key, other FROM (
         SELECT ordinal, key, lag(ordinal) OVER (PARTITION BY key ORDER BY ordinal) AS other FROM import_files
       ) d WHERE other IS NOT NULL`,
    );
  }

  /** A contract number that the nearest earlier mention (in this file or an earlier one) gives to another project. */
  async contractsOfOthers(): Promise<{ ordinal: number; index: number; number: string; owner: string }[]> {
    return this.manager.query(
      `SELECT ordinal, index, number, owner FROM (
         SELECT f.ordinal, c.index - 1 AS index, c.number, f.key,
                lag(f.key) OVER (PARTITION BY c.number ORDER BY f.ordinal, c.index) AS owner
         FROM import_files f, jsonb_array_elements_text(f.contracts) WITH ORDINALITY AS c(number, index)
       ) d WHERE owner IS NOT NULL AND owner <> key`,
    );
  }

  /** A source defined otherwise than by its nearest earlier definition (`other`: that file). */
  async sourcesDefinedOtherwise(): Promise<{ ordinal: number; index: number; key: string; other: number }[]> {
    return this.manager.query(
      `SELECT ordinal, index, key, other FROM (
         SELECT f.ordinal, s.index - 1 AS index, s.source ->> 0 AS key, s.source ->> 1 AS digest,
                lag(s.source ->> 1) OVER w AS other_digest, lag(f.ordinal) OVER w AS other
         FROM import_files f, jsonb_array_elements(f.sources) WITH ORDINALITY AS s(source, index)
         WINDOW w AS (PARTITION BY s.source ->> 0 ORDER BY f.ordinal, s.index)
       ) d WHERE other IS NOT NULL AND other_digest <> digest`,
    );
  }

  /** Files whose `synthetic` flag is one of `flags`, in file order. */
  async withSyntheticFlag(flags: boolean[]): Promise<{ ordinal: number; synthetic: boolean }[]> {
    if (flags.length === 0) return [];
    return this.manager.query(
      'SELECT ordinal, synthetic FROM import_files WHERE synthetic = ANY($1::boolean[]) ORDER BY ordinal',
      [flags],
    );
  }

  /** Files naming another municipality than the stored project's, in file order. */
  async municipalityChanges(): Promise<StagedProject[]> {
    return this.manager.query(
      'SELECT ordinal, key, municipality_code AS "municipalityCode", stored_municipality AS "storedMunicipality" FROM import_files WHERE stored_municipality <> municipality_code ORDER BY ordinal',
    );
  }

  /**
   * Files whose registration number is held by another project: a stored one, or else the nearest
   * earlier file naming the same number. In file order.
   */
  async registrationNumbersTaken(): Promise<{ ordinal: number; number: string; owner: string }[]> {
    return this.manager.query(
      `SELECT ordinal, number, owner FROM (
         SELECT f.ordinal, f.registration_number AS number, f.key,
                coalesce((SELECT min(p.key) FROM projects p WHERE p.registration_number = f.registration_number),
                         lag(f.key) OVER (PARTITION BY f.registration_number ORDER BY f.ordinal)) AS owner
         FROM import_files f WHERE f.registration_number IS NOT NULL
       ) d WHERE owner <> key ORDER BY ordinal`,
    );
  }

  /** Each definition of one of these sources: file, place in its `sources` and municipality, in file order. */
  async sourceDefinitions(
    keys: string[],
  ): Promise<{ ordinal: number; index: number; key: string; municipalityCode: string }[]> {
    if (keys.length === 0) return [];
    return this.manager.query(
      `SELECT f.ordinal, s.index - 1 AS index, s.source ->> 0 AS key, f.municipality_code AS "municipalityCode"
       FROM import_files f, jsonb_array_elements(f.sources) WITH ORDINALITY AS s(source, index)
       WHERE s.source ->> 0 = ANY($1::text[]) ORDER BY f.ordinal, s.index`,
      [keys],
    );
  }

  /** Files of a municipality outside `allowed`, or rewriting a stored project of one, in file order. */
  async outside(allowed: string[]): Promise<StagedProject[]> {
    return this.manager.query(
      `SELECT ordinal, key, municipality_code AS "municipalityCode", stored_municipality AS "storedMunicipality" FROM import_files
       WHERE municipality_code <> ALL($1::text[]) OR stored_municipality <> ALL($1::text[]) ORDER BY ordinal`,
      [allowed],
    );
  }

  /** A statement of every source some file quotes without giving its text (column `key`). */
  static readonly quotedWithoutText =
    'SELECT DISTINCT jsonb_array_elements_text(quoted_without_text) AS key FROM import_files';

  /** Files quoting one of these sources without its text, with the ones they quote so, in file order. */
  async quotingWithoutText(keys: string[]): Promise<{ ordinal: number; keys: string[] }[]> {
    if (keys.length === 0) return [];
    return this.manager.query(
      'SELECT ordinal, quoted_without_text AS keys FROM import_files WHERE quoted_without_text ?| $1::text[] ORDER BY ordinal',
      [keys],
    );
  }

  /** `NOT EXISTS` of this, in a statement about stored projects `p`: p is not one of the import's. */
  static readonly notImported = 'NOT EXISTS (SELECT 1 FROM import_files f WHERE f.key = p.key)';

  /** A file that changes its project: new, or with a content hash other than the stored one. */
  private static readonly changes = 'hash IS DISTINCT FROM stored_hash';

  /** How many files change their project. */
  async changedCount(): Promise<number> {
    const [row] = await this.manager.query(`SELECT count(*)::int AS n FROM import_files WHERE ${StagedFiles.changes}`);
    return row.n;
  }

  /** Municipalities whose comparison a changed file touches: the file's, and the stored project's when it moves. */
  async touchedMunicipalities(): Promise<string[]> {
    return (
      await this.manager.query(
        `SELECT municipality_code AS code FROM import_files WHERE ${StagedFiles.changes}
       UNION SELECT stored_municipality FROM import_files WHERE ${StagedFiles.changes} AND stored_municipality IS NOT NULL`,
      )
    ).map((row: { code: string }) => row.code);
  }

  /** Every staged file in file order, read a page at a time. */
  async *rows(pageSize = 10_000): AsyncGenerator<StagedRow> {
    let after = -1;
    for (;;) {
      const page: RawRow[] = await this.manager.query(
        `SELECT ordinal, key, municipality_code, hash, text_sha256, stored_id, stored_revision, stored_hash, stored_municipality
         FROM import_files WHERE ordinal > $1 ORDER BY ordinal LIMIT $2`,
        [after, pageSize],
      );
      for (const row of page) {
        yield {
          ordinal: row.ordinal,
          key: row.key,
          municipalityCode: row.municipality_code,
          hash: row.hash,
          textSha256: row.text_sha256,
          stored:
            row.stored_id === null
              ? undefined
              : {
                  databaseId: row.stored_id,
                  revision: row.stored_revision!,
                  contentHash: row.stored_hash!,
                  municipalityCode: row.stored_municipality!,
                },
        };
      }
      if (page.length < pageSize) return;
      after = page[page.length - 1].ordinal;
    }
  }
}

/** A staged file and the municipality of the stored project of its key (null: none stored). */
export interface StagedProject {
  ordinal: number;
  key: string;
  municipalityCode: string;
  storedMunicipality: string | null;
}

/** A stored project, as the import's writes need it. */
export interface StoredProject {
  databaseId: number;
  revision: number;
  contentHash: string;
  municipalityCode: string;
}

/** What the writes and the report need of a staged file. */
export interface StagedRow {
  ordinal: number;
  key: string;
  municipalityCode: string;
  hash: string;
  textSha256: string;
  stored?: StoredProject;
}

interface RawRow {
  ordinal: number;
  key: string;
  municipality_code: string;
  hash: string;
  text_sha256: string;
  stored_id: number | null;
  stored_revision: number | null;
  stored_hash: string | null;
  stored_municipality: string | null;
}
