import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { copyField } from './copy-text';

/**
 * Rows written into a table by COPY … FROM STDIN, straight from entity metadata (property → column):
 * no statement text or parameters grow with the rows, and PostgreSQL neither parses nor plans
 * anything per row. Values are already in database form; jsonb as JSON text, timestamps as ISO 8601.
 * One buffer per table and chunk (streamed row by row, each row would be a socket write of its own), in
 * COPY's text format, whose escaping is four characters (copyField): a general CSV writer costs more
 * CPU and garbage than the COPY saves.
 */
export async function copyRows(manager: EntityManager, entity: Function, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  if (!manager.queryRunner) throw new Error("copyRows runs inside the import's transaction");
  const metadata = manager.connection.getMetadata(entity);
  const columns = Object.keys(rows[0]).map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.tableName} has no column for ${property}`);
    return { property, name: column.databaseName, json: column.type === 'jsonb' };
  });
  const lines = rows.map((row) =>
    columns.map(({ property, json }) => copyField((row as Record<string, unknown>)[property], json)).join('\t'),
  );
  await copyLines(
    manager,
    metadata.tableName,
    columns.map((column) => column.name),
    lines,
  );
}

/** Lines of COPY's text format (fields already escaped by copyField) into a table's columns, in one buffer. */
export async function copyLines(
  manager: EntityManager,
  table: string,
  columns: string[],
  lines: string[],
): Promise<void> {
  if (lines.length === 0) return;
  if (!manager.queryRunner) throw new Error("copyLines runs inside the import's transaction");
  const client = (await manager.queryRunner.connect()) as PoolClient;
  await pipeline(
    Readable.from([Buffer.from(`${lines.join('\n')}\n`, 'utf8')]),
    client.query(copyFrom(`COPY ${table} (${columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN`)),
  );
}

/**
 * COPY text gathered a batch at a time (each batch its lines joined by newlines) and written into a
 * table once about `rows` rows wait: the staging of an import's files and sources.
 */
export class CopyBuffer {
  private texts: string[] = [];
  private pending = 0;

  constructor(
    private readonly manager: EntityManager,
    private readonly table: string,
    private readonly columns: string[],
    private readonly rows = 1_000,
  ) {}

  /** Adds `count` rows of COPY text; writes what waits once `rows` or more do. */
  async add(text: string, count: number): Promise<void> {
    if (count === 0) return;
    this.texts.push(text);
    this.pending += count;
    if (this.pending >= this.rows) await this.flush();
  }

  /** Writes what waits (nothing when nothing does). */
  async flush(): Promise<void> {
    const texts = this.texts;
    this.texts = [];
    this.pending = 0;
    await copyLines(this.manager, this.table, this.columns, texts);
  }
}
