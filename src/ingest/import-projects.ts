import type { DataSource, EntityManager } from 'typeorm';
import { growDataMeasures } from '../db/data-measures';
import { bumpDataRevision } from '../db/data-revision';
import { DATA_CHANGED_CHANNEL } from '../graphql/response-cache';
import { COMPARISON_INPUT_TABLES, refreshComparisonCells } from '../modules/comparison/comparison-store';
import { digest, type FileWarning } from './check-file';
import { checkFiles } from './check-files';
import {
  crossFileErrors,
  forbiddenErrors,
  loadKnownCodes,
  mixingErrors,
  ownershipErrors,
  quotesAgainstOtherTexts,
  storedQuotesAgainstNewTexts,
} from './import-checks';
import { type ImportError, ImportRefusalCode, ImportValidationError } from './import-errors';
import { lockImports } from './import-lock';
import type { ImportedProject, ImportOptions, ImportReport } from './import-report';
import { WRITTEN_TABLES } from './import-tables';
import type { InputFiles } from './input-files';
import type { ProjectFile } from './project-file';
import { type PendingProject, writeProjects } from './project-writer';
import { computeQuality } from './quality';
import { fileContent } from './read-file';
import { StagedFiles, type StagedRow } from './staged-files';
import { StagedSources } from './staged-sources';
import { danglingReferences, uncheckedWrites } from './unchecked-writes';

export type { ImportedProject, ImportOptions, ImportReport, ImportWarning } from './import-report';
import type { ImportedQualityFlag } from './import-report';

/**
 * The importer's orchestration: pass 1 checks every file on its own and stages its summary
 * (check-files.ts, staged-files.ts); the checks across files and against the database run over the
 * stage (import-checks.ts); pass 2 reads the staged files back a page at a time and writes the changed
 * ones in chunks (project-writer.ts). All of it in one transaction: any refusal and nothing is written.
 */

