import type { EntityManager } from 'typeorm';
import { CopyBuffer } from './copy';
import { SOURCE_COLUMNS, sourceLine } from './staged-lines';
import type { SourceEntry } from './project-file';

/**
 * The sources an import defines, staged in temporary tables of its transaction instead of kept in a
 * Map, which would grow with the number of files (the synthetic set defines one source per project).
 * Pass 1 copies each batch's sources here (one row per source and batch, in file order); `finish`
 * merges them as the files would be merged one by one; the checks and the writes are statements.
 *
 * The merge: a later definition replaces an earlier one, and a definition without a text keeps the
 * text an earlier one brought. Files defining a source differently are refused anyway
 * (StagedFiles.sourcesDefinedOtherwise), so for an accepted import all definitions agree but the text.
 */
export class StagedSources {
  private finished = false;
  private readonly buffer: CopyBuffer;

  private constructor(private readonly manager: EntityManager) {
    this.buffer = new CopyBuffer(manager, 'import_source_rows', SOURCE_COLUMNS);
  }

  static async create(manager: EntityManager): Promise<StagedSources> {
    await manager.query(
      'DROP TABLE IF EXISTS pg_temp.import_source_rows, pg_temp.import_sources, pg_temp.import_source_changes',
    );
    await manager.query(
      `CREATE TEMPORARY TABLE import_source_rows (
         seq int NOT NULL, key text NOT NULL, url text, title text NOT NULL, publisher text NOT NULL, published_on date,
         kind text NOT NULL, language text NOT NULL, text text, text_sha256 text
       ) ON COMMIT DROP`,
    );
    return new StagedSources(manager);
  }

  /** Stages `count` lines of sourceLine, joined by newlines; written by COPY a thousand or so at a time. */
  async addLines(text: string, count: number): Promise<void> {
    await this.buffer.add(text, count);
  }

  /**
   * After the last batch: `import_sources`, one row per source (the merge above), and
   * `import_source_changes`, what writing each stored one would change in `sources`.
   */
  async finish(): Promise<void> {
    await this.buffer.flush();
    await this.manager.query(
      `CREATE TEMPORARY TABLE import_sources ON COMMIT DROP AS
       SELECT DISTINCT ON (r.key) r.key, r.url, r.title, r.publisher, r.published_on, r.kind, r.language, t.text, t.text_sha256
       FROM import_source_rows r
       LEFT JOIN (SELECT DISTINCT ON (key) key, text, text_sha256 FROM import_source_rows WHERE text IS NOT NULL ORDER BY key, seq DESC) t ON t.key = r.key
       ORDER BY r.key, r.seq DESC`,
    );
    await this.manager.query('ALTER TABLE import_sources ADD PRIMARY KEY (key)');
    await this.manager.query('TRUNCATE import_source_rows');
    // Per stored source: the fields the import changes (the text by its SHA-256; a definition without
    // a text keeps the stored one) and the record it replaces. A source not stored has no row here.
    await this.manager.query(
      `CREATE TEMPORARY TABLE import_source_changes ON COMMIT DROP AS
       SELECT i.key, s.revision, s.text_sha256 AS stored_text_sha256,
              i.text IS NOT NULL AND i.text_sha256 IS DISTINCT FROM s.text_sha256 AS text_changed,
              array_remove(ARRAY[
                CASE WHEN i.url IS DISTINCT FROM s.url THEN 'url' END,
                CASE WHEN i.title IS DISTINCT FROM s.title THEN 'title' END,
                CASE WHEN i.publisher IS DISTINCT FROM s.publisher THEN 'publisher' END,
                CASE WHEN i.published_on IS DISTINCT FROM s.published_on THEN 'publishedOn' END,
                CASE WHEN i.kind IS DISTINCT FROM s.kind THEN 'kind' END,
                CASE WHEN i.language IS DISTINCT FROM s.language THEN 'language' END,
                CASE WHEN i.text IS NOT NULL AND i.text_sha256 IS DISTINCT FROM s.text_sha256 THEN 'text' END
              ], NULL) AS changed_fields,
              jsonb_build_object('url', s.url, 'title', s.title, 'publisher', s.publisher, 'publishedOn', s.published_on,
                                 'kind', s.kind, 'language', s.language, 'text', s.text_sha256) AS previous
       FROM import_sources i JOIN sources s ON s.key = i.key`,
    );
    await this.manager.query('ANALYZE import_sources, import_source_changes');
    this.finished = true;
  }

