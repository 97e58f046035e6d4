import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import { createFormatError, errorLoggingPlugin } from '../errors';
import type { Logger } from '../logger';
import type { Context } from './context';
import { type ResponseCache, responseCachePlugin } from './response-cache';

export interface ApolloOptions {
  schema: GraphQLSchema;
  httpServer: http.Server;
  logger: Logger;
  cache: ResponseCache;
  /** Original error messages for unexpected errors (development only). */
  exposeErrors: boolean;
  sandbox: boolean;
  shutdownTimeoutMs: number;
}

/** The hub's Apollo Server, the same for `main` and for the API tests. */
export function createApolloServer(options: ApolloOptions): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: options.schema,
    introspection: true,
    // Shutdown is ours (drain, close the pool, stop PostgreSQL), not Apollo's.
    stopOnTerminationSignals: false,
    // Read-only public data, no cookies or credentials: CSRF prevention would only block plain GET queries.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(options.exposeErrors),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer, stopGracePeriodMillis: options.shutdownTimeoutMs }),
      errorLoggingPlugin(options.logger),
      responseCachePlugin<Context>(options.cache),
      // No cache hints are used; the plugin would otherwise wrap every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      options.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
