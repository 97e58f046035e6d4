import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { RequestLimits } from '../config';
import { ErrorCode, hubError } from '../errors/codes';
import { createFormatError, errorLoggingPlugin } from '../errors/format';
import type { Logger } from '../logger';
import type { DataSizes } from './data-sizes';
import type { RequestContext } from './request-context';
import { executingGateway } from './jit';
import { type HttpCache, httpCachePlugin } from './http-cache';
import { graphqlOverHttpPlugin } from './http-status';
import type { PersistedDocuments } from './persisted-documents';
import { costPlugin, limitRules } from './limits';
import { type ResponseCache, responseCachePlugin } from './response-cache';
import type { CostThrottle } from './throttle';

export interface ApolloOptions {
  schema: GraphQLSchema;
  httpServer: http.Server;
  logger: Logger;
  cache: ResponseCache;
  limits: RequestLimits;
  throttle: CostThrottle;
  /** ETags and Cache-Control of anonymous GET answers (the 304s are answered before Apollo, conditional-get.ts). */
  httpCache: HttpCache;
  /** The documents Apollo's automatic persisted queries may name (read-only: registrations are not kept). */
  documents: PersistedDocuments;
  /** The longest data-dependent lists now, for the cost analysis (refreshed after every import). */
  sizes: DataSizes;
  /** Original error messages for unexpected errors (development only). */
  exposeErrors: boolean;
  sandbox: boolean;
  shutdownTimeoutMs: number;
  /** Repeated documents run compiled by graphql-jit (see jit.ts). */
  compiledExecution: boolean;
}

/**
 * Mutations only as `POST` with `Content-Type: application/json`: a request no web page can send to
 * another site without a CORS preflight (Apollo's CSRF rule, for mutations only, so that reading by
 * plain GET links keeps working). Tokens travel in the Authorization header, which a browser never
 * adds by itself, so there is no ambient credential to ride on either.
 */
function mutationGuardPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'mutation') return;
          const type = request.http?.headers.get('content-type') ?? '';
          if (request.http?.method !== 'POST' || !/^application\/json\b/i.test(type)) {
            throw hubError(
              ErrorCode.BAD_REQUEST,
              'Mutations must be sent as POST with Content-Type: application/json',
              {
                http: true,
              },
            );
          }
        },
      };
    },
  };
}

/**
 * Parsed and validated documents kept for repeated texts, bounded by Apollo's own measure (the JSON of a
 * document, without its tokens). A parsed document takes about 4.2 times that in the heap (3,000 random
 * operations of bench/random-operations.js: 9.4 MB of JSON, 39.8 MB of heap), so Apollo's default of
 * 30 MiB would keep some 130 MB of documents in a heap capped at 384 MB: 8 MiB keeps about 34 MB.
 */
export const DOCUMENT_STORE_JSON_BYTES = 8 * 1024 * 1024;

/**
 * The hub's Apollo Server, the same for `main` and for the API tests. The order of a request: Apollo's
 * HTTP checks → parse (token limit) → validation (graphql-js rules + depth, aliases, directives,
 * hostile strings) → cost and throttle (costPlugin) → response cache → execution.
 */
export function createApolloServer<TContext extends RequestContext>(options: ApolloOptions): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    gateway: executingGateway(options.schema, {
      compile: options.compiledExecution,
      maxResponseBytes: options.limits.maxResponseBytes,
    }),
    introspection: true,
    // Shutdown is ours (drain, close the pool, stop PostgreSQL), not Apollo's.
    stopOnTerminationSignals: false,
    // Read-only public data, no cookies or credentials: CSRF prevention would only block plain GET queries.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: options.limits.maxTokens },
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: DOCUMENT_STORE_JSON_BYTES }),
    // The persisted documents by their hash; without this, Apollo would keep every hash a client registers.
    persistedQueries: { cache: options.documents.apqCache() },
    validationRules: limitRules(options.limits),
    formatError: createFormatError(options.exposeErrors),
    plugins: [
      ApolloServerPluginDrainHttpServer({
        httpServer: options.httpServer,
        stopGracePeriodMillis: options.shutdownTimeoutMs,
      }),
      errorLoggingPlugin(options.logger),
      mutationGuardPlugin(),
      costPlugin({ limits: options.limits, throttle: options.throttle, sizes: options.sizes }),
      responseCachePlugin<TContext>(options.cache),
      // After the cost plugin: it reads the cost that plugin has written.
      httpCachePlugin(options.httpCache),
      graphqlOverHttpPlugin<TContext>(),
      // No cache hints are used; the plugin would otherwise wrap every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      options.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
