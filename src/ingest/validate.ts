import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { PROJECT_ROOT } from '../config';
import { parseContractNumber } from '../domain/contract-number';
import { hostileTextPaths } from '../domain/hostile-text';
import { isRealDate } from '../domain/period';
import { type ImportError, ImportRefusalCode } from './import-errors';
import type { InputFile } from './input-files';
import type { ProjectFile } from './project-file';
import { fileContent, UnreadableFileError } from './read-file';

/** What the database already knows, for the checks that need it. */
export interface KnownCodes {
  municipalities: Set<string>;
  programmes: Set<string>;
  procedures: Set<string>;
  indicators: Set<string>;
  /** Canonical contract number → key of the project holding it. */
  contractOwners: Map<string, string>;
  /** Municipality code → its names (Bulgarian, Latin). */
  municipalityNames: Map<string, string[]>;
}

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

  const sourceKeys = new Set<string>();
  document.sources.forEach((source, index) => {
    if (sourceKeys.has(source.key)) fail(`$.sources[${index}].key`, `source "${source.key}" is defined twice`);
    sourceKeys.add(source.key);
    if (source.publishedOn !== null && !isRealDate(source.publishedOn))
      fail(`$.sources[${index}].publishedOn`, `impossible date "${source.publishedOn}"`);
    if (source.url !== null && !/^https?:\/\/\S+$/.test(source.url))
      fail(`$.sources[${index}].url`, 'must be an http(s) URL or null');
  });
  const checkSource = (jsonPath: string, key: string) => {
    if (!sourceKeys.has(key)) fail(`${jsonPath}.source`, `source "${key}" is not defined in this file's "sources"`);
  };
  const checkDate = (jsonPath: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && !isRealDate(value)) fail(jsonPath, `impossible date "${value}"`);
  };
  const checkProgramme = (jsonPath: string, code: string | null) => {
    if (code !== null && !known.programmes.has(code)) fail(jsonPath, `unknown programme code "${code}"`);
  };

  if (Boolean(document.synthetic) !== document.key.startsWith('synthetic-')) {
    fail(
      '$.key',
      document.synthetic
        ? 'synthetic projects must have keys starting with "synthetic-"'
        : 'keys starting with "synthetic-" are reserved for synthetic projects ("synthetic": true)',
    );
  }
  if (!known.municipalities.has(document.municipalityCode))
    fail('$.municipalityCode', `unknown municipality code "${document.municipalityCode}"`);
  if (!known.procedures.has(document.procedureCode))
    fail('$.procedureCode', `unknown procedure code "${document.procedureCode}"`);

  if (document.title) checkSource('$.title', document.title.source);
  else if (!document.missing.some((entry) => entry.field === 'title'))
    fail('$.title', 'null without a "missing" entry giving the reason');
  if (document.aim) checkSource('$.aim', document.aim.source);
  if (document.status) {
    checkSource('$.status', document.status.source);
    checkDate('$.status.asOf', document.status.asOf);
  }
  if (document.registrationNumber) {
    const entry = document.registrationNumber;
    checkSource('$.registrationNumber', entry.source);
    const parsed = parseContractNumber(entry.asPublished);
    if (!parsed || parsed.registrationNumber !== entry.value) {
      fail('$.registrationNumber.asPublished', `"${entry.asPublished}" does not normalise to ${entry.value}`);
    }
  }
  document.procedureCitations.forEach((entry, index) => checkSource(`$.procedureCitations[${index}]`, entry.source));

  const starts: string[] = [];
  const ends: { date: string; index: number }[] = [];
  document.period.forEach((entry, index) => {
    const at = `$.period[${index}]`;
    checkSource(at, entry.source);
    if (entry.field === 'DURATION_MONTHS') {
      if (entry.months === undefined) fail(`${at}.months`, 'required for DURATION_MONTHS');
      if (entry.date !== undefined) fail(`${at}.date`, 'not allowed for DURATION_MONTHS');
      return;
    }
    if (entry.months !== undefined) fail(`${at}.months`, `not allowed for ${entry.field}`);
    if (entry.date === undefined) return fail(`${at}.date`, `required for ${entry.field}`);
    if (!isRealDate(entry.date)) return fail(`${at}.date`, `impossible date "${entry.date}"`);
    if (entry.field === 'START_DATE') starts.push(entry.date);
    else ends.push({ date: entry.date, index });
  });
  for (const end of ends) {
    const later = starts.find((start) => start > end.date);
    if (later) fail(`$.period[${end.index}].date`, `end date ${end.date} is before start date ${later}`);
  }

  document.contracts.forEach((entry, index) => {
    const at = `$.contracts[${index}]`;
    checkSource(at, entry.source);
    checkProgramme(`${at}.programme`, entry.programme);
    checkDate(`${at}.signedOn`, entry.signedOn);
    const parsed = parseContractNumber(entry.asPublished);
    if (!parsed || parsed.kind === 'REGISTRATION') {
      fail(`${at}.asPublished`, `"${entry.asPublished}" is not a contract number of procedure BG05M9OP001-2.056`);
    } else if (parsed.canonical !== entry.number) {
      fail(`${at}.number`, `must be the canonical form of asPublished: ${parsed.canonical}`);
    } else if (parsed.programmeCode !== entry.programme) {
      fail(`${at}.programme`, `contract ${entry.number} belongs to programme ${parsed.programmeCode}`);
    }
    const owner = known.contractOwners.get(entry.number);
    if (owner && owner !== document.key)
      fail(
        `${at}.number`,
        `contract number ${entry.number} is already used by project "${owner}"`,
        ImportRefusalCode.CONTRACT_NUMBER_TAKEN,
      );
  });

  document.funding.forEach((entry, index) => {
    const at = `$.funding[${index}]`;
    checkSource(at, entry.source);
    checkProgramme(`${at}.programme`, entry.programme);
    const amount = entry.amount.trim();
    if (/^-/.test(amount)) fail(`${at}.amount`, `must not be negative: "${entry.amount}"`);
    else if (/^\d+\.\d{3,}$/.test(amount)) fail(`${at}.amount`, `has more than two decimals: "${entry.amount}"`);
    else if (!/^\d{1,12}(\.\d{1,2})?$/.test(amount))
      fail(`${at}.amount`, `must be a decimal number such as "1555364.20", got "${entry.amount}"`);
  });

  document.partners.forEach((entry, index) => {
    checkSource(`$.partners[${index}]`, entry.source);
    checkProgramme(`$.partners[${index}].programme`, entry.programme);
  });
  document.activities.forEach((entry, index) => {
    checkSource(`$.activities[${index}]`, entry.source);
    checkProgramme(`$.activities[${index}].programme`, entry.programme);
  });
  document.targetGroups.forEach((entry, index) => {
    checkSource(`$.targetGroups[${index}]`, entry.source);
    checkProgramme(`$.targetGroups[${index}].programme`, entry.programme);
  });
  document.indicators.forEach((entry, index) => {
    const at = `$.indicators[${index}]`;
    checkSource(at, entry.source);
    checkDate(`${at}.asOf`, entry.asOf);
    if (!known.indicators.has(entry.code)) fail(`${at}.code`, `unknown indicator code "${entry.code}"`);
    if (Math.round(entry.value * 100) !== entry.value * 100) fail(`${at}.value`, 'has more than two decimals');
  });

  return errors.length ? { errors } : { document, text, errors };
}
