import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { type Context, createContext } from '../graphql/context';
import { type ResponseCache, responseCacheMiddleware } from '../graphql/response-cache';

/**
 * The HTTP surface: `/graphql` (POST and GET), `/healthz` (the process is alive), `/readyz` (the
 * database answers and every migration is applied), JSON 404 for anything else. One log line per
 * request with status and duration.
 */
export function createApp(options: { apollo: ApolloServer<Context>; database: Database; logger: Logger; cache?: ResponseCache }): express.Express {
  const { apollo, database, logger, cache } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

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
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const state = await database.ready();
    if (state.ok) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: state.reason });
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    ...(cache ? [responseCacheMiddleware(cache)] : []),
    expressMiddleware(apollo, {
      context: async ({ res }) => createContext(database.dataSource, String(res.locals.requestId)),
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
    if (error.status && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: 'BAD_REQUEST', message: error.message });
      return;
    }
    logger.error({ requestId: res.locals.requestId, err: error }, 'unhandled HTTP error');
    res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', requestId: res.locals.requestId });
  });

  return app;
}
