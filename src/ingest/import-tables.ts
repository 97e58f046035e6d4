import { STATEMENT_TABLES } from '../entities/statement-tables';

/** The tables an import reads and writes, named once for the importer's statements. */

/** Tables of sourced statements (each row has a source_key), and with the quality flags every child table of a project. */
export const SOURCED_TABLES = STATEMENT_TABLES;
export const CHILD_TABLES = [...SOURCED_TABLES, 'quality_flags', 'project_programmes', 'project_amounts'];

/** Tables an import writes, whose statistics and visibility map the read path's plans depend on. */
export const WRITTEN_TABLES = [
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
