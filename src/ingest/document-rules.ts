import { parseContractNumber } from '../domain/contract-number';
import { isRealDate } from '../domain/period';
import { ImportRefusalCode } from './import-errors';
import type { ProjectFile } from './project-file';

/**
 * The rules of the import format that the JSON Schema cannot state: real dates, an end after the start,
 * exact amounts, known codes, defined sources, canonical and unique contract numbers. Pure: each rule
 * reports through `fail` with the JSON path and the reason.
 */

/** What the database holds that a file's codes are checked against. */
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

export type Fail = (jsonPath: string, reason: string, code?: ImportRefusalCode) => void;

/** Checks shared by the rules: a statement's source is defined, a date is real, a programme is known. */
interface Checks {
  fail: Fail;
  known: KnownCodes;
  checkSource(jsonPath: string, key: string): void;
  checkDate(jsonPath: string, value: string | null | undefined): void;
  checkProgramme(jsonPath: string, code: string | null): void;
}

export function checkDocument(document: ProjectFile, known: KnownCodes, fail: Fail): void {
  const sourceKeys = definedSources(document, fail);
  const checks: Checks = {
    fail,
    known,
    checkSource: (jsonPath, key) => {
      if (!sourceKeys.has(key)) fail(`${jsonPath}.source`, `source "${key}" is not defined in this file's "sources"`);
    },
    checkDate: (jsonPath, value) => {
      if (value !== null && value !== undefined && !isRealDate(value)) fail(jsonPath, `impossible date "${value}"`);
    },
    checkProgramme: (jsonPath, code) => {
      if (code !== null && !known.programmes.has(code)) fail(jsonPath, `unknown programme code "${code}"`);
    },
  };
  checkHeader(document, checks);
  checkPeriod(document, checks);
  checkContracts(document, checks);
  checkFunding(document, checks);
  checkOtherStatements(document, checks);
}

/** The file's sources: each key once, real publication dates, http(s) URLs. */
function definedSources(document: ProjectFile, fail: Fail): Set<string> {
  const sourceKeys = new Set<string>();
  document.sources.forEach((source, index) => {
    if (sourceKeys.has(source.key)) fail(`$.sources[${index}].key`, `source "${source.key}" is defined twice`);
    sourceKeys.add(source.key);
    if (source.publishedOn !== null && !isRealDate(source.publishedOn))
      fail(`$.sources[${index}].publishedOn`, `impossible date "${source.publishedOn}"`);
    if (source.url !== null && !/^https?:\/\/\S+$/.test(source.url))
      fail(`$.sources[${index}].url`, 'must be an http(s) URL or null');
  });
  return sourceKeys;
}

/** Key, municipality, procedure, title, aim, status, registration number and procedure citations. */
function checkHeader(document: ProjectFile, { fail, known, checkSource, checkDate }: Checks): void {
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
      fail(
        '$.registrationNumber.value',
        `the quote says ${parsed?.registrationNumber ?? `"${entry.asPublished}"`}, the value is ${entry.value}`,
        ImportRefusalCode.VALUE_NOT_IN_QUOTE,
      );
    }
  }
  document.procedureCitations.forEach((entry, index) => checkSource(`$.procedureCitations[${index}]`, entry.source));
}

/** Period statements: a date for a date field, months for a duration; no end before a start. */
function checkPeriod(document: ProjectFile, { fail, checkSource }: Checks): void {
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
}

/** Contract numbers: of this procedure, canonical, of the programme named, not held by another project. */
function checkContracts(document: ProjectFile, { fail, known, checkSource, checkProgramme, checkDate }: Checks): void {
  document.contracts.forEach((entry, index) => {
    const at = `$.contracts[${index}]`;
    checkSource(at, entry.source);
    checkProgramme(`${at}.programme`, entry.programme);
    checkDate(`${at}.signedOn`, entry.signedOn);
    const parsed = parseContractNumber(entry.asPublished);
    if (!parsed || parsed.kind === 'REGISTRATION') {
      fail(`${at}.asPublished`, `"${entry.asPublished}" is not a contract number of procedure BG05M9OP001-2.056`);
    } else if (parsed.canonical !== entry.number) {
      fail(
        `${at}.number`,
        `the quote says ${parsed.canonical}, the value is ${entry.number} (the canonical form of asPublished)`,
        ImportRefusalCode.VALUE_NOT_IN_QUOTE,
      );
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
}

/** Amounts: non-negative decimals with at most two decimals. */
function checkFunding(document: ProjectFile, { fail, checkSource, checkProgramme }: Checks): void {
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
}

/** Partners, activities, target groups and indicators: defined sources, known codes, at most two decimals. */
function checkOtherStatements(
  document: ProjectFile,
  { fail, known, checkSource, checkProgramme, checkDate }: Checks,
): void {
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
}
