import { type Basis, Confirmation, Currency, type Qualifier } from '../../domain/enums';
import { divideRoundHalfUp, fromCents } from '../../domain/money';
import { CaveatCode, type ComparisonBasis, MetricUnit } from './comparison.enums';
import { caveat, isMissing, type Part, type PlainCaveat, type Quantity } from './figures';
import { type MetricKey, METRICS } from './metrics';
import type { ProjectFigures } from './project-figures';

/**
 * A comparison cell as stored: one metric of one municipality on one basis, its value in BGN and EUR,
 * its numerator and denominator, and the caveats that hold whatever the request (a probable project,
 * several projects combined, and the figure's own). Pure: the comparison store writes what this makes.
 */

/** Bump when a rule below changes: the hub recomputes every cell at its next start. */
export const COMPARISON_RULES_VERSION = 3;

/**
 * A figure as shown, two decimals, half-up from the exact fraction, in each currency: money
 * converted at 1.95583 from the exact BGN fraction (never from the rounded BGN value); counts,
 * months and percentages the same in both.
 */
export type StoredAmount = Record<Currency, string>;

/** A cell as stored, but for the rank: what ranking needs (small). */
export interface StoredCell {
  value: StoredAmount | null;
  numerator: StoredAmount | null;
  denominator: StoredAmount | null;
  basis: Basis | null;
  qualifier: Qualifier | null;
  /** How many caveats and sources the details hold: the cost analysis reads their maxima (`currentListSizes`). */
  caveatCount: number;
  sourceCount: number;
}

/** The rest of a cell, read only when a request selects caveats or sources (it can be large: one caveat per project). */
export interface StoredDetails {
  caveats: PlainCaveat[];
  sourceKeys: string[];
}

/** The `basis` column of a cell: the request's basis for metrics built on outcome figures, else ANY. */
export const basisKey = (metric: MetricKey, basis: ComparisonBasis): string =>
  METRICS[metric].usesBasis ? basis : 'ANY';

function dedupe(caveats: PlainCaveat[]): PlainCaveat[] {
  const seen = new Set<string>();
  return caveats.filter((item) => {
    const key = `${item.code} ${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const MONEY_UNITS = new Set([MetricUnit.MONEY, MetricUnit.MONEY_PER_PERSON, MetricUnit.MONEY_PER_MONTH]);

/** num/den in cents (two decimals), half-up; money in EUR when asked. */
function amounts({ num, den }: Quantity, unit: MetricUnit): StoredAmount {
  const bgn = fromCents(divideRoundHalfUp(num * 100n, den));
  const eur = MONEY_UNITS.has(unit) ? fromCents(divideRoundHalfUp(num * 100n * 100_000n, den * 195_583n)) : bgn;
  return { [Currency.BGN]: bgn, [Currency.EUR]: eur };
}

/** One metric of a municipality with at least one project. */
export function storedCell(
  metric: MetricKey,
  projects: ProjectFigures[],
): Omit<StoredCell, 'caveatCount' | 'sourceCount'> & StoredDetails {
  const caveats: PlainCaveat[] = [];
  const probable = projects.filter((p) => p.project.confirmation === Confirmation.PROBABLE);
  if (probable.length > 0)
    caveats.push(
      caveat(CaveatCode.UNCONFIRMED_PROCEDURE, `PROBABLE project(s): ${probable.map((p) => p.project.key).join(', ')}`),
    );
  if (projects.length > 1) caveats.push(caveat(CaveatCode.MULTIPLE_PROJECTS, `combines ${projects.length} projects`));
  const { value: figure, numerator, denominator } = METRICS[metric].compute(projects);
  if (isMissing(figure)) {
    caveats.push(caveat(figure.code, figure.message));
    return {
      value: null,
      numerator: null,
      denominator: null,
      basis: null,
      qualifier: null,
      caveats,
      sourceKeys: [...new Set(figure.sources)],
    };
  }
  caveats.push(...dedupe(figure.caveats));
  // Each part in its own unit: money converted like the value, counts and months as they are.
  const part = (shown: Part | null) =>
    shown === null || isMissing(shown.figure) ? null : amounts(shown.figure, shown.unit);
  return {
    value: amounts(figure, METRICS[metric].unit),
    numerator: part(numerator),
    denominator: part(denominator),
    basis: METRICS[metric].usesBasis ? figure.basis : null,
    qualifier: figure.qualifier,
    caveats,
    sourceKeys: [...new Set(figure.sources)],
  };
}
