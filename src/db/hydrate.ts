import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { type SQL, sql } from './sql';

/**
 * Turns raw rows of `SELECT <table>.*` into entity instances (column names → property names), for the
 * services that write their own SQL (window functions, unions) and still return entities.
 * Values arrive ready: NUMERIC and dates as strings, jsonb parsed.
 */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Record<string, unknown>[],
): T[] {
  const metadata = manager.connection.getMetadata(entity);
  let properties = PROPERTIES.get(metadata);
  if (!properties)
    PROPERTIES.set(
      metadata,
      (properties = new Map(metadata.columns.map((column) => [column.databaseName, column.propertyName]))),
    );
  // An instance of the entity's class holding the row's own columns (a list selects a few of the entity's
  // 29), made as TypeORM makes entities it reads (Object.create of the prototype, no constructor): the
  // constructor would define every declared field first (ES2022 class fields), 29 properties written and
  // mostly overwritten per row. Entities with lazy relations need TypeORM's own create().
  const plain =
    typeof metadata.target === 'function' &&
    metadata.lazyRelations.length === 0 &&
    !manager.connection.options.typename;
  const prototype = plain ? (metadata.target as Function).prototype : null;
  return rows.map((row) => {
    const instance = (plain ? Object.create(prototype) : metadata.create()) as Record<string, unknown>;
    for (const databaseName in row) {
      const propertyName = properties!.get(databaseName);
      if (propertyName !== undefined) instance[propertyName] = row[databaseName];
    }
    return instance as T;
  });
}

/**
 * The select list reading a joined entity (alias `alias`) beside another's columns, each column named
 * `<prefix><column>`, for `hydrateJoined`. With `fields` (the GraphQL fields selected on it), only the
 * columns of those fields and `key`, when each field is a column or is `id`/`__typename` (made from the
 * key); any other field (a resolver that may read any column) reads them all.
 */
export function joinedColumns<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  prefix: string,
  key: string,
  fields?: ReadonlySet<string>,
): SQL {
  const metadata = manager.connection.getMetadata(entity);
  let known = JOINED_COLUMNS.get(metadata);
  if (!known) JOINED_COLUMNS.set(metadata, (known = new Map()));
  const memo = `${alias} ${prefix} ${key} ${fields ? [...fields].sort().join(',') : '*'}`;
  let list = known.get(memo);
  if (list === undefined) {
    const byProperty = new Map(metadata.columns.map((column) => [column.propertyName, column.databaseName]));
    const light =
      fields !== undefined &&
      [...fields].every((field) => byProperty.has(field) || field === 'id' || field === '__typename');
    const names = light
      ? [...new Set([key, ...[...fields!].flatMap((field) => byProperty.get(field) ?? [])])]
      : metadata.columns.map((column) => column.databaseName);
    list = sql.join(
      names.map((name) => sql`${sql.identifier(alias, name)} AS ${sql.identifier(`${prefix}${name}`)}`),
      ', ',
    );
    // Field names come from validated documents, but their combinations are many: at most 200 kept.
    if (known.size < 200) known.set(memo, list);
  }
  return list;
}

/** Select lists made by `joinedColumns`, per entity, by alias, prefix, key and selected fields. */
const JOINED_COLUMNS = new WeakMap<object, Map<string, SQL>>();

/**
 * The joined entity each row carries under `prefix` (see `joinedColumns`), as instances: one per distinct
 * `key` column value, shared by the rows that have it; null where the row's key is null (no match).
 */
export function hydrateJoined<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Record<string, unknown>[],
  prefix: string,
  key: string,
): (T | null)[] {
  const keyColumn = `${prefix}${key}`;
  // The first row of each key carries the columns that make its instance.
  const keys = new Set<unknown>();
  const own: Record<string, unknown>[] = [];
  for (const row of rows) {
    if (row[keyColumn] == null || keys.has(row[keyColumn])) continue;
    keys.add(row[keyColumn]);
    own.push(row);
  }
  const instances = hydrate(
    manager,
    entity,
    own.map((row) => {
      const columns: Record<string, unknown> = {};
      for (const name in row) if (name.startsWith(prefix)) columns[name.slice(prefix.length)] = row[name];
      return columns;
    }),
  );
  const instanceByKey = new Map(own.map((row, index) => [row[keyColumn], instances[index]]));
  return rows.map((row) => (row[keyColumn] == null ? null : instanceByKey.get(row[keyColumn])!));
}

/** Column name → property name, per entity. */
const PROPERTIES = new WeakMap<object, Map<string, string>>();

/** Escapes LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
