import type { EntityManager } from 'typeorm';
import { checkQuotes } from './check-file';
import { type ImportError, ImportRefusalCode } from './import-errors';
import type { ImportOptions } from './import-report';
import { SOURCED_TABLES } from './import-tables';
import type { InputFiles } from './input-files';
import type { ProjectFile } from './project-file';
import { normaliseForQuotes, quoteProblem } from './quotes';
import { fileContent } from './read-file';
import { StagedFiles } from './staged-files';
import type { ChangedSource, StagedSources } from './staged-sources';
import type { KnownCodes } from './validate';

/**
 * The checks of an import that look beyond one file: across the files of the import (keys, contract
 * numbers, sources defined twice), against what is stored (ownership, quotes of stored projects in a
 * changed text, synthetic and real data apart) and against the caller's rights. Each returns the
 * refusals in file order; pass 1 has staged the files (staged-files.ts) and their sources.
 */

export async function loadKnownCodes(manager: EntityManager): Promise<KnownCodes> {
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
 * Quotes of sources a file cites without their text, against the text another file of the import
 * brings or the hub already holds: the file is read again, only when there is such a text.
 */
export async function quotesAgainstOtherTexts(
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
export async function storedQuotesAgainstNewTexts(
  manager: EntityManager,
  files: InputFiles,
  staged: StagedFiles,
  changedSources: ChangedSource[],
): Promise<ImportError[]> {
  const changed = changedSources.filter((source) => source.textChanged);
  if (changed.length === 0) return [];
  const tables = SOURCED_TABLES.filter((table) => table !== 'procedure_citations' && table !== 'partnerships');
  const quotes: { project: string; source_key: string; quote: string; what: string }[] = await manager.query(
    `SELECT p.key AS project, q.source_key, q.quote, q.what FROM (
       ${tables.map((table) => `SELECT project_id, source_key, as_published AS quote, '${table}' AS what FROM ${table} WHERE source_key = ANY($1::text[]) AND as_published IS NOT NULL`).join(' UNION ALL ')}
       UNION ALL SELECT project_id, source_key, quote, 'procedure_citations' FROM procedure_citations WHERE source_key = ANY($1::text[])
       UNION ALL SELECT pa.project_id, pa.source_key, coalesce(pa.as_published, o.name), 'partnerships' FROM partnerships pa
                 JOIN organisations o ON o.id = pa.organisation_id WHERE pa.source_key = ANY($1::text[])
       UNION ALL SELECT id, registration_number_source_key, registration_number_as_published, 'registration number' FROM projects
                 WHERE registration_number_source_key = ANY($1::text[]) AND registration_number_as_published IS NOT NULL
       UNION ALL SELECT id, title_source_key, title, 'title' FROM projects WHERE title_source_key = ANY($1::text[])
       UNION ALL SELECT id, aim_source_key, aim, 'aim' FROM projects WHERE aim_source_key = ANY($1::text[])
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
      code: ImportRefusalCode.QUOTE_NOT_IN_SOURCE,
      reason: `the new text of source "${quote.source_key}" no longer contains ${JSON.stringify(quote.quote)}, quoted by project "${quote.project}" (${quote.what}): ${problem}`,
    });
  }
  return errors;
}

/**
 * What a file may not take from another project: a key belongs to one municipality (a copied file
 * still carrying "kazanlak", or RSE37 typed for RSE27, would move a project: MUNICIPALITY_CHANGE); a
 * registration number to one project (REGISTRATION_NUMBER_TAKEN); a stored source cited by another
 * municipality's projects is not rewritten by this one's file (SOURCE_CITED_ELSEWHERE).
 */
export async function ownershipErrors(
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
        code: ImportRefusalCode.MUNICIPALITY_CHANGE,
        reason:
          `project "${key}" belongs to ${before} (${name(before!)}); this file would move it to ` +
          `${municipalityCode} (${name(municipalityCode)}). Use another key for a new project; an administrator may allow the move explicitly.`,
      });
    }
  }
  for (const { ordinal, number, owner } of await staged.registrationNumbersTaken()) {
    errors.push({
      file: files.at(ordinal)!.name,
      path: '$.registrationNumber.value',
      code: ImportRefusalCode.REGISTRATION_NUMBER_TAKEN,
      reason: `registration number ${number} is already held by project "${owner}"`,
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
          code: ImportRefusalCode.SOURCE_CITED_ELSEWHERE,
          reason: `source "${key}" is cited by projects of ${others.join(', ')} and would be changed; give the new page its own key`,
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
export async function forbiddenErrors(
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
          code: ImportRefusalCode.FORBIDDEN,
          reason: `project "${key}" belongs to ${name(before)}; ${may}`,
        }
      : {
          file: files.at(ordinal)!.name,
          path: '$.municipalityCode',
          code: ImportRefusalCode.FORBIDDEN,
          reason: `project "${key}" is of ${name(municipalityCode)}; ${may}`,
        },
  );
}

/** Synthetic benchmark data never lands beside the real dataset (or the reverse) unless asked. */
export async function mixingErrors(
  manager: EntityManager,
  files: InputFiles,
  staged: StagedFiles,
): Promise<ImportError[]> {
  if (staged.size === 0) return [];
  const [present] = await manager.query(
    "SELECT bool_or(key LIKE 'synthetic-%') AS synthetic, bool_or(key NOT LIKE 'synthetic-%') AS real FROM projects",
  );
  // A synthetic file is refused beside real projects, a real one beside synthetic projects.
  const refused = [...(present.real ? [true] : []), ...(present.synthetic ? [false] : [])];
  return (await staged.withSyntheticFlag(refused)).map(({ ordinal, synthetic }) => ({
    file: files.at(ordinal)!.name,
    path: '$.synthetic',
    code: ImportRefusalCode.SYNTHETIC_MIXING,
    reason: synthetic
      ? 'synthetic project refused: this database holds the real dataset (import with --allow-mixing to force)'
      : 'real project refused: this database holds synthetic benchmark data (import with --allow-mixing to force)',
  }));
}

/** Keys, contract numbers and source definitions that files of the import give differently, in file order. */
export async function crossFileErrors(files: InputFiles, staged: StagedFiles): Promise<ImportError[]> {
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
        code: ImportRefusalCode.KEY_USED_TWICE,
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
        code: ImportRefusalCode.CONTRACT_NUMBER_TAKEN,
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
        code: ImportRefusalCode.SOURCE_DEFINED_TWICE,
        reason: `source "${key}" is defined differently in ${files.at(other)!.name}`,
      },
    ]);
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return found.map(([, , , error]) => error);
}
