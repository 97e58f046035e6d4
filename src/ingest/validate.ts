import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { PROJECT_ROOT } from '../config';
import { jsonStructureProblem } from '../domain/json-structure';
import { hostileTextPaths } from '../domain/hostile-text';
import { checkDocument, type KnownCodes } from './document-rules';
import { type ImportError, ImportRefusalCode } from './import-errors';
import type { InputFile } from './input-files';
import type { ProjectFile } from './project-file';
import { fileContent, UnreadableFileError } from './read-file';

/** What the database already knows, for the checks that need it. */
export type { KnownCodes } from './document-rules';

let compiled: ReturnType<Ajv2020['compile']> | undefined;

function schemaValidator() {
  if (!compiled) {
    const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'project-import.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** JSON pointer `/funding/2/amount` → JSONPath `$.funding[2].amount`. */
function toJsonPath(pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra) parts.push(extra);
  return '$' + parts.map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('');
}

function describe(error: ErrorObject): { path: string; reason: string } {
  switch (error.keyword) {
    case 'required':
      return {
        path: toJsonPath(error.instancePath, String(error.params.missingProperty)),
        reason: 'required field is missing',
      };
    case 'additionalProperties':
      return { path: toJsonPath(error.instancePath, String(error.params.additionalProperty)), reason: 'unknown field' };
    case 'enum':
      return {
        path: toJsonPath(error.instancePath),
        reason: `must be one of ${(error.params.allowedValues as string[]).join(', ')}`,
      };
    case 'const':
      return { path: toJsonPath(error.instancePath), reason: `must be ${JSON.stringify(error.params.allowedValue)}` };
    default:
      return { path: toJsonPath(error.instancePath), reason: error.message ?? error.keyword };
  }
}

/**
 * Parses and checks one file. Structural errors come from the JSON Schema; the rest (real dates,
 * end after start, exact amounts, known codes, defined sources, canonical and unique contract
 * numbers) from the checks below. Returns the document only when there is no error.
 */
export function validateProjectFile(
  file: InputFile,
  known: KnownCodes,
): { document?: ProjectFile; text?: string; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (jsonPath: string, reason: string, code = ImportRefusalCode.INVALID) =>
    errors.push({ file: file.name, path: jsonPath, code, reason });

  let data: unknown;
  let text: string;
  try {
    text = fileContent(file);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    fail('$', `the file ${error.message}`, ImportRefusalCode.UNREADABLE_FILE);
    return { errors };
  }
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail('$', `malformed JSON: ${(error as Error).message}`);
    return { errors };
  }
  // What JSON.parse lets through: a key given twice (the last would win), nesting too deep to write back.
  const structure = jsonStructureProblem(text);
  if (structure) {
    fail(structure.path, structure.reason);
    return { errors };
  }
  const hostile = hostileTextPaths([[data, '$']], 20);
  if (hostile.length) {
    for (const where of hostile.slice(0, 20))
      fail(where, 'contains a NUL character or a lone UTF-16 surrogate, which no published text contains');
    return { errors };
  }
  const validate = schemaValidator();
  if (!validate(data)) {
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      // `oneOf` failures repeat what their branches said; keep the specific messages.
      if (error.keyword === 'oneOf' || (error.keyword === 'type' && error.instancePath === '')) continue;
      const { path: where, reason } = describe(error);
      const id = `${where} ${reason}`;
      if (!seen.has(id)) {
        seen.add(id);
        fail(where, reason);
      }
    }
    if (errors.length === 0) fail('$', 'does not match schema/project-import.schema.json');
    return { errors };
  }
  const document = data as ProjectFile;

  checkDocument(document, known, fail);
  return errors.length ? { errors } : { document, text, errors };
}
