import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { RequestLimits } from '../config';
import type { Database } from '../db/database';
import { ConnectionLanes, RequestAbortedError, type RequestScope } from '../db/request-database';
import { type Context, type ContextFactory, createContext } from '../context';
import { responseMediaType } from '../graphql/http-status';
import { CostThrottle } from '../graphql/throttle';
import { type Caller, verifyToken } from '../auth/tokens';
import { Writer } from '../ingest/writer';
import type { GraphQLSchema } from 'graphql';
import { createExportRouter } from './exports';
import type { Logger } from '../logger';

/** dist/web, from src/http (tests) and from dist/http alike. */
const WEB_DIR = path.resolve(__dirname, '..', '..', 'dist', 'web');

/**
 * The HTTP surface: `/graphql` (POST and GET), `/healthz` (the process can serve), `/readyz` (the
 * database answers and every migration is applied), JSON 404 for anything else. One log line per
 * request with status and duration. Security headers by helmet; CORS open to every origin for reading
 * (no credentials, so no cookie or token of a visitor is ever sent along).
 */
export function createApp(options: {
  apollo: ApolloServer<Context>;
  schema: GraphQLSchema;
  database: Database;
  logger: Logger;
  limits: RequestLimits;
  poolSize: number;
  /** Reads of request connections as prepared statements (default true). */
  preparedStatements?: boolean;
}): express.Express {
  const { apollo, database, logger, limits } = options;
  const lanes = new ConnectionLanes(options.poolSize, limits.reservedConnections, [
    { above: limits.heavyCost, concurrency: limits.heavyConcurrency },
    { above: limits.mediumCost, concurrency: limits.mediumConcurrency },
  ]);
  const writer = new Writer(database.dataSource, limits.importTimeoutMs);
  // What every request's context (GraphQL, export pages) is made from.
  const contexts: ContextFactory = {
    dataSource: database.dataSource,
    lanes,
    cancelConnection: database.connection,
    writer,
    limits,
    preparedStatements: options.preparedStatements ?? true,
  };
  // Failed token checks per address: 10 at once, then one every 6 s (each check costs a scrypt).
  const tokenChecks = new CostThrottle({ bucketSize: 10, restorePerSecond: 1 / 6, maxClients: 10_000 });
  const readBody = express.json({ limit: limits.maxBodyBytes });
  const readImportBody = express.json({ limit: limits.importMaxBodyBytes });
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(
    helmet({
      // Apollo Sandbox (a page of scripts from Apollo's CDN) is the only HTML served; the API is JSON.
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.use(
    cors({
      origin: '*',
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'accept', 'x-request-id', 'apollo-require-preflight', 'authorization'],
      exposedHeaders: ['x-request-id', 'x-cache', 'retry-after'],
      maxAge: 600,
    }),
  );

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    if (database.alive()) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'failing', reason: 'the embedded PostgreSQL could not be restarted' });
  });

  app.get('/readyz', async (_req, res) => {
    const state = await database.ready();
    if (state.ok) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: state.reason });
  });

  // The dashboard and the GraphQL explorer, built from web/ into dist/web: every asset served here.
  app.use(express.static(WEB_DIR, { index: 'index.html', maxAge: '10m' }));

  app.use(
    '/graphql',
    (req: Request, res: Response, next: NextFunction) => {
      // A browser asking for /graphql gets the bundled GraphiQL (works offline); `?sandbox` passes to
      // Apollo's Sandbox page (online, from Apollo's CDN) where APOLLO_SANDBOX allows it.
      const html = req.method === 'GET' && /text\/html/.test(req.headers.accept ?? '');
      if (html && req.query.query === undefined && req.query.sandbox === undefined) {
        res.sendFile(path.join(WEB_DIR, 'graphiql.html'));
        return;
      }
      if (!html && responseMediaType(req.headers.accept) === null) {
        res
          .status(406)
          .json({ error: 'NOT_ACCEPTABLE', message: 'Accept application/json or application/graphql-response+json' });
        return;
      }
      next();
    },
    // An API token is checked before the body is read: only a valid one gets the import limits.
    async (req: Request, res: Response, next: NextFunction) => {
      const header = req.headers.authorization;
      if (header === undefined) {
        res.locals.scope = requestScope(res, limits.requestTimeoutMs);
        readBody(req, res, next);
        return;
      }
      const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const bearer = /^Bearer (\S+)$/.exec(header);
      let caller: Caller | null = null;
      if (bearer) {
        if (tokenChecks.available(client) < 1) {
          res.status(429).setHeader('retry-after', '6');
          res.json({
            errors: [
              {
                message: 'Too many failed token checks from this address; retry later',
                extensions: { code: 'THROTTLED' },
              },
            ],
          });
          return;
        }
        try {
          caller = await verifyToken(database.dataSource.manager, bearer[1]);
        } catch (error) {
          next(error);
          return;
        }
      }
      if (!caller) {
        if (bearer) tokenChecks.take(client, 1);
        res.status(401).setHeader('www-authenticate', 'Bearer');
        res.json({
          errors: [
            {
              message: bearer ? 'The API token is unknown, revoked or wrong' : 'Authorization must be "Bearer <token>"',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
        return;
      }
      res.locals.caller = caller;
      res.locals.scope = requestScope(res, limits.importTimeoutMs);
      readImportBody(req, res, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const context = createContext(contexts, {
          requestId: String(res.locals.requestId),
          client: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          caller: (res.locals.caller as Caller | undefined) ?? null,
          scope: res.locals.scope as RequestScope,
        });
        res.on('close', () => void context.database.release());
        return context;
      },
    }),
  );

  // Exports: a few at once (each page in the heavy lane, so small API requests never wait behind them).
  let exporting = 0;
  app.use(
    '/export',
    (req: Request, res: Response, next: NextFunction) => {
      if (exporting >= limits.exportConcurrency) {
        res.status(429).setHeader('retry-after', '5');
        res.json({
          error: 'THROTTLED',
          message: `${exporting} export(s) running, the most at once (HUB_EXPORT_CONCURRENCY); retry in a few seconds`,
        });
        return;
      }
      exporting += 1;
      res.on('close', () => (exporting -= 1));
      next();
    },
    createExportRouter({
      schema: options.schema,
      requestTimeoutMs: limits.requestTimeoutMs,
      logger,
      contextForPage: (scope) => {
        const context = createContext(contexts, { requestId: randomUUID(), client: 'export', scope });
        context.database.cost = limits.heavyCost + 1;
        return context;
      },
    }),
  );

  app.use((req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}` });
  });

  app.use((error: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (error.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'BAD_REQUEST', message: 'Request body is not valid JSON' });
      return;
    }
    if (error.type === 'entity.too.large') {
      res
        .status(413)
        .json({ error: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than ${limits.maxBodyBytes} bytes` });
      return;
    }
    if (error.status && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: 'BAD_REQUEST', message: error.message });
      return;
    }
    logger.error({ requestId: res.locals.requestId, err: error }, 'unhandled HTTP error');
    res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', requestId: res.locals.requestId });
  });

  return app;
}

/**
 * The request's deadline: when it passes, or when the client disconnects before the answer, the signal
 * fires; the request's running SQL is then cancelled and its later statements refused.
 */
function requestScope(res: Response, timeoutMs: number): RequestScope {
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new RequestAbortedError(
          'DEADLINE_EXCEEDED',
          `The request took longer than its deadline of ${timeoutMs} ms and was stopped`,
        ),
      ),
    timeoutMs,
  );
  res.on('close', () => {
    clearTimeout(timer);
    if (!res.writableFinished)
      controller.abort(new RequestAbortedError('CLIENT_CLOSED_REQUEST', 'The client closed the connection'));
  });
  return { signal: controller.signal, deadline: Date.now() + timeoutMs };
}
