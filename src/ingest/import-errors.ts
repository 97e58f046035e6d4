/**
 * Why an import refuses a file: one code per kind of refusal, stable for clients (the CLI prints it, the
 * API returns it as `extensions.errors[].code`), each documented in docs/import-format.md.
 */
export enum ImportRefusalCode {
  /** The file is not a valid project file: JSON, the format's schema, or a rule of the format. */
  INVALID = 'INVALID',
  /** The file cannot be read as an import file (not a regular file, too large, not UTF-8). */
  UNREADABLE_FILE = 'UNREADABLE_FILE',
  /** A source's text kept beside the file (`<key>.txt`) cannot be read. */
  SOURCE_TEXT_UNREADABLE = 'SOURCE_TEXT_UNREADABLE',
  /** A quote (`asPublished`, a procedure quote) is not in the text of the source it cites. */
  QUOTE_NOT_IN_SOURCE = 'QUOTE_NOT_IN_SOURCE',
  /** A value typed beside a quote is not the value the quote states (or its hedge word contradicts the qualifier). */
  VALUE_NOT_IN_QUOTE = 'VALUE_NOT_IN_QUOTE',
  /** Two files of one import use the same project key. */
  KEY_USED_TWICE = 'KEY_USED_TWICE',
  /** A contract number is used by another project (of the import or stored). */
  CONTRACT_NUMBER_TAKEN = 'CONTRACT_NUMBER_TAKEN',
  /** Two files of one import define the same source differently. */
  SOURCE_DEFINED_TWICE = 'SOURCE_DEFINED_TWICE',
  /** Synthetic benchmark projects and real ones would share the database. */
  SYNTHETIC_MIXING = 'SYNTHETIC_MIXING',
  /** The file would move a stored project to another municipality. */
  MUNICIPALITY_CHANGE = 'MUNICIPALITY_CHANGE',
  /** The registration number belongs to another stored project. */
  REGISTRATION_NUMBER_TAKEN = 'REGISTRATION_NUMBER_TAKEN',
  /** The file would change a stored source that projects of other municipalities cite. */
  SOURCE_CITED_ELSEWHERE = 'SOURCE_CITED_ELSEWHERE',
  /** An editor's token may not write this municipality's projects. */
  FORBIDDEN = 'FORBIDDEN',
  /** The file changed on disk between the two passes of the import. */
  FILE_CHANGED = 'FILE_CHANGED',
}

/** One reason a file was refused: which file, where in it (JSONPath), the code and why. */
export interface ImportError {
  file: string;
  path: string;
  code: ImportRefusalCode;
  reason: string;
}

/** Refusal of a whole import: nothing was written. Carries every reason, in file order. */
/** A reason as the command line prints it: after its code, unless the code is INVALID (the format's own rules). */
export const withCode = (code: string, reason: string): string =>
  code === ImportRefusalCode.INVALID ? reason : `${code}: ${reason}`;

export class ImportValidationError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(
      `import refused, nothing was written (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((error) => `  ${error.file} ${error.path}: ${withCode(error.code, error.reason)}`).join('\n'),
    );
  }
}
