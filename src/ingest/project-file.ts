import type {
  ActivityCategory,
  Basis,
  FundingKind,
  OrganisationType,
  PartnerRole,
  PeriodField,
  ProjectStatus,
  Qualifier,
  SourceKind,
  TargetGroupCategory,
} from '../domain/enums';

import { readImportFile } from './read-file';

/** One project file of the public import format (`schema/project-import.schema.json`, version 1). */
export interface ProjectFile {
  formatVersion: 1;
  /** Generated benchmark data (key starts with `synthetic-`). */
  synthetic?: boolean;
  key: string;
  municipalityCode: string;
  procedureCode: string;
  sources: SourceEntry[];
  title: { value: string; source: string } | null;
  registrationNumber?: { value: string; asPublished: string; source: string; note?: string } | null;
  status?: { value: ProjectStatus; asOf: string | null; source: string; note?: string } | null;
  aim?: { value: string; source: string } | null;
  procedureCitations: { quote: string; source: string }[];
  period: PeriodEntry[];
  contracts: ContractEntry[];
  funding: FundingEntry[];
  partners: PartnerEntry[];
  activities: ActivityEntry[];
  targetGroups: TargetGroupEntry[];
  indicators: IndicatorEntry[];
  missing: { field: string; reason: string }[];
  notes: string[];
}

export interface SourceEntry {
  key: string;
  url: string | null;
  title: string;
  publisher: string;
  publishedOn: string | null;
  kind: SourceKind;
  language: string;
  /** The page's text (or an excerpt), when the file brings it. */
  text?: string;
}

interface Sourced {
  source: string;
  note?: string;
}

export interface PeriodEntry extends Sourced {
  field: PeriodField;
  date?: string;
  months?: number;
  asPublished?: string;
}

export interface ContractEntry extends Sourced {
  programme: string;
  number: string;
  asPublished: string;
  signedOn: string | null;
}

export interface FundingEntry extends Sourced {
  programme: string | null;
  kind: FundingKind;
  amount: string;
  currency: 'BGN' | 'EUR';
  qualifier: Qualifier;
  asPublished: string;
}

export interface PartnerEntry extends Sourced {
  name: string;
  type: OrganisationType;
  role: PartnerRole;
  programme: string | null;
}

export interface ActivityEntry extends Sourced {
  programme: string | null;
  number: number | null;
  title: string;
  category: ActivityCategory;
}

export interface TargetGroupEntry extends Sourced {
  programme: string | null;
  description: string;
  category: TargetGroupCategory;
}

export interface IndicatorEntry extends Sourced {
  code: string;
  value: number;
  qualifier: Qualifier;
  basis: Basis;
  asOf: string | null;
  breakdown: string | null;
  asPublished: string;
}

/**
 * An input file: its name (for error messages) and its raw text, given directly or read on demand
 * (large imports read each file twice rather than hold every file in memory).
 */
export interface InputFile {
  name: string;
  content?: string;
  read?: () => string;
  /** The text of a source kept beside the file (`<key>.txt`), if there is one. */
  sourceText?: (key: string) => string | undefined;
  /** A file on disk, read from there when neither `content` nor `read` is given (a worker thread, which cannot take a closure, reads it the same way). */
  location?: FileLocation;
}

/**
 * The files of an import, in order: an array, or a listing that makes each entry when asked (the
 * command line's ListedFiles: 265,000 entries kept as objects were 170 MB of heap).
 */
export interface InputFiles {
  readonly length: number;
  at(index: number): InputFile | undefined;
}

/** A file on disk: its name, its path, the largest size read, and the directory of its `<key>.txt` texts. */
export interface FileLocation {
  name: string;
  path: string;
  maxBytes: number;
  besideDir: string;
}

/** The file's text, a UTF-8 byte-order mark dropped (every reader of an import file goes through here). */
export function fileContent(file: InputFile): string {
  const text =
    file.content ?? file.read?.() ?? (file.location && readImportFile(file.location.path, file.location.maxBytes));
  if (text === undefined) throw new Error(`${file.name}: no content`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One reason a file was refused: which file, where in it (JSONPath), and why. */
export interface ImportError {
  file: string;
  path: string;
  reason: string;
  /** A stable code for refusals a client may act on (MUNICIPALITY_CHANGE, REGISTRATION_NUMBER_TAKEN, SOURCE_CITED_ELSEWHERE). */
  code?: string;
}

export class ImportValidationError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(
      `import refused, nothing was written (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((error) => `  ${error.file} ${error.path}: ${error.reason}`).join('\n'),
    );
  }
}
