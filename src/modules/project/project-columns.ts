import { columns, type SQL } from '../../db/sql';

/**
 * The columns a selection of Project fields needs, where every selected field is one of these; any
 * other field (statements, flags, period …) reads every column. `id`, `key` and the
 * municipality are always read.
 */
const LIGHT_FIELDS: Record<string, string[]> = {
  __typename: [],
  id: [],
  key: [],
  municipality: [],
  title: ['title'],
  titleLatin: ['title_latin'],
  status: ['status'],
  statusAsOf: ['status_as_of'],
  confirmation: ['confirmation'],
  revision: ['revision'],
  aim: ['aim'],
  registrationNumber: ['registration_number'],
  registrationNumberAsPublished: ['registration_number_as_published'],
  // Read from the reconciled total alone (ProjectResolver.budget), whatever its currency argument.
  budget: ['total_budget_bgn'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
};

/** The select list for a selection of Project fields (all columns when `fields` is absent or not all light). */
export function projectColumnsFor(fields: Set<string> | undefined): SQL {
  if (!fields || ![...fields].every((field) => field in LIGHT_FIELDS)) return PROJECT_COLUMNS;
  const names = new Set(['id', 'key', 'municipality_code', 'procedure_code']);
  for (const field of fields) for (const column of LIGHT_FIELDS[field]) names.add(column);
  const key = [...names].join(',');
  let list = SELECT_LISTS.get(key);
  if (!list) {
    list = columns('p', [...names]);
    // The combinations of light fields are few (at most 2^15), but bounded all the same.
    if (SELECT_LISTS.size < 1_000) SELECT_LISTS.set(key, list);
  }
  return list;
}

/** Select lists made by projectColumnsFor, by their columns. */
const SELECT_LISTS = new Map<string, SQL>();

/** Every column of `projects` but the imported file (`document`) and `search_text`, which the API never shows. */
const PROJECT_COLUMN_NAMES = [
  'id',
  'key',
  'municipality_code',
  'procedure_code',
  'title',
  'title_latin',
  'title_source_key',
  'registration_number',
  'registration_number_as_published',
  'registration_number_source_key',
  'status',
  'status_as_of',
  'status_source_key',
  'confirmation',
  'aim',
  'aim_source_key',
  'start_date',
  'end_date',
  'stated_duration_months',
  'total_budget_bgn',
  'missing',
  'notes',
  'content_hash',
  'revision',
  'created_at',
  'updated_at',
];
export const PROJECT_COLUMNS = columns('p', PROJECT_COLUMN_NAMES);
