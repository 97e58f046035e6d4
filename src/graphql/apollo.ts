import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import type { RequestLimits } from '../config';
import { createFormatError, errorLoggingPlugin } from '../errors';
import type { Logger } from '../logger';
import type { Context } from './context';
import { graphqlOverHttpPlugin } from './http-status';
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
  /** Original error messages for unexpected errors (development only). */
  exposeErrors: boolean;
  sandbox: boolean;
  shutdownTimeoutMs: number;
}

/**
 * The hub's Apollo Server, the same for `main` and for the API tests. The order of a request: Apollo's
 * HTTP checks → parse (token limit) → validation (graphql-js rules + depth, aliases, directives,
 * hostile strings) → cost and throttle (costPlugin) → response cache → execution.
 */
export function createApolloServer(options: ApolloOptions): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: options.schema,
    introspection: true,
    // Shutdown is ours (drain, close the pool, stop PostgreSQL), not Apollo's.
    stopOnTerminationSignals: false,
    // Read-only public data, no cookies or credentials: CSRF prevention would only block plain GET queries.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: options.limits.maxTokens },
    validationRules: limitRules(options.limits),
    formatError: createFormatError(options.exposeErrors),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer, stopGracePeriodMillis: options.shutdownTimeoutMs }),
      errorLoggingPlugin(options.logger),
      costPlugin({ limits: options.limits, throttle: options.throttle }),
      responseCachePlugin<Context>(options.cache),
      graphqlOverHttpPlugin<Context>(),
      // No cache hints are used; the plugin would otherwise wrap every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      options.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
