import type { EntityManager } from 'typeorm';
import { Confirmation, ProjectStatus } from '../domain/enums';
import { searchText, transliterate } from '../domain/transliterate';
import { Project, ProjectRevision, QualityFlag } from '../entities';
import { copyLines, copyRows } from './copy';
import { copyField } from './copy-text';
import type { ImportedProject } from './import-report';
import { CHILD_TABLES } from './import-tables';
import { amountLines, PROJECT_AMOUNT_COLUMNS } from './project-amounts';
import type { ProjectFile } from './project-file';
import type { computeQuality } from './quality';
import { stableStringify } from '../domain/stable-json';
import type { StoredProject } from './staged-files';

/**
 * The writer of an import: a chunk of new or changed projects into their tables, by COPY, with their
 * revisions, flags and programmes. It trusts what it is given: pass 1 and the checks across files have
 * validated every file before anything is written.
 */

/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

export interface PendingProject {
  origin: 'SEED' | 'IMPORT';
  document: ProjectFile;
  quality: ReturnType<typeof computeQuality>;
  hash: string;
  previous?: StoredProject;
  /** The project's entry in the report, when it lists them: its revision and changed fields are filled in once written. */
  reported?: ImportedProject;
}

function projectRow({ document, hash, quality, origin }: PendingProject, revision: number, now: Date) {
  const { summary } = quality;
  return {
    key: document.key,
    municipalityCode: document.municipalityCode,
    procedureCode: document.procedureCode,
    title: document.title?.value ?? null,
    titleLatin: document.title ? transliterate(document.title.value) : null,
    titleSourceKey: document.title?.source ?? null,
    registrationNumber: document.registrationNumber?.value ?? null,
    registrationNumberAsPublished: document.registrationNumber?.asPublished ?? null,
    registrationNumberSourceKey: document.registrationNumber?.source ?? null,
    status: document.status?.value ?? ProjectStatus.UNKNOWN,
    statusAsOf: document.status?.asOf ?? null,
    statusSourceKey: document.status?.source ?? null,
    confirmation: document.procedureCitations.length > 0 ? Confirmation.CONFIRMED : Confirmation.PROBABLE,
    aim: document.aim?.value ?? null,
    aimSourceKey: document.aim?.source ?? null,
    ...summary,
    missing: document.missing,
    notes: document.notes,
    searchText: searchText(document.title?.value),
    document: JSON.stringify(document),
    contentHash: hash,
    origin,
    revision,
    updatedAt: now,
  };
}

/**
 * The tables of sourced statements, each written as COPY lines made straight from the file's entries
 * (no row object per statement, whose building and spreading would dominate the importer's own time and
 * garbage). Each line: project_id, source_key, note, as_published, then the table's
 * columns. PostgreSQL checks the column names at every COPY; the entities describe the same tables.
 */
