import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import express, { type Request, type Response } from 'express';
import { type ExecutionResult, graphql, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import type { Logger } from '../logger';
import { RequestAbortedError, type RequestScope } from '../db/request-database';

/**
 * `GET /export/…`: every list of the API as a file, streamed. Each export is a client of the hub's own
 * GraphQL schema: it runs the same fields with the same arguments (so the same filters, validation
 * and error messages as the API, no second implementation), page by page for projects (100 at a
 * time, each page a fresh context: memory stays flat however many rows), and writes rows as they
 * come, with csv-stringify (RFC 4180 quoting) or as JSON lines. A bad parameter → 400 with a JSON
 * body naming it, before anything is streamed.
 */

/** A fresh request context for one page of an export (its own loaders, connection and deadline). */
export type ContextForPage = (scope: RequestScope) => Context;

class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

const PAGE = 100;

const PROJECT_FIELDS = `key title titleLatin registrationNumber status confirmation
  municipality { code name nameLatin oblast { code name } }
  period { startDate endDate durationMonths statedDurationMonths }
  budget(currency: $currency) { amount currency }
  funding { programme { code } kind qualifier asPublished verified amount(currency: $currency) { amount currency } publishedAmount { amount currency } source { key url publisher } }
  qualityFlags { code }`;

const PROJECTS = `query Export($filter: ProjectFilter, $first: Int, $after: String, $currency: Currency!) {
  projects(filter: $filter, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${PROJECT_FIELDS} } } } }`;

const INDICATOR_VALUES = `query Export($filter: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
    key municipality { code name }
    indicators { indicator { code name unit } value qualifier basis asOf breakdown asPublished verified source { key url publisher } } } } } }`;

const COMPARISON = `query Export($metrics: [MetricKey!]!, $municipalityCodes: [String!], $currency: Currency!, $basis: ComparisonBasis!) {
  comparison(metrics: $metrics, municipalityCodes: $municipalityCodes, currency: $currency, basis: $basis) {
    currency metrics { key nameEn unit }
    rows { municipality { code name nameLatin } cells { metric value rank numerator denominator basis qualifier caveats { code message } sources { url publisher } } } } }`;

const AGGREGATE = `query Export($groupBy: [Dimension!]!, $measures: [Measure!]!, $filter: ProjectFilter, $currency: Currency!) {
  aggregate(groupBy: $groupBy, measures: $measures, filter: $filter, currency: $currency) {
    keys { dimension value label } values { measure value currency leftOut } } }`;

const MONEY_UNITS = new Set(['MONEY', 'MONEY_PER_PERSON', 'MONEY_PER_MONTH']);

type Row = Record<string, unknown>;
const joined = (values: unknown[], separator = ' ') =>
  [...new Set(values.filter((value) => value !== null && value !== undefined && value !== ''))].join(separator);

/** The total budget's statements: the exact TOTAL of the project (no programme). */
const totalStatements = (project: Row) =>
  (project.funding as Row[]).filter(
    (row) => row.programme === null && row.kind === 'TOTAL' && row.qualifier === 'EXACT',
  );

function projectRow(project: Row): Row {
  const municipality = project.municipality as Row;
  const period = project.period as Row;
  const budget = project.budget as Row | null;
  const total = totalStatements(project);
  return {
    key: project.key,
    title: project.title,
    title_latin: project.titleLatin,
    municipality_code: municipality.code,
    municipality: municipality.name,
    municipality_latin: municipality.nameLatin,
    oblast: (municipality.oblast as Row).name,
    registration_number: project.registrationNumber,
    status: project.status,
    confirmation: project.confirmation,
    start_date: period.startDate,
    end_date: period.endDate,
    duration_months: period.durationMonths,
    total_budget: budget?.amount ?? null,
    currency: budget?.currency ?? null,
    total_budget_qualifier: budget ? 'EXACT' : null,
    total_budget_source_urls: budget ? joined(total.map((row) => (row.source as Row).url)) : null,
    total_budget_publishers: budget
      ? joined(
          total.map((row) => (row.source as Row).publisher),
          ' | ',
        )
      : null,
    quality_flags: joined((project.qualityFlags as Row[]).map((flag) => flag.code)),
  };
}

const PROJECT_COLUMNS = Object.keys(
  projectRow({
    municipality: { oblast: {} },
    period: {},
    budget: null,
    funding: [],
    qualityFlags: [],
  }),
);

function indicatorRows(project: Row): Row[] {
  const municipality = project.municipality as Row;
  return (project.indicators as Row[]).map((value) => {
    const indicator = value.indicator as Row;
    const source = value.source as Row;
    return {
      project_key: project.key,
      municipality_code: municipality.code,
      municipality: municipality.name,
      indicator_code: indicator.code,
      indicator: indicator.name,
      unit: indicator.unit,
      value: value.value,
      qualifier: value.qualifier,
      basis: value.basis,
      as_of: value.asOf,
      breakdown: value.breakdown,
      as_published: value.asPublished,
      verified: value.verified,
      source_key: source.key,
      source_url: source.url,
      publisher: source.publisher,
    };
  });
}

const INDICATOR_COLUMNS = [
  'project_key',
  'municipality_code',
  'municipality',
  'indicator_code',
  'indicator',
  'unit',
  'value',
  'qualifier',
  'basis',
  'as_of',
  'breakdown',
  'as_published',
  'verified',
  'source_key',
  'source_url',
  'publisher',
];

const COMPARISON_COLUMNS = [
  'municipality_code',
  'municipality',
  'municipality_latin',
  'metric',
  'metric_name',
  'unit',
  'value',
  'currency',
  'rank',
  'numerator',
  'denominator',
  'basis',
  'qualifier',
  'caveat_codes',
  'caveats',
  'source_urls',
  'publishers',
];

/** Single-valued query parameters, only those the export knows. */
function parameters(req: Request, allowed: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (!allowed.includes(name))
      throw new ParameterError(name, `unknown parameter "${name}"; this export takes ${allowed.join(', ')}`);
    if (typeof value !== 'string') throw new ParameterError(name, `give "${name}" once, as a plain value`);
    result[name] = value;
  }
  return result;
}

