import { Basis, Confirmation, Qualifier } from '../../domain/enums';
import { toCents } from '../../domain/money';
import { monthsBetween } from '../../domain/period';
import { CaveatCode, ComparisonBasis } from './comparison.enums';
import { caveat, type Figure, isMissing, type Missing, type PlainCaveat, type Quantity, sum } from './figures';

/**
 * What one project contributes to the metrics, from the rows the comparison store reads: its exact
 * total, programme amounts, EU amounts, duration, outcome figures on a basis and partner counts, each
 * a Figure (figures.ts) with its sources, or missing with the reason. Pure: the rows come in.
 */

const money = (cents: string): { num: bigint; den: bigint } => ({ num: toCents(cents), den: 100n });

/** A project as the store reads it, with its municipality's population. */
export interface ProjectRow {
  id: number;
  key: string;
  municipality_code: string;
  confirmation: Confirmation;
  total_budget_bgn: string | null;
  start_date: string | null;
  end_date: string | null;
  population: number | null;
  population_source_key: string | null;
  contradicted: string[] | null;
  missing_fields: string[] | null;
  total_sources: string[] | null;
  /** The sources of the start and end dates. */
  period_sources: string[] | null;
}

export interface FundingRow {
  project_id: number;
  programme_code: string | null;
  kind: string;
  /** The exact amount; null when the sources give only a ceiling. */
  amount: string | null;
  distinct_amounts: number;
  /** The lowest ceiling (AT_MOST) stated, if any. */
  ceiling: string | null;
  sources: string[];
}

export interface IndicatorRow {
  project_id: number;
  indicator_code: string;
  basis: Basis;
  qualifier: Qualifier;
  as_of: string | null;
  value: string;
  source_key: string;
}

export interface PartnerRow {
  project_id: number;
  type: string;
  n: number;
  sources: string[];
}

/** What one project contributes to a metric; each figure is computed once and reused by every metric. */
export class ProjectFigures {
  private readonly cache = new Map<string, Figure>();

  private memo(key: string, compute: () => Figure): Figure {
    let figure = this.cache.get(key);
    if (!figure) {
      figure = compute();
      this.cache.set(key, figure);
    }
    return figure;
  }

  constructor(
    readonly project: ProjectRow,
    private readonly funding: FundingRow[],
    private readonly indicators: IndicatorRow[],
    private readonly partners: PartnerRow[],
    private readonly basis: ComparisonBasis,
  ) {}

  private exact(num: bigint, den: bigint, sources: string[], basis: Basis | null = null): Quantity {
    return { num, den, qualifier: Qualifier.EXACT, basis, caveats: [], sources };
  }

  private missing(code: CaveatCode, message: string, sources: string[] = []): Missing {
    return { missing: true, code, message: `${this.project.key}: ${message}`, sources };
  }

  /** A figure known only as a ceiling: null, with UPPER_BOUND stating the ceiling (never used as the amount). */
  private ceiling(what: string, ceiling: string, sources: string[]): Missing {
    return this.missing(
      CaveatCode.UPPER_BOUND,
      `${what} is known only as a ceiling: at most ${ceiling} BGN ("до"), not an amount`,
      sources,
    );
  }

  total(): Figure {
    return this.memo('total', () => {
      const { total_budget_bgn: total, contradicted, total_sources: sources } = this.project;
      if (total !== null) return this.exact(money(total).num, 100n, sources ?? []);
      if (contradicted?.includes('funding.TOTAL')) {
        return this.missing(CaveatCode.CONTRADICTORY_SOURCES, 'sources state different totals', sources ?? []);
      }
      const stated = this.funding.find((row) => row.programme_code === null && row.kind === 'TOTAL');
      if (stated && stated.amount === null && stated.ceiling !== null)
        return this.ceiling('the total budget', stated.ceiling, stated.sources);
      return this.missing(CaveatCode.MISSING_NUMERATOR, 'no source states an exact total budget');
    });
  }

  amount(programme: string | null, kind: string): Figure {
    return this.memo(`amount ${programme} ${kind}`, () => {
      const row = this.funding.find((candidate) => candidate.programme_code === programme && candidate.kind === kind);
      const what = `${kind === 'TOTAL' ? 'the amount' : `the ${kind} amount`} ${programme ? `under ${programme}` : 'of the project'}`;
      if (!row) return this.missing(CaveatCode.MISSING_NUMERATOR, `no source states ${what}`);
      if (row.distinct_amounts > 1)
        return this.missing(CaveatCode.CONTRADICTORY_SOURCES, `sources state ${what} differently`, row.sources);
      if (row.amount === null) return this.ceiling(what, row.ceiling!, row.sources);
      if (row.ceiling !== null && toCents(row.amount) > toCents(row.ceiling)) {
        return this.missing(
          CaveatCode.CONTRADICTORY_SOURCES,
          `${what} (${row.amount}) is above a stated ceiling of ${row.ceiling} BGN`,
          row.sources,
        );
      }
      return this.exact(money(row.amount).num, 100n, row.sources);
    });
  }

