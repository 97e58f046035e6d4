import type { DataSource, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

/**
 * The largest values the stored data hold, by name, for the cost analysis (graphql/field-cost.ts): how
 * many bytes the longest text of a column is, and how many rows one project (or source) has in a table.
 * Every text, array and JSON column of every entity is measured, and every table that belongs to a
 * project or a source is counted:
 *
 * - `text:<Entity>.<property>`: the longest value in bytes as the API writes it (a text as it is, an array
 *   or a JSON value as its JSON);
 * - `items:<Entity>.<property>`: the most items an array or JSON-array column holds;
 * - `rows:<Entity>`: the most rows one project (one source, for source revisions) has.
 *
 * Kept in `data_sizes` (migration DataSizes1796175000000): measured in full once, then grown by each
 * import from what it wrote only (`greatest`, so a value is an upper bound that never shrinks), in the
 * import's transaction; read at start and after every import. Measuring the whole database at every start
 * would cost seconds at 265,000 projects.
 */

/** Tables never read through the API. */
const NOT_SERVED = new Set(['api_tokens', 'reference_data', 'data_sizes']);
/** The longest text of one key over the objects of a JSON array column. */
const longestIn = (column: string, key: string) =>
  `(SELECT max(octet_length(item ->> '${key}')) FROM jsonb_array_elements("${column}") item)`;

/**
 * Measures of what a column holds inside: the sources a project's file defines (its `sources` list bounds
 * the project's), the texts of its `missing` entries, and the caveat messages the comparison stores with a
 * cell (`StoredDetails` of modules/comparison/cell-rules.ts).
 */
const INNER_MEASURES: Record<string, [string, string][]> = {
  projects: [
    ['items:Project.sources', `json_array_length(("document"::json) -> 'sources')`],
    ['text:MissingFigure.field', longestIn('missing', 'field')],
    ['text:MissingFigure.reason', longestIn('missing', 'reason')],
  ],
  comparison_cell_details: [
    [
      'text:Caveat.message',
      `(SELECT max(octet_length(item ->> 'message')) FROM jsonb_array_elements("details" -> 'caveats') item)`,
    ],
  ],
};
/** Beyond this many written projects, a table is measured in full (cheaper than a long `= ANY`). */
const SCOPED_MAX = 10_000;

type Scope = 'project' | 'source' | 'none';

interface TableMeasures {
  table: string;
  scope: Scope;
  /** The WHERE clause for the written projects ($1) and sources ($2). */
  written: string;
  /** Measure name → SQL expression over one row. */
  values: [string, string][];
  /** `rows:<Entity>` and the column rows are grouped by, when the table belongs to a project or source. */
  rows: [string, string] | null;
}

function scopeOf(metadata: EntityMetadata): { scope: Scope; written: string; groupBy: string | null } {
  const has = (name: string) => metadata.columns.some((column) => column.databaseName === name);
  if (metadata.tableName === 'projects') return { scope: 'project', written: 'id = ANY($1::int[])', groupBy: null };
  if (metadata.tableName === 'sources') return { scope: 'source', written: 'key = ANY($2::text[])', groupBy: null };
  if (has('project_id')) return { scope: 'project', written: 'project_id = ANY($1::int[])', groupBy: 'project_id' };
  if (has('source_key')) return { scope: 'source', written: 'source_key = ANY($2::text[])', groupBy: 'source_key' };
  if (metadata.tableName === 'organisations')
    return {
      scope: 'project',
      written: 'id IN (SELECT organisation_id FROM partnerships WHERE project_id = ANY($1::int[]))',
      groupBy: null,
    };
  return { scope: 'none', written: 'true', groupBy: null };
}

function columnMeasures(entity: string, column: ColumnMetadata): [string, string][] {
  const name = `"${column.databaseName}"`;
  const type = column.type === String ? 'text' : String(column.type);
  const key = `${entity}.${column.propertyName}`;
  if (column.isArray)
    return [
      [`text:${key}`, `octet_length(array_to_json(${name})::text)`],
      [`items:${key}`, `cardinality(${name})`],
    ];
  if (type === 'jsonb' || type === 'json')
    return [
      [`text:${key}`, `octet_length(${name}::text)`],
      [`items:${key}`, `CASE WHEN jsonb_typeof(${name}::jsonb) = 'array' THEN jsonb_array_length(${name}::jsonb) END`],
    ];
  if (type === 'text' || type === 'varchar' || type === 'character varying')
    return [[`text:${key}`, `octet_length(${name})`]];
  return [];
}

/** What is measured, table by table, from the entities' metadata. */
export function dataMeasures(dataSource: DataSource): TableMeasures[] {
  return dataSource.entityMetadatas
    .filter((metadata) => metadata.tableType === 'regular' && !NOT_SERVED.has(metadata.tableName))
    .map((metadata) => {
      const entity = metadata.targetName;
      const { scope, written, groupBy } = scopeOf(metadata);
      return {
        table: metadata.tableName,
        scope,
        written,
        values: [
          ...metadata.columns.flatMap((column) => columnMeasures(entity, column)),
          ...(INNER_MEASURES[metadata.tableName] ?? []),
        ],
        rows: groupBy ? ([`rows:${entity}`, groupBy] as [string, string]) : null,
      };
    })
    .filter((table) => table.values.length > 0 || table.rows !== null);
}

/** One SELECT of (name, value) pairs: every measure of the tables, over the rows `where` keeps. */
function measureStatement(tables: TableMeasures[], where: (table: TableMeasures) => string): string {
  const parts = tables.flatMap((table) => {
    const filter = where(table);
    const selects: string[] = [];
    if (table.values.length > 0)
      selects.push(
        `SELECT unnest(ARRAY[${table.values.map(([name]) => `'${name}'`).join(', ')}]) AS name,
                unnest(ARRAY[${table.values.map(([, expression]) => `max(${expression})::bigint`).join(', ')}]) AS value
         FROM "${table.table}" WHERE ${filter}`,
      );
    if (table.rows)
      selects.push(
        `SELECT '${table.rows[0]}' AS name, max(n)::bigint AS value
         FROM (SELECT count(*) AS n FROM "${table.table}" WHERE ${filter} GROUP BY "${table.rows[1]}") counted`,
      );
    return selects;
  });
  return parts.join('\nUNION ALL\n');
}

async function store(manager: EntityManager, statement: string, parameters: unknown[]): Promise<void> {
  if (!statement) return;
  await manager.query(
    `INSERT INTO data_sizes (name, value)
     SELECT name, coalesce(value, 0) FROM (${statement}) measured
     ON CONFLICT (name) DO UPDATE SET value = greatest(data_sizes.value, EXCLUDED.value)`,
    parameters,
  );
}

/** The stored measures. */
export async function readDataMeasures(manager: EntityManager): Promise<Record<string, number>> {
  const rows: { name: string; value: string }[] = await manager.query('SELECT name, value FROM data_sizes');
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.value)]));
}

