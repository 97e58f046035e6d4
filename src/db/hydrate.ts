import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Turns raw rows of `SELECT <table>.*` into entity instances (column names → property names), for the
 * services that write their own SQL (window functions, unions) and still return entities.
 * Values arrive ready: NUMERIC and dates as strings, jsonb parsed.
 */
export function hydrate<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Record<string, unknown>[]): T[] {
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.map((column) => [column.databaseName, column.propertyName] as const);
  return rows.map((row) => {
    const instance = metadata.create() as T;
    for (const [databaseName, propertyName] of columns) {
      if (databaseName in row) (instance as Record<string, unknown>)[propertyName] = row[databaseName];
    }
    return instance;
  });
}

/** Collects positional parameters for hand-written SQL: `params.add(value)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
