import express, { type Request, type Response } from 'express';
import { type ExecutionResult, graphql, type GraphQLSchema } from 'graphql';
import type { RequestLimits } from '../../config';
import type { Context } from '../../context';
import type { SharedSnapshot } from '../../db/shared-snapshot';
import { RequestAbortedError, type RequestScope } from '../../db/request-database';
import { ErrorCode } from '../../errors/codes';
import type { Logger } from '../../logger';
import {
  bomParameter,
  checkParameters,
  jsonParameter,
  listParameter,
  ParameterError,
  parameterOf,
  parameters,
} from './parameters';
import {
  AGGREGATE,
  COMPARISON,
  type ExportAggregate,
  type ExportComparison,
  type ExportIndicatorProject,
  type ExportProject,
  INDICATOR_VALUES,
  type ProjectPage,
  PROJECTS,
} from './queries';
import {
  aggregateColumns,
  aggregateRows,
  COMPARISON_COLUMNS,
  comparisonRows,
  INDICATOR_COLUMNS,
  indicatorRows,
  PROJECT_COLUMNS,
  projectRow,
  type Row,
} from './rows';
import { failExport, type StreamOptions, streamRows } from './stream';

/**
 * `GET /export/…`: every list of the API as a file, streamed. Each export is a client of the hub's own
 * GraphQL schema: it runs the same fields with the same arguments (so the same filters, validation and
 * error messages as the API, no second implementation), page by page for projects (100 at a time, each
 * page a fresh context: memory stays flat however many rows), and writes rows as they come.
 */

/** A fresh request context for one page of an export (its own loaders, connection and deadline), in the export's snapshot. */
export type ContextForPage = (scope: RequestScope, snapshot: string) => Context;

const PAGE = 100;
const CSV = 'text/csv; charset=utf-8';

/**
 * Runs one export's operations against the hub's own schema, each page in a fresh context, every page in
 * the export's one snapshot (db/shared-snapshot.ts): a file is one state of the data, whatever an import
 * commits meanwhile.
 */
class ExportRunner {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly contextForPage: ContextForPage,
    private readonly requestTimeoutMs: number,
    private readonly snapshot: string,
  ) {}

  /** Runs one operation in a fresh context; a client error becomes a ParameterError, anything else throws. */
  async run<T>(source: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T> {
    // The page's own signal, unlinked afterwards: nothing of a finished page stays reachable from the export's.
    const page = new AbortController();
    const forward = () => page.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    const context = this.contextForPage(
      { signal: page.signal, deadline: Date.now() + this.requestTimeoutMs },
      this.snapshot,
    );
    let result: ExecutionResult;
    try {
      result = await graphql({ schema: this.schema, source, variableValues: variables, contextValue: context });
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
      if (code === ErrorCode.BAD_USER_INPUT) throw new ParameterError(parameterOf(error), error.message);
      throw original ?? error;
    }
    return result.data as T;
  }

  /** Every page of `projects(filter)`, mapped to rows. */
  projectPages<T>(query: string, variables: Record<string, unknown>, toRows: (project: T) => Row[]) {
    const run = <R>(query: string, variables: Record<string, unknown>, signal: AbortSignal) =>
      this.run<R>(query, variables, signal);
    return async function* (signal: AbortSignal): AsyncGenerator<Row[]> {
      let after: string | undefined;
      for (;;) {
        const { projects } = await run<ProjectPage<T>>(query, { ...variables, first: PAGE, after }, signal);
        yield projects.edges.flatMap((edge) => toRows(edge.node));
        if (!projects.pageInfo.hasNextPage || !projects.pageInfo.endCursor) return;
        after = projects.pageInfo.endCursor;
      }
    };
  }
}

export function createExportRouter(options: {
  schema: GraphQLSchema;
  contextForPage: ContextForPage;
  openSnapshot: () => Promise<SharedSnapshot>;
  limits: RequestLimits;
  logger: Logger;
}): express.Router {
  const { logger, limits } = options;
  const router = express.Router();
  for (const [route, handler] of Object.entries(EXPORTS)) {
    router.get(route, (req: Request, res: Response) => {
      const exported = async () => {
        // Parameters first: a bad one is refused before a snapshot is taken.
        checkParameters(req);
        const snapshot = await options.openSnapshot();
        try {
          const runner = new ExportRunner(options.schema, options.contextForPage, limits.requestTimeoutMs, snapshot.id);
          const stream = { logger, revision: snapshot.revision, limits };
          await handler(runner, req, res, stream);
        } finally {
          await snapshot.close();
        }
      };
      exported().catch((error: unknown) => (res.headersSent ? res.destroy() : failExport(res, error, logger)));
    });
  }
  return router;
}

type ExportHandler = (runner: ExportRunner, req: Request, res: Response, stream: StreamOptions) => Promise<void>;

/** Each export: its route and how it is made. */
const EXPORTS: Record<string, ExportHandler> = {
  '/projects.csv': async (runner, req, res, stream) => {
    const params = parameters(req, ['filter', 'currency', 'bom']);
    const variables = { filter: jsonParameter(params, 'filter'), currency: params.currency ?? 'BGN' };
    const kind = { file: 'projects.csv', type: CSV, csv: { columns: PROJECT_COLUMNS, bom: bomParameter(params) } };
    const pages = runner.projectPages<ExportProject>(PROJECTS, variables, (project) => [projectRow(project)]);
    await streamRows(req, res, kind, pages, stream);
  },

  '/projects.jsonl': async (runner, req, res, stream) => {
    const params = parameters(req, ['filter', 'currency']);
    const variables = { filter: jsonParameter(params, 'filter'), currency: params.currency ?? 'BGN' };
    const kind = { file: 'projects.jsonl', type: 'application/x-ndjson; charset=utf-8' };
    const pages = runner.projectPages<ExportProject>(PROJECTS, variables, (project) => [{ ...project }]);
    await streamRows(req, res, kind, pages, stream);
  },

  '/indicator-values.csv': async (runner, req, res, stream) => {
    const params = parameters(req, ['filter', 'bom']);
    const kind = {
      file: 'indicator-values.csv',
      type: CSV,
      csv: { columns: INDICATOR_COLUMNS, bom: bomParameter(params) },
    };
    const variables = { filter: jsonParameter(params, 'filter') };
    const pages = runner.projectPages<ExportIndicatorProject>(INDICATOR_VALUES, variables, indicatorRows);
    await streamRows(req, res, kind, pages, stream);
  },

  '/comparison.csv': async (runner, req, res, stream) => {
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
    const kind = {
      file: 'comparison.csv',
      type: CSV,
      csv: { columns: COMPARISON_COLUMNS, bom: bomParameter(params) },
    };
    await streamRows(
      req,
      res,
      kind,
      async function* (signal) {
        yield comparisonRows(await runner.run<ExportComparison>(COMPARISON, variables, signal));
      },
      stream,
    );
  },

  '/aggregate.csv': async (runner, req, res, stream) => {
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
    const kind = {
      file: 'aggregate.csv',
      type: CSV,
      csv: { columns: aggregateColumns(groupBy, measures), bom: bomParameter(params) },
    };
    await streamRows(
      req,
      res,
      kind,
      async function* (signal) {
        yield aggregateRows(await runner.run<ExportAggregate>(AGGREGATE, variables, signal));
      },
      stream,
    );
  },
};
