import { createHash } from 'node:crypto';
import { hostileTextPaths } from '../domain/hostile-text';
import { type ImportError, ImportRefusalCode } from './import-errors';
import type { InputFile } from './input-files';
import type { ProjectFile, SourceEntry } from './project-file';
import { QUALITY_RULES_VERSION } from './quality';
import { MAX_SOURCE_TEXT, normaliseForQuotes, quoteProblem, quotesOf } from './quotes';
import { type Summary, sourceLine, stagedLine } from './staged-lines';
import { contentHash, stableStringify } from '../domain/stable-json';
import { valueErrors } from './value-checks';
import { type KnownCodes, validateProjectFile } from './validate';

/**
 * Pass 1 of an import for one file, on its own: validation, the warning, the hashes, the source texts,
 * the quotes, and each value against its quote. Nothing here reads the database or another file, so a large import runs it in worker
 * threads (check-files.ts) and only merges the results, a batch of files at a time, on the main thread.
 */

/** A warning about a file: imported, but it deserves a look (never a refusal). */
export interface FileWarning {
  file: string;
  path: string;
  /** MUNICIPALITY_NOT_MENTIONED: neither the title, the aim, nor any source's title or publisher names the municipality. */
  code: string;
  message: string;
}

/** What pass 1 finds in one file. */
export interface FileCheck {
  errors: ImportError[];
  warning?: Omit<FileWarning, 'file'>;
  /** For a valid document: its summary and its sources, texts attached. */
  summary?: Summary;
  sources: SourceEntry[];
}

export function checkFile(file: InputFile, known: KnownCodes): FileCheck {
  const result = validateProjectFile(file, known);
  const errors = [...result.errors];
  const document = result.document;
  if (!document) return { errors, sources: [] };
  const warning = municipalityNotMentioned(document, known);
  // The hash is of the file as written; a text beside it is the source's, revised with the source.
  const hash = projectHash(document);
  errors.push(...attachSourceTexts(file, document));
  const quotedWithoutText = new Set<string>();
  errors.push(
    ...checkQuotes(file, document, (key) => {
      const text = document.sources.find((source) => source.key === key)?.text;
      if (text === undefined) quotedWithoutText.add(key);
      return text;
    }),
  );
  errors.push(...valueErrors(file, document));
  return {
    errors,
    warning,
    summary: {
      key: document.key,
      municipalityCode: document.municipalityCode,
      registrationNumber: document.registrationNumber?.value ?? null,
      synthetic: Boolean(document.synthetic),
      hash,
      textSha256: digest(result.text!),
      contracts: document.contracts.map((entry) => entry.number),
      // Digests, not the definitions: one summary per file is staged for the checks across files.
      sources: document.sources.map((source) => ({
        key: source.key,
        digest: digest(
          stableStringify({ ...source, text: source.text === undefined ? undefined : sha256(source.text) }),
        ),
      })),
      quotedWithoutText: [...quotedWithoutText],
    },
    sources: document.sources,
  };
}

/**
 * What pass 1 finds in a run of consecutive files, in the form the main thread merges: one object per
 * batch, not per file. The valid files' summaries come as the staging table's COPY lines (their
 * ordinals from `first`), and the sources as this batch's merge of them. A large import's worker
 * threads return this: the main thread then neither receives an object graph per file nor formats
 * its line, and what waits for it is a few strings per batch.
 */
export interface BatchCheck {
  /** Refusals, in file order. */
  errors: ImportError[];
  warnings: FileWarning[];
  /** The valid files' summaries, one COPY line each (stagedLine), joined by newlines; '' when none. */
  staged: string;
  /** How many lines `staged` has. */
  stagedCount: number;
  /** The sources the files define, merged in file order (mergeSource), as COPY lines of the staged sources (sourceLine, `first` their order); '' when none. */
  sources: string;
  sourceCount: number;
}

export function checkBatch(files: InputFile[], first: number, known: KnownCodes): BatchCheck {
  const batch: BatchCheck = { errors: [], warnings: [], staged: '', stagedCount: 0, sources: '', sourceCount: 0 };
  const lines: string[] = [];
  const sources = new Map<string, SourceEntry>();
  files.forEach((file, index) => {
    const check = checkFile(file, known);
    for (const error of check.errors) batch.errors.push(error);
    if (check.warning) batch.warnings.push({ file: file.name, ...check.warning });
    if (!check.summary) return;
    lines.push(stagedLine(first + index, check.summary));
    for (const source of check.sources) mergeSource(sources, source);
  });
  batch.staged = lines.join('\n');
  batch.stagedCount = lines.length;
  batch.sources = [...sources.values()].map((source) => sourceLine(first, source)).join('\n');
  batch.sourceCount = sources.size;
  return batch;
}