interface StatementTable {
  name: string;
  columns: string[];
  /** Where `programme_code` is among `columns` (-1: none): a project is "under" every programme its statements name (`project_programmes`). */
  programmeAt: number;
  entries: (document: ProjectFile) => StatementEntry[];
  values: (entry: StatementEntry, organisationIds: Map<string, number>) => unknown[];
}
interface StatementEntry {
  source: string;
  note?: string | null;
  asPublished?: string | null;
}
const STATEMENT_COLUMNS = ['project_id', 'source_key', 'note', 'as_published'];
const statementTable = <E extends StatementEntry>(
  name: string,
  columns: string[],
  entries: (document: ProjectFile) => E[],
  values: (entry: E, organisationIds: Map<string, number>) => unknown[],
): StatementTable => ({
  name,
  columns,
  programmeAt: columns.indexOf('programme_code'),
  entries,
  values: values as unknown as StatementTable['values'],
});
const STATEMENT_TABLES: StatementTable[] = [
  statementTable(
    'project_period_statements',
    ['field', 'date', 'months'],
    (document) => document.period,
    (entry) => [entry.field, entry.date ?? null, entry.months ?? null],
  ),
  statementTable(
    'contracts',
    ['programme_code', 'number', 'signed_on'],
    (document) => document.contracts,
    (entry) => [entry.programme, entry.number, entry.signedOn],
  ),
  statementTable(
    'funding_amounts',
    ['programme_code', 'kind', 'amount', 'currency', 'qualifier'],
    (document) => document.funding,
    (entry) => [entry.programme, entry.kind, entry.amount.trim(), entry.currency, entry.qualifier],
  ),
  statementTable(
    'partnerships',
    ['organisation_id', 'role', 'programme_code'],
    (document) => document.partners,
    (entry, organisationIds) => [organisationIds.get(entry.name)!, entry.role, entry.programme],
  ),
  statementTable(
    'activities',
    ['programme_code', 'number', 'title', 'title_latin', 'category'],
    (document) => document.activities,
    (entry) => [entry.programme, entry.number, entry.title, transliterate(entry.title), entry.category],
  ),
  statementTable(
    'target_groups',
    ['programme_code', 'description', 'description_latin', 'category'],
    (document) => document.targetGroups,
    (entry) => [entry.programme, entry.description, transliterate(entry.description), entry.category],
  ),
  statementTable(
    'indicator_values',
    ['indicator_code', 'value', 'qualifier', 'basis', 'as_of', 'breakdown'],
    (document) => document.indicators,
    (entry) => [entry.code, String(entry.value), entry.qualifier, entry.basis, entry.asOf, entry.breakdown],
  ),
  statementTable(
    'procedure_citations',
    ['quote'],
    (document) => document.procedureCitations,
    (entry) => [entry.quote],
  ),
];

/** One COPY line of a statement table. */
function statementLine(projectId: number, entry: StatementEntry, values: unknown[]): string {
  let line = `${projectId}\t${copyField(entry.source, false)}\t${copyField(entry.note, false)}\t${copyField(entry.asPublished, false)}`;
  for (const value of values) line += `\t${copyField(value, false)}`;
  return line;
}