/**
 * At start: measures in full every measure not stored yet (a new database, a database from before the
 * table, a column added since). Cheap when every one is stored.
 */
export async function ensureDataMeasures(dataSource: DataSource): Promise<number> {
  const tables = dataMeasures(dataSource);
  const stored = await readDataMeasures(dataSource.manager);
  const missing = tables.filter(
    (table) => table.values.some(([name]) => !(name in stored)) || (table.rows !== null && !(table.rows[0] in stored)),
  );
  if (missing.length === 0) return 0;
  await dataSource.transaction(async (manager) => {
    // Maintenance at start, not a request: the request deadline does not apply.
    await manager.query('SET LOCAL statement_timeout = 0');
    await store(
      manager,
      measureStatement(missing, () => 'true'),
      [],
    );
  });
  return missing.length;
}

/**
 * In an import's transaction: grows the measures by what it wrote (the projects and sources named) and
 * measures again the tables that belong to neither (reference data, the comparison: small).
 */
export async function growDataMeasures(
  manager: EntityManager,
  dataSource: DataSource,
  projectIds: readonly number[],
  sourceKeys: readonly string[],
): Promise<void> {
  const whole = projectIds.length > SCOPED_MAX;
  const statement = measureStatement(dataMeasures(dataSource), (table) =>
    table.scope === 'none' || whole ? 'true' : table.written,
  );
  // Scoped, the statement names both parameters (the projects and sources tables are always measured).
  await store(manager, statement, whole ? [] : [projectIds, sourceKeys]);
}
