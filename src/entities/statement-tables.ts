/**
 * The tables holding one row per sourced statement about a project: each row has `project_id`, `source_key`,
 * `note` and (but for procedure citations) `as_published`. Named once for every statement that reads them all.
 */
export const STATEMENT_TABLES = [
  'project_period_statements',
  'contracts',
  'funding_amounts',
  'partnerships',
  'activities',
  'target_groups',
  'indicator_values',
  'procedure_citations',
];
