import type { CheckedValue } from '../domain/verification';
import { valueVerdict } from '../domain/verification';
import { type ImportError, ImportRefusalCode } from './import-errors';
import type { InputFile } from './input-files';
import type { ProjectFile } from './project-file';

/** A statement of a file that types a value beside its quote: where the value is, the quote, and the value. */
export interface ValueStatement {
  /** JSON path of the value (of the qualifier, when the hedge word disagrees with it). */
  path: string;
  qualifierPath?: string;
  quote: string;
  value: CheckedValue;
}

/** Every statement of a file with a quote and a value read from it (contracts and the registration number are checked by normalisation in document-rules.ts). */
export function valueStatements(document: ProjectFile): ValueStatement[] {
  const statements: ValueStatement[] = [];
  document.funding.forEach((entry, index) =>
    statements.push({
      path: `$.funding[${index}].amount`,
      qualifierPath: `$.funding[${index}].qualifier`,
      quote: entry.asPublished,
      value: { kind: 'amount', amount: entry.amount.trim(), currency: entry.currency, qualifier: entry.qualifier },
    }),
  );
  document.indicators.forEach((entry, index) =>
    statements.push({
      path: `$.indicators[${index}].value`,
      qualifierPath: `$.indicators[${index}].qualifier`,
      quote: entry.asPublished,
      value: { kind: 'count', value: entry.value, qualifier: entry.qualifier },
    }),
  );
  document.period.forEach((entry, index) => {
    if (!entry.asPublished) return;
    statements.push(
      entry.field === 'DURATION_MONTHS'
        ? {
            path: `$.period[${index}].months`,
            quote: entry.asPublished,
            value: { kind: 'months', months: entry.months! },
          }
        : { path: `$.period[${index}].date`, quote: entry.asPublished, value: { kind: 'date', date: entry.date! } },
    );
  });
  document.procedureCitations.forEach((entry, index) =>
    statements.push({ path: `$.procedureCitations[${index}].quote`, quote: entry.quote, value: { kind: 'procedure' } }),
  );
  return statements;
}

/**
 * Every value its quote contradicts: VALUE_NOT_IN_QUOTE, naming the path, what the quote says and the value
 * (or the hedge word that contradicts the qualifier). A quote whose figure the reader cannot read (a figure in
 * words only) is accepted: its value is stored unchecked, and the API says so.
 */
export function valueErrors(file: InputFile, document: ProjectFile): ImportError[] {
  const errors: ImportError[] = [];
  for (const statement of valueStatements(document)) {
    const verdict = valueVerdict(statement.value, statement.quote);
    if (verdict?.status !== 'disagrees') continue;
    const aboutQualifier = /the qualifier is/.test(verdict.reason);
    errors.push({
      file: file.name,
      path: aboutQualifier && statement.qualifierPath ? statement.qualifierPath : statement.path,
      code: ImportRefusalCode.VALUE_NOT_IN_QUOTE,
      reason: `${verdict.reason} (quote: ${JSON.stringify(statement.quote)})`,
    });
  }
  return errors;
}