/** Ends a dry run's transaction (rolled back) carrying its report. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run: rolled back');
  }
}

/** Validates and loads project files in one transaction: any error and nothing is written. */
export async function importProjectFiles(
  dataSource: DataSource,
  files: InputFiles,
  options: ImportOptions = {},
): Promise<ImportReport> {
  try {
    const report = await dataSource.transaction(async (manager) => {
      if (options.statementTimeoutMs !== undefined)
        await manager.query(`SET LOCAL statement_timeout = ${Math.max(0, Math.floor(options.statementTimeoutMs))}`);
      const written = await importProjectFilesWith(manager, files, options);
      options.beforeCommit?.();
      if (options.dryRun) throw new DryRunRollback(written);
      return written;
    });
    if (report.counts.created + report.counts.updated >= CHUNK) await refreshPlannerState(dataSource);
    return report;
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

/**
 * After a committed import of at least CHUNK projects: VACUUM (ANALYZE) of what it wrote, so that the
 * planner's row estimates are those of the new data and index-only scans (the counts of every page) need
 * no heap visits from the next request on, rather than whenever autovacuum comes by. A small import (an
 * editor's one file) leaves it to autovacuum: it moves the estimates little. Outside the transaction
 * (VACUUM cannot run in one). A failure changes nothing that was written, and autovacuum does the same later.
 */
async function refreshPlannerState(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.query(`VACUUM (ANALYZE) ${WRITTEN_TABLES.join(', ')}`);
  } catch {
    // Best effort (see above).
  }
}

/** Projects written per batch of statements. */
const CHUNK = 200;

/**
 * The same, inside a transaction the caller owns (the seed loader, tests). Neither pass keeps anything
 * per file in memory, except the report's lists when `listProjects` asks for them (and `files`, the caller's).
 */
export async function importProjectFilesWith(
  manager: EntityManager,
  files: InputFiles,
  options: ImportOptions = {},
): Promise<ImportReport> {
  await lockImports(manager);
  const { staged, sources, warnings, threads } = await checkImport(manager, files, options);
  await sources.write({ author: options.author ?? null, at: new Date() });
  const report: ImportReport = {
    created: [],
    updated: [],
    unchanged: [],
    counts: { created: 0, updated: 0, unchanged: 0 },
    warnings,
    projects: [],
    dryRun: Boolean(options.dryRun),
    checkThreads: threads,
  };
  const changedCount = await staged.changedCount();
  const touched = changedCount > 0 ? await staged.touchedMunicipalities() : [];
  // A large import writes without PostgreSQL's row-by-row foreign-key checks and checks the references
  // of everything it wrote afterwards, set-based, before the transaction can commit (see uncheckedWrites).
  const unchecked = changedCount >= CHUNK && (await uncheckedWrites(manager));
  const writtenIds: number[] = [];
  try {
    await writeChanged(manager, files, staged, report, options, writtenIds);
  } finally {
    // Back to checked writes (in an aborted transaction this fails, and the rollback undoes the setting).
    if (unchecked) await manager.query('SET LOCAL session_replication_role = origin').catch(() => undefined);
  }
  if (unchecked) {
    const dangling = await danglingReferences(manager, writtenIds);
    // The validation checks every reference of a file first, so this is a bug, never a user's error: refused all the same.
    if (dangling.length > 0) throw new Error(`import refused, nothing written: ${dangling.join('; ')}`);
  }
  // After a large import, statistics of what this transaction wrote (ANALYZE sees its own rows) before
  // the comparison reads it back: without them the planner knows nothing of the new rows.
  if (changedCount >= CHUNK) await manager.query(`ANALYZE ${COMPARISON_INPUT_TABLES.join(', ')}`);
  // The comparison of every municipality a changed project is in (or left), in the same transaction.
  if (touched.length > 0) await refreshComparisonCells(manager, touched);
  // The largest texts and lists, grown by what was written (the cost analysis reads them after the commit).
  if (changedCount > 0) await growDataMeasures(manager, manager.connection, writtenIds, await sources.keys());
  // Delivered on commit only: running hubs empty their response caches. The revision names the new state.
  if (changedCount > 0) {
    await bumpDataRevision(manager);
    await manager.query(`NOTIFY ${DATA_CHANGED_CHANNEL}`);
  }
  await reportQualityFlags(manager, report);
  return report;
}

/**
 * The quality flags each listed project has after the import (in a dry run, those it would have: read in the
 * transaction before its rollback). One statement, for the listed projects only.
 */
async function reportQualityFlags(manager: EntityManager, report: ImportReport): Promise<void> {
  if (report.projects.length === 0) return;
  const rows: { key: string; code: string; severity: string; field: string; message: string }[] = await manager.query(
    `SELECT p.key, f.code, f.severity, f.field, f.message FROM quality_flags f JOIN projects p ON p.id = f.project_id
     WHERE p.key = ANY($1::text[]) ORDER BY p.key, f.severity DESC, f.code, f.field`,
    [report.projects.map((project) => project.key)],
  );
  const byKey = new Map<string, ImportedQualityFlag[]>();
  for (const { key, ...flag } of rows) byKey.set(key, [...(byKey.get(key) ?? []), flag]);
  for (const project of report.projects) project.qualityFlags = byKey.get(project.key) ?? [];
}

/**
 * Pass 1 and the checks across files: every file validated and staged, then every refusal of the
 * import at once (ImportValidationError), or the stage the writes read.
 */
async function checkImport(manager: EntityManager, files: InputFiles, options: ImportOptions) {
  const known = await loadKnownCodes(manager);
  const errors: ImportError[] = [];
  const warnings: FileWarning[] = [];
  const staged = await StagedFiles.create(manager);
  const sources = await StagedSources.create(manager);
  const { threads, checks } = checkFiles(files, known);
  // The batches come in file order.
  for await (const batch of checks) {
    for (const error of batch.errors) errors.push(error);
    for (const warning of batch.warnings) {
      if (options.onWarning) options.onWarning(warning);
      else warnings.push(warning);
    }
    await staged.addLines(batch.staged, batch.stagedCount);
    await sources.addLines(batch.sources, batch.sourceCount);
  }
  await staged.finish();
  await sources.finish();
  const changedSources = await sources.changedStored();
  errors.push(...(await quotesAgainstOtherTexts(files, staged, sources)));
  errors.push(...(await storedQuotesAgainstNewTexts(manager, files, staged, changedSources)));
  errors.push(...(await crossFileErrors(files, staged)));
  if (!options.allowMixing) errors.push(...(await mixingErrors(manager, files, staged)));
  errors.push(...(await ownershipErrors(manager, files, staged, known, options, changedSources)));
  if (options.editorMunicipalities)
    errors.push(...(await forbiddenErrors(files, staged, known, options.editorMunicipalities)));
  if (errors.length > 0) throw new ImportValidationError(errors);
  return { staged, sources, warnings, threads };
}

/**
 * Pass 2: the staged files in order, the unchanged ones only reported, the others read again and written
 * in chunks. Chunk n+1 is read and prepared while chunk n's statements run, so that the files' JavaScript
 * and PostgreSQL's inserts share the two cores instead of taking turns; preparing yields to the event
 * loop after each file, so that the pending statements move on.
 */
async function writeChanged(
  manager: EntityManager,
  files: InputFiles,
  staged: StagedFiles,
  report: ImportReport,
  options: ImportOptions,
  writtenIds: number[],
): Promise<void> {
  const list = options.listProjects ?? true;
  const now = new Date();
  const shared = sharedLists();
  let writing: Promise<void> = Promise.resolve();
  const write = (chunk: PendingProject[]) => {
    writing = writeProjects(manager, chunk, now, options.author ?? null, writtenIds).then((written) => {
      for (const { document, previous, reported } of chunk) {
        report.counts[previous ? 'updated' : 'created'] += 1;
        if (!reported) continue;
        (previous ? report.updated : report.created).push(document.key);
        const { revision, changedFields } = written.get(document.key)!;
        Object.assign(reported, { revision, changedFields: shared(changedFields) });
      }
    });
    // Awaited before the next chunk is written (or below); until then its failure is not unhandled.
    writing.catch(() => undefined);
  };
  try {
    let chunk: PendingProject[] = [];
    for await (const row of staged.rows()) {
      const unchanged = row.stored?.contentHash === row.hash;
      const reported = list ? reportedProject(row, unchanged) : undefined;
      if (reported) report.projects.push(reported);
      if (unchanged) {
        report.counts.unchanged += 1;
        if (list) report.unchanged.push(row.key);
        continue;
      }
      const document = readAgain(files, row);
      const quality = computeQuality(document);
      chunk.push({
        document,
        hash: row.hash,
        previous: row.stored,
        quality,
        origin: options.origin ?? 'IMPORT',
        reported,
      });
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (chunk.length === CHUNK) {
        await writing;
        write(chunk);
        chunk = [];
      }
    }
    await writing;
    if (chunk.length > 0) write(chunk);
    await writing;
  } catch (error) {
    // No statement of the pending chunk may follow the ROLLBACK the caller sends on this error.
    await writing.catch(() => undefined);
    throw error;
  }
}

function reportedProject(row: StagedRow, unchanged: boolean): ImportedProject {
  return {
    key: row.key,
    municipalityCode: row.municipalityCode,
    action: unchanged ? 'UNCHANGED' : row.stored ? 'UPDATED' : 'CREATED',
    revision: row.stored?.revision ?? 0,
    changedFields: [],
  };
}

/** A staged file read again for writing: validated in pass 1, so the same content is all that needs checking. */
function readAgain(files: InputFiles, row: StagedRow): ProjectFile {
  const file = files.at(row.ordinal)!;
  const text = fileContent(file);
  if (digest(text) !== row.textSha256) {
    throw new ImportValidationError([
      {
        file: file.name,
        path: '$',
        code: ImportRefusalCode.FILE_CHANGED,
        reason: 'file changed while it was being imported',
      },
    ]);
  }
  return JSON.parse(text) as ProjectFile;
}

/** One array per distinct list of changed fields: the report keeps one per project until it is returned. */
function sharedLists(): (fields: string[]) => string[] {
  const lists = new Map<string, string[]>();
  return (fields) => {
    const id = fields.join('\n');
    if (!lists.has(id)) lists.set(id, fields);
    return lists.get(id)!;
  };
}
