import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { RequestLimits } from '../config';
import { type Context, type ContextFactory, createContext } from '../context';
import type { Database } from '../db/database';
import type { HttpCache } from '../graphql/http-cache';
import type { PersistedDocuments } from '../graphql/persisted-documents';
import { ConnectionLanes } from '../db/request-database';
import { ErrorCode } from '../errors/codes';
import { sendHttpError } from '../errors/format';
import { Writer } from '../ingest/writer';
import type { Logger } from '../logger';
import { SharedSnapshot } from '../db/shared-snapshot';
import { createExportRouter } from './exports/router';
import { clientOf } from './request-scope';
import { graphqlHandler } from './graphql-handler';
import { corsHeaders, securityHeaders } from './headers';
import { bodyErrorOf } from './json-body';
import type { MemoryGuard } from '../graphql/memory-guard';
import { PAGE_POLICY } from './page-policy';
import { requestLog } from './request-log';

/** dist/web, from src/http (tests) and from dist/http alike. */
/** A file the build named by its content's hash (scripts/build-web.js: `app.<12 hex>.js`). */
const HASHED_ASSET = /\.[0-9a-f]{12}\.(?:js|css)$/;

export const WEB_DIR = path.resolve(__dirname, '..', '..', 'dist', 'web');

/**
 * The HTTP surface, as the HTTP server's request listener: `/graphql` (POST and GET; graphql-handler.ts,
 * on Node's own request and response), and through express `/healthz` (the process can serve), `/readyz`
 * (the database answers and every migration is applied), the dashboard's files, `/export/…`, GraphiQL and
 * CORS preflights, and a JSON 404 for anything else. One log line per request with status and duration;
 * helmet's security headers and open CORS for reading (headers.ts) on every answer.
 */
export function createApp(options: {
  apollo: ApolloServer<Context>;
  schema: GraphQLSchema;
  database: Database;
  logger: Logger;
  limits: RequestLimits;
  poolSize: number;
  httpCache: HttpCache;
  /** The documents a client may name by `documentId` (the dashboard's). */
  documents: PersistedDocuments;
  /** Stops the costliest running request when the heap runs short (absent: none). */
  memoryGuard?: MemoryGuard;
  /** Reads of request connections as prepared statements (default true). */
  preparedStatements?: boolean;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { database, logger, limits } = options;
  // What every request's context (GraphQL, export pages) is made from.
  const contexts: ContextFactory = {
    dataSource: database.dataSource,
    lanes: new ConnectionLanes(options.poolSize, limits.reservedConnections, [
      { above: limits.heavyCost, concurrency: limits.heavyConcurrency },
      { above: limits.mediumCost, concurrency: limits.mediumConcurrency },
    ]),
    cancelConnection: database.connection,
    writer: new Writer(database.dataSource, limits.importTimeoutMs),
    limits,
    preparedStatements: options.preparedStatements ?? true,
  };
  const app = expressApp(options, contexts);
  const log = requestLog(logger);
  const viaExpress = (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    res.setHeader('x-request-id', requestId);
    (res as ServerResponse & { locals?: object }).locals = { requestId };
    app(req, res);
  };
  const graphql = graphqlHandler({ ...options, contexts, pages: viaExpress });
  return (req, res) => {
    const requestId = log(req, res);
    if (GRAPHQL_PATH.test(req.url ?? '/')) graphql(req, res, requestId);
    else viaExpress(req, res, requestId);
  };
}

/** `/graphql` (or `/graphql/`), with or without parameters. */
const GRAPHQL_PATH = /^\/graphql\/?(?:\?|$)/;

/** express: everything but GraphQL's own requests. */
function expressApp(
  options: { database: Database; logger: Logger; limits: RequestLimits; schema: GraphQLSchema },
  contexts: ContextFactory,
): express.Express {
  const { database, logger, limits } = options;
  const app = express();
  app.disable('x-powered-by');
  // No weak ETag hashed from every body: GraphQL answers get the hub's own (http-cache.ts), assets serve-static's.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(securityHeaders);
  app.use(corsHeaders);
  // gzip or brotli as the client's Accept-Encoding prefers, for every answer of 1 kB or more: the exports
  // (streamed) and the dashboard's files (the `compression` middleware, expressjs' own; graphql-handler.ts
  // compresses the API's answers with the same settings). gzip at level 1, nginx's default: every answer is
  // compressed anew, and on the API's JSON level 1 saves 92 % of the bytes for 0.35 ms per 55 kB where level 6
  // saves 93 % for 0.49 ms (brotli keeps the middleware's quality 4).
  app.use(compression({ level: 1 }));

  app.get('/healthz', (_req, res) => {
    if (database.alive()) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'failing', reason: 'the embedded PostgreSQL could not be restarted' });
  });
  app.get('/readyz', async (_req, res) => {
    const state = await database.ready();
    if (state.ok) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: state.reason });
  });

  // A browser's visit to /graphql (graphql-handler.ts sends it here): the bundled GraphiQL, which works offline.
  app.get('/graphql', (_req, res) => {
    res.setHeader('content-security-policy', PAGE_POLICY);
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(WEB_DIR, 'graphiql.html'), { cacheControl: false });
  });
  // The dashboard and the GraphQL explorer, built from web/ into dist/web: every asset served here.
  // The editor's desk is a view of the dashboard at its own address.
  app.get('/edit', (_req, res) => {
    res.setHeader('content-security-policy', PAGE_POLICY);
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(WEB_DIR, 'index.html'), { cacheControl: false });
  });
  app.use(
    express.static(WEB_DIR, {
      index: 'index.html',
      setHeaders: (res, file) => {
        // A script or style under its content's hash never changes; a page (and the rest) is revalidated.
        if (HASHED_ASSET.test(file)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else res.setHeader('cache-control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=600');
        if (file.endsWith('.html')) res.setHeader('content-security-policy', PAGE_POLICY);
      },
    }),
  );
  app.use(
    '/export',
    exportSlots(limits.exportConcurrency, limits.exportPerClient),
    createExportRouter({
      schema: options.schema,
      limits,
      logger,
      openSnapshot: () => SharedSnapshot.open(database.connection),
      contextForPage: (scope, snapshot) => {
        const context = createContext(contexts, { requestId: randomUUID(), client: 'export', scope, snapshot });
        // Each page in the heavy lane, so that small API requests never wait behind an export.
        context.database.cost = limits.heavyCost + 1;
        return context;
      },
    }),
  );
  app.use((req, res) => sendHttpError(res, ErrorCode.NOT_FOUND, `No route for ${req.method} ${req.path}`));
  app.use(errorHandler(logger, limits));
  return app;
}

