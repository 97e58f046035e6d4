import type { DataSource, EntityManager } from 'typeorm';
import { Confirmation, ProjectStatus } from '../domain/enums';
import { searchText, transliterate } from '../domain/transliterate';
import {
  Activity, Contract, FundingAmount, IndicatorValue, Partnership, PeriodStatement, ProcedureCitation, Project,
  ProjectRevision, QualityFlag, TargetGroup,
} from '../entities';
import { type ImportError, ImportValidationError, type InputFile, type ProjectFile, type SourceEntry } from './project-file';
import { computeQuality } from './quality';
import { contentHash, stableStringify } from './stable-json';
import { type KnownCodes, validateProjectFile } from './validate';

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Serialises imports: two at once would race on contract-number uniqueness and revisions. */
const IMPORT_LOCK = 2_056_002;

/** Validates and loads project files in one transaction: any error and nothing is written. */
export function importProjectFiles(dataSource: DataSource, files: InputFile[]): Promise<ImportReport> {
  return dataSource.transaction((manager) => importProjectFilesWith(manager, files));
}

/** The same, inside a transaction the caller owns (the seed loader, tests). */
export async function importProjectFilesWith(manager: EntityManager, files: InputFile[]): Promise<ImportReport> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
  const known = await loadKnownCodes(manager);
  const errors: ImportError[] = [];
  const documents: { file: string; document: ProjectFile }[] = [];
  for (const file of files) {
    const result = validateProjectFile(file, known);
    errors.push(...result.errors);
    if (result.document) documents.push({ file: file.name, document: result.document });
  }
  errors.push(...crossFileErrors(documents));
  if (errors.length > 0) throw new ImportValidationError(errors);

  await upsertSources(manager, documents.flatMap(({ document }) => document.sources));
  const report: ImportReport = { created: [], updated: [], unchanged: [] };
  const existing = new Map<string, Project>();
  if (documents.length > 0) {
    const rows = await manager
      .createQueryBuilder(Project, 'project')
      .where('project.key IN (:...keys)', { keys: documents.map(({ document }) => document.key) })
      .getMany();
    for (const row of rows) existing.set(row.key, row);
  }
  const now = new Date();
  for (const { document } of documents) {
    const hash = contentHash(document);
    const previous = existing.get(document.key);
    if (previous && previous.contentHash === hash) {
      report.unchanged.push(document.key);
      continue;
    }
    await writeProject(manager, document, hash, previous, now);
    (previous ? report.updated : report.created).push(document.key);
  }
  return report;
}

async function loadKnownCodes(manager: EntityManager): Promise<KnownCodes> {
  const column = async (sql: string) => new Set<string>((await manager.query(sql)).map((row: { code: string }) => row.code));
  const owners = await manager.query('SELECT c.number, p.key FROM contracts c JOIN projects p ON p.id = c.project_id');
  return {
    municipalities: await column('SELECT code FROM municipalities'),
    programmes: await column('SELECT code FROM programmes'),
    procedures: await column('SELECT code FROM procedures'),
    indicators: await column('SELECT code FROM indicators'),
    contractOwners: new Map(owners.map((row: { number: string; key: string }) => [row.number, row.key])),
  };
}

function crossFileErrors(documents: { file: string; document: ProjectFile }[]): ImportError[] {
  const errors: ImportError[] = [];
  const keys = new Map<string, string>();
  const contracts = new Map<string, string>();
  const sources = new Map<string, { file: string; text: string }>();
  for (const { file, document } of documents) {
    const other = keys.get(document.key);
    if (other) errors.push({ file, path: '$.key', reason: `project key "${document.key}" is also used by ${other}` });
    keys.set(document.key, file);
    document.contracts.forEach((entry, index) => {
      const owner = contracts.get(entry.number);
      if (owner && owner !== document.key) {
        errors.push({ file, path: `$.contracts[${index}].number`, reason: `contract number ${entry.number} is already used by project "${owner}"` });
      }
      contracts.set(entry.number, document.key);
    });
    document.sources.forEach((source, index) => {
      const text = stableStringify(source);
      const seen = sources.get(source.key);
      if (seen && seen.text !== text) {
        errors.push({ file, path: `$.sources[${index}]`, reason: `source "${source.key}" is defined differently in ${seen.file}` });
      }
      sources.set(source.key, { file, text });
    });
  }
  return errors;
}