  /** The EU amount: stated for the project, or for each programme that has a stated amount. */
  eu(): Figure {
    return this.memo('eu', () => {
      const projectLevel = this.amount(null, 'EU');
      if (!isMissing(projectLevel) || projectLevel.code === CaveatCode.CONTRADICTORY_SOURCES) return projectLevel;
      const programmes = [
        ...new Set(this.funding.filter((row) => row.programme_code !== null).map((row) => row.programme_code!)),
      ];
      if (programmes.length === 0) return projectLevel;
      return sum(programmes.map((code) => this.amount(code, 'EU')));
    });
  }

  duration(): Figure {
    return this.memo('duration', () => {
      const { start_date: start, end_date: end, contradicted } = this.project;
      if (start && end) {
        const months = BigInt(Math.round(monthsBetween(start, end) * 1_000_000));
        return this.exact(months, 1_000_000n, this.project.period_sources ?? []);
      }
      const disputed = ['period.startDate', 'period.endDate'].filter((field) => contradicted?.includes(field));
      if (disputed.length)
        return this.missing(CaveatCode.CONTRADICTORY_SOURCES, `sources disagree on ${disputed.join(' and ')}`);
      return this.missing(CaveatCode.MISSING_NUMERATOR, 'no source gives both a start and an end date');
    });
  }

  /** An outcome figure (whole, no breakdown) on the requested basis. */
  indicator(code: string): Figure {
    return this.memo(`indicator ${code}`, () => {
      const all = this.indicators.filter((row) => row.indicator_code === code);
      const achieved = all.filter((row) => row.basis === Basis.ACHIEVED);
      const planned = all.filter((row) => row.basis === Basis.PLANNED);
      const chosen =
        this.basis === ComparisonBasis.PLANNED
          ? planned
          : this.basis === ComparisonBasis.ACHIEVED
            ? achieved
            : achieved.length > 0
              ? achieved
              : planned;
      const wanted = this.basis === ComparisonBasis.BEST_AVAILABLE ? 'planned or achieved' : this.basis.toLowerCase();
      if (chosen.length === 0) return this.missing(CaveatCode.MISSING_NUMERATOR, `no ${wanted} figure for ${code}`);
      // The latest report counts; an undated figure (a final report) is taken as the latest.
      const dates = [...new Set(chosen.map((row) => row.as_of))].sort((a, b) =>
        a === null ? -1 : b === null ? 1 : b.localeCompare(a),
      );
      const latest = chosen.filter((row) => row.as_of === dates[0]);
      const exact = latest.filter((row) => row.qualifier === Qualifier.EXACT);
      const pool = exact.length > 0 ? exact : latest;
      const values = [...new Set(pool.map((row) => toCents(row.value)))];
      const sources = [...new Set(pool.map((row) => row.source_key))];
      if (exact.length > 0 && values.length > 1)
        return this.missing(CaveatCode.CONTRADICTORY_SOURCES, `sources give different ${code} figures`, sources);
      const qualifier = exact.length > 0 ? Qualifier.EXACT : pool[0].qualifier;
      const caveats: PlainCaveat[] = [];
      if (qualifier === Qualifier.AT_LEAST)
        caveats.push(
          caveat(
            CaveatCode.LOWER_BOUND,
            `${this.project.key}: ${code} is a lower bound (${pool[0].value.replace(/\.00$/, '')} or more)`,
          ),
        );
      if (qualifier === Qualifier.APPROXIMATE)
        caveats.push(caveat(CaveatCode.APPROXIMATE, `${this.project.key}: ${code} is approximate`));
      if (pool[0].basis === Basis.ACHIEVED && pool[0].as_of) {
        caveats.push(
          caveat(
            CaveatCode.PARTIAL_ACHIEVEMENT,
            `${this.project.key}: ${code} achieved as reported on ${pool[0].as_of}`,
          ),
        );
      }
      return { num: values[0], den: 100n, qualifier, basis: pool[0].basis, caveats, sources };
    });
  }

  partnerCount(type: string): Figure {
    return this.memo(`partners ${type}`, () => {
      const row = this.partners.find((candidate) => candidate.type === type);
      const count = BigInt(row?.n ?? 0);
      const cutOff = this.project.missing_fields?.includes('partners');
      return {
        num: count,
        den: 1n,
        qualifier: cutOff ? Qualifier.AT_LEAST : Qualifier.EXACT,
        basis: null,
        caveats: cutOff
          ? [caveat(CaveatCode.LOWER_BOUND, `${this.project.key}: the partner list is cut off in the sources`)]
          : [],
        sources: row?.sources ?? [],
      };
    });
  }
}

/** The municipality's resident population (Census 2021), the same row for each of its projects. */
export function residents(projects: ProjectFigures[]): Figure {
  const population = projects[0]?.project.population ?? null;
  if (!population) {
    return {
      missing: true,
      code: CaveatCode.MISSING_NUMERATOR,
      message: 'the municipality’s Census 2021 population is unknown',
      sources: [],
    };
  }
  const source = projects[0].project.population_source_key;
  return {
    num: BigInt(population),
    den: 1n,
    qualifier: Qualifier.EXACT,
    basis: null,
    caveats: [],
    sources: source ? [source] : [],
  };
}
