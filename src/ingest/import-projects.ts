import type { DataSource, EntityManager } from 'typeorm';
import { normaliseForQuotes, quoteProblem } from './quotes';
import { Confirmation, ProjectStatus } from '../domain/enums';
import { searchText, transliterate } from '../domain/transliterate';
import { Project, ProjectRevision, QualityFlag } from '../entities';
import {
  fileContent,
  type ImportError,
  ImportValidationError,
  type InputFiles,
  type ProjectFile,
} from './project-file';
import { DATA_CHANGED_CHANNEL } from '../graphql/response-cache';
import { COMPARISON_INPUT_TABLES, refreshComparisonCells } from '../modules/comparison/comparison-cells';
import { lockImports } from './import-lock';
import { computeQuality } from './quality';
import { stableStringify } from './stable-json';
import type { KnownCodes } from './validate';
import { checkQuotes, digest, type FileWarning } from './check-file';
import { copyField, copyLines, copyRows } from './copy';
import { StagedFiles, type StoredProject } from './staged-files';
import { type ChangedSource, StagedSources } from './staged-sources';
import { checkFiles } from './check-files';

export interface ImportReport {
  /** Keys of the projects created, updated and left unchanged, in file order (empty unless `listProjects`). */
  created: string[];
  updated: string[];
  unchanged: string[];
  /** How many projects were created, updated and left unchanged (also when they are not listed). */
  counts: { created: number; updated: number; unchanged: number };
  /** What was imported but deserves a look (never a refusal); empty when `onWarning` took them. */
  warnings: ImportWarning[];
  /** Each project of the files, in file order: what happened (or, in a dry run, would happen) to it (empty unless `listProjects`). */
  projects: ImportedProject[];
  /** True when nothing was written: the report says what the import would do. */
  dryRun: boolean;
  /** Worker threads that checked the files (pass 1); 0 when this thread did. */
  checkThreads: number;
}

export interface ImportedProject {
  key: string;
  municipalityCode: string;
  action: 'CREATED' | 'UPDATED' | 'UNCHANGED';
  /** The project's revision after the import. */
  revision: number;
  /** Top-level fields of the file that changed (all of them when created; none when unchanged). */
  changedFields: string[];
}

export type ImportWarning = FileWarning;

export interface ImportOptions {
  /**
   * List every project in the report (`created`, `updated`, `unchanged`, `projects`): the default. The
   * command line counts only, so that its memory does not grow with the number of files.
   */
  listProjects?: boolean;
  /** Receives each warning as pass 1 finds it, instead of the report's list (the command line prints them at once). */
  onWarning?: (warning: ImportWarning) => void;
  /** Allow synthetic (benchmark) projects and real ones in the same database. */
  allowMixing?: boolean;
  /** Allow a file to move an existing project to another municipality (an administrator's decision). */
  allowMunicipalityChange?: boolean;
  /** Allow a file to change a stored source that projects of other municipalities cite. */
  allowSourceChange?: boolean;
  /** Who is writing: the curated seeds at start, or an import (the default). */
  origin?: 'SEED' | 'IMPORT';
  /** Recorded on every revision written: `token 3 (Община Русе)`, `cli`, `seed`. */
  author?: string;
  /** An editor's municipalities: a file of another municipality, or one moving a project of another, is FORBIDDEN. */
  editorMunicipalities?: string[];
  /** Validate and compute everything, write nothing (the transaction is rolled back). */
  dryRun?: boolean;
  /** `statement_timeout` inside the import's transaction (the pool's default otherwise). */
  statementTimeoutMs?: number;
}

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
 * no heap visits, from the next request on rather than whenever autovacuum comes by. It takes 1.3–1.8 s
 * at 26,500 projects, so a small import (an editor's one file) leaves it to autovacuum: it moves the
 * estimates little. Outside the transaction (VACUUM cannot run in one). A failure changes nothing that
 * was written, and autovacuum does the same later.
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
 * The same, inside a transaction the caller owns (the seed loader, tests). Pass 1 validates every
 * file and stages its summary in the database (staged-files.ts), where the checks across files run;
 * pass 2 reads the staged files back a page at a time, re-reads the changed ones and writes them in
 * chunks, one COPY per table per chunk. Neither pass keeps anything per file in memory, except the
 * report's lists when `listProjects` asks for them (and `files`, the caller's).
 */