export async function upsertSources(manager: EntityManager, sources: SourceEntry[]): Promise<void> {
  const unique = new Map(sources.map((source) => [source.key, source]));
  if (unique.size === 0) return;
  const rows = [...unique.values()];
  const params: unknown[] = [];
  const values = rows.map((source, index) => {
    params.push(source.key, source.url, source.title, source.publisher, source.publishedOn, source.kind, source.language);
    const base = index * 7;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7})`;
  });
  await manager.query(
    `INSERT INTO sources (key, url, title, publisher, published_on, kind, language) VALUES ${values.join(', ')}
     ON CONFLICT (key) DO UPDATE SET url = EXCLUDED.url, title = EXCLUDED.title, publisher = EXCLUDED.publisher,
       published_on = EXCLUDED.published_on, kind = EXCLUDED.kind, language = EXCLUDED.language`,
    params,
  );
}

const CHILD_TABLES = [
  PeriodStatement, Contract, FundingAmount, Partnership, Activity, TargetGroup, IndicatorValue, ProcedureCitation, QualityFlag,
];

async function writeProject(manager: EntityManager, document: ProjectFile, hash: string, previous: Project | undefined, now: Date): Promise<void> {
  const { flags, summary } = computeQuality(document);
  const row = {
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
    document: document as object,
    contentHash: hash,
    revision: previous ? previous.revision + 1 : 1,
    updatedAt: now,
  };
  let projectId: number;
  if (previous) {
    projectId = previous.databaseId;
    await manager.update(Project, { databaseId: projectId }, row as object);
    for (const table of CHILD_TABLES) await manager.delete(table, { projectId });
  } else {
    const inserted = await manager.createQueryBuilder().insert().into(Project).values(row).returning(['databaseId']).execute();
    projectId = inserted.identifiers[0].databaseId as number;
  }

  const organisationIds = await upsertOrganisations(manager, document);
  const insert = async (entity: Function, rows: object[]) => {
    if (rows.length > 0) await manager.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).execute();
  };
  const fact = (entry: { source: string; note?: string; asPublished?: string }) => ({
    projectId, sourceKey: entry.source, note: entry.note ?? null, asPublished: entry.asPublished ?? null,
  });
  await insert(PeriodStatement, document.period.map((entry) => ({ ...fact(entry), field: entry.field, date: entry.date ?? null, months: entry.months ?? null })));
  await insert(Contract, document.contracts.map((entry) => ({ ...fact(entry), programmeCode: entry.programme, number: entry.number, signedOn: entry.signedOn })));
  await insert(FundingAmount, document.funding.map((entry) => ({
    ...fact(entry), programmeCode: entry.programme, kind: entry.kind, amount: entry.amount.trim(), currency: entry.currency, qualifier: entry.qualifier,
  })));
  await insert(Partnership, document.partners.map((entry) => ({
    ...fact(entry), organisationId: organisationIds.get(entry.name)!, role: entry.role, programmeCode: entry.programme,
  })));
  await insert(Activity, document.activities.map((entry) => ({
    ...fact(entry), programmeCode: entry.programme, number: entry.number, title: entry.title, titleLatin: transliterate(entry.title), category: entry.category,
  })));
  await insert(TargetGroup, document.targetGroups.map((entry) => ({
    ...fact(entry), programmeCode: entry.programme, description: entry.description, descriptionLatin: transliterate(entry.description), category: entry.category,
  })));
  await insert(IndicatorValue, document.indicators.map((entry) => ({
    ...fact(entry), indicatorCode: entry.code, value: String(entry.value), qualifier: entry.qualifier, basis: entry.basis, asOf: entry.asOf, breakdown: entry.breakdown,
  })));
  await insert(ProcedureCitation, document.procedureCitations.map((entry) => ({ ...fact(entry), quote: entry.quote })));
  await insert(QualityFlag, flags.map((entry) => ({ projectId, ...entry })));
  await insert(ProjectRevision, [{
    projectId,
    revision: row.revision,
    importedAt: now,
    contentHash: hash,
    changedFields: changedFields(previous?.document as ProjectFile | undefined, document),
    previous: previous ? previous.document : null,
  }]);
}

function changedFields(before: ProjectFile | undefined, after: ProjectFile): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !before || stableStringify((before as unknown as Record<string, unknown>)[key]) !== stableStringify((after as unknown as Record<string, unknown>)[key]))
    .sort();
}

async function upsertOrganisations(manager: EntityManager, document: ProjectFile): Promise<Map<string, number>> {
  const byName = new Map(document.partners.map((entry) => [entry.name, entry.type]));
  if (byName.size === 0) return new Map();
  const params: unknown[] = [];
  const values = [...byName].map(([name, type], index) => {
    params.push(name, transliterate(name), type);
    return `($${index * 3 + 1}, $${index * 3 + 2}, $${index * 3 + 3})`;
  });
  const rows: { id: number; name: string }[] = await manager.query(
    `INSERT INTO organisations (name, name_latin, type) VALUES ${values.join(', ')}
     ON CONFLICT (name) DO UPDATE SET name_latin = EXCLUDED.name_latin, type = EXCLUDED.type
     RETURNING id, name`,
    params,
  );
  return new Map(rows.map((row) => [row.name, row.id]));
}
