import type { EntityManager } from 'typeorm';
import { Basis, Confirmation, Currency, PROGRAMME_CODES, Qualifier } from '../../domain/enums';
import { divideRoundHalfUp, fromCents, toCents } from '../../domain/money';
import { monthsBetween } from '../../domain/period';
import { groupBy } from '../../loaders/key-order';
import { lockImports } from '../../ingest/import-lock';
import { Caveat, CaveatCode, ComparisonBasis } from './comparison.types';
import { MetricKey, METRICS, MetricUnit } from './metrics';

/**
 * The comparison's inputs, precomputed. Every import (and a change of the reference data or of these
 * rules) recomputes, in its own transaction, the cells of the municipalities it touched: one row per
 * municipality × metric × basis with its values in BGN and EUR, caveats and source keys. The `comparison` query
 * then reads a few hundred small rows instead of every funding, indicator and partner row, and does
 * only what depends on the request: the currency, the ranking among the municipalities asked for, the
 * column caveats and the summaries.
 */

/** Bump when a rule below changes: the hub recomputes every cell at its next start. */
export const COMPARISON_RULES_VERSION = 2;

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
  caveats: { code: CaveatCode; message: string }[];
  sourceKeys: string[];
}

/** The `basis` column of a cell: the request's basis for metrics built on outcome figures, else ANY. */
export const basisKey = (metric: MetricKey, basis: ComparisonBasis): string =>
  METRICS[metric].usesBasis ? basis : 'ANY';

/** An exact quantity num/den (money: BGN cents over 100), with what is known about it. */
interface Quantity {
  num: bigint;
  den: bigint;
  qualifier: Qualifier;
  basis: Basis | null;
  caveats: Caveat[];
  sources: string[];
}

/** A figure that could not be had, and why. */
interface Missing {
  missing: true;
  code: CaveatCode;
  message: string;
  sources: string[];
}

type Figure = Quantity | Missing;

/** A numerator or denominator shown beside a value, with its unit. */
interface Part {
  figure: Figure;
  unit: MetricUnit;
}

const isMissing = (figure: Figure): figure is Missing => 'missing' in figure;
const caveat = (code: CaveatCode, message: string): Caveat => Object.assign(new Caveat(), { code, message });
const money = (cents: string): { num: bigint; den: bigint } => ({ num: toCents(cents), den: 100n });

interface ProjectRow {
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
}