/** Writes a chunk of new or changed projects: one COPY per table for the whole chunk (updates: an UPDATE per project). */
export async function writeProjects(
  manager: EntityManager,
  chunk: PendingProject[],
  now: Date,
  author: string | null,
  writtenIds: number[],
): Promise<Map<string, { revision: number; changedFields: string[] }>> {
  const written = new Map<string, { revision: number; changedFields: string[] }>();
  const ids = new Map<string, number>();
  const updated = chunk.filter((item) => item.previous);
  // The files as imported before, read before the rows are overwritten: the revision keeps them.
  const before = new Map<number, ProjectFile>();
  if (updated.length > 0) {
    const previousRows: { id: number; document: string }[] = await manager.query(
      'SELECT id, document FROM projects WHERE id = ANY($1::int[])',
      [updated.map((item) => item.previous!.databaseId)],
    );
    for (const row of previousRows) before.set(row.id, JSON.parse(row.document) as ProjectFile);
  }
  for (const item of updated) {
    const id = item.previous!.databaseId;
    ids.set(item.document.key, id);
    await manager.update(Project, { databaseId: id }, projectRow(item, item.previous!.revision + 1, now) as object);
  }
  if (updated.length > 0) {
    const updatedIds = updated.map((item) => item.previous!.databaseId);
    for (const table of CHILD_TABLES)
      await manager.query(`DELETE FROM ${table} WHERE project_id = ANY($1::int[])`, [updatedIds]);
  }
  const created = chunk.filter((item) => !item.previous);
  if (created.length > 0) {
    // Ids drawn first, so that the rows can be copied (COPY returns nothing).
    const drawn: { id: number }[] = await manager.query(
      "SELECT nextval(pg_get_serial_sequence('projects', 'id'))::int AS id FROM generate_series(1, $1)",
      [created.length],
    );
    created.forEach((item, index) => ids.set(item.document.key, drawn[index].id));
    await copyRows(
      manager,
      Project,
      created.map((item) => ({ databaseId: ids.get(item.document.key), ...projectRow(item, 1, now) })),
    );
  }

  writtenIds.push(...ids.values());
  const organisationIds = await upsertOrganisations(
    manager,
    chunk.flatMap((item) => item.document.partners),
  );
  const lines = new Map<StatementTable, string[]>(STATEMENT_TABLES.map((table) => [table, []]));
  const programmeLines: string[] = [];
  const projectAmountLines: string[] = [];
  const rows = { flags: [] as object[], revisions: [] as object[] };
  for (const { document, hash, previous, quality } of chunk) {
    const projectId = ids.get(document.key)!;
    const programmes = new Set<string>();
    for (const table of STATEMENT_TABLES) {
      const into = lines.get(table)!;
      for (const entry of table.entries(document)) {
        const values = table.values(entry, organisationIds);
        if (table.programmeAt >= 0 && values[table.programmeAt] != null)
          programmes.add(values[table.programmeAt] as string);
        into.push(statementLine(projectId, entry, values));
      }
    }
    // Each project's programmes (see the ProjectProgrammes migration), from the rows just built rather
    // than read back from the five tables by SQL.
    for (const code of programmes) programmeLines.push(`${projectId}\t${copyField(code, false)}`);
    for (const line of amountLines(projectId, quality.amounts)) projectAmountLines.push(line);
    rows.flags.push(...quality.flags.map((entry) => ({ projectId, ...entry })));
    const revision = {
      revision: previous ? previous.revision + 1 : 1,
      changedFields: changedFields(previous ? before.get(projectId) : undefined, document),
    };
    written.set(document.key, revision);
    rows.revisions.push({
      projectId,
      ...revision,
      importedAt: now,
      author,
      contentHash: hash,
      previous: previous ? (before.get(projectId) ?? null) : null,
    });
  }
  for (const table of STATEMENT_TABLES)
    await copyLines(manager, table.name, [...STATEMENT_COLUMNS, ...table.columns], lines.get(table)!);
  await copyRows(manager, QualityFlag, rows.flags);
  await copyRows(manager, ProjectRevision, rows.revisions);
  await copyLines(manager, 'project_programmes', ['project_id', 'programme_code'], programmeLines);
  await copyLines(manager, 'project_amounts', PROJECT_AMOUNT_COLUMNS, projectAmountLines);
  return written;
}

function changedFields(before: ProjectFile | undefined, after: ProjectFile): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (key) =>
        !before ||
        stableStringify((before as unknown as Record<string, unknown>)[key]) !==
          stableStringify((after as unknown as Record<string, unknown>)[key]),
    )
    .sort();
}

async function upsertOrganisations(
  manager: EntityManager,
  partners: ProjectFile['partners'],
): Promise<Map<string, number>> {
  const byName = new Map(partners.map((entry) => [entry.name, entry.type]));
  const ids = new Map<string, number>();
  for (const batch of batches([...byName], 3)) {
    const params: unknown[] = [];
    const values = batch.map(([name, type], index) => {
      params.push(name, transliterate(name), type);
      return `($${index * 3 + 1}, $${index * 3 + 2}, $${index * 3 + 3})`;
    });
    const rows: { id: number; name: string }[] = await manager.query(
      `INSERT INTO organisations (name, name_latin, type) VALUES ${values.join(', ')}
       ON CONFLICT (name) DO UPDATE SET name_latin = EXCLUDED.name_latin, type = EXCLUDED.type
       RETURNING id, name`,
      params,
    );
    for (const row of rows) ids.set(row.name, row.id);
  }
  return ids;
}

/** Consecutive slices of `items`, each small enough that `columns` parameters per item stay under PostgreSQL's limit. */
function batches<T>(items: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