  /** Stored sources the import would change (not those it creates), with the text it brings when that changes. */
  async changedStored(): Promise<ChangedSource[]> {
    this.assertFinished();
    return this.manager.query(
      `SELECT c.key, CASE WHEN c.text_changed THEN i.text END AS text, c.text_changed AS "textChanged"
       FROM import_source_changes c JOIN import_sources i ON i.key = c.key WHERE cardinality(c.changed_fields) > 0 ORDER BY c.key`,
    );
  }

  /**
   * The text of each of these sources the import brings, or else the hub holds (source_texts):
   * only for the sources that have one.
   */
  async texts(keysSql: string): Promise<Map<string, string>> {
    this.assertFinished();
    const rows: { key: string; text: string }[] = await this.manager.query(
      `SELECT q.key, coalesce(i.text, t.text) AS text FROM (${keysSql}) q
       LEFT JOIN import_sources i ON i.key = q.key LEFT JOIN source_texts t ON t.source_key = q.key
       WHERE coalesce(i.text, t.text) IS NOT NULL`,
    );
    return new Map(rows.map((row) => [row.key, row.text]));
  }

  /**
   * Writes the staged sources: new ones at revision 1; a stored one that changes at its next revision,
   * the record it replaces kept in `source_revisions`; an unchanged one not at all. A text is written
   * when it is new or changed. Three statements, whatever the number of sources.
   */
  async write(change: { author: string | null; at: Date }): Promise<void> {
    this.assertFinished();
    await this.manager.query(
      `INSERT INTO source_revisions (source_key, revision, changed_at, author, changed_fields, previous)
       SELECT key, revision + 1, $1, $2, to_jsonb(changed_fields), previous FROM import_source_changes
       WHERE cardinality(changed_fields) > 0 ORDER BY key`,
      [change.at, change.author],
    );
    await this.manager.query(
      `INSERT INTO sources (key, url, title, publisher, published_on, kind, language, text_sha256, revision)
       SELECT i.key, i.url, i.title, i.publisher, i.published_on, i.kind, i.language,
              coalesce(i.text_sha256, c.stored_text_sha256), coalesce(c.revision + 1, 1)
       FROM import_sources i LEFT JOIN import_source_changes c ON c.key = i.key
       WHERE c.key IS NULL OR cardinality(c.changed_fields) > 0 ORDER BY i.key
       ON CONFLICT (key) DO UPDATE SET url = EXCLUDED.url, title = EXCLUDED.title, publisher = EXCLUDED.publisher,
         published_on = EXCLUDED.published_on, kind = EXCLUDED.kind, language = EXCLUDED.language,
         text_sha256 = EXCLUDED.text_sha256, revision = EXCLUDED.revision`,
    );
    await this.manager.query(
      `INSERT INTO source_texts (source_key, text)
       SELECT i.key, i.text FROM import_sources i LEFT JOIN import_source_changes c ON c.key = i.key
       WHERE i.text IS NOT NULL AND (c.key IS NULL OR c.text_changed) ORDER BY i.key
       ON CONFLICT (source_key) DO UPDATE SET text = EXCLUDED.text`,
    );
  }

  /** The keys of the staged sources (what an import measures again: db/data-measures.ts). */
  async keys(): Promise<string[]> {
    this.assertFinished();
    const rows: { key: string }[] = await this.manager.query('SELECT key FROM import_sources');
    return rows.map((row) => row.key);
  }

  private assertFinished(): void {
    if (!this.finished) throw new Error('StagedSources: finish() first');
  }
}

/** A stored source an import changes, and the text it brings when the text changes. */
export interface ChangedSource {
  key: string;
  text: string | null;
  textChanged: boolean;
}

/**
 * Writes these source definitions (the reference data's, or a test's) through the same staging and
 * statements as an import's: merged by key in order, then created, revised or left as they are.
 */
export async function upsertSources(
  manager: EntityManager,
  sources: SourceEntry[],
  change: { author: string | null; at: Date } = { author: null, at: new Date() },
): Promise<void> {
  const staged = await StagedSources.create(manager);
  for (let start = 0; start < sources.length; start += 1_000) {
    const batch = sources.slice(start, start + 1_000);
    await staged.addLines(batch.map((source, index) => sourceLine(start + index, source)).join('\n'), batch.length);
  }
  await staged.finish();
  await staged.write(change);
}
