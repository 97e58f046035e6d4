import { PROGRAMME_CODES } from '../../domain/enums';
import { likeEscape } from '../../db/hydrate';
import { type SQL, sql } from '../../db/sql';
import { FilteredFact, type ProjectFilter } from './project.args';

/**
 * A project filter as SQL conditions over `projects p` (and `municipalities m`, joined only when a
 * condition reads it). Composed from typed fragments (db/sql.ts); the project list, the municipality's
 * projects, the disputed exclusions and the aggregates all filter through here.
 */

/** The conditions of a filter, and whether any reads the municipality (alias `m`). */
export interface ProjectConditions {
  where: SQL[];
  usesMunicipality: boolean;
}

const SHORT_PROGRAMME_CODES: Record<string, string> = PROGRAMME_CODES;

/** WHERE conditions for a filter; `ranges: false` leaves the range facts out (the disputed exclusions add their own). */
export function projectConditions(
  filter: ProjectFilter | undefined,
  options: { ranges: boolean } = { ranges: true },
): ProjectConditions {
  const where: SQL[] = [];
  if (!filter) return { where, usesMunicipality: false };
  if (filter.municipalityCodes)
    where.push(sql`p.municipality_code = ANY(${sql.value(filter.municipalityCodes)}::text[])`);
  if (filter.oblastCodes) where.push(sql`m.oblast_code = ANY(${sql.value(filter.oblastCodes)}::text[])`);
  if (filter.programmeCodes) {
    const codes = filter.programmeCodes.map((code) => SHORT_PROGRAMME_CODES[code] ?? code);
    where.push(
      sql`p.id IN (SELECT project_id FROM project_programmes WHERE programme_code = ANY(${sql.value(codes)}::text[]))`,
    );
  }
  if (filter.status) where.push(sql`p.status = ANY(${sql.value(filter.status)}::text[])`);
  if (filter.confirmation) where.push(sql`p.confirmation = ANY(${sql.value(filter.confirmation)}::text[])`);
  if (options.ranges) for (const range of rangeFacts(filter)) where.push(range.pass);
  if (filter.titleContains) {
    // search_text holds the lower-cased title and its transliteration; lower-casing here is Unicode-aware,
    // so the database's locale does not matter.
    const needle = filter.titleContains.trim().toLowerCase();
    if (needle) where.push(sql`p.search_text LIKE ${sql.value(`%${likeEscape(needle)}%`)}`);
  }
  if (filter.hasIndicator) {
    where.push(sql`EXISTS (SELECT 1 FROM indicator_values v WHERE v.project_id = p.id
                   AND v.indicator_code = ANY(${sql.value(filter.hasIndicator)}::text[]))`);
  }
  if (filter.qualityFlags) {
    where.push(sql`EXISTS (SELECT 1 FROM quality_flags q WHERE q.project_id = p.id
                   AND q.code = ANY(${sql.value(filter.qualityFlags)}::text[]))`);
  }
  return { where, usesMunicipality: Boolean(filter.oblastCodes) };
}

/** A range fact of a filter: the condition it passes (every statement inside) and the one its sources split on. */
export interface RangeFact {
  fact: FilteredFact;
  pass: SQL;
  split: SQL;
}

/**
 * The range conditions of a filter, each over the source statements of one fact: it passes when every
 * statement is inside the range (at least one statement), and is split when some are inside and some
 * are not. Dates: the stated start or end dates. Budget: the stated totals in BGN; an exact amount is
 * inside when within the range, a lower bound ("над") only when it is at least the minimum and no
 * maximum is asked, a ceiling ("до") only when it is at most the maximum and no minimum is asked.
 * Approximations ("761 123" for 761 123,15) restate an exact figure and are not counted.
 */
export function rangeFacts(filter: ProjectFilter | undefined): RangeFact[] {
  if (!filter) return [];
  const facts: { fact: FilteredFact; statements: SQL; inside: SQL }[] = [];
  const dates = (fact: FilteredFact, from: string | undefined, to: string | undefined) => {
    if (!from && !to) return;
    const bounds = [
      ...(from ? [sql`s.date >= ${sql.value(from)}::date`] : []),
      ...(to ? [sql`s.date <= ${sql.value(to)}::date`] : []),
    ];
    facts.push({
      fact,
      statements: sql`FROM project_period_statements s
                      WHERE s.project_id = p.id AND s.field = ${sql.literal(fact)} AND s.date IS NOT NULL`,
      inside: sql.join(bounds, ' AND '),
    });
  };
  dates(FilteredFact.START_DATE, filter.startDateFrom, filter.startDateTo);
  dates(FilteredFact.END_DATE, filter.endDateFrom, filter.endDateTo);
  if (filter.minTotalBudget || filter.maxTotalBudget) {
    const atLeastMin = filter.minTotalBudget ? sql`s.amount >= ${sql.value(filter.minTotalBudget)}::numeric` : null;
    const atMostMax = filter.maxTotalBudget ? sql`s.amount <= ${sql.value(filter.maxTotalBudget)}::numeric` : null;
    const exact = sql.join(
      [atLeastMin, atMostMax].filter((bound): bound is SQL => bound !== null),
      ' AND ',
    );
    facts.push({
      fact: FilteredFact.TOTAL_BUDGET,
      statements: sql`FROM funding_amounts s WHERE s.project_id = p.id AND s.programme_code IS NULL AND s.kind = 'TOTAL'
                      AND s.currency = 'BGN' AND s.qualifier <> 'APPROXIMATE'`,
      inside: sql`CASE s.qualifier WHEN 'EXACT' THEN ${exact}
                  WHEN 'AT_LEAST' THEN ${atMostMax ? sql`false` : atLeastMin!}
                  WHEN 'AT_MOST' THEN ${atLeastMin ? sql`false` : atMostMax!} ELSE false END`,
    });
  }
  return facts.map(({ fact, statements, inside }) => {
    const someInside = sql`EXISTS (SELECT 1 ${statements} AND (${inside}))`;
    const someOutside = sql`EXISTS (SELECT 1 ${statements} AND NOT (${inside}))`;
    return { fact, pass: sql`(${someInside} AND NOT ${someOutside})`, split: sql`(${someInside} AND ${someOutside})` };
  });
}
