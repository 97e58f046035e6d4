import type { EntityManager } from 'typeorm';
import type { Currency } from '../../domain/enums';
import { toCents } from '../../domain/money';
import { ExchangeRate } from '../../graphql/money';
import { badUserInput } from '../../errors/codes';
import { basisKey, type StoredCell, type StoredDetails } from './cell-rules';
import { CaveatCode, type ComparisonBasis } from './comparison.enums';
import { Comparison, ComparisonCell, ComparisonRow } from './comparison.types';
import { caveat } from './figures';
import { MetricDefinition } from './metric-definition.type';
import type { MetricKey } from './metrics';
import { rank } from './ranking';

/**
 * Cross-municipality comparison, read from the cells the importer maintains (comparison-cells.ts):
 * one statement for the rows and one for the cells asked for, then the currency, the ranks and the
 * summaries, which depend on the request.
 */
export class ComparisonService {
  constructor(private readonly manager: EntityManager) {}

  /** Caveats and source keys of stored cells, by `ComparisonCell.detailsKey`: one statement for any number of cells. */
  async details(keys: readonly string[]): Promise<Map<string, StoredDetails>> {
    const parts = keys.map((key) => key.split('|'));
    const rows: { key: string; details: StoredDetails }[] = await this.manager.query(
      `SELECT municipality_code || '|' || metric || '|' || basis AS key, details FROM comparison_cell_details
       WHERE (municipality_code, metric, basis) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))`,
      [parts.map((part) => part[0]), parts.map((part) => part[1]), parts.map((part) => part[2])],
    );
    return new Map(rows.map((row) => [row.key, row.details]));
  }

  /** `withProjects`: read each row's project ids (for `ComparisonRow.projects`); otherwise only their number. */
  async compare(
    codes: string[] | undefined,
    metrics: MetricKey[],
    currency: Currency,
    basis: ComparisonBasis,
    withProjects = true,
  ): Promise<Comparison> {
    if (metrics.length === 0) throw badUserInput('metrics', 'give at least one metric');
    const wanted = codes?.map((code) => code.trim().toUpperCase());
    if (wanted) {
      const known = new Set<string>(
        (await this.manager.query('SELECT code FROM municipalities WHERE code = ANY($1::text[])', [wanted])).map(
          (row: { code: string }) => row.code,
        ),
      );
      const unknown = wanted.filter((code) => !known.has(code));
      if (unknown.length)
        throw badUserInput('municipalityCodes', `unknown municipality code(s): ${unknown.join(', ')}`);
    }
    const unique = [...new Set(metrics)];
    // Sequential: a request holds one connection, and these are two small statements.
    const stored: { code: string; projects: number; project_ids: number[] | null }[] = await this.manager.query(
      `SELECT r.municipality_code AS code, cardinality(r.project_ids) AS projects, ${withProjects ? 'r.project_ids' : 'NULL AS project_ids'}
       FROM comparison_rows r JOIN municipalities m ON m.code = r.municipality_code
       WHERE $1::text[] IS NULL OR r.municipality_code = ANY($1::text[]) ORDER BY m.name, m.code`,
      [wanted ?? null],
    );
    // The request's currency only, taken out of each stored cell by PostgreSQL, so that Node does not
    // parse whole cells (both currencies, the counts) as JSON.
    const cells: ({ code: string; metric: MetricKey } & CellColumns)[] = await this.manager.query(
      `SELECT municipality_code AS code, metric, cell->'value'->>$4::text AS value, cell->'numerator'->>$4::text AS numerator,
              cell->'denominator'->>$4::text AS denominator, cell->>'basis' AS basis, cell->>'qualifier' AS qualifier,
              (cell->>'caveatCount')::int AS caveat_count
       FROM comparison_cells
       WHERE ($1::text[] IS NULL OR municipality_code = ANY($1::text[])) AND (metric, basis) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [wanted ?? null, unique, unique.map((metric) => basisKey(metric, basis)), currency],
    );
    const cellOf = new Map(cells.map((row) => [`${row.code} ${row.metric}`, row]));
    // Asked-for municipalities without a project keep their (empty) row, in the order asked.
    const projects = new Map<string, { count: number; ids: number[] }>(
      (wanted ?? []).map((code) => [code, { count: 0, ids: [] }]),
    );
    for (const row of stored) projects.set(row.code, { count: row.projects, ids: row.project_ids ?? [] });
    const rows = [...projects].map(([code, { count, ids }]) =>
      Object.assign(new ComparisonRow(), {
        municipalityCode: code,
        projectIds: ids,
        cells: metrics.map((metric) =>
          count === 0
            ? noProject(metric)
            : readCell(metric, cellOf.get(`${code} ${metric}`)!, detailsKey(code, metric, basis)),
        ),
      }),
    );
    const summary = metrics.flatMap((metric, index) =>
      rank(
        metric,
        rows.map((row) => row.cells[index]),
      ),
    );
    return Object.assign(new Comparison(), {
      currency,
      basis,
      exchangeRate: new ExchangeRate(),
      metrics: metrics.map((metric) => MetricDefinition.of(metric)),
      rows,
      summary,
    });
  }
}

const detailsKey = (code: string, metric: MetricKey, basis: ComparisonBasis) =>
  `${code}|${metric}|${basisKey(metric, basis)}`;

function noProject(metric: MetricKey): ComparisonCell {
  return Object.assign(new ComparisonCell(), {
    metric,
    rank: null,
    value: null,
    cents: null,
    numerator: null,
    denominator: null,
    basis: null,
    qualifier: null,
    storedCaveats: 0,
    detailsKey: null,
    requestCaveats: [caveat(CaveatCode.MISSING_NUMERATOR, 'the municipality has no project in the dataset')],
  });
}

/** What `compare` reads of a stored cell (`StoredCell`), in the request's currency. */
interface CellColumns {
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  basis: StoredCell['basis'];
  qualifier: StoredCell['qualifier'];
  caveat_count: number | null;
}

/** A stored cell in the request's currency. */
function readCell(metric: MetricKey, stored: CellColumns, detailsKey: string): ComparisonCell {
  const value = stored.value;
  return Object.assign(new ComparisonCell(), {
    metric,
    rank: null,
    value,
    cents: value === null ? null : toCents(value),
    numerator: stored.numerator,
    denominator: stored.denominator,
    basis: stored.basis,
    qualifier: stored.qualifier,
    storedCaveats: stored.caveat_count ?? 0,
    detailsKey,
    requestCaveats: [],
  });
}
