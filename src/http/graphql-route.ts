import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type Caller, prepareTokenCheck } from '../auth/tokens';
import type { RequestLimits } from '../config';
import { type Context, type ContextFactory, createContext } from '../context';
import type { RequestScope } from '../db/request-database';
import { ErrorCode, httpStatusOf } from '../errors/codes';
import { sendHttpError } from '../errors/format';
import type { HttpCache } from '../graphql/http-cache';
import { responseMediaType } from '../graphql/http-status';
import { CostThrottle } from '../graphql/throttle';
import type { Database } from '../db/database';
import { conditionalGet } from './conditional-get';
import type { MemoryGuard } from '../graphql/memory-guard';
import type { PersistedDocuments } from '../graphql/persisted-documents';
import { type BodyRefusal, strictJson } from './json-body';
import { PAGE_POLICY } from './page-policy';
import { persistedDocumentRequests } from './persisted-document';
import { clientOf, requestScope } from './request-scope';

/**
 * `/graphql`: the bundled GraphiQL for a browser, a 406 for an Accept the hub cannot answer, the API token
 * checked before the body is read (only a valid one gets the import limits), then Apollo.
 */
export function graphqlRoute(options: {
  apollo: ApolloServer<Context>;
  database: Database;
  limits: RequestLimits;
  contexts: ContextFactory;
  webDir: string;
  httpCache: HttpCache;
  documents: PersistedDocuments;
  memoryGuard?: MemoryGuard;
}): Router {
  const { apollo, database, limits, contexts, webDir, httpCache, memoryGuard } = options;
  const persisted = persistedDocumentRequests(options.documents, (res, code, message) =>
    graphqlRefusal(res, code, message, { parameter: 'documentId' }),
  );
  // Failed token checks per token id (per address for tokens that do not exist): 10 at once, then one every
  // 6 s (each check costs a scrypt).
  const tokenChecks = new CostThrottle({ bucketSize: 10, restorePerSecond: 1 / 6, maxClients: 10_000 });
  const refuse = (res: Response, refusal: BodyRefusal) =>
    graphqlRefusal(res, refusal.code, refusal.message, refusal.jsonPath ? { jsonPath: refusal.jsonPath } : {});
  const readBody = strictJson(limits.maxBodyBytes, refuse);
  const readImportBody = strictJson(limits.importMaxBodyBytes, refuse);
  const router = express.Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    // A browser asking for /graphql gets the bundled GraphiQL (works offline); `?sandbox` passes to
    // Apollo's Sandbox page (online, from Apollo's CDN) where APOLLO_SANDBOX allows it.
    const html = req.method === 'GET' && /text\/html/.test(req.headers.accept ?? '');
    if (
      html &&
      req.query.query === undefined &&
      req.query.documentId === undefined &&
      req.query.sandbox === undefined
    ) {
      res.setHeader('content-security-policy', PAGE_POLICY);
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(path.join(webDir, 'graphiql.html'), { cacheControl: false });
      return;
    }
    if (!html && responseMediaType(req.headers.accept) === null) {
      sendHttpError(res, ErrorCode.NOT_ACCEPTABLE, 'Accept application/json or application/graphql-response+json');
      return;
    }
    next();
  });

  router.use(persisted.url);
  router.use(conditionalGet(httpCache));

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      res.locals.scope = requestScope(res, limits.requestTimeoutMs, { guard: memoryGuard, maxRows: limits.maxRows });
      readBody(req, res, next);
      return;
    }
    const bearer = /^Bearer (\S+)$/.exec(header);
    let caller: Caller | null = null;
    if (bearer) {
      try {
        const check = await prepareTokenCheck(database.dataSource.manager, bearer[1]);
        // Failures count against the token they name, or, for a token that does not exist, the address; the
        // attempt is counted before its scrypt and given back when it succeeds.
        const key = check.liveId !== null ? `token ${check.liveId}` : `address ${clientOf(req)}`;
        const taken = tokenChecks.take(key, 1);
        if (!taken.ok) {
          res.setHeader('retry-after', String(taken.retryAfterSeconds));
          graphqlRefusal(
            res,
            ErrorCode.THROTTLED,
            check.liveId !== null
              ? 'Too many failed checks of this token; retry later'
              : 'Too many failed token checks from this address; retry later',
          );
          return;
        }
        caller = await check.verify();
        if (caller) tokenChecks.refund(key, 1);
      } catch (error) {
        next(error);
        return;
      }
    }
    if (!caller) {
      res.setHeader('www-authenticate', 'Bearer');
      graphqlRefusal(
        res,
        ErrorCode.UNAUTHENTICATED,
        bearer ? 'The API token is unknown, revoked or wrong' : 'Authorization must be "Bearer <token>"',
      );
      return;
    }
    res.locals.caller = caller;
    res.locals.scope = requestScope(res, limits.importTimeoutMs, { guard: memoryGuard });
    readImportBody(req, res, next);
  });

  router.use(persisted.body);
  router.use(
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const context = createContext(contexts, {
          requestId: String(res.locals.requestId),
          client: clientOf(req),
          caller: (res.locals.caller as Caller | undefined) ?? null,
          scope: res.locals.scope as RequestScope,
        });
        res.on('close', () => void context.database.release());
        return context;
      },
    }),
  );
  return router;
}

/** A refusal before GraphQL ran, in GraphQL's response shape (the client speaks GraphQL): the code's HTTP status, never stored by a cache. */
function graphqlRefusal(
  res: Response,
  code:
    | ErrorCode.THROTTLED
    | ErrorCode.UNAUTHENTICATED
    | ErrorCode.BAD_REQUEST
    | ErrorCode.BAD_USER_INPUT
    | ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.setHeader('cache-control', 'no-store');
  res.status(httpStatusOf(code)).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}
