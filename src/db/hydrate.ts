import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Turns raw rows of `SELECT <table>.*` into entity instances (column names → property names), for the
 * services that write their own SQL (window functions, unions) and still return entities.
 * Values arrive ready: NUMERIC and dates as strings, jsonb parsed.
 */
export function hydrate<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Record<string, unknown>[]): T[] {
  const metadata = manager.connection.getMetadata(entity);
  let properties = PROPERTIES.get(metadata);
  if (!properties) PROPERTIES.set(metadata, (properties = new Map(metadata.columns.map((column) => [column.databaseName, column.propertyName]))));
  // The row's own columns (a list selects a few of the entity's 29), not every column of the entity.
  return rows.map((row) => {
    const instance = metadata.create() as Record<string, unknown>;
    for (const databaseName in row) {
      const propertyName = properties!.get(databaseName);
      if (propertyName !== undefined) instance[propertyName] = row[databaseName];
    }
    return instance as T;
  });
}

/** Column name → property name, per entity. */
const PROPERTIES = new WeakMap<object, Map<string, string>>();

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
