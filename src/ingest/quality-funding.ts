import { FundingKind, QualityFlagCode, Qualifier, Severity } from '../domain/enums';
import { fromCents, sameBudgetConverted, toCents } from '../domain/money';
import type { FundingEntry, ProjectFile } from './project-file';
import { cite, distinct, type Exact, type Flag } from './quality-shared';

/** The quality rules of a project's amounts (quality.ts states them all). */

/** Contradictions among the amounts of one programme, kind and currency (ceilings and lower bounds included); the exact amounts the sources agree on. */
export function fundingFlags(document: ProjectFile, flag: Flag): Exact {
  const groups = new Map<string, FundingEntry[]>();
  for (const entry of document.funding) {
    const key = `${entry.programme ?? 'PROJECT'}.${entry.kind}.${entry.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const exactValue = new Map<string, string | null>();
  for (const [key, entries] of groups) {
    const [programme, kind, currency] = key.split('.');
    const field = programme === 'PROJECT' ? `funding.${kind}` : `funding.${programme}.${kind}`;
    const exact = entries.filter((entry) => entry.qualifier === Qualifier.EXACT);
    const exactAmounts = distinct(exact.map((entry) => fromCents(toCents(entry.amount))));
    let contradictory = exactAmounts.length > 1;
    if (contradictory) {
      flag(
        QualityFlagCode.CONTRADICTORY_SOURCES,
        Severity.WARNING,
        field,
        `Sources give different ${kind} amounts in ${currency}: ${exact.map((entry) => cite(entry.amount, entry.source)).join('; ')}.`,
      );
    }
    for (const bound of entries.filter((entry) => entry.qualifier === Qualifier.AT_LEAST)) {
      for (const entry of exact.filter((candidate) => toCents(candidate.amount) < toCents(bound.amount))) {
        contradictory = true;
        flag(
          QualityFlagCode.CONTRADICTORY_SOURCES,
          Severity.WARNING,
          field,
          `${cite(entry.amount, entry.source)} is below the lower bound "more than ${bound.amount}" given by ${bound.source}.`,
        );
      }
    }
    for (const ceiling of entries.filter((entry) => entry.qualifier === Qualifier.AT_MOST)) {
      for (const entry of exact.filter((candidate) => toCents(candidate.amount) > toCents(ceiling.amount))) {
        contradictory = true;
        flag(
          QualityFlagCode.CONTRADICTORY_SOURCES,
          Severity.WARNING,
          field,
          `${cite(entry.amount, entry.source)} is above the ceiling "at most ${ceiling.amount}" given by ${ceiling.source}.`,
        );
      }
    }
    exactValue.set(key, !contradictory && exactAmounts.length === 1 ? exactAmounts[0] : null);
  }
  const amount: Exact = (programme, kind, currency) => exactValue.get(`${programme}.${kind}.${currency}`) ?? null;
  conversionFlags(document, amount, flag);
  return amount;
}

/**
 * An amount published in EUR beside one in BGN for the same programme and kind is the same budget
 * converted when their ratio is a conversion rate (the fixed 1.95583, or EU portals' own, about 1.9608):
 * never a contradiction. Outside that band they are two budgets, and the sources disagree.
 */
function conversionFlags(document: ProjectFile, amount: Exact, flag: Flag): void {
  const pairs = new Set(document.funding.map((entry) => `${entry.programme ?? 'PROJECT'}.${entry.kind}`));
  for (const pair of pairs) {
    const [programme, kind] = pair.split('.') as [string, FundingKind];
    const bgn = amount(programme, kind, 'BGN');
    const eur = amount(programme, kind, 'EUR');
    if (bgn === null || eur === null || sameBudgetConverted(bgn, eur)) continue;
    const field = programme === 'PROJECT' ? `funding.${kind}` : `funding.${programme}.${kind}`;
    flag(
      QualityFlagCode.CONTRADICTORY_SOURCES,
      Severity.WARNING,
      field,
      `${bgn} BGN and ${eur} EUR are not one ${kind} amount converted (at 1.95583, or about 1.9608 as EU portals convert).`,
    );
  }
}

/** Programme totals, and EU + national shares, that do not add up to their total (more than a cent apart). */
export function sumFlags(document: ProjectFile, amount: Exact, flag: Flag): void {
  const programmes = distinct(
    document.funding.map((entry) => entry.programme).filter((code): code is string => code !== null),
  );
  for (const currency of ['BGN', 'EUR']) {
    const checkSum = (whole: string | null, parts: (string | null)[], field: string, what: string) => {
      if (whole === null || parts.length < 2 || parts.some((part) => part === null)) return;
      const sum = parts.reduce((total, part) => total + toCents(part!), 0n);
      const difference = sum - toCents(whole);
      if (difference > 1n || difference < -1n) {
        flag(
          QualityFlagCode.SUM_MISMATCH,
          Severity.WARNING,
          field,
          `${what} add up to ${fromCents(sum)} ${currency}, but the stated total is ${whole} ${currency}.`,
        );
      }
    };
    const total = amount('PROJECT', FundingKind.TOTAL, currency);
    if (programmes.length === 2) {
      checkSum(
        total,
        programmes.map((code) => amount(code, FundingKind.TOTAL, currency)),
        'funding.TOTAL',
        'The programme totals',
      );
    }
    checkSum(
      total,
      [amount('PROJECT', FundingKind.EU, currency), amount('PROJECT', FundingKind.NATIONAL, currency)],
      'funding.TOTAL',
      'The EU and national shares',
    );
    for (const code of programmes) {
      checkSum(
        amount(code, FundingKind.TOTAL, currency),
        [amount(code, FundingKind.EU, currency), amount(code, FundingKind.NATIONAL, currency)],
        `funding.${code}.TOTAL`,
        `The EU and national shares of ${code}`,
      );
    }
  }
}