function jsonParameter(params: Record<string, string>, name: string): unknown {
  if (params[name] === undefined) return undefined;
  try {
    return JSON.parse(params[name]);
  } catch {
    throw new ParameterError(
      name,
      `"${name}" must be JSON, as the GraphQL argument, e.g. ${name}={"municipalityCodes":["SZR12"]}`,
    );
  }
}

const listParameter = (params: Record<string, string>, name: string) =>
  params[name] === undefined
    ? undefined
    : params[name]
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

function bomParameter(params: Record<string, string>): boolean {
  if (params.bom === undefined || params.bom === '0') return false;
  if (params.bom === '1') return true;
  throw new ParameterError('bom', '"bom" must be 1 (a UTF-8 byte-order mark first, for Excel) or 0');
}

/** The parameter a GraphQL error is about: a variable (`$filter` → filter.startDateFrom) or a resolver's argument. */
function parameterOf(error: { message: string; extensions?: Record<string, unknown> }): string {
  if (typeof error.extensions?.argument === 'string') return error.extensions.argument;
  // graphql-js: 'Variable "$filter" got invalid value … at "filter.startDateFrom"'; the path starts with the variable.
  const variable = /Variable "\$(\w+)"/.exec(error.message);
  const at = /at "([\w.[\]]+)"/.exec(error.message);
  return at?.[1] ?? variable?.[1] ?? 'query';
}