export async function importProjectFilesWith(
  manager: EntityManager,
  files: InputFiles,
  options: ImportOptions = {},
): Promise<ImportReport> {
  await lockImports(manager);
  const known = await loadKnownCodes(manager);
  const errors: ImportError[] = [];
  const warnings: ImportWarning[] = [];
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

  await sources.write({ author: options.author ?? null, at: new Date() });
  const list = options.listProjects ?? true;
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
  const now = new Date();
  // Kept for every project until the report is returned: one array per distinct list of changed fields.
  const lists = new Map<string, string[]>();
  const shared = (fields: string[]) => {
    const id = fields.join('\n');
    if (!lists.has(id)) lists.set(id, fields);
    return lists.get(id)!;
  };
  // Chunk n+1 is read and prepared while chunk n's statements run: the files' JavaScript and
  // PostgreSQL's inserts then share the two cores instead of taking turns (21 → 13 s at 5,300).
  // Preparing yields to the event loop after each file, so that the pending statements move on.
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
  // A large import writes without PostgreSQL's row-by-row foreign-key checks and checks the references
  // of everything it wrote afterwards, set-based, before the transaction can commit (see uncheckedWrites).
  const unchecked = changedCount >= CHUNK && (await uncheckedWrites(manager));
  const writtenIds: number[] = [];
  try {
    let chunk: PendingProject[] = [];
    for await (const row of staged.rows()) {
      const unchanged = row.stored?.contentHash === row.hash;
      const reported: ImportedProject | undefined = list
        ? {
            key: row.key,
            municipalityCode: row.municipalityCode,
            action: unchanged ? 'UNCHANGED' : row.stored ? 'UPDATED' : 'CREATED',
            revision: row.stored?.revision ?? 0,
            changedFields: [],
          }
        : undefined;
      if (reported) report.projects.push(reported);
      if (unchanged) {
        report.counts.unchanged += 1;
        if (list) report.unchanged.push(row.key);
        continue;
      }
      // Validated in pass 1; the same content is all that needs checking now.
      const file = files.at(row.ordinal)!;
      const text = fileContent(file);
      if (digest(text) !== row.textSha256) {
        throw new ImportValidationError([
          { file: file.name, path: '$', reason: 'file changed while it was being imported' },
        ]);
      }
      const document = JSON.parse(text) as ProjectFile;
      chunk.push({
        document,
        hash: row.hash,
        previous: row.stored,
        quality: computeQuality(document),
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
  // the comparison reads it back: without them the planner knew nothing of the new rows, and the
  // refresh after an import of 265,000 projects into an empty database took minutes instead of seconds.
  if (changedCount >= CHUNK) await manager.query(`ANALYZE ${COMPARISON_INPUT_TABLES.join(', ')}`);
  // The comparison of every municipality a changed project is in (or left), in the same transaction.
  if (touched.length > 0) await refreshComparisonCells(manager, touched);
  // Delivered on commit only: running hubs empty their response caches.
  if (changedCount > 0) await manager.query(`NOTIFY ${DATA_CHANGED_CHANNEL}`);
  return report;
}

/**
 * Quotes of sources a file cites without their text, against the text another file of the import
 * brings or the hub already holds: the file is read again, only when there is such a text.
 */
async function quotesAgainstOtherTexts(
  files: InputFiles,
  staged: StagedFiles,
  sources: StagedSources,
): Promise<ImportError[]> {
  const texts = await sources.texts(StagedFiles.quotedWithoutText);
  if (texts.size === 0) return [];
  const errors: ImportError[] = [];
  for (const quoting of await staged.quotingWithoutText([...texts.keys()])) {
    const file = files.at(quoting.ordinal)!;
    const document = JSON.parse(fileContent(file)) as ProjectFile;
    errors.push(
      ...checkQuotes(file, document, (key) => texts.get(key), new Set(quoting.keys.filter((key) => texts.has(key)))),
    );
  }
  return errors;
}

/**
 * A source whose text is new or changed must still contain every quote that stored projects (not
 * re-imported now) take from it; otherwise the file bringing the text is refused, naming them.
 */
async function storedQuotesAgainstNewTexts(
  manager: EntityManager,
  files: InputFiles,
  staged: StagedFiles,
  changedSources: ChangedSource[],
): Promise<ImportError[]> {
  const changed = changedSources.filter((source) => source.textChanged);
  if (changed.length === 0) return [];
  const tables = SOURCED_TABLES.filter((table) => table !== 'procedure_citations');
  const quotes: { project: string; source_key: string; quote: string; what: string }[] = await manager.query(
    `SELECT p.key AS project, q.source_key, q.quote, q.what FROM (
       ${tables.map((table) => `SELECT project_id, source_key, as_published AS quote, '${table}' AS what FROM ${table} WHERE source_key = ANY($1::text[]) AND as_published IS NOT NULL`).join(' UNION ALL ')}
       UNION ALL SELECT project_id, source_key, quote, 'procedure_citations' FROM procedure_citations WHERE source_key = ANY($1::text[])
       UNION ALL SELECT id, registration_number_source_key, registration_number_as_published, 'registration number' FROM projects
                 WHERE registration_number_source_key = ANY($1::text[]) AND registration_number_as_published IS NOT NULL
     ) q JOIN projects p ON p.id = q.project_id WHERE ${StagedFiles.notImported}`,
    [changed.map((source) => source.key)],
  );
  const errors: ImportError[] = [];
  const texts = new Map(changed.map((source) => [source.key, normaliseForQuotes(source.text!)]));
  // The first definition of each source in the import: the file bringing its text.
  const bringing = new Map<string, { ordinal: number; index: number }>();
  for (const definition of quotes.length > 0 ? await staged.sourceDefinitions([...texts.keys()]) : []) {
    if (!bringing.has(definition.key)) bringing.set(definition.key, definition);
  }
  for (const quote of quotes) {
    const problem = quoteProblem(quote.quote, texts.get(quote.source_key)!);
    if (!problem) continue;
    const definition = bringing.get(quote.source_key);
    errors.push({
      file: definition ? files.at(definition.ordinal)!.name : '?',
      path: `$.sources[${definition?.index ?? 0}].text`,
      code: 'QUOTE_NOT_IN_SOURCE',
      reason: `QUOTE_NOT_IN_SOURCE: the new text of source "${quote.source_key}" no longer contains ${JSON.stringify(quote.quote)}, quoted by project "${quote.project}" (${quote.what}): ${problem}`,
    });
  }
  return errors;
}

async function loadKnownCodes(manager: EntityManager): Promise<KnownCodes> {
  const column = async (sql: string) =>
    new Set<string>((await manager.query(sql)).map((row: { code: string }) => row.code));
  const owners = await manager.query('SELECT c.number, p.key FROM contracts c JOIN projects p ON p.id = c.project_id');
  return {
    municipalities: await column('SELECT code FROM municipalities'),
    municipalityNames: new Map(
      (await manager.query('SELECT code, name, name_latin FROM municipalities')).map(
        (row: { code: string; name: string; name_latin: string }) => [row.code, [row.name, row.name_latin]],
      ),
    ),
    programmes: await column('SELECT code FROM programmes'),
    procedures: await column('SELECT code FROM procedures'),
    indicators: await column('SELECT code FROM indicators'),
    contractOwners: new Map(owners.map((row: { number: string; key: string }) => [row.number, row.key])),
  };
}

/**
 * What a file may not take from another project: a key belongs to one municipality (a copied file
 * still carrying "kazanlak", or RSE37 typed for RSE27, would move a project: MUNICIPALITY_CHANGE); a
 * registration number to one project (REGISTRATION_NUMBER_TAKEN); a stored source cited by another
 * municipality's projects is not rewritten by this one's file (SOURCE_CITED_ELSEWHERE).
 */
async function ownershipErrors(
  manager: EntityManager,
  files: InputFiles,
  staged: StagedFiles,
  known: KnownCodes,
  options: ImportOptions,
  changedSources: ChangedSource[],
): Promise<ImportError[]> {
  if (staged.size === 0) return [];
  const errors: ImportError[] = [];
  const name = (code: string) => known.municipalityNames.get(code)?.[0] ?? 'unknown';
  if (!options.allowMunicipalityChange) {
    for (const { ordinal, key, municipalityCode, storedMunicipality: before } of await staged.municipalityChanges()) {
      errors.push({
        file: files.at(ordinal)!.name,
        path: '$.municipalityCode',
        code: 'MUNICIPALITY_CHANGE',
        reason:
          `MUNICIPALITY_CHANGE: project "${key}" belongs to ${before} (${name(before!)}); this file would move it to ` +
          `${municipalityCode} (${name(municipalityCode)}). Use another key for a new project; an administrator may allow the move explicitly.`,
      });
    }
  }
  for (const { ordinal, number, owner } of await staged.registrationNumbersTaken()) {
    errors.push({
      file: files.at(ordinal)!.name,
      path: '$.registrationNumber.value',
      code: 'REGISTRATION_NUMBER_TAKEN',
      reason: `REGISTRATION_NUMBER_TAKEN: registration number ${number} is already held by project "${owner}"`,
    });
  }
  if (!options.allowSourceChange) {
    // First which stored sources the import changes (normally none), then who cites those. Every file
    // defining a source defines it alike (or crossFileErrors refuses them): the import's definition is theirs.
    const changed = changedSources.map((entry) => entry.key);
    if (changed.length > 0) {
      const citing: { key: string; codes: string[] }[] = await manager.query(
        `SELECT s.key, ARRAY(SELECT DISTINCT p.municipality_code FROM projects p WHERE p.id IN (
                  ${SOURCED_TABLES.map((table) => `SELECT project_id FROM ${table} WHERE source_key = s.key`).join(' UNION ')}
                  UNION SELECT id FROM projects WHERE s.key IN (title_source_key, aim_source_key, status_source_key, registration_number_source_key))) AS codes
         FROM sources s WHERE s.key = ANY($1::text[])`,
        [changed],
      );
      const citedBy = new Map(citing.map((row) => [row.key, row.codes]));
      for (const { ordinal, index, key, municipalityCode } of await staged.sourceDefinitions(changed)) {
        const others = (citedBy.get(key) ?? []).filter((code) => code !== municipalityCode);
        if (others.length === 0) continue;
        errors.push({
          file: files.at(ordinal)!.name,
          path: `$.sources[${index}]`,
          code: 'SOURCE_CITED_ELSEWHERE',
          reason: `SOURCE_CITED_ELSEWHERE: source "${key}" is cited by projects of ${others.join(', ')} and would be changed; give the new page its own key`,
        });
      }
    }
  }
  return errors;
}

/**
 * An editor writes its municipalities' projects only: a file naming another municipality, or one that
 * would rewrite a stored project of another municipality, is FORBIDDEN (naming project and municipality).
 */
async function forbiddenErrors(
  files: InputFiles,
  staged: StagedFiles,
  known: KnownCodes,
  allowed: string[],
): Promise<ImportError[]> {
  const mine = new Set(allowed);
  const name = (code: string) => `${code} (${known.municipalityNames.get(code)?.[0] ?? 'unknown'})`;
  const may = `this token may write ${allowed.map(name).join(', ')} only`;
  return (await staged.outside(allowed)).map(({ ordinal, key, municipalityCode, storedMunicipality: before }) =>
    before !== null && !mine.has(before)
      ? {
          file: files.at(ordinal)!.name,
          path: '$.key',
          code: 'FORBIDDEN',
          reason: `FORBIDDEN: project "${key}" belongs to ${name(before)}; ${may}`,
        }
      : {
          file: files.at(ordinal)!.name,
          path: '$.municipalityCode',
          code: 'FORBIDDEN',
          reason: `FORBIDDEN: project "${key}" is of ${name(municipalityCode)}; ${may}`,
        },
  );
}

/** Synthetic benchmark data never lands beside the real dataset (or the reverse) unless asked. */
async function mixingErrors(manager: EntityManager, files: InputFiles, staged: StagedFiles): Promise<ImportError[]> {
  if (staged.size === 0) return [];
  const [present] = await manager.query(
    "SELECT bool_or(key LIKE 'synthetic-%') AS synthetic, bool_or(key NOT LIKE 'synthetic-%') AS real FROM projects",
  );
  // A synthetic file is refused beside real projects, a real one beside synthetic projects.
  const refused = [...(present.real ? [true] : []), ...(present.synthetic ? [false] : [])];
  return (await staged.withSyntheticFlag(refused)).map(({ ordinal, synthetic }) => ({
    file: files.at(ordinal)!.name,
    path: '$.synthetic',
    reason: synthetic
      ? 'synthetic project refused: this database holds the real dataset (import with --allow-mixing to force)'
      : 'real project refused: this database holds synthetic benchmark data (import with --allow-mixing to force)',
  }));
}

/** Keys, contract numbers and source definitions that files of the import give differently, in file order. */
async function crossFileErrors(files: InputFiles, staged: StagedFiles): Promise<ImportError[]> {
  // [ordinal, what (key, contract, source), index within the file, the error]
  const found: [number, number, number, ImportError][] = [];
  for (const { ordinal, key, other } of await staged.repeatedKeys()) {
    found.push([
      ordinal,
      0,
      0,
      {
        file: files.at(ordinal)!.name,
        path: '$.key',
        reason: `project key "${key}" is also used by ${files.at(other)!.name}`,
      },
    ]);
  }
  for (const { ordinal, index, number, owner } of await staged.contractsOfOthers()) {
    found.push([
      ordinal,
      1,
      index,
      {
        file: files.at(ordinal)!.name,
        path: `$.contracts[${index}].number`,
        reason: `contract number ${number} is already used by project "${owner}"`,
      },
    ]);
  }
  for (const { ordinal, index, key, other } of await staged.sourcesDefinedOtherwise()) {
    found.push([
      ordinal,
      2,
      index,
      {
        file: files.at(ordinal)!.name,
        path: `$.sources[${index}]`,
        reason: `source "${key}" is defined differently in ${files.at(other)!.name}`,
      },
    ]);
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return found.map(([, , , error]) => error);
}

/** Consecutive slices of `items`, each small enough that `columns` parameters per item stay under PostgreSQL's limit. */
function batches<T>(items: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Tables of sourced statements (each row has a source_key), and with the quality flags every child table of a project. */
const SOURCED_TABLES = [
  'project_period_statements',
  'contracts',
  'funding_amounts',
  'partnerships',
  'activities',
  'target_groups',
  'indicator_values',
  'procedure_citations',
];
const CHILD_TABLES = [...SOURCED_TABLES, 'quality_flags', 'project_programmes'];

/** Tables an import writes, whose statistics and visibility map the read path's plans depend on. */
const WRITTEN_TABLES = [
  'projects',
  ...CHILD_TABLES,
  'organisations',
  'sources',
  'source_texts',
  'project_revisions',
  'source_revisions',
  'comparison_rows',
  'comparison_cells',
  'comparison_cell_details',
];

/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

interface PendingProject {
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
 * (no row object per statement: building and spreading those was the largest part of the importer's own
 * time and of its garbage). Each line: project_id, source_key, note, as_published, then the table's
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
async function writeProjects(
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
    // Each project's programmes (see the ProjectProgrammes migration), from the rows just built: reading
    // them back from the five tables by SQL cost 5.3 s of PostgreSQL's time per 26,500 projects.
    for (const code of programmes) programmeLines.push(`${projectId}\t${copyField(code, false)}`);
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
  return written;
}

/**
 * For a large import, the rest of the transaction writes with `session_replication_role = replica`:
 * PostgreSQL then skips its foreign-key triggers, which check each row on its own (3 lookups per
 * indicator value; EXPLAIN ANALYZE of 100,000 indicator values: 1.45 s of inserting, 2.17 s of
 * checks). danglingReferences checks the same references afterwards for all the rows at once, and any
 * dangling one refuses the import. This is what pg_restore --disable-triggers does, with the check
 * added back. The setting needs a superuser (the embedded PostgreSQL's) or the SET privilege on it;
 * without them the writes stay checked row by row. The schema has no other triggers that it would skip.
 */
async function uncheckedWrites(manager: EntityManager): Promise<boolean> {
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
 * picking them out (265,000 projects written into an empty database: 12 s instead of 38).
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
