import type { EntityManager } from 'typeorm';
import { lockImports } from '../../ingest/import-lock';
import { groupBy } from '../../loaders/key-order';
import { basisKey, COMPARISON_RULES_VERSION, type StoredCell, type StoredDetails, storedCell } from './cell-rules';
import { ComparisonBasis } from './comparison.enums';
import { METRIC_INPUTS, METRIC_KEYS, METRICS } from './metrics';
import {
  type FundingRow,
  type IndicatorRow,
  type PartnerRow,
  ProjectFigures,
  type ProjectRow,
} from './project-figures';

/**
 * The comparison's inputs, precomputed. Every import (and a change of the reference data or of the
 * rules in cell-rules.ts) recomputes, in its own transaction, the cells of the municipalities it touched:
 * one row per municipality × metric × basis with its values in BGN and EUR, caveats and source keys. The
 * `comparison` query then reads a few hundred small rows instead of every funding, indicator and partner
 * row, and does only what depends on the request: the currency, the ranking among the municipalities
 * asked for, the column caveats and the summaries.
 */

/**
 * Municipalities recomputed per round of statements: at most 20, and at most PROJECTS_PER_ROUND projects
 * between them (a municipality with more is a round of its own), so that a round's memory does not grow
 * with the dataset.
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
        for (const metric of METRIC_KEYS) {
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
            ARRAY(SELECT jsonb_array_elements(p.missing) ->> 'field') AS missing_fields,
            ARRAY(SELECT DISTINCT s.source_key FROM project_period_statements s
                  WHERE s.project_id = p.id AND s.field IN ('START_DATE', 'END_DATE') ORDER BY 1) AS period_sources
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
     WHERE ${filter} AND v.breakdown IS NULL AND v.indicator_code = ANY($2::text[])`,
    [codes, METRIC_INPUTS.indicators],
  );
  const partners: PartnerRow[] = await manager.query(
    `SELECT pa.project_id, o.type, count(DISTINCT pa.organisation_id)::int AS n, array_agg(DISTINCT pa.source_key) AS sources
     FROM partnerships pa JOIN organisations o ON o.id = pa.organisation_id JOIN projects p ON p.id = pa.project_id
     WHERE ${filter} AND pa.role = 'PARTNER' AND o.type = ANY($2::text[]) GROUP BY 1, 2`,
    [codes, METRIC_INPUTS.partnerTypes],
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