/**
 * Adds a source definition to those seen so far, by key: the later definition is kept, and a file that
 * does not bring the text keeps the one an earlier file brought (StagedSources merges the batches so).
 */
function mergeSource(sources: Map<string, SourceEntry>, source: SourceEntry): void {
  const text = source.text ?? sources.get(source.key)?.text;
  sources.set(source.key, text === undefined ? source : { ...source, text });
}

/** What decides whether a project must be written again: its file and the rules deriving its flags. */
export function projectHash(document: ProjectFile): string {
  return contentHash({ qualityRules: QUALITY_RULES_VERSION, document });
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The same in base64: 44 characters kept per file instead of 64. */
export const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** Gives each source of the document its text: in the file (`sources[].text`) or beside it (`<key>.txt`). */
function attachSourceTexts(file: InputFile, document: ProjectFile): ImportError[] {
  const errors: ImportError[] = [];
  document.sources.forEach((source, index) => {
    let text = source.text;
    let path = `$.sources[${index}].text`;
    if (text === undefined && file.sourceText) {
      path = `$.sources[${index}] (${source.key}.txt beside the file)`;
      try {
        text = file.sourceText(source.key);
      } catch (error) {
        errors.push({
          file: file.name,
          path,
          code: ImportRefusalCode.SOURCE_TEXT_UNREADABLE,
          reason: (error as Error).message,
        });
        return;
      }
    }
    if (text === undefined) return;
    text = text.replace(/^\uFEFF/, '');
    if (text.length > MAX_SOURCE_TEXT) {
      errors.push({
        file: file.name,
        path,
        code: ImportRefusalCode.INVALID,
        reason: `the source text has ${text.length} characters; at most ${MAX_SOURCE_TEXT} are kept`,
      });
    } else if (hostileTextPaths([[text, path]], 1).length > 0) {
      errors.push({
        file: file.name,
        path,
        code: ImportRefusalCode.INVALID,
        reason: 'contains a NUL character or a lone UTF-16 surrogate, which no published text contains',
      });
    } else if (text.trim() === '') {
      errors.push({ file: file.name, path, code: ImportRefusalCode.INVALID, reason: 'the source text is empty' });
    } else {
      source.text = text;
    }
  });
  return errors;
}

/** Every quote of the document whose source has a text (as `textOf` finds it) must be in that text. */
export function checkQuotes(
  file: InputFile,
  document: ProjectFile,
  textOf: (key: string) => string | undefined,
  only?: Set<string>,
): ImportError[] {
  const errors: ImportError[] = [];
  const normalised = new Map<string, string>();
  for (const quote of quotesOf(document)) {
    if (only && !only.has(quote.source)) continue;
    const text = textOf(quote.source);
    if (text === undefined) continue;
    if (!normalised.has(quote.source)) normalised.set(quote.source, normaliseForQuotes(text));
    const problem = quoteProblem(quote.text, normalised.get(quote.source)!);
    if (problem) {
      errors.push({
        file: file.name,
        path: quote.path,
        code: ImportRefusalCode.QUOTE_NOT_IN_SOURCE,
        reason: `${JSON.stringify(quote.text)} (source "${quote.source}") ${problem}`,
      });
    }
  }
  return errors;
}

/**
 * A file whose title, aim and sources (titles and publishers) never name its municipality, in
 * Bulgarian or Latin: perhaps a copied file, or a mistyped code (RSE37 for RSE27).
 */
function municipalityNotMentioned(document: ProjectFile, known: KnownCodes): FileCheck['warning'] {
  const names = known.municipalityNames.get(document.municipalityCode);
  if (!names) return undefined;
  const texts = [
    document.title?.value,
    document.aim?.value,
    ...document.sources.flatMap((source) => [source.title, source.publisher]),
  ]
    .filter((text): text is string => Boolean(text))
    .map((text) => text.toLowerCase());
  const wanted = names.map((name) => name.toLowerCase());
  if (texts.some((text) => wanted.some((name) => text.includes(name)))) return undefined;
  return {
    path: '$.municipalityCode',
    code: 'MUNICIPALITY_NOT_MENTIONED',
    message: `neither the title, the aim nor any source names ${document.municipalityCode} (${names.join(' / ')}); check the code and the file`,
  };
}