export function createExportRouter(options: {
  schema: GraphQLSchema;
  contextForPage: ContextForPage;
  requestTimeoutMs: number;
  logger: Logger;
}): express.Router {
  const { schema, contextForPage, logger } = options;
  const router = express.Router();

  /** Runs one operation in a fresh context; a client error becomes a ParameterError, anything else throws. */
  async function run(source: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<Row> {
    // The page's own signal, unlinked afterwards: nothing of a finished page stays reachable from the export's.
    const page = new AbortController();
    const forward = () => page.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    const context = contextForPage({ signal: page.signal, deadline: Date.now() + options.requestTimeoutMs });
    let result: ExecutionResult;
    try {
      result = await graphql({ schema, source, variableValues: variables, contextValue: context });
    } finally {
      signal.removeEventListener('abort', forward);
      await context.database.release();
    }
    const error = result.errors?.[0];
    if (error) {
      const code = error.extensions?.code;
      const original = error.originalError;
      if (!code && !(original instanceof RequestAbortedError) && error.path === undefined)
        throw new ParameterError(parameterOf(error), error.message);
      if (code === 'BAD_USER_INPUT') throw new ParameterError(parameterOf(error), error.message);
      throw original ?? error;
    }
    return result.data as Row;
  }

  /** Streams rows into `output` (a CSV or JSON-lines stream piped to the response), page after page. */
  async function exportRows(
    req: Request,
    res: Response,
    kind: { file: string; type: string; csv?: { columns: string[]; bom: boolean } },
    pages: (signal: AbortSignal) => AsyncGenerator<Row[]>,
  ): Promise<void> {
    const abort = new AbortController();
    res.on('close', () =>
      abort.abort(new RequestAbortedError('CLIENT_CLOSED_REQUEST', 'The client closed the connection')),
    );
    const iterator = pages(abort.signal);
    let first: IteratorResult<Row[]>;
    try {
      first = await iterator.next();
    } catch (error) {
      fail(res, error);
      return;
    }
    res.status(200);
    res.setHeader('content-type', kind.type);
    res.setHeader('content-disposition', `attachment; filename="${kind.file}"`);
    res.setHeader('cache-control', 'no-store');
    let output: Writable;
    if (kind.csv) {
      const csv = stringify({
        header: true,
        columns: kind.csv.columns,
        bom: kind.csv.bom,
        cast: { boolean: (value) => String(value) },
      });
      csv.pipe(res);
      output = csv;
    } else {
      output = res;
    }
    const write = async (row: Row) => {
      const accepted = kind.csv ? output.write(row) : output.write(`${JSON.stringify(row)}\n`);
      if (!accepted) await once(output, 'drain');
    };
    try {
      for (let page = first; !page.done; page = await iterator.next()) {
        for (const row of page.value) await write(row);
      }
      output.end();
    } catch (error) {
      // Headers are gone: the client sees a cut download (no final chunk), never a silently short file.
      if (!(error instanceof RequestAbortedError))
        logger.error({ err: error, path: req.path }, 'export failed while streaming');
      res.destroy();
    }
  }

  function fail(res: Response, error: unknown): void {
    if (error instanceof ParameterError) {
      res.status(400).json({ error: 'BAD_REQUEST', parameter: error.parameter, message: error.message });
    } else if (error instanceof RequestAbortedError) {
      res.status(504).json({ error: 'DEADLINE_EXCEEDED', message: error.message });
    } else {
      logger.error({ err: error }, 'export failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    }
  }

  /** Every page of `projects(filter)`, mapped to rows. */
  function projectPages(query: string, variables: Record<string, unknown>, toRows: (project: Row) => Row[]) {
    return async function* (signal: AbortSignal): AsyncGenerator<Row[]> {
      let after: string | undefined;
      for (;;) {
        const data = await run(query, { ...variables, first: PAGE, after }, signal);
        const connection = data.projects as {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: Row }[];
        };
        yield connection.edges.flatMap((edge) => toRows(edge.node));
        if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
        after = connection.pageInfo.endCursor;
      }
    };
  }

  const handle = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response) => {
    handler(req, res).catch((error: unknown) => (res.headersSent ? res.destroy() : fail(res, error)));
  };

  router.get(
    '/projects.csv',
    handle(async (req, res) => {
      const params = parameters(req, ['filter', 'currency', 'bom']);
      const variables = { filter: jsonParameter(params, 'filter'), currency: params.currency ?? 'BGN' };
      await exportRows(
        req,
        res,
        {
          file: 'projects.csv',
          type: 'text/csv; charset=utf-8',
          csv: { columns: PROJECT_COLUMNS, bom: bomParameter(params) },
        },
        projectPages(PROJECTS, variables, (project) => [projectRow(project)]),
      );
    }),
  );

  router.get(
    '/projects.jsonl',
    handle(async (req, res) => {
      const params = parameters(req, ['filter', 'currency']);
      const variables = { filter: jsonParameter(params, 'filter'), currency: params.currency ?? 'BGN' };
      await exportRows(
        req,
        res,
        { file: 'projects.jsonl', type: 'application/x-ndjson; charset=utf-8' },
        projectPages(PROJECTS, variables, (project) => [project]),
      );
    }),
  );

  router.get(
    '/indicator-values.csv',
    handle(async (req, res) => {
      const params = parameters(req, ['filter', 'bom']);
      await exportRows(
        req,
        res,
        {
          file: 'indicator-values.csv',
          type: 'text/csv; charset=utf-8',
          csv: { columns: INDICATOR_COLUMNS, bom: bomParameter(params) },
        },
        projectPages(INDICATOR_VALUES, { filter: jsonParameter(params, 'filter') }, indicatorRows),
      );
    }),
  );

  router.get(
    '/comparison.csv',
    handle(async (req, res) => {
      const params = parameters(req, ['metrics', 'municipalityCodes', 'currency', 'basis', 'bom']);
      if (!params.metrics)
        throw new ParameterError(
          'metrics',
          '"metrics" is required: metric keys separated by commas, e.g. metrics=TOTAL_BUDGET,EU_SHARE',
        );
      const variables = {
        metrics: listParameter(params, 'metrics'),
        municipalityCodes: listParameter(params, 'municipalityCodes'),
        currency: params.currency ?? 'BGN',
        basis: params.basis ?? 'BEST_AVAILABLE',
      };
      await exportRows(
        req,
        res,
        {
          file: 'comparison.csv',
          type: 'text/csv; charset=utf-8',
          csv: { columns: COMPARISON_COLUMNS, bom: bomParameter(params) },
        },
        async function* (signal) {
          const comparison = (await run(COMPARISON, variables, signal)).comparison as Row;
          const metrics = new Map((comparison.metrics as Row[]).map((metric) => [metric.key, metric]));
          yield (comparison.rows as Row[]).flatMap((row) => {
            const municipality = row.municipality as Row;
            return (row.cells as Row[]).map((cell) => {
              const metric = metrics.get(cell.metric)!;
              const caveats = cell.caveats as Row[];
              const sources = cell.sources as Row[];
              return {
                municipality_code: municipality.code,
                municipality: municipality.name,
                municipality_latin: municipality.nameLatin,
                metric: cell.metric,
                metric_name: metric.nameEn,
                unit: metric.unit,
                value: cell.value,
                currency: MONEY_UNITS.has(String(metric.unit)) && cell.value !== null ? comparison.currency : null,
                rank: cell.rank,
                numerator: cell.numerator,
                denominator: cell.denominator,
                basis: cell.basis,
                qualifier: cell.qualifier,
                caveat_codes: joined(caveats.map((caveat) => caveat.code)),
                caveats: caveats.map((caveat) => `${caveat.code}: ${caveat.message}`).join(' | '),
                source_urls: joined(sources.map((source) => source.url)),
                publishers: joined(
                  sources.map((source) => source.publisher),
                  ' | ',
                ),
              };
            });
          });
        },
      );
    }),
  );

  router.get(
    '/aggregate.csv',
    handle(async (req, res) => {
      const params = parameters(req, ['groupBy', 'measures', 'filter', 'currency', 'bom']);
      const groupBy = listParameter(params, 'groupBy') ?? [];
      const measures = listParameter(params, 'measures');
      if (!measures)
        throw new ParameterError(
          'measures',
          '"measures" is required: measures separated by commas, e.g. measures=BUDGET_SUM,PROJECT_COUNT',
        );
      const variables = {
        groupBy,
        measures,
        filter: jsonParameter(params, 'filter'),
        currency: params.currency ?? 'BGN',
      };
      const columns = [
        ...groupBy.flatMap((dimension) => [dimension.toLowerCase(), `${dimension.toLowerCase()}_label`]),
        ...measures.flatMap((measure) => [
          measure.toLowerCase(),
          `${measure.toLowerCase()}_currency`,
          `${measure.toLowerCase()}_left_out`,
        ]),
      ];
      await exportRows(
        req,
        res,
        { file: 'aggregate.csv', type: 'text/csv; charset=utf-8', csv: { columns, bom: bomParameter(params) } },
        async function* (signal) {
          const groups = (await run(AGGREGATE, variables, signal)).aggregate as Row[];
          yield groups.map((group) => {
            const row: Row = {};
            for (const key of group.keys as Row[]) {
              row[String(key.dimension).toLowerCase()] = key.value;
              row[`${String(key.dimension).toLowerCase()}_label`] = key.label;
            }
            for (const value of group.values as Row[]) {
              const name = String(value.measure).toLowerCase();
              row[name] = value.value;
              row[`${name}_currency`] = value.currency;
              row[`${name}_left_out`] = value.leftOut;
            }
            return row;
          });
        },
      );
    }),
  );

  return router;
}