/**
 * At most `slots` exports at once, and `perClient` per client address (so that one client's slow
 * readers cannot hold every slot); more → 429 with Retry-After.
 */
function exportSlots(slots: number, perClient: number) {
  let exporting = 0;
  const byClient = new Map<string, number>();
  return (req: Request, res: Response, next: NextFunction) => {
    const client = clientOf(req);
    const mine = byClient.get(client) ?? 0;
    if (exporting >= slots || mine >= perClient) {
      res.setHeader('retry-after', '5');
      const [count, limit, setting] =
        mine >= perClient
          ? [mine, 'the most per client', 'HUB_EXPORT_PER_CLIENT']
          : [exporting, 'the most at once', 'HUB_EXPORT_CONCURRENCY'];
      sendHttpError(
        res,
        ErrorCode.THROTTLED,
        `${count} export(s) running, ${limit} (${setting}); retry in a few seconds`,
      );
      return;
    }
    exporting += 1;
    byClient.set(client, mine + 1);
    res.on('close', () => {
      exporting -= 1;
      const left = (byClient.get(client) ?? 1) - 1;
      if (left > 0) byClient.set(client, left);
      else byClient.delete(client);
    });
    next();
  };
}

/** Errors of the HTTP layer (body parsing, limits) as the client's mistake; anything else logged, and a 500 without details. */
function errorHandler(logger: Logger, limits: RequestLimits) {
  return (
    error: Error & { status?: number; type?: string; limit?: number },
    _req: Request,
    res: Response,
    _next: NextFunction,
  ) => {
    const known = bodyErrorOf(error, limits.maxBodyBytes);
    if (known) {
      res.status(known.status).json({ error: known.code, message: known.message });
    } else {
      logger.error({ requestId: res.locals.requestId, err: error }, 'unhandled HTTP error');
      sendHttpError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error', {
        requestId: res.locals.requestId,
      });
    }
  };
}
