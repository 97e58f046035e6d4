import { badUserInput } from '../../errors/codes';
import { Dimension, Measure } from './aggregate.enums';

/**
 * Which aggregates make sense: measures fall into families (counts, budgets, partners, outcome figures),
 * and each family may be grouped only by dimensions that do not count one thing in several groups or add
 * incomparable figures. Pure: refusals name the measure and say why.
 */

export const BUDGET = new Set([Measure.BUDGET_SUM, Measure.BUDGET_AVG, Measure.BUDGET_MIN, Measure.BUDGET_MAX]);

/** Dimensions each family of measures can be grouped by without counting something twice. */
export type Family = 'count' | 'budget' | 'partner' | 'indicator';

const ALLOWED: Record<Family, Set<Dimension>> = {
  count: new Set([
    Dimension.MUNICIPALITY,
    Dimension.OBLAST,
    Dimension.PROGRAMME,
    Dimension.START_YEAR,
    Dimension.END_YEAR,
    Dimension.PARTNER_TYPE,
    Dimension.ACTIVITY_CATEGORY,
    Dimension.INDICATOR,
    Dimension.BASIS,
  ]),
  budget: new Set([
    Dimension.MUNICIPALITY,
    Dimension.OBLAST,
    Dimension.PROGRAMME,
    Dimension.FUNDING_KIND,
    Dimension.START_YEAR,
    Dimension.END_YEAR,
  ]),
  partner: new Set([
    Dimension.MUNICIPALITY,
    Dimension.OBLAST,
    Dimension.PROGRAMME,
    Dimension.START_YEAR,
    Dimension.END_YEAR,
    Dimension.PARTNER_TYPE,
  ]),
  indicator: new Set([
    Dimension.MUNICIPALITY,
    Dimension.OBLAST,
    Dimension.START_YEAR,
    Dimension.END_YEAR,
    Dimension.INDICATOR,
    Dimension.BASIS,
  ]),
};

const WHY: Record<string, string> = {
  budget:
    'budgets cannot be grouped by partner type, activity category, indicator or basis without counting one budget in several groups',
  partner: 'partner counts can be grouped by municipality, oblast, programme, start or end year and partner type only',
  indicator: 'figures of different indicators, or planned and achieved figures, are never added together',
  count: 'projects have no funding kind',
};

export function family(measure: Measure): Family {
  if (BUDGET.has(measure)) return 'budget';
  if (measure === Measure.PARTNER_COUNT) return 'partner';
  if (measure === Measure.INDICATOR_SUM) return 'indicator';
  return 'count';
}

/** The distinct dimensions of a request, once its measures are known to be groupable by them; BAD_USER_INPUT otherwise. */
export function checkAggregate(groupBy: Dimension[], measures: Measure[]): Dimension[] {
  if (measures.length === 0) throw badUserInput('measures', 'give at least one measure');
  const dimensions = [...new Set(groupBy)];
  for (const measure of new Set(measures)) {
    const kind = family(measure);
    const refused = dimensions.filter((dimension) => !ALLOWED[kind].has(dimension));
    if (refused.length)
      throw badUserInput('measures', `${measure} cannot be grouped by ${refused.join(', ')}: ${WHY[kind]}`);
    if (
      measure === Measure.INDICATOR_SUM &&
      !(dimensions.includes(Dimension.INDICATOR) && dimensions.includes(Dimension.BASIS))
    ) {
      throw badUserInput('measures', `${measure} needs INDICATOR and BASIS in groupBy: ${WHY.indicator}`);
    }
  }
  return dimensions;
}

/** What of a group the request selects beyond keys' values and values' values (each costs the statement work). */
export interface AggregateSelection {
  /** `keys { label }`: a lookup per group. */
  labels: boolean;
  /** `keys { labelLatin }`: the Latin form, a lookup per group. */
  labelsLatin?: boolean;
  /** `values { leftOut }`: for budgets, how many projects' amounts were left out. */
  leftOut: boolean;
  /** `values { leftOutReasons }`: and why, per reason. */
  leftOutReasons: boolean;
}
