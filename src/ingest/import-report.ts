import type { FileWarning } from './check-file';

/** What an import did, or in a dry run would do, and how it was asked to run. */

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
  /** The project's quality flags after the import (in a dry run: those it would have). */
  qualityFlags?: ImportedQualityFlag[];
}

export interface ImportedQualityFlag {
  code: string;
  severity: string;
  field: string;
  message: string;
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
  /** Called right before the import commits; what it throws rolls the import back (the import rejects with it). */
  beforeCommit?: () => void;
}