interface FundingRow {
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

interface IndicatorRow {
  project_id: number;
  indicator_code: string;
  basis: Basis;
  qualifier: Qualifier;
  as_of: string | null;
  value: string;
  source_key: string;
}

interface PartnerRow {
  project_id: number;
  type: string;
  n: number;
  sources: string[];
}

/** What one project contributes to a metric; each figure is computed once and reused by every metric. */
class ProjectFigures {
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
      if (start && end)
        return {
          ...this.exact(BigInt(Math.round(monthsBetween(start, end) * 1_000_000)), 1_000_000n, []),
          sources: [],
        };
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
      const caveats: Caveat[] = [];
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

/** Exact sum; missing if any part is missing. */
function sum(parts: Figure[]): Figure {
  if (parts.length === 1) return parts[0];
  const missing = parts.filter(isMissing);
  if (missing.length > 0) {
    return missing.length === 1
      ? missing[0]
      : {
          ...missing[0],
          message: missing.map((part) => part.message).join('; '),
          sources: missing.flatMap((part) => part.sources),
        };
  }
  const quantities = parts as Quantity[];
  if (quantities.length === 0)
    return { missing: true, code: CaveatCode.MISSING_NUMERATOR, message: 'no project', sources: [] };
  let den = quantities[0].den;
  for (const part of quantities) if (den % part.den !== 0n) den *= part.den;
  let num = 0n;
  let qualifier = Qualifier.EXACT;
  const bases = new Set<Basis | null>();
  const caveats: Caveat[] = [];
  const sources: string[] = [];
  for (const part of quantities) {
    num += part.den === den ? part.num : part.num * (den / part.den);
    if (
      part.qualifier === Qualifier.APPROXIMATE ||
      (part.qualifier === Qualifier.AT_LEAST && qualifier === Qualifier.EXACT)
    )
      qualifier = part.qualifier;
    bases.add(part.basis);
    for (const item of part.caveats) caveats.push(item);
    for (const source of part.sources) sources.push(source);
  }
  if (bases.size > 1)
    caveats.push(caveat(CaveatCode.MIXED_BASIS, 'this value adds planned and achieved figures of different projects'));
  return { num, den, qualifier, basis: bases.size === 1 ? [...bases][0] : null, caveats, sources };
}

function mean(parts: Figure[]): Figure {
  const total = sum(parts);
  return isMissing(total) ? total : { ...total, den: total.den * BigInt(parts.length) };
}

/** numerator ÷ denominator (× scale), missing when either is missing or the denominator is zero. */
function divide(numerator: Figure, denominator: Figure, scale = 1n): Figure {
  if (isMissing(numerator)) return numerator;
  if (isMissing(denominator))
    return {
      ...denominator,
      code: denominator.code === CaveatCode.MISSING_NUMERATOR ? CaveatCode.MISSING_DENOMINATOR : denominator.code,
    };
  if (denominator.num === 0n)
    return {
      missing: true,
      code: CaveatCode.MISSING_DENOMINATOR,
      message: 'the denominator is zero',
      sources: denominator.sources,
    };
  const qualifier = [numerator.qualifier, denominator.qualifier].includes(Qualifier.APPROXIMATE)
    ? Qualifier.APPROXIMATE
    : [numerator.qualifier, denominator.qualifier].includes(Qualifier.AT_LEAST)
      ? Qualifier.AT_LEAST
      : Qualifier.EXACT;
  return {
    num: numerator.num * denominator.den * scale,
    den: numerator.den * denominator.num,
    qualifier,
    basis: numerator.basis ?? denominator.basis,
    caveats: [...numerator.caveats, ...denominator.caveats],
    sources: [...numerator.sources, ...denominator.sources],
  };
}

/** The metric's value for one municipality, with the numerator and denominator it comes from (each with its unit). */
function metricFigure(
  metric: MetricKey,
  projects: ProjectFigures[],
): { value: Figure; numerator: Part; denominator: Part | null } {
  const perProject = (compute: (project: ProjectFigures) => Figure) => sum(projects.map(compute));
  const plain = (value: Figure, unit: MetricUnit) => ({ value, numerator: { figure: value, unit }, denominator: null });
  const ratio = (numerator: Part, denominator: Part, scale = 1n) => ({
    value: divide(numerator.figure, denominator.figure, scale),
    numerator,
    denominator,
  });
  const money = (figure: Figure): Part => ({ figure, unit: MetricUnit.MONEY });
  const persons = (figure: Figure): Part => ({ figure, unit: MetricUnit.PERSONS });
  const { OP_HRD, OP_SESG } = PROGRAMME_CODES;
  switch (metric) {
    case MetricKey.TOTAL_BUDGET:
      return plain(
        perProject((p) => p.total()),
        MetricUnit.MONEY,
      );
    case MetricKey.OP_HRD_BUDGET:
      return plain(
        perProject((p) => p.amount(OP_HRD, 'TOTAL')),
        MetricUnit.MONEY,
      );
    case MetricKey.OP_SESG_BUDGET:
      return plain(
        perProject((p) => p.amount(OP_SESG, 'TOTAL')),
        MetricUnit.MONEY,
      );
    case MetricKey.EDUCATION_SHARE:
      return ratio(money(perProject((p) => p.amount(OP_SESG, 'TOTAL'))), money(perProject((p) => p.total())), 100n);
    case MetricKey.EU_SHARE:
      return ratio(money(perProject((p) => p.eu())), money(perProject((p) => p.total())), 100n);
    case MetricKey.DURATION_MONTHS:
      return plain(mean(projects.map((p) => p.duration())), MetricUnit.MONTHS);
    case MetricKey.MONTHLY_SPEND:
      return {
        value: perProject((p) => divide(p.total(), p.duration())),
        numerator: money(perProject((p) => p.total())),
        denominator: { figure: mean(projects.map((p) => p.duration())), unit: MetricUnit.MONTHS },
      };
    case MetricKey.PERSONS_EMPLOYED:
      return plain(
        perProject((p) => p.indicator('PERSONS_EMPLOYED')),
        MetricUnit.PERSONS,
      );
    case MetricKey.COST_PER_PERSON_EMPLOYED:
      return ratio(
        money(perProject((p) => p.amount(OP_HRD, 'TOTAL'))),
        persons(perProject((p) => p.indicator('PERSONS_EMPLOYED'))),
      );
    case MetricKey.CHILDREN_REACHED:
      return plain(
        perProject((p) => p.indicator('CHILDREN_REACHED')),
        MetricUnit.PERSONS,
      );
    case MetricKey.EDUCATION_COST_PER_CHILD:
      return ratio(
        money(perProject((p) => p.amount(OP_SESG, 'TOTAL'))),
        persons(perProject((p) => p.indicator('CHILDREN_REACHED'))),
      );
    case MetricKey.PARTNER_SCHOOLS:
      return plain(
        perProject((p) => p.partnerCount('SCHOOL')),
        MetricUnit.ORGANISATIONS,
      );
    case MetricKey.PARTNER_KINDERGARTENS:
      return plain(
        perProject((p) => p.partnerCount('KINDERGARTEN')),
        MetricUnit.ORGANISATIONS,
      );
    case MetricKey.BUDGET_PER_RESIDENT: {
      const population = projects[0]?.project.population ?? null;
      const residents: Figure = population
        ? {
            num: BigInt(population),
            den: 1n,
            qualifier: Qualifier.EXACT,
            basis: null,
            caveats: [],
            sources: projects[0].project.population_source_key ? [projects[0].project.population_source_key] : [],
          }
        : {
            missing: true,
            code: CaveatCode.MISSING_NUMERATOR,
            message: 'the municipality’s Census 2021 population is unknown',
            sources: [],
          };
      return ratio(money(perProject((p) => p.total())), persons(residents));
    }
  }
}

function dedupe(caveats: Caveat[]): Caveat[] {
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
function storedCell(
  metric: MetricKey,
  projects: ProjectFigures[],
): Omit<StoredCell, 'caveatCount' | 'sourceCount'> & StoredDetails {
  const caveats: Caveat[] = [];
  const probable = projects.filter((p) => p.project.confirmation === Confirmation.PROBABLE);
  if (probable.length > 0)
    caveats.push(
      caveat(CaveatCode.UNCONFIRMED_PROCEDURE, `PROBABLE project(s): ${probable.map((p) => p.project.key).join(', ')}`),
    );
  if (projects.length > 1) caveats.push(caveat(CaveatCode.MULTIPLE_PROJECTS, `combines ${projects.length} projects`));
  const { value: figure, numerator, denominator } = metricFigure(metric, projects);
  const plainCaveats = (list: Caveat[]) => list.map(({ code, message }) => ({ code, message }));
  if (isMissing(figure)) {
    caveats.push(caveat(figure.code, figure.message));
    return {
      value: null,
      numerator: null,
      denominator: null,
      basis: null,
      qualifier: null,
      caveats: plainCaveats(caveats),
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
    caveats: plainCaveats(caveats),
    sourceKeys: [...new Set(figure.sources)],
  };
}

/**
 * Municipalities recomputed per round of statements: at most 20, and at most PROJECTS_PER_ROUND projects
 * between them (a municipality with more is a round of its own), so that a round's memory does not grow
 * with the dataset: 20 municipalities of 1,000 projects each took the import of 265,000 to 1.6 GB.
 */
const MUNICIPALITIES_PER_ROUND = 20;
const PROJECTS_PER_ROUND = 2_000;

/** Consecutive rounds of `codes` (sorted), by the rule above. */
async function roundsOf(manager: EntityManager, codes: string[]): Promise<string[][]> {
  const counts = new Map<string, number>(
    (
      await manager.query(
        'SELECT municipality_code AS code, count(*)::int AS n FROM projects WHERE municipality_code = ANY($1::text[]) GROUP BY 1',
        [codes],
      )
    ).map((row: { code: string; n: number }) => [row.code, row.n]),
  );
  const rounds: string[][] = [];
  let round: string[] = [];
  let projects = 0;
  for (const code of codes) {
    const n = counts.get(code) ?? 0;
    if (round.length > 0 && (round.length === MUNICIPALITIES_PER_ROUND || projects + n > PROJECTS_PER_ROUND)) {
      rounds.push(round);
      round = [];
      projects = 0;
    }
    round.push(code);
    projects += n;
  }
  if (round.length > 0) rounds.push(round);
  return rounds;
}
/** Cells written per INSERT (four array parameters whatever the batch; this bounds the statement's size). */
const CELLS_PER_INSERT = 2_000;

/**
 * Recomputes the comparison cells of the given municipalities (all, when null) from the stored
 * projects, inside the caller's transaction. A municipality without projects loses its row.
 */
export async function refreshComparisonCells(manager: EntityManager, codes: string[] | null): Promise<void> {
  const all: string[] =
    codes ?? (await manager.query('SELECT code FROM municipalities')).map((row: { code: string }) => row.code);
  const unique = [...new Set(all)].sort();
  for (const round of await roundsOf(manager, unique)) {
    await manager.query('DELETE FROM comparison_cells WHERE municipality_code = ANY($1::text[])', [round]);
    await manager.query('DELETE FROM comparison_cell_details WHERE municipality_code = ANY($1::text[])', [round]);
    await manager.query('DELETE FROM comparison_rows WHERE municipality_code = ANY($1::text[])', [round]);
    const { projects, funding, indicators, partners } = await loadInputs(manager, round);
    const fundingBy = groupBy(funding, (row) => row.project_id);
    const indicatorsBy = groupBy(indicators, (row) => row.project_id);
    const partnersBy = groupBy(partners, (row) => row.project_id);
    const rows: [string, number[]][] = [];
    const cells: [string, string, string, string, string][] = [];
    for (const [code, projectsOf] of groupBy(projects, (project) => project.municipality_code)) {
      rows.push([code, projectsOf.map((project) => project.id)]);
      for (const basis of Object.values(ComparisonBasis)) {
        const figures = projectsOf.map(
          (project) =>
            new ProjectFigures(
              project,
              fundingBy.get(project.id) ?? [],
              indicatorsBy.get(project.id) ?? [],
              partnersBy.get(project.id) ?? [],
              basis,
            ),
        );
        for (const metric of Object.values(MetricKey)) {
          // Metrics not built on outcome figures are the same on every basis: stored once.
          if (!METRICS[metric].usesBasis && basis !== ComparisonBasis.BEST_AVAILABLE) continue;
          const { caveats, sourceKeys, ...value } = storedCell(metric, figures);
          const cell: StoredCell = { ...value, caveatCount: caveats.length, sourceCount: sourceKeys.length };
          cells.push([
            code,
            metric,
            basisKey(metric, basis),
            JSON.stringify(cell),
            JSON.stringify({ caveats, sourceKeys } satisfies StoredDetails),
          ]);
        }
      }
    }
    if (rows.length > 0) {
      await manager.query(
        'INSERT INTO comparison_rows (municipality_code, project_ids) SELECT code, ids::int[] FROM unnest($1::text[], $2::text[]) AS r(code, ids)',
        [rows.map(([code]) => code), rows.map(([, ids]) => `{${ids.join(',')}}`)],
      );
    }
    for (let j = 0; j < cells.length; j += CELLS_PER_INSERT) {
      const batch = cells.slice(j, j + CELLS_PER_INSERT);
      await manager.query(
        'INSERT INTO comparison_cells (municipality_code, metric, basis, cell) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])',
        [0, 1, 2, 3].map((column) => batch.map((cell) => cell[column])),
      );
      await manager.query(
        'INSERT INTO comparison_cell_details (municipality_code, metric, basis, details) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])',
        [0, 1, 2, 4].map((column) => batch.map((cell) => cell[column])),
      );
    }
  }
}

/** The tables `loadInputs` reads: an import analyses them before the refresh (import-projects.ts). */
export const COMPARISON_INPUT_TABLES = [
  'projects',
  'funding_amounts',
  'indicator_values',
  'partnerships',
  'organisations',
  'quality_flags',
];

/** The stored projects of some municipalities and what their metrics are built from: four grouped statements. */
async function loadInputs(manager: EntityManager, codes: string[]) {
  const filter = 'p.municipality_code = ANY($1::text[])';
  const params = [codes];
  const projects: ProjectRow[] = await manager.query(
    `SELECT p.id, p.key, p.municipality_code, p.confirmation, p.total_budget_bgn::text AS total_budget_bgn,
            p.start_date, p.end_date, m.population, m.population_source_key, q.contradicted, t.total_sources,
            ARRAY(SELECT jsonb_array_elements(p.missing) ->> 'field') AS missing_fields
     FROM projects p JOIN municipalities m ON m.code = p.municipality_code
     LEFT JOIN LATERAL (SELECT array_agg(field) AS contradicted FROM quality_flags WHERE project_id = p.id AND code = 'CONTRADICTORY_SOURCES') q ON true
     LEFT JOIN LATERAL (SELECT array_agg(DISTINCT source_key) AS total_sources FROM funding_amounts
                        WHERE project_id = p.id AND programme_code IS NULL AND kind = 'TOTAL' AND qualifier <> 'APPROXIMATE') t ON true
     WHERE ${filter} ORDER BY p.municipality_code, p.key`,
    params,
  );
  const funding: FundingRow[] = await manager.query(
    `SELECT f.project_id, f.programme_code, f.kind,
            (min(f.amount) FILTER (WHERE f.qualifier = 'EXACT'))::text AS amount,
            count(DISTINCT f.amount) FILTER (WHERE f.qualifier = 'EXACT')::int AS distinct_amounts,
            (min(f.amount) FILTER (WHERE f.qualifier = 'AT_MOST'))::text AS ceiling,
            array_agg(DISTINCT f.source_key) AS sources
     FROM funding_amounts f JOIN projects p ON p.id = f.project_id
     WHERE ${filter} AND f.currency = 'BGN' AND f.qualifier IN ('EXACT', 'AT_MOST') GROUP BY 1, 2, 3`,
    params,
  );
  const indicators: IndicatorRow[] = await manager.query(
    `SELECT v.project_id, v.indicator_code, v.basis, v.qualifier, v.as_of, v.value::text AS value, v.source_key
     FROM indicator_values v JOIN projects p ON p.id = v.project_id
     WHERE ${filter} AND v.breakdown IS NULL AND v.indicator_code IN ('PERSONS_EMPLOYED', 'CHILDREN_REACHED')`,
    params,
  );
  const partners: PartnerRow[] = await manager.query(
    `SELECT pa.project_id, o.type, count(DISTINCT pa.organisation_id)::int AS n, array_agg(DISTINCT pa.source_key) AS sources
     FROM partnerships pa JOIN organisations o ON o.id = pa.organisation_id JOIN projects p ON p.id = pa.project_id
     WHERE ${filter} AND pa.role = 'PARTNER' AND o.type IN ('SCHOOL', 'KINDERGARTEN') GROUP BY 1, 2`,
    params,
  );
  return { projects, funding, indicators, partners };
}

const RULES_MARKER = 'comparison-rules';

/**
 * At start: recomputes every cell when the rules changed since they were stored (or never were, as
 * in a database migrated from before the cells existed). Cheap when nothing changed.
 */
export async function ensureComparisonCells(manager: EntityManager): Promise<boolean> {
  await lockImports(manager);
  const version = String(COMPARISON_RULES_VERSION);
  const [stored] = await manager.query('SELECT content_hash FROM reference_data WHERE name = $1', [RULES_MARKER]);
  if (stored?.content_hash === version) return false;
  // Maintenance at start, not a request: the request deadline does not apply.
  await manager.query('SET LOCAL statement_timeout = 0');
  await rebuildComparisonCells(manager);
  return true;
}

/** Recomputes every municipality's cells (after new reference data or rules), inside the caller's transaction. */
export async function rebuildComparisonCells(manager: EntityManager): Promise<void> {
  await refreshComparisonCells(manager, null);
  // Fresh statistics for the planner: the tables were just rewritten.
  await manager.query('ANALYZE comparison_rows, comparison_cells, comparison_cell_details');
  await manager.query(
    `INSERT INTO reference_data (name, content_hash, loaded_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO UPDATE SET content_hash = EXCLUDED.content_hash, loaded_at = EXCLUDED.loaded_at`,
    [RULES_MARKER, String(COMPARISON_RULES_VERSION)],
  );
}

/** The longest lists the comparison can return now: for the cost analysis, which must know them before a request runs. */
export async function comparisonListSizes(
  manager: EntityManager,
): Promise<{ projects: number; caveats: number; sources: number; rows: number }> {
  const [row] = await manager.query(
    `SELECT (SELECT count(*) FROM comparison_rows)::int AS rows,
            (SELECT coalesce(max(cardinality(project_ids)), 0) FROM comparison_rows)::int AS projects,
            coalesce(max((cell ->> 'caveatCount')::int), 0)::int AS caveats,
            coalesce(max((cell ->> 'sourceCount')::int), 0)::int AS sources
     FROM comparison_cells`,
  );
  return row;
}
