import { createHash } from 'node:crypto';
import { copyField } from './copy-text';
import type { SourceEntry } from './project-file';

/**
 * The rows pass 1 stages, as lines of COPY's text format: made where a file was checked (a worker thread
 * or the main thread), written by staged-files.ts and staged-sources.ts. No database here.
 */

/** What pass 1 keeps of a valid file (staged in the database: staged-files.ts): enough for the cross-file checks, not the document. */
export interface Summary {
  key: string;
  municipalityCode: string;
  registrationNumber: string | null;
  synthetic: boolean;
  hash: string;
  /** SHA-256 of the file's text: pass 2 reads the file again and checks it is the same (cheaper than hashing the document again). */
  textSha256: string;
  contracts: string[];
  /** Each source the file defines, as a digest of its definition (its text as a SHA-256): files defining one source differently are refused. */
  sources: { key: string; digest: string }[];
  /** Sources this file quotes without giving their text: checked after pass 1 against a text stored or given by another file. */
  quotedWithoutText: string[];
}

export const STAGED_COLUMNS = [
  'ordinal',
  'key',
  'municipality_code',
  'registration_number',
  'synthetic',
  'hash',
  'text_sha256',
  'contracts',
  'sources',
  'quoted_without_text',
];

/** A valid file's summary as a COPY line of the staging table (STAGED_COLUMNS): made where the file was checked, a worker thread or this one. */
export function stagedLine(ordinal: number, summary: Summary): string {
  const fields = [
    ordinal,
    summary.key,
    summary.municipalityCode,
    summary.registrationNumber,
    summary.synthetic,
    summary.hash,
    summary.textSha256,
  ].map((value) => copyField(value, false));
  fields.push(
    copyField(summary.contracts, true),
    copyField(
      summary.sources.map((source) => [source.key, source.digest]),
      true,
    ),
    copyField(summary.quotedWithoutText, true),
  );
  return fields.join('\t');
}

export const SOURCE_COLUMNS = [
  'seq',
  'key',
  'url',
  'title',
  'publisher',
  'published_on',
  'kind',
  'language',
  'text',
  'text_sha256',
];

/** A source definition as a COPY line of `import_source_rows`; `seq` orders definitions (a later one wins). */
export function sourceLine(seq: number, source: SourceEntry): string {
  return [
    seq,
    source.key,
    source.url,
    source.title,
    source.publisher,
    source.publishedOn,
    source.kind,
    source.language,
    source.text,
    source.text === undefined ? null : createHash('sha256').update(source.text, 'utf8').digest('hex'),
  ]
    .map((value) => copyField(value, false))
    .join('\t');
}
