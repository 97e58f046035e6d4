import { parseContractNumber } from '../domain/contract-number';
import { FundingKind, PeriodField, QualityFlagCode, Qualifier, Severity } from '../domain/enums';
import { monthsBetween } from '../domain/period';
import type { ProjectFile } from './project-file';
import { type ReconciledAmount, reconciledAmounts } from './project-amounts';
import { fundingFlags, sumFlags } from './quality-funding';
import { cite, distinct, type Flag } from './quality-shared';

/**
 * Version of the rules below (flags and summary values). It is part of every project's content
 * hash, so that changing the rules recomputes every project at the next import or start, even
 * when its file did not change (that revision lists no changed fields).
 */
export const QUALITY_RULES_VERSION = 3;

export interface ComputedFlag {
  code: QualityFlagCode;
  severity: Severity;
  field: string;
  message: string;
}

/** Values summarising a project's statements: set only where every source agrees. */
export interface ProjectSummary {
  startDate: string | null;
  endDate: string | null;
  statedDurationMonths: number | null;
  totalBudgetBgn: string | null;
}

const single = <T>(values: T[]): T | null => (distinct(values).length === 1 ? values[0] : null);

/**
 * The quality flags of a project, computed from its statements and nothing else, and the summary
 * values used for filtering and sorting. Rules:
 * - CONTRADICTORY_SOURCES: two different values for one fact (a period field, an exact amount of one
 *   programme × kind × currency, an exact outcome of one indicator × basis × breakdown × date, the
 *   contract of one programme), an exact amount below another source's lower bound, or an exact amount above
 *   another source's ceiling (AT_MOST).
 *   An EUR amount beside a BGN one is their conversion when their ratio is a conversion rate, else a contradiction.
 * - DURATION_MISMATCH: a stated duration differs by one month or more from every start–end span.
 * - SUM_MISMATCH: programme totals, or EU + national shares, differ from the total by > 0.01 BGN.
 * - UNCONFIRMED_PROCEDURE: no source names the procedure.
 * - NON_CANONICAL_CONTRACT_NUMBER: a number written otherwise than its canonical form.
 */
export function computeQuality(document: ProjectFile): {
  flags: ComputedFlag[];
  summary: ProjectSummary;
  amounts: ReconciledAmount[];
} {
  const flags: ComputedFlag[] = [];
  const flag: Flag = (code, severity, field, message) => flags.push({ code, severity, field, message });
  const { starts, ends } = periodFlags(document, flag);
  const amount = fundingFlags(document, flag);
  sumFlags(document, amount, flag);
  outcomeFlags(document, flag);
  contractFlags(document, flag);
  if (document.procedureCitations.length === 0) {
    flag(
      QualityFlagCode.UNCONFIRMED_PROCEDURE,
      Severity.WARNING,
      'confirmation',
      'No source names procedure BG05M9OP001-2.056 for this project; it is included as PROBABLE.',
    );
  }
  const contradicted = (name: string) =>
    flags.some((f) => f.code === QualityFlagCode.CONTRADICTORY_SOURCES && f.field === name);
  return {
    flags,
    amounts: reconciledAmounts(document, amount),
    summary: {
      startDate: contradicted('period.startDate') ? null : single(starts),
      endDate: contradicted('period.endDate') ? null : single(ends),
      statedDurationMonths: contradicted('period.statedDurationMonths')
        ? null
        : single(
            document.period
              .filter((entry) => entry.field === PeriodField.DURATION_MONTHS)
              .map((entry) => entry.months!),
          ),
      totalBudgetBgn: amount('PROJECT', FundingKind.TOTAL, 'BGN'),
    },
  };
}

