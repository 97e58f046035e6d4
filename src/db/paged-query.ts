import type { EntityManager } from 'typeorm';
import { integer, runSql, type SQL, sql, whereAll } from './sql';

export interface PagedQuery {
  /** Columns to select. */
  select: SQL;
  /** Tables (with joins). */
  from: SQL;
  /**
   * Tables for the total count, when the page joins a table only to read columns of it (default: `from`).
   * A count over `projects p LEFT JOIN municipalities m` scans an index holding `municipality_code` (the
   * join's column, needed before PostgreSQL removes the join), larger than the smallest index of `projects`.
   */
  countFrom?: SQL;
  /** An expression giving the total without counting (a kept total, for a query without conditions). */
  total?: SQL;
  /** WHERE conditions, ANDed. */
  conditions: SQL[];
  orderBy: SQL;
  offset: number;
  limit: number;
}

/**
 * One page of rows and the total count in one statement. The count is an uncorrelated subquery (run
 * once), not `count(*) OVER ()`, which would make PostgreSQL keep every matching row, wide columns and
 * all, before sorting: the page itself is a top-N sort. Only a page past the end, which carries no row
 * to read the total from, costs a second (count) statement.
 *
 * Offset and limit are written into the text, not passed as parameters: PostgreSQL plans a LIMIT $n for an
 * unknown 10 % of the rows, so the generic plan of a prepared statement always looks dearer than a custom
 * one and the page would be planned again on every request. A page without filter has no parameter at all
 * and keeps its plan per connection.
 */
export async function pagedQuery(
  manager: EntityManager,
  query: PagedQuery,
): Promise<{ rows: Record<string, unknown>[]; totalCount: number }> {
  const where = whereAll(query.conditions);
  const total = query.total ?? sql`(SELECT count(*) FROM ${query.countFrom ?? query.from} ${where})`;
  const rows = await runSql<Record<string, unknown> & { total_count: number }>(
    manager,
    sql`SELECT ${query.select}, ${total}::int AS total_count FROM ${query.from} ${where}
     ORDER BY ${query.orderBy} OFFSET ${integer(query.offset, 'offset')} LIMIT ${integer(query.limit, 'limit')}`,
  );
  if (rows.length > 0 || query.offset === 0) return { rows, totalCount: rows[0]?.total_count ?? 0 };
  const [count] = await runSql<{ n: number }>(manager, sql`SELECT ${total}::int AS n`);
  return { rows, totalCount: count.n };
}
