import type { EntityManager } from 'typeorm';
import { CHILD_TABLES } from './import-tables';

/**
 * For a large import, the rest of the transaction writes with `session_replication_role = replica`:
 * PostgreSQL then skips its foreign-key triggers, which check each row on its own (3 lookups per
 * indicator value, more than the insert itself). danglingReferences checks the same references afterwards for all the rows at once, and any
 * dangling one refuses the import. This is what pg_restore --disable-triggers does, with the check
 * added back. The setting needs a superuser (the embedded PostgreSQL's) or the SET privilege on it;
 * without them the writes stay checked row by row. The schema has no other triggers that it would skip.
 */
export async function uncheckedWrites(manager: EntityManager): Promise<boolean> {
  await manager.query('SAVEPOINT unchecked_writes');
  try {
    await manager.query('SET LOCAL session_replication_role = replica');
    await manager.query('RELEASE SAVEPOINT unchecked_writes');
    return true;
  } catch {
    await manager.query('ROLLBACK TO SAVEPOINT unchecked_writes');
    return false;
  }
}

/** The tables an import writes per project, and the column naming the project in each. */
const PROJECT_SCOPED_TABLES: [string, string][] = [
  ['projects', 'id'],
  ...CHILD_TABLES.map((table): [string, string] => [table, 'project_id']),
  ['project_revisions', 'project_id'],
];

/**
 * Every foreign key of the rows written for these projects that points at nothing, as "n row(s) of
 * <table> reference a missing <table> (<columns>)". The keys are read from the catalogue (pg_constraint),
 * so a new foreign key is checked without a change here. One scan per table, its parents joined by hash
 * (LEFT JOIN on the referenced key, unique, so no row is repeated): the rows of the projects written,
 * or, when those are a quarter of all projects or more, the whole tables, which is cheaper than
 * picking them out.
 */
export async function danglingReferences(manager: EntityManager, projectIds: number[]): Promise<string[]> {
  if (projectIds.length === 0) return [];
  const keys: { child: string; parent: string; columns: string[]; referenced: string[] }[] = await manager.query(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS referenced
     FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[]) ORDER BY 1, 3`,
    [PROJECT_SCOPED_TABLES.map(([table]) => table)],
  );
  if (keys.length === 0) return [];
  const [{ total }] = await manager.query('SELECT count(*)::int AS total FROM projects');
  const whole = projectIds.length * 4 >= total;
  const scope = new Map(PROJECT_SCOPED_TABLES);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const byTable = new Map<string, typeof keys>();
  for (const key of keys) byTable.set(key.child, [...(byTable.get(key.child) ?? []), key]);
  const scans = [...byTable].map(([child, references]) => {
    const joins = references.map(
      ({ parent, columns, referenced }, index) =>
        `LEFT JOIN ${parent} r${index} ON ${columns.map((column, i) => `r${index}.${quote(referenced[i])} = c.${quote(column)}`).join(' AND ')}`,
    );
    const counts = references.map(
      ({ columns, referenced }, index) =>
        `count(*) FILTER (WHERE ${columns.map((column) => `c.${quote(column)} IS NOT NULL`).join(' AND ')} AND r${index}.${quote(referenced[0])} IS NULL)::int`,
    );
    return `SELECT '${child}' AS child, ARRAY[${counts.join(', ')}] AS counts FROM ${child} c ${joins.join(' ')}
      ${whole ? '' : `WHERE c.${quote(scope.get(child)!)} IN (SELECT id FROM written)`}`;
  });
  const rows: { child: string; counts: number[] }[] = await manager.query(
    `${whole ? '' : 'WITH written AS MATERIALIZED (SELECT DISTINCT unnest($1::int[]) AS id) '}${scans.join(' UNION ALL ')}`,
    whole ? [] : [projectIds],
  );
  return rows.flatMap(({ child, counts }) =>
    counts.flatMap((n, index) => {
      if (n === 0) return [];
      const { parent, columns } = byTable.get(child)![index];
      return [`${n} row(s) of ${child} reference a missing ${parent} (${columns.join(', ')})`];
    }),
  );
}