/** Contradictions of the period's fields, and a stated duration no span of the stated dates matches. */
function periodFlags(document: ProjectFile, flag: Flag): { starts: string[]; ends: string[] } {
  const byField = (field: PeriodField) => document.period.filter((entry) => entry.field === field);
  const periodFields: [PeriodField, string][] = [
    [PeriodField.START_DATE, 'period.startDate'],
    [PeriodField.END_DATE, 'period.endDate'],
    [PeriodField.DURATION_MONTHS, 'period.statedDurationMonths'],
  ];
  for (const [field, name] of periodFields) {
    const entries = byField(field);
    const values = entries.map((entry) => String(entry.date ?? entry.months));
    if (distinct(values).length > 1) {
      flag(
        QualityFlagCode.CONTRADICTORY_SOURCES,
        Severity.WARNING,
        name,
        `Sources disagree on ${name}: ${entries.map((entry, i) => cite(values[i], entry.source)).join('; ')}.`,
      );
    }
  }
  const starts = distinct(byField(PeriodField.START_DATE).map((entry) => entry.date!));
  const ends = distinct(byField(PeriodField.END_DATE).map((entry) => entry.date!));
  for (const stated of distinct(byField(PeriodField.DURATION_MONTHS).map((entry) => entry.months!))) {
    const spans = starts.flatMap((start) => ends.map((end) => ({ start, end, months: monthsBetween(start, end) })));
    if (spans.length > 0 && spans.every((span) => Math.abs(span.months - stated) >= 1)) {
      flag(
        QualityFlagCode.DURATION_MISMATCH,
        Severity.WARNING,
        'period.statedDurationMonths',
        `Stated duration ${stated} months, but the stated dates span ${spans
          .map((span) => `${span.months.toFixed(1)} months (${span.start} to ${span.end})`)
          .join(', ')}.`,
      );
    }
  }

  return { starts, ends };
}

/** Exact outcome figures of one indicator, basis, breakdown and date that sources give differently. */
function outcomeFlags(document: ProjectFile, flag: Flag): void {
  const outcomeGroups = new Map<string, typeof document.indicators>();
  for (const entry of document.indicators.filter((candidate) => candidate.qualifier === Qualifier.EXACT)) {
    const key = [entry.code, entry.basis, entry.breakdown ?? '', entry.asOf ?? ''].join('|');
    outcomeGroups.set(key, [...(outcomeGroups.get(key) ?? []), entry]);
  }
  for (const [key, entries] of outcomeGroups) {
    if (distinct(entries.map((entry) => entry.value)).length > 1) {
      const [code, basis] = key.split('|');
      flag(
        QualityFlagCode.CONTRADICTORY_SOURCES,
        Severity.WARNING,
        `indicators.${code}`,
        `Sources give different ${basis.toLowerCase()} values for ${code}: ${entries.map((entry) => cite(String(entry.value), entry.source)).join('; ')}.`,
      );
    }
  }
}

/** Contract numbers that differ per programme or point to different projects, and numbers written otherwise than canonically. */
function contractFlags(document: ProjectFile, flag: Flag): void {
  for (const programme of distinct(document.contracts.map((entry) => entry.programme))) {
    const entries = document.contracts.filter((entry) => entry.programme === programme);
    if (distinct(entries.map((entry) => entry.number)).length > 1) {
      flag(
        QualityFlagCode.CONTRADICTORY_SOURCES,
        Severity.WARNING,
        `contracts.${programme}`,
        `Sources give different contract numbers: ${entries.map((entry) => cite(entry.number, entry.source)).join('; ')}.`,
      );
    }
  }
  const registrations = distinct(
    document.contracts.map((entry) => parseContractNumber(entry.number)!.registrationNumber),
  );
  if (document.registrationNumber) registrations.push(document.registrationNumber.value);
  if (distinct(registrations).length > 1) {
    flag(
      QualityFlagCode.CONTRADICTORY_SOURCES,
      Severity.WARNING,
      'registrationNumber',
      `Contract and registration numbers point to different projects: ${distinct(registrations).join(', ')}.`,
    );
  }
  const written: { field: string; asPublished: string; canonical: string }[] = document.contracts.map((entry) => ({
    field: `contracts.${entry.programme}`,
    asPublished: entry.asPublished,
    canonical: entry.number,
  }));
  if (document.registrationNumber) {
    written.push({
      field: 'registrationNumber',
      asPublished: document.registrationNumber.asPublished,
      canonical: document.registrationNumber.value,
    });
  }
  for (const entry of written) {
    const asPublished = entry.asPublished.trim();
    // A registration number quoted as part of a contract number is not a different spelling.
    const canonicalForm = parseContractNumber(asPublished)?.canonical;
    if (canonicalForm !== asPublished) {
      flag(
        QualityFlagCode.NON_CANONICAL_CONTRACT_NUMBER,
        Severity.INFO,
        entry.field,
        `Published as "${asPublished}"; stored as ${entry.canonical}.`,
      );
    }
  }
}
