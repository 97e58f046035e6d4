import { type SQL, sql } from 'pg-sql2';
import type { EntityManager } from 'typeorm';

/**
 * Statements built from parts are composed from pg-sql2's typed fragments (graphile's builder, as
 * PostGraphile uses): text is written only in `sql` template literals, values only through `sql.value`
 * (a $n parameter) or `sql.literal` (numbers checked here), names through `sql.identifier`, lists through
 * `sql.join`. A statement with no dynamic part stays one static string.
 */
export { type SQL, sql };

/** `WHERE a AND b …`, or nothing without conditions. Each condition is self-contained (parenthesised where it has OR). */
export function whereAll(conditions: readonly SQL[]): SQL {
  return conditions.length > 0 ? sql`WHERE ${sql.join(conditions, ' AND ')}` : sql.blank;
}

/** A non-negative integer written into the text (OFFSET, LIMIT): refused otherwise, never text from a client. */
export function integer(value: number, what: string): SQL {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${what} must be a non-negative integer, got ${value}`);
  return sql.literal(value);
}

/** `alias.column, …` for column names (from entity metadata or constants). */
export function columns(alias: string, names: readonly string[]): SQL {
  return sql.join(
    names.map((name) => sql.identifier(alias, name)),
    ', ',
  );
}

/** Runs a composed statement: its text with $n placeholders, and its values. */
export function runSql<T = Record<string, unknown>>(manager: EntityManager, statement: SQL): Promise<T[]> {
  const { text, values } = sql.compile(statement);
  return manager.query(text, values as unknown[]);
}
